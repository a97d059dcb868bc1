/**
 * The generated guards (lib/protocol/generated/guards.ts) against the io-ts codecs they are
 * generated from: the checked-in file is exactly what the generator writes today, and each guard's
 * verdict is its codec's `is` on every fixture frame and on random corruptions of valid events.
 */
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as t from 'io-ts';
import ts from 'typescript';
import { clientEventCodec, clientEventCodecs } from '../../lib/protocol/clientEvents';
import { clientEventGuard, serverEventGuard } from '../../lib/protocol/generated/guards';
import { serverEventCodec, serverEventCodecs } from '../../lib/protocol/serverEvents';
import { Integer, struct } from '../../lib/protocol/primitives';
import { taggedUnion, union } from '../../lib/protocol/combinators';
import { GUARDS_FILE, protocolGuardSource } from '../../scripts/generateGuards';
import { guardSource } from '../../scripts/guardSource';
import { clientEvent } from '../helpers/arbitraries';
import { invalidFrames, jsonFiles, sessionFiles, sessionLines } from '../helpers/corpus';

type Lookup = (type: string) => ((u: unknown) => boolean) | undefined;
type CodecOf = (type: string) => t.Mixed | undefined;

/** The guard's verdict and the codec's for `u`, looked up by `u.type` as decoding does (undefined when no codec). */
const verdicts = (u: unknown, guardOf: Lookup, codecOf: CodecOf): [boolean, boolean] | undefined => {
  const type = typeof u === 'object' && u !== null ? (u as { type?: unknown }).type : undefined;
  if (typeof type !== 'string') return undefined;
  const codec = codecOf(type);
  if (codec === undefined) {
    expect(guardOf(type)).toBeUndefined();
    return undefined;
  }
  const guard = guardOf(type);
  if (guard === undefined) throw new Error(`no guard for ${type}`);
  return [guard(u), codec.is(u)];
};

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const serverSeeds: unknown[] = [
  ...['server-events', 'server-events/synthesized', 'server-events/synthesized/minimal'].flatMap((dir) => jsonFiles(dir).map(([, text]) => JSON.parse(text) as unknown)),
  ...sessionFiles('.jsonl').flatMap((f) => sessionLines(f).map((line) => JSON.parse(line) as unknown)),
];
const timeline = sessionFiles('.timeline.jsonl').flatMap((f) => sessionLines(f).map((line) => JSON.parse(line) as { dir: string; event: unknown }));
const clientSeeds: unknown[] = [
  ...['client-events', 'client-events/variants', 'client-events/synthesized/minimal'].flatMap((dir) => jsonFiles(dir).map(([, text]) => JSON.parse(text) as unknown)),
  ...timeline.filter((l) => l.dir === 'client').map((l) => l.event),
];

describe('the generated guards module', () => {
  it('is byte for byte what `npm run guards` writes today (regenerate after changing a codec)', () => {
    expect(fs.readFileSync(GUARDS_FILE, 'utf8')).toBe(protocolGuardSource());
  });

  it('has a guard for every server and client event, and none for names that only exist on Object.prototype', () => {
    for (const type of Object.keys(serverEventCodecs)) expect(typeof serverEventGuard(type)).toBe('function');
    for (const type of Object.keys(clientEventCodecs)) expect(typeof clientEventGuard(type)).toBe('function');
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'response.audio.delta']) {
      expect(serverEventGuard(name)).toBeUndefined();
      expect(clientEventGuard(name)).toBeUndefined();
    }
  });

  it('contains no eval and no new Function (browser builds under a CSP)', () => {
    const code = fs.readFileSync(GUARDS_FILE, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/\beval\(|new Function\b/);
    expect(code).toMatch(/function isConversationItem\(/);
  });
});

describe('every generated guard gives its codec’s verdict', () => {
  it('on every fixture frame: the examples of all 46 server events, the session captures and the invalid frames', () => {
    const frames = [
      ...serverSeeds,
      ...timeline.filter((l) => l.dir === 'server').map((l) => l.event),
      ...invalidFrames().map((f) => parse(f.bytes.toString('utf8'))),
    ];
    const seen = new Set<string>();
    let rejected = 0;
    for (const frame of frames) {
      const v = verdicts(frame, serverEventGuard, serverEventCodec);
      if (v === undefined) continue;
      expect({ frame, verdict: v[0] }).toEqual({ frame, verdict: v[1] });
      seen.add((frame as { type: string }).type);
      if (!v[1]) rejected++;
    }
    expect(seen.size).toBe(Object.keys(serverEventCodecs).length);
    expect(rejected).toBeGreaterThan(0);
  });

  it('on every client fixture', () => {
    const seen = new Set<string>();
    for (const event of clientSeeds) {
      const v = verdicts(event, clientEventGuard, clientEventCodec);
      if (v === undefined) continue;
      expect({ event, verdict: v[0] }).toEqual({ event, verdict: v[1] });
      seen.add((event as { type: string }).type);
    }
    expect(seen.size).toBe(Object.keys(clientEventCodecs).length);
  });
});

