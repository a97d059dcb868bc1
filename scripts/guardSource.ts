/**
 * The source of lib/protocol/generated/guards.ts: plain TypeScript guard functions, generated from
 * the io-ts codecs, that give the same verdict as each codec's `is` without io-ts's generic
 * machinery (a closure per field, megamorphic calls). Pure: it returns text and writes nothing
 * (scripts/generateGuards.ts writes it; spec/protocol/guards.spec.ts compares it with the
 * checked-in file).
 *
 * Every codec kind the protocol uses is translated explicitly; a codec of any other kind (a
 * refinement, a recursive or exact codec, a custom `t.Type` missing from {@link customGuards}) is
 * refused with an error naming it, so a new codec can never be validated by a guess.
 *
 * @module
 */
import type * as t from 'io-ts';
import type { CodecNode } from './codecNode';
import { tagValues } from '../lib/protocol/combinators';
import { FiniteNumber, Integer } from '../lib/protocol/primitives';

/** What the generator reads off a codec. */
type Node = CodecNode;

/**
 * The custom codecs (`new t.Type(...)`, no io-ts `_tag`) the generator knows, each with the
 * expression its `is` stands for, given the expression of the value. A custom codec missing here
 * is refused.
 */
export const customGuards: ReadonlyMap<t.Mixed, (v: string) => string> = new Map<t.Mixed, (v: string) => string>([
  // typeof u === 'number' && Number.isSafeInteger(u): isSafeInteger is false for non-numbers
  [Integer, (v) => `Number.isSafeInteger(${v})`],
  // typeof u === 'number' && Number.isFinite(u): likewise
  [FiniteNumber, (v) => `Number.isFinite(${v})`],
]);

/** The codec roots of one lookup table: the wire `type` of each event and its codec. */
export type GuardRoots = ReadonlyArray<readonly [string, t.Mixed]>;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `u.key`, or `u["key"]` for a key that is not an identifier. */
const access = (object: string, key: string): string => (IDENTIFIER.test(key) ? `${object}.${key}` : `${object}[${quote(key)}]`);

