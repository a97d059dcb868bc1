/**
 * The generated schemas (lib/protocol/generated/schema.ts) and their interpreter
 * (lib/protocol/schemaCheck.ts) against the io-ts codecs they are generated from: the checked-in
 * file is exactly what the generator writes today, the module it is holds the schemas the
 * generator builds, every codec's name is the one the interpreter derives or stores, and the
 * interpreter's verdicts and issues are io-ts's on the codec kinds io-ts treats subtly. (Every
 * event on both backends: spec/protocol/eventValidation.spec.ts.)
 */
import * as fs from 'node:fs';
import * as t from 'io-ts';
import { isLeft } from 'fp-ts/Either';
import { taggedUnion, union, intersection } from '../../lib/protocol/combinators';
import { clientEventCodecs } from '../../lib/protocol/clientEvents';
import { essentialCodec } from '../../lib/protocol/essentials';
import { fieldIssues, issueList } from '../../lib/protocol/failures';
import { clientSchemas, serverSchemas } from '../../lib/protocol/generated/schema';
import { FiniteNumber, Integer, JsonObject, nullable, struct } from '../../lib/protocol/primitives';
import type { Schema } from '../../lib/protocol/schemaCheck';
import { explain, is, nameOf } from '../../lib/protocol/schemaCheck';
import { serverEventCodecs } from '../../lib/protocol/serverEvents';
import { SCHEMA_FILE, protocolSchemaSource } from '../../scripts/generateSchema';
import { codecSchema, eventSchema, schemaSource } from '../../scripts/schemaSource';

/** A schema written out with every node's kind, name and children: equal for equal schemas. */
const print = (s: Schema | undefined): string => {
  if (s === undefined) return '-';
  if (typeof s === 'number') return String(s);
  const fields = (f: unknown) => (f === 0 ? '0' : `{${Object.entries(f as Record<string, Schema>).map(([k, v]) => `${k}:${print(v)}`).join(',')}}`);
  const node = s as unknown as Record<string, unknown>;
  const parts = [
    'v' in node ? JSON.stringify(node['v']) : '',
    'r' in node ? `${fields(node['r'])}&${fields(node['o'])}` : '',
    'i' in node ? print(node['i'] as Schema) : '',
    'm' in node ? `${typeof node['t'] === 'string' ? node['t'] : ''}[${(node['m'] as Schema[]).map(print).join('|')}]` : '',
  ];
  return `${String(node['k'])}<${nameOf(s)}>(${parts.join('')})`;
};

/** Every codec reachable from `root` through io-ts's own fields. */
const reachable = (root: t.Mixed, seen = new Set<t.Mixed>()): Set<t.Mixed> => {
  if (seen.has(root)) return seen;
  seen.add(root);
  const c = root as t.Mixed & { props?: t.Props; types?: t.Mixed[]; type?: t.Mixed };
  for (const child of [...Object.values(c.props ?? {}), ...(c.types ?? []), ...(c.type ? [c.type] : [])]) reachable(child, seen);
  return seen;
};

const serverTypes = Object.keys(serverEventCodecs) as Array<keyof typeof serverEventCodecs>;

describe('the generated schema module', () => {
  it('is byte for byte what `npm run schema` writes today (regenerate after changing a codec)', () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(protocolSchemaSource());
  });

  it('contains no eval and no new Function (browser builds under a CSP)', () => {
    const code = fs.readFileSync(SCHEMA_FILE, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/\beval\(|new Function\b/);
  });

  it('holds, for every server and client event, the schemas the generator builds from its codecs', () => {
    expect([...serverSchemas.keys()]).toEqual(serverTypes);
    expect([...clientSchemas.keys()]).toEqual(Object.keys(clientEventCodecs));
    for (const type of serverTypes) {
      const [full, essentials] = serverSchemas.get(type)!;
      const built = [eventSchema(serverEventCodecs[type], type, type), eventSchema(essentialCodec(type)!, type, `${type} (essentials)`)];
      expect({ type, full: print(full) }).toEqual({ type, full: print(built[0]) });
      expect({ type, essentials: print(essentials ?? full) }).toEqual({ type, essentials: print(built[1]) });
    }
    for (const [type, codec] of Object.entries(clientEventCodecs)) {
      expect({ type, schema: print(clientSchemas.get(type)) }).toEqual({ type, schema: print(eventSchema(codec, type, type)) });
    }
  });

  it('names every codec of the protocol as io-ts does (derived from the structure, or stored where given)', () => {
    const codecs = new Set<t.Mixed>();
    for (const type of serverTypes) [serverEventCodecs[type], essentialCodec(type)!].forEach((c) => reachable(c, codecs));
    Object.values(clientEventCodecs).forEach((c) => reachable(c, codecs));
    expect(codecs.size).toBeGreaterThan(150);
    for (const codec of codecs) expect(nameOf(codecSchema(codec))).toBe(codec.name);
  });
});