// --- random corruptions ----------------------------------------------------------------------------

/** Every path to a field or element of a value (arrays: their first elements). */
const pathsOf = (value: unknown, prefix: readonly (string | number)[] = []): Array<readonly (string | number)[]> => {
  if (typeof value !== 'object' || value === null) return [];
  const keys: Array<string | number> = Array.isArray(value) ? value.map((_, i) => i).slice(0, 4) : Object.keys(value);
  return keys.flatMap((k) => [[...prefix, k], ...pathsOf((value as Record<string | number, unknown>)[k], [...prefix, k])]);
};

/** Values of every kind a field can wrongly hold. */
const junk = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, 0, -1, 1.5, NaN, Infinity, -0, 2 ** 53, '', 'x', 'inf', 'message', 'completed', true, false, [], {}, [null], [1, 'x'], [{}], { type: 'nope' }, { type: 'message', role: 'user' }, { id: 1 }, new Date(0), Object.create(null) as unknown),
  // a sparse array, which Array.prototype.every (io-ts) walks differently from a plain loop
  fc.constantFrom<unknown>(
    // eslint-disable-next-line no-sparse-arrays
    [, 1],
    // eslint-disable-next-line no-sparse-arrays
    [, { type: 'input_text' }],
  ),
  fc.jsonValue({ maxDepth: 2 }),
  fc.anything({ maxDepth: 2 }),
);

type Mutation = { kind: 'drop' } | { kind: 'set'; value: unknown } | { kind: 'add'; key: string; value: unknown } | { kind: 'wrap' } | { kind: 'nest' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant<Mutation>({ kind: 'drop' }),
  junk.map((value): Mutation => ({ kind: 'set', value })),
  fc.tuple(fc.constantFrom('extra', 'type', 'id', 'status', 'text', '__proto__', 'constructor'), junk).map(([key, value]): Mutation => ({ kind: 'add', key, value })),
  fc.constant<Mutation>({ kind: 'wrap' }),
  fc.constant<Mutation>({ kind: 'nest' }),
);

/** A deep copy of `value` with `m` applied at `path` (the root itself for an empty path). */
const mutate = (value: unknown, path: readonly (string | number)[], m: Mutation): unknown => {
  const apply = (target: unknown): unknown => {
    switch (m.kind) {
      case 'drop':
        return undefined;
      case 'set':
        return m.value;
      case 'add':
        if (typeof target !== 'object' || target === null) return target;
        return Array.isArray(target) ? [...(target as unknown[]), m.value] : Object.defineProperty({ ...target }, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
      case 'wrap':
        return [target];
      case 'nest':
        return Array.isArray(target) ? [target] : { inner: target };
    }
  };
  if (path.length === 0) return apply(value);
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy: Record<string | number, unknown> = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<string | number, unknown>;
  const next = mutate(copy[head], rest, m);
  if (next === undefined && m.kind === 'drop' && rest.length === 0) {
    if (Array.isArray(copy)) (copy as unknown[]).splice(head as number, 1);
    else delete copy[head];
  } else {
    copy[head] = next;
  }
  return copy;
};

/** Up to three corruptions of one seed, each at a path of the value it corrupts. */
const corrupted = (seeds: readonly unknown[]) =>
  fc
    .tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 3 }))
    .map(([seed, steps]) =>
      steps.reduce<unknown>((value, [n, m]) => {
        const paths = [[], ...pathsOf(value)];
        return mutate(value, paths[n % paths.length]!, m);
      }, seed),
    );

const agreeOn = (arbitrary: fc.Arbitrary<unknown>, guardOf: Lookup, codecOf: CodecOf, numRuns: number) => {
  let valid = 0;
  let invalid = 0;
  fc.assert(
    fc.property(arbitrary, (u) => {
      const v = verdicts(u, guardOf, codecOf);
      if (v === undefined) return;
      if (v[1]) valid++;
      else invalid++;
      expect(v[0]).toBe(v[1]);
    }),
    { numRuns },
  );
  // the corruptions reach both verdicts
  expect(valid).toBeGreaterThan(numRuns / 50);
  expect(invalid).toBeGreaterThan(numRuns / 50);
};