/** A string literal in single quotes. */
const quote = (s: string): string => `'${JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;

/** A literal value as source. */
const source = (value: unknown): string | undefined =>
  typeof value === 'string' ? quote(value) : typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)) ? String(value) : undefined;

/** The words of a name in PascalCase (`response.output_audio.delta` → `ResponseOutputAudioDelta`). */
const pascal = (name: string): string =>
  name
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

/** A name given explicitly (`AudioFormat`, `input_text part`, a wire type), not io-ts's spelled-out structure. */
const isExplicitName = (name: string): boolean => /^[A-Za-z][\w .-]*$/.test(name) && name.length <= 60;

const refuse = (codec: t.Mixed, where: string, why: string): never => {
  const c = codec as Node;
  throw new Error(`generateGuards: cannot translate ${where} (codec "${codec.name}", ${c._tag === undefined ? 'a custom t.Type' : c._tag}): ${why}`);
};

/** One field check of an object codec. */
interface Field {
  readonly key: string;
  readonly codec: t.Mixed;
  readonly required: boolean;
}

/** The fields of an object codec (`t.type`, `t.partial`, or intersections of them), or `undefined` for any other codec. */
const fieldsOf = (codec: t.Mixed): Field[] | undefined => {
  const c = codec as Node;
  const props = (required: boolean) => Object.entries(c.props ?? {}).map(([key, field]) => ({ key, codec: field, required }));
  if (c._tag === 'InterfaceType') return props(true);
  if (c._tag === 'PartialType') return props(false);
  if (c._tag === 'IntersectionType') {
    const members = (c.types ?? []).map(fieldsOf);
    return members.every((m) => m !== undefined) ? members.flat() : undefined;
  }
  return undefined;
};

/** A leaf check: the expression for a value `v` (mentioned once), and a word naming it in function names. */
interface Leaf {
  readonly check: (v: string) => string;
  readonly word: string;
}

const LEAVES: Readonly<Record<string, Leaf>> = {
  StringType: { check: (v) => `typeof ${v} === 'string'`, word: 'String' },
  NumberType: { check: (v) => `typeof ${v} === 'number'`, word: 'Number' },
  BooleanType: { check: (v) => `typeof ${v} === 'boolean'`, word: 'Boolean' },
  NullType: { check: (v) => `${v} === null`, word: 'Null' },
  UndefinedType: { check: (v) => `${v} === undefined`, word: 'Undefined' },
  UnknownType: { check: () => 'true', word: 'Unknown' },
  AnyDictionaryType: { check: (v) => `isRecord(${v})`, word: 'Record' },
  AnyArrayType: { check: (v) => `Array.isArray(${v})`, word: 'Array' },
};

/** One generated function: its body, and the codecs it checks (for its doc comment). */
interface Emitted {
  readonly name: string;
  readonly body: string;
  readonly docs: string[];
}

/**
 * Emits one small function per codec (leaves too, so that a field reads `isString(u.delta)`, not
 * `typeof u.delta === 'string'`: smaller once minified, and inlined by the engine), shared by
 * every codec with the same body. Inside unions and arrays, leaves are written inline.
 */
class Emitter {
  /** codec (or `optional codec`) → the name of its function */
  private readonly named = new Map<t.Mixed, string>();
  private readonly optionals = new Map<t.Mixed, string>();
  /** function body → the function: structurally equal codecs share one function */
  private readonly byBody = new Map<string, Emitted>();
  private readonly taken = new Set<string>(['isRecord', 'hasOwn']);
  readonly functions: Emitted[] = [];
  usesHasOwn = false;

  /** The leaf check of `codec`, or `undefined` for a composite codec. */
  private leaf(codec: t.Mixed, where: string): Leaf | undefined {
    const custom = customGuards.get(codec);
    if (custom !== undefined) return { check: custom, word: pascal(codec.name) };
    const c = codec as Node;
    if (c._tag === undefined) return refuse(codec, where, 'a custom codec the generator does not know: add it to customGuards in scripts/guardSource.ts with the expression its `is` stands for');
    if (c._tag === 'LiteralType') {
      const value = source(c.value) ?? refuse(codec, where, 'a literal that cannot be written as source');
      return { check: (v) => `${v} === ${value}`, word: pascal(String(c.value)) };
    }
    return LEAVES[c._tag];
  }

  /** An expression that holds when `v` (mentioned once) is a value of `codec`: a leaf inline, else a call. */
  private inline(codec: t.Mixed, v: string, where: string): string {
    const leaf = this.leaf(codec, where);
    return leaf !== undefined ? leaf.check(v) : `${this.ref(codec, where)}(${v})`;
  }

  /** Adds a function (or finds the one with the same body); returns its name. */
  private emit(preferred: string, body: string, doc: string): string {
    const known = this.byBody.get(body);
    if (known !== undefined) {
      if (!known.docs.includes(doc)) known.docs.push(doc);
      return known.name;
    }
    let name = preferred;
    for (let i = 2; this.taken.has(name); i++) name = `${preferred}${i}`;
    this.taken.add(name);
    const emitted = { name, body, docs: [doc] };
    this.byBody.set(body, emitted);
    this.functions.push(emitted);
    return name;
  }

  /** The name of the function checking `codec` (emitted on first use). */
  ref(codec: t.Mixed, where: string): string {
    const known = this.named.get(codec);
    if (known !== undefined) return known;
    const leaf = this.leaf(codec, where);
    const name =
      leaf !== undefined
        ? this.emit(`is${leaf.word}`, `  return ${leaf.check('u')};`, codec.name)
        : (() => {
            const explicit = isExplicitName(codec.name);
            const { body, base } = this.body(codec, explicit ? codec.name : where);
            return this.emit(`is${explicit && (codec as Node)._tag !== 'KeyofType' ? pascal(codec.name) : base}`, body, codec.name);
          })();
    this.named.set(codec, name);
    return name;
  }

  /** The name of the function checking `codec`, or `undefined` (an optional field). */
  private optional(codec: t.Mixed, where: string): string {
    const known = this.optionals.get(codec);
    if (known !== undefined) return known;
    const c = codec as Node;
    const checks =
      c._tag === 'UnionType' && c.tag === undefined ? (c.types ?? []).map((m, i) => this.inline(m, 'u', this.memberHint(c, i, where))) : [this.inline(codec, 'u', where)];
    const name = this.emit(`isOptional${this.word(codec, where)}`, `  return u === undefined || ${checks.join(' || ')};`, `${codec.name} | undefined`);
    this.optionals.set(codec, name);
    return name;
  }

  /** A word for `codec` in the names of the functions that use it. */
  private word(codec: t.Mixed, where: string): string {
    const c = codec as Node;
    // an untagged union is named by its members, without emitting a function for it
    if (c._tag === 'UnionType' && c.tag === undefined && !isExplicitName(codec.name)) return (c.types ?? []).map((m, i) => this.word(m, this.memberHint(c, i, where))).join('Or');
    return this.leaf(codec, where)?.word ?? this.ref(codec, where).slice(2);
  }

  /** A nullable composite's member takes the union's hint; other members are numbered. */
  private memberHint(union: Node, i: number, hint: string): string {
    return (union.types ?? []).filter((m) => this.leaf(m, hint) === undefined).length === 1 ? hint : `${hint} ${i}`;
  }

  /** The body of `codec`'s function, and the name it gets when it has no explicit one. */
  private body(codec: t.Mixed, hint: string): { body: string; base: string } {
    const c = codec as Node;
    const fields = fieldsOf(codec);
    if (fields !== undefined) return { body: this.objectBody(fields, hint), base: pascal(hint) };
    switch (c._tag) {
      case 'ArrayType': {
        const item = c.type as t.Mixed;
        const check = this.inline(item, 'v', `${hint} item`);
        // Array.prototype.every (io-ts's `is`) skips the holes of a sparse array
        const skipHoles = item.is(undefined) ? '' : ' && (v !== undefined || i in u)';
        return {
          body: [
            '  if (!Array.isArray(u)) return false;',
            '  for (let i = 0; i < u.length; i++) {',
            '    const v: unknown = u[i];',
            `    if (${/^[\w.]+\(v\)$/.test(check) ? `!${check}` : `!(${check})`}${skipHoles}) return false;`,
            '  }',
            '  return true;',
          ].join('\n'),
          base: `ArrayOf${this.word(item, `${hint} item`)}`,
        };
      }
      case 'UnionType': {
        if (c.tag !== undefined) return { body: this.taggedBody(c, c.tag, hint), base: pascal(hint) };
        const checks = (c.types ?? []).map((m, i) => this.inline(m, 'u', this.memberHint(c, i, hint)));
        return { body: `  return ${checks.join(' || ')};`, base: this.word(codec, hint) };
      }
      case 'KeyofType': {
        const keys = Object.keys(c.keys ?? {});
        const base = keys.length <= 4 ? keys.map(pascal).join('Or') : pascal(hint);
        return { body: `  return ${keys.length === 0 ? 'false' : keys.map((k) => `u === ${quote(k)}`).join(' || ')};`, base };
      }
      case 'IntersectionType':
        return { body: `  return ${(c.types ?? []).map((m, i) => this.inline(m, 'u', `${hint} ${i}`)).join(' && ')};`, base: pascal(hint) };
      default:
        return refuse(codec, hint, 'a codec kind the generator does not translate: teach scripts/guardSource.ts its `is`');
    }
  }

  /** The checks of an object's fields, one a line, after `isRecord(u)`. */
  private objectBody(fields: readonly Field[], hint: string): string {
    return `  return (\n    ${['isRecord(u)', ...fields.map((f) => this.fieldCheck(f, hint))].join(' &&\n    ')}\n  );`;
  }

  private fieldCheck({ key, codec, required }: Field, hint: string): string {
    const value = access('u', key);
    const where = `${hint} ${key}`;
    const c = codec as Node;
    if (c._tag === 'LiteralType') return this.inline(codec, value, where);
    const allowsUndefined = codec.is(undefined);
    if (required && allowsUndefined) {
      // io-ts's `type` requires the key itself, even when its codec allows `undefined`
      this.usesHasOwn = true;
      return `(${value} === undefined ? hasOwn(u, ${quote(key)}) : ${this.ref(codec, where)}(${value}))`;
    }
    return `${required || allowsUndefined ? this.ref(codec, where) : this.optional(codec, where)}(${value})`;
  }

  /** An event's function, looked up by its `type`: the `type` field itself is the table's key, not checked again. */
  event(codec: t.Mixed, type: string): string {
    const fields = fieldsOf(codec) ?? refuse(codec, type, 'an event codec must be an object codec');
    const typeField = fields.find((f) => f.key === 'type' && f.required && (f.codec as Node)._tag === 'LiteralType' && (f.codec as Node).value === type);
    if (typeField === undefined) refuse(codec, type, `an event codec must require the literal "type": ${JSON.stringify(type)}`);
    return this.emit(`is${pascal(type)}`, this.objectBody(fields.filter((f) => f !== typeField), type), type);
  }

  private taggedBody(codec: Node, tag: string, hint: string): string {
    const lines = ['  if (!isRecord(u)) return false;', `  switch (${access('u', tag)}) {`];
    const seen = new Set<unknown>();
    (codec.types ?? []).forEach((member, i) => {
      const values = tagValues(member, tag);
      if (values.length === 0 || values.some((value) => seen.has(value))) refuse(codec, hint, `member ${i} does not fix "${tag}" to values of its own`);
      values.forEach((value) => seen.add(value));
      for (const value of values) lines.push(`    case ${source(value) ?? refuse(codec, hint, 'a tag that cannot be written as source')}:`);
      lines.push(`      return ${this.inline(member, 'u', `${hint} ${String(values[0])}`)};`);
    });
    lines.push('    default:', '      return false;', '  }');
    return lines.join('\n');
  }
}

/** A function's source, with a doc comment naming the codecs it checks. */
const render = ({ name, body, docs }: Emitted): string => {
  const doc = docs.map((d) => (d.length <= 100 ? d : `${d.slice(0, 97)}...`).replace(/\*\//g, '*\\/')).join('; ');
  return `/** ${doc} */\nfunction ${name}(u: unknown): boolean {\n${body}\n}`;
};

const HEADER = `// Generated by scripts/generateGuards.ts from the io-ts codecs in lib/protocol: do not edit.
// Regenerate with \`npm run guards\`; spec/protocol/guards.spec.ts fails when this file is stale.
/**
 * Allocation-free guards, one per server and client event, that give the verdict of each event
 * codec's \`is\` as straight-line code (no io-ts closures, no megamorphic calls, no \`new Function\`,
 * so browser builds stay CSP-safe). Failures are still explained by the io-ts codecs.
 *
 * @module
 */`;

/**
 * The source of the generated guards module for the given server and client event codecs.
 *
 * @throws Error for a codec the generator cannot translate (it names the codec and where it is).
 *
 * @example
 * ```ts
 * const source = guardSource(Object.entries(serverEventCodecs), Object.entries(clientEventCodecs));
 * ```
 */
export function guardSource(server: GuardRoots, client: GuardRoots): string {
  const emitter = new Emitter();
  const table = (roots: GuardRoots) => roots.map(([type, codec]) => `  [${quote(type)}, ${emitter.event(codec, type)}],`).join('\n');
  const serverTable = table(server);
  const clientTable = table(client);
  const helpers = [
    '/** `t.UnknownRecord.is`: an object that is not an array. */',
    'const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === \'object\' && u !== null && !Array.isArray(u);',
    ...(emitter.usesHasOwn ? ['', 'const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);'] : []),
  ];
  return `${[
    HEADER,
    helpers.join('\n'),
    ...emitter.functions.map(render),
    `/**
 * A generated guard: the verdict of its event codec's \`is\`, for a value whose \`type\` is the type
 * the guard was looked up by (the table's key; it is not checked again, so that events with the
 * same fields share one function).
 */
export type Guard = (u: unknown) => boolean;`,
    `const serverGuards: ReadonlyMap<string, Guard> = new Map<string, Guard>([\n${serverTable}\n]);`,
    `const clientGuards: ReadonlyMap<string, Guard> = new Map<string, Guard>([\n${clientTable}\n]);`,
    `/** The guard of a server event \`type\` (a \`Map\` lookup: \`__proto__\` finds nothing), or \`undefined\` for an unknown type. */
export const serverEventGuard = (type: string): Guard | undefined => serverGuards.get(type);`,
    `/** The guard of a client event \`type\`, or \`undefined\` for an unknown type. */
export const clientEventGuard = (type: string): Guard | undefined => clientGuards.get(type);`,
  ].join('\n\n')}\n`;
}