describe('the interpreter gives io-ts’s verdicts and issues', () => {
  /** The interpreter's verdict and issues on `u`, and io-ts's. */
  const both = (codec: t.Mixed, u: unknown) => {
    const schema = codecSchema(codec);
    const decoded = codec.decode(u);
    return [
      { verdict: is(schema, u), issues: issueList(explain(schema, u, '', nameOf(schema))) },
      { verdict: codec.is(u), issues: isLeft(decoded) ? fieldIssues(decoded.left) : [] },
    ];
  };

  const Part = taggedUnion('type', [struct('text part', { type: t.literal('text') }, { text: nullable(t.string) }), t.type({ type: t.literal('audio'), ms: Integer })]);
  const Sample = struct(
    'Sample',
    { type: t.literal('s'), any: t.string, n: FiniteNumber },
    {
      list: t.array(Integer),
      maybe: t.array(union([t.string, t.undefined])),
      pick: t.keyof({ a: null, b: null }),
      tagged: taggedUnion('k', [t.type({ k: t.literal('a') }), t.type({ k: t.literal(1), n: t.number })]),
      parts: nullable(t.array(Part)),
      both: intersection([t.type({ a: t.string }), t.partial({ b: nullable(t.boolean) })]),
      anon: t.partial({ deep: t.type({ x: t.array(t.type({ y: t.literal(true) })) }) }),
      json: nullable(union([t.array(t.string), JsonObject])),
      unknown: t.unknown,
      nothing: t.null,
      list2: t.UnknownArray,
    },
  );

  it.each<[string, unknown]>([
    ['valid', { type: 's', any: 'x', n: 1 }],
    ['not an object', [1]],
    ['null', null],
    ['missing required', { type: 's' }],
    ['wrong leaves', { type: 's', any: 1, n: Infinity }],
    ['an array item', { type: 's', any: 'x', n: 1, list: [1, 0.5, 'x'] }],
    // eslint-disable-next-line no-sparse-arrays
    ['a sparse array: holes skipped by `is`, read as undefined by `decode`', { type: 's', any: 'x', n: NaN, list: [, 1] }],
    // eslint-disable-next-line no-sparse-arrays
    ['a sparse array alone', { type: 's', any: 'x', n: 1, list: [, 1] }],
    ['a union of undefined', { type: 's', any: 'x', n: 1, maybe: [undefined, 'x', 1] }],
    ['an enumeration', { type: 's', any: 'x', n: 1, pick: 'toString' }],
    ['a tagged union with an unknown tag', { type: 's', any: 'x', n: 1, tagged: { k: '1', n: 2 } }],
    ['a tagged union member', { type: 's', any: 'x', n: 1, tagged: { k: 1, n: 'x' } }],
    ['a tagged union that is no object', { type: 's', any: 'x', n: 1, tagged: 'a' }],
    ['nullable array of tagged structs', { type: 's', any: 'x', n: 1, parts: [{ type: 'text', text: 1 }, { type: 'audio', ms: 0.5 }, { type: 'video' }, 3] }],
    ['nullable array that is no array', { type: 's', any: 'x', n: 1, parts: 'x' }],
    ['an anonymous intersection', { type: 's', any: 'x', n: 1, both: { b: 'x' } }],
    ['an anonymous intersection that is no object', { type: 's', any: 'x', n: 1, both: 3 }],
    ['anonymous nested objects', { type: 's', any: 'x', n: 1, anon: { deep: { x: [{ y: false }, {}] } } }],
    ['anonymous nested object that is no object', { type: 's', any: 'x', n: 1, anon: { deep: [] } }],
    ['a union of array and record', { type: 's', any: 'x', n: 1, json: [1] }],
    ['a union of array and record, neither', { type: 's', any: 'x', n: 1, json: 'x' }],
    ['leaves of every kind', { type: 's', any: 'x', n: 1, unknown: undefined, nothing: 0, list2: {} }],
    ['many failures (more than the issues kept)', { type: 's', any: 1, n: 'x', list: Array.from({ length: 50 }, (_, i) => `x${i}`) }],
    ['an inherited field', Object.assign(Object.create({ any: 'x' }) as object, { type: 's', n: 1 })],
  ])('%s', (_, u) => {
    const [interpreted, ioTs] = both(Sample, u);
    expect(interpreted).toStrictEqual(ioTs);
  });

  it('names anonymous codecs as io-ts spells them', () => {
    for (const codec of [Sample, ...reachable(Sample)]) expect(nameOf(codecSchema(codec))).toBe(codec.name);
    expect(nameOf(codecSchema(t.partial({})))).toBe('Partial<{  }>');
    expect(nameOf(codecSchema(t.type({ 'a b': t.literal(1) })))).toBe('{ a b: 1 }');
  });
});

