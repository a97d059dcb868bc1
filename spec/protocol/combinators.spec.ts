/**
 * The protocol's `union`, `taggedUnion` and `intersection` (lib/protocol/combinators.ts) against
 * io-ts's own `t.union` and `t.intersection`: every codec of the protocol is rebuilt with io-ts's
 * combinators (same names, same leaves), and both must pick the same union tags and give the same
 * verdict (`is`) and the same errors (`decode`: values, context keys, type names, in order) for
 * every OpenAI example, every captured session frame, and systematic corruptions of each.
 */
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { clientEventCodecs } from '../../lib/protocol/clientEvents';
import { essentialCodec } from '../../lib/protocol/essentials';
import { intersection, taggedUnion, union } from '../../lib/protocol/combinators';
import { serverEventCodecs } from '../../lib/protocol/serverEvents';
import { jsonFiles, sessionFiles, sessionLines } from '../helpers/corpus';

type Node = t.Mixed & { _tag?: string; props?: t.Props; types?: t.Mixed[]; type?: t.Mixed; tag?: string };

const mapProps = (props: t.Props, f: (c: t.Mixed) => t.Mixed): t.Props => Object.fromEntries(Object.entries(props).map(([k, c]) => [k, f(c)]));

/** The same codec, built with io-ts's combinators throughout. */
const reference = (() => {
  const built = new Map<t.Mixed, t.Mixed>();
  const build = (codec: t.Mixed): t.Mixed => {
    const known = built.get(codec);
    if (known) return known;
    const c = codec as Node;
    const members = () => c.types!.map(build) as [t.Mixed, t.Mixed, ...t.Mixed[]];
    const r =
      c._tag === 'UnionType'
        ? t.union(members(), c.name)
        : c._tag === 'IntersectionType'
          ? t.intersection(members() as [t.Mixed, t.Mixed], c.name)
          : c._tag === 'InterfaceType'
            ? t.type(mapProps(c.props!, build), c.name)
            : c._tag === 'PartialType'
              ? t.partial(mapProps(c.props!, build), c.name)
              : c._tag === 'ArrayType'
                ? t.array(build(c.type!), c.name)
                : codec;
    built.set(codec, r);
    return r;
  };
  return build;
})();

/** Every codec reachable from the roots, once. */
const reachable = (roots: readonly t.Mixed[]): Node[] => {
  const seen = new Set<t.Mixed>();
  const visit = (c: Node): void => {
    if (seen.has(c)) return;
    seen.add(c);
    Object.values(c.props ?? {}).forEach((p) => visit(p));
    (c.types ?? []).forEach((m) => visit(m));
    if (c.type instanceof t.Type) visit(c.type);
  };
  roots.forEach((r) => visit(r));
  return [...seen] as Node[];
};

const serverTypes = Object.keys(serverEventCodecs);
const roots: Array<[string, t.Mixed]> = [
  ...Object.entries(serverEventCodecs).map(([type, c]) => [type, c as t.Mixed] as [string, t.Mixed]),
  ...serverTypes.map((type) => [`${type} (essentials)`, essentialCodec(type)!] as [string, t.Mixed]),
  ...Object.entries(clientEventCodecs).map(([type, c]) => [`client ${type}`, c as t.Mixed] as [string, t.Mixed]),
];

/** What a decode says, comparable across the two builds. */
const outcome = (codec: t.Mixed, u: unknown) => {
  const r = codec.decode(u);
  return E.isRight(r)
    ? { ok: true, same: r.right === u }
    : { ok: false, errors: r.left.map((e) => ({ value: e.value, context: e.context.map((c) => [c.key, c.type.name, c.actual]) })) };
};

const JUNK: unknown[] = [null, 7, 1.5, 'x', true, [], {}, [1], { type: 'nope' }];

/** The value with the field at `path` replaced (or removed, for `undefined`). */
const replaced = (value: unknown, path: readonly string[], junk: unknown): unknown => {
  if (path.length === 0) return junk;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(value)) return (value as unknown[]).map((v, i) => (String(i) === head ? replaced(v, rest, junk) : v));
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const next = replaced(out[head], rest, junk);
  if (next === undefined) delete out[head];
  else out[head] = next;
  return out;
};

/** Every field path of a value, to a depth, arrays included. */
const pathsOf = (value: unknown, depth: number, prefix: string[] = []): string[][] => {
  if (depth === 0 || typeof value !== 'object' || value === null) return [];
  const keys = Array.isArray(value) ? value.map((_, i) => String(i)).slice(0, 3) : Object.keys(value);
  return keys.flatMap((k) => [[...prefix, k], ...pathsOf((value as Record<string, unknown>)[k], depth - 1, [...prefix, k])]);
};