describe('every generated guard agrees with its codec on random corruptions of valid events', () => {
  it.each(Object.keys(serverEventCodecs))('%s', (type) => {
    const seeds = serverSeeds.filter((s) => (s as { type?: unknown }).type === type);
    expect(seeds.length).toBeGreaterThan(0);
    agreeOn(corrupted(seeds), serverEventGuard, serverEventCodec, 300);
  });

  it.each(Object.keys(clientEventCodecs))('client %s', (type) => {
    const seeds = clientSeeds.filter((s) => (s as { type?: unknown }).type === type);
    expect(seeds.length).toBeGreaterThan(0);
    agreeOn(corrupted(seeds), clientEventGuard, clientEventCodec, 300);
  });

  it('client events from the arbitraries, valid and corrupted', () => {
    fc.assert(
      fc.property(clientEvent, (event) => {
        expect(clientEventGuard(event.type)?.(event)).toBe(true);
      }),
      { numRuns: 300 },
    );
    agreeOn(clientEvent.chain((event) => corrupted([event])), clientEventGuard, clientEventCodec, 500);
  });
});

// --- the generator itself ---------------------------------------------------------------------------

/** The guards generated for `codecs`, compiled and loaded (here, in a test, `new Function` is fine). */
const compile = (codecs: Array<[string, t.Mixed]>): Lookup => {
  const js = ts.transpileModule(guardSource(codecs, []), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const exports: { serverEventGuard?: Lookup } = {};
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('exports', js)(exports);
  return exports.serverEventGuard!;
};

describe('the guard generator', () => {
  it('refuses a codec kind it does not know, naming it and where it is', () => {
    const Positive = t.brand(t.number, (n): n is t.Branded<number, { readonly Positive: unique symbol }> => n > 0, 'Positive');
    expect(() => guardSource([['x', t.type({ type: t.literal('x'), n: Positive })]], [])).toThrow(/cannot translate Positive \(codec "Positive", RefinementType\)/);
    expect(() => guardSource([['x', t.type({ type: t.literal('x'), n: t.exact(t.type({ a: t.string })) })]], [])).toThrow(/ExactType.*teach/);
    type Tree = { kids: Tree[] };
    const Tree: t.Type<Tree> = t.recursion('Tree', () => t.type({ kids: t.array(Tree) }));
    expect(() => guardSource([['x', t.type({ type: t.literal('x'), tree: Tree })]], [])).toThrow(/RecursiveType/);
  });

  it('refuses a custom t.Type missing from its registry: it cannot know what `is` checks', () => {
    const Even = new t.Type<number, number, unknown>('even', (u): u is number => typeof u === 'number' && u % 2 === 0, (u, c) => (typeof u === 'number' && u % 2 === 0 ? t.success(u) : t.failure(u, c)), t.identity);
    expect(() => guardSource([['x', t.type({ type: t.literal('x'), n: Even })]], [])).toThrow(/"even", a custom t\.Type\).*customGuards/);
  });

  it('refuses an event codec without its literal type', () => {
    expect(() => guardSource([['x', t.type({ type: t.string })]], [])).toThrow(/literal "type"/);
    expect(() => guardSource([['x', t.string]], [])).toThrow(/object codec/);
  });

  it('translates the kinds io-ts treats subtly: required keys whose codec allows undefined, sparse arrays, unions, enumerations', () => {
    const Sample = struct(
      'Sample',
      { type: t.literal('s'), any: t.unknown, gone: t.undefined },
      { list: t.array(Integer), maybe: t.array(union([t.string, t.undefined])), pick: t.keyof({ a: null, b: null }), tagged: taggedUnion('k', [t.type({ k: t.literal('a') }), t.type({ k: t.literal(1), n: t.number })]), bool: t.boolean },
    );
    const guard = compile([['s', Sample]])('s')!;
    const values: unknown[] = [
      { type: 's', any: 1, gone: undefined },
      { type: 's', gone: undefined },
      { type: 's', any: undefined },
      { type: 's', any: null, gone: undefined, list: [1, 2] },
      // eslint-disable-next-line no-sparse-arrays
      { type: 's', any: null, gone: undefined, list: [, 1] },
      { type: 's', any: null, gone: undefined, list: [undefined] },
      { type: 's', any: null, gone: undefined, maybe: [undefined, 'x'] },
      { type: 's', any: null, gone: undefined, pick: 'b' },
      { type: 's', any: null, gone: undefined, pick: 'toString' },
      { type: 's', any: null, gone: undefined, tagged: { k: 1, n: 2 } },
      { type: 's', any: null, gone: undefined, tagged: { k: '1', n: 2 } },
      { type: 's', any: null, gone: undefined, tagged: { k: 'a' }, bool: false },
      { type: 's', any: null, gone: undefined, bool: 0 },
      [],
      Object.assign(Object.create({ any: 1 }) as object, { type: 's', gone: undefined }),
    ];
    for (const u of values) expect({ u, verdict: guard(u) }).toEqual({ u, verdict: Sample.is(u) });
  });
});