describe('the schema generator', () => {
  const event = (props: t.Props) => t.type({ type: t.literal('x'), ...props }, 'x');

  it('refuses a codec kind it does not know, naming it and where it is', () => {
    const Positive = t.brand(t.number, (n): n is t.Branded<number, { readonly Positive: unique symbol }> => n > 0, 'Positive');
    expect(() => codecSchema(t.type({ n: Positive }))).toThrow(/cannot translate .* n \(codec "Positive", RefinementType\)/);
    expect(() => codecSchema(t.exact(t.type({ a: t.string })))).toThrow(/ExactType.*teach/);
    type Tree = { kids: Tree[] };
    const Tree: t.Type<Tree> = t.recursion('Tree', () => t.type({ kids: t.array(Tree) }));
    expect(() => codecSchema(Tree)).toThrow(/RecursiveType/);
    expect(() => codecSchema(t.record(t.string, t.number))).toThrow(/DictionaryType/);
  });

  it('refuses a custom t.Type missing from its registry, and leaves named otherwise', () => {
    const Even = new t.Type<number, number, unknown>('even', (u): u is number => typeof u === 'number' && u % 2 === 0, (u, c) => (typeof u === 'number' && u % 2 === 0 ? t.success(u) : t.failure(u, c)), t.identity);
    expect(() => codecSchema(t.type({ n: Even }))).toThrow(/"even", a custom t\.Type\).*customLeaves/);
    expect(() => codecSchema(new t.StringType().pipe(t.string, 'Text'))).toThrow(/cannot translate/);
  });

  it('refuses what the interpreter does not model: required keys whose codec allows undefined, __proto__ fields', () => {
    expect(() => codecSchema(t.type({ gone: t.undefined }))).toThrow(/required field whose codec allows undefined/);
    expect(() => codecSchema(t.type({ any: t.unknown }))).toThrow(/required field whose codec allows undefined/);
    expect(() => codecSchema(t.partial({ ['__proto__']: t.string }))).toThrow(/__proto__/);
  });

  it('refuses event codecs without their literal type or name', () => {
    expect(() => schemaSource([], [['x', t.type({ type: t.string }, 'x')]])).toThrow(/literal "type"/);
    expect(() => schemaSource([], [['x', t.string]])).toThrow(/named "x"/);
    expect(() => schemaSource([], [['x', t.type({ type: t.literal('x') })]])).toThrow(/named "x"/);
    expect(() => schemaSource([], [['x', union([event({}), event({ a: t.string })], 'x')]])).toThrow(/t\.type or struct/);
    expect(schemaSource([], [['x', event({ a: t.string })]])).toContain('["x", O({ a: 0 })]');
  });

  it('emits a sub-schema used more than once as one constant, and an event whose essentials are all its fields once', () => {
    const Shared = struct('Shared', { id: t.string }, {});
    const full = struct('x', { type: t.literal('x') }, { a: Shared, b: t.array(Shared) });
    const essentials = struct('x (essentials)', { type: t.literal('x') }, { a: Shared, b: t.array(Shared) });
    const source = schemaSource([['x', full, essentials]], [['y', t.type({ type: t.literal('y'), c: Shared }, 'y')]]);
    expect(source).toContain('const Shared = O({ id: 0 }, {}, "Shared");');
    expect(source).toContain('["x", [O({}, { a: Shared, b: A(Shared) })]]');
    expect(source).toContain('["y", O({ c: Shared })]');
  });
});