/** Each example, and each example with one field broken in each of several ways. */
const variants = (value: unknown): unknown[] => [value, ...pathsOf(value, 4).flatMap((p) => [...JUNK, undefined].map((junk) => replaced(value, p, junk)))];

const examples = (dir: string) => jsonFiles(dir).map(([, text]) => JSON.parse(text) as { type?: string });
const sessionFrames = sessionFiles('.jsonl')
  .flatMap((f) => sessionLines(f))
  .map((line) => JSON.parse(line) as { type?: string; data?: unknown })
  .map((l) => (l.data !== undefined ? l.data : l) as { type?: string });

describe('the protocol combinators build io-ts codecs that io-ts cannot tell from its own', () => {
  const nodes = reachable(roots.map(([, c]) => c));

  it('every union picks the tag io-ts would pick (or none), and unnamed ones carry the io-ts name', () => {
    const unions = nodes.filter((n) => n._tag === 'UnionType');
    expect(unions.length).toBeGreaterThan(50);
    for (const u of unions) {
      const io = t.union(u.types as [t.Mixed, t.Mixed]) as Node;
      expect({ name: u.name, tag: u.tag }).toEqual({ name: u.name, tag: io.tag });
      expect(u).toBeInstanceOf(t.UnionType);
      if (u.name.startsWith('(')) expect(u.name).toBe(io.name);
    }
    for (const i of nodes.filter((n) => n._tag === 'IntersectionType')) {
      expect(i).toBeInstanceOf(t.IntersectionType);
      if (i.name.startsWith('(')) expect(i.name).toBe(t.intersection(i.types as [t.Mixed, t.Mixed]).name);
    }
  });

  const server = [...examples('server-events'), ...sessionFrames].filter((v) => typeof v?.type === 'string' && v.type in serverEventCodecs);
  const client = examples('client-events').filter((v) => typeof v?.type === 'string' && v.type in clientEventCodecs);

  it.each(roots)('%s: the same verdicts and errors on every example and its corruptions', (name, codec) => {
    const type = name.replace(/^client /, '').replace(/ \(essentials\)$/, '');
    const values = (name.startsWith('client ') ? client : server).filter((v) => v.type === type).slice(0, 12);
    // a codec is also tried on the others' examples: the union tags and the envelope must fail alike
    const others = (name.startsWith('client ') ? client : server).filter((v) => v.type !== type).slice(0, 4);
    const ref = reference(codec);
    let compared = 0;
    for (const v of [...values.flatMap(variants), ...others, null, 7, 'x', []]) {
      expect([codec.is(v), outcome(codec, v)]).toEqual([ref.is(v), outcome(ref, v)]);
      compared++;
    }
    expect(compared).toBeGreaterThan(4);
  });
});

describe('union, taggedUnion and intersection, directly', () => {
  const A = t.type({ kind: t.literal('a'), n: t.number });
  const B = t.type({ kind: t.literal('b'), s: t.string });

  it('a tagged union tries only the member its tag names, and fails at itself for an unknown tag', () => {
    const ours = taggedUnion('kind', [A, B]);
    const io = t.union([A, B]);
    for (const u of [{ kind: 'a', n: 1 }, { kind: 'a', n: 'x' }, { kind: 'b', s: 1 }, { kind: 'c' }, { n: 1 }, 'a', null]) {
      expect([ours.is(u), outcome(ours, u)]).toEqual([io.is(u), outcome(io, u)]);
    }
    expect((ours as unknown as Node).tag).toBe('kind');
  });

  it('refuses what it cannot build like io-ts: an untagged member, a shared tag value, a transforming codec', () => {
    expect(() => taggedUnion('kind', [A, t.type({ s: t.string })])).toThrow(/must fix "kind"/);
    expect(() => taggedUnion('kind', [A, A])).toThrow(/must fix "kind"/);
    const Trimmed = new t.Type<string, string, unknown>('trimmed', t.string.is, (u, c) => (typeof u === 'string' ? t.success(u.trim()) : t.failure(u, c)), (s) => s);
    expect(() => union([Trimmed, t.null])).toThrow(/only identity codecs/);
    expect(() => intersection([A, t.type({ x: Trimmed })])).toThrow(/only identity codecs/);
  });

  it('a plain union reports the errors of every member; an intersection those of both, for the same value', () => {
    const ours = union([t.string, A]);
    const io = t.union([t.string, A]);
    const both = intersection([A, t.partial({ s: t.string })]);
    const ioBoth = t.intersection([A, t.partial({ s: t.string })]);
    for (const u of [7, { kind: 'a', n: 'x' }, { kind: 'a', n: 1, s: 2 }, { kind: 'a', n: 1, s: 's' }]) {
      expect(outcome(ours, u)).toEqual(outcome(io, u));
      expect(outcome(both, u)).toEqual(outcome(ioBoth, u));
    }
  });
});
