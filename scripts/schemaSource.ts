/**
 * The source of lib/protocol/generated/schema.ts: the io-ts codecs of the server events (full and
 * essentials) and of the client events as compact data, for the interpreter in
 * lib/protocol/schemaCheck.ts that browser builds validate with instead of io-ts. Pure: it returns
 * text and writes nothing (scripts/generateSchema.ts writes it; spec/protocol/schema.spec.ts
 * compares it with the checked-in file).
 *
 * Sub-schemas used more than once are emitted once, as constants. A name is stored only where a
 * codec was named explicitly and differently from io-ts's spelling of its structure (the
 * interpreter derives the rest). As in scripts/guardSource.ts, every codec kind the protocol uses
 * is translated explicitly and any other kind is refused with an error naming it.
 *
 * @module
 */
import type * as t from 'io-ts';
import type { CodecNode } from './codecNode';
import { FiniteNumber, Integer } from '../lib/protocol/primitives';
import type { Fields, Schema } from '../lib/protocol/schemaCheck';
import { A, I, K, L, N, O, T, U, nameOf } from '../lib/protocol/schemaCheck';

/** What the generator reads off a codec. */
type Codec = CodecNode;

/** The leaf codes of schemaCheck.ts, by io-ts `_tag`, and of the protocol's custom codecs. */
const LEAVES: Readonly<Record<string, number>> = {
  StringType: 0,
  NumberType: 1,
  BooleanType: 2,
  NullType: 3,
  UndefinedType: 4,
  UnknownType: 5,
  AnyDictionaryType: 6,
  AnyArrayType: 7,
};

/** The custom codecs (`new t.Type(...)`) the generator knows, with their leaf codes. */
export const customLeaves: ReadonlyMap<t.Mixed, number> = new Map<t.Mixed, number>([
  [Integer, 8],
  [FiniteNumber, 9],
]);

/** The codec roots of one table: the wire `type` of each event and its codec. */
export type SchemaRoots = ReadonlyArray<readonly [string, t.Mixed]>;

/** The server event roots: the wire `type`, the full codec and the essentials codec. */
export type ServerSchemaRoots = ReadonlyArray<readonly [string, t.Mixed, t.Mixed]>;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

const key = (k: string): string => (IDENTIFIER.test(k) ? k : JSON.stringify(k));

const refuse = (codec: t.Mixed, where: string, why: string): never => {
  const c = codec as Codec;
  throw new Error(`generateSchema: cannot translate ${where} (codec "${codec.name}", ${c._tag === undefined ? 'a custom t.Type' : c._tag}): ${why}`);
};

/** One translated codec: its schema, and its source given how to write its children. */
interface Def {
  /** the source with every child written inline: equal for structurally equal codecs */
  readonly id: string;
  readonly node: Schema;
  readonly children: readonly Def[];
  readonly render: (ref: (d: Def) => string) => string;
  /** the codec's explicit name, for the constant's name */
  readonly label: string | undefined;
}

/** `, "name"` when the codec's name is not what the interpreter derives from the structure. */
const nameArg = (codec: t.Mixed, node: Schema): string | undefined => {
  const derived = nameOf(node);
  if (derived === codec.name) return undefined;
  if (typeof node !== 'number') node.n = codec.name;
  return codec.name;
};

class Builder {
  private readonly byCodec = new Map<t.Mixed, Def>();
  private readonly byId = new Map<string, Def>();

  private share(def: Def): Def {
    const known = this.byId.get(def.id);
    if (known !== undefined) return known;
    this.byId.set(def.id, def);
    return def;
  }

  /** A composite def: `head(children sources, name)`. */
  private composite(codec: t.Mixed, node: Schema, children: Def[], write: (sources: string[]) => string): Def {
    const name = nameArg(codec, node);
    // a last argument of 0 (`O(r, 0)`, a t.type) is the default: left out when no name follows
    const withName = (body: string) => (name === undefined ? `${body.replace(/, 0$/, '')})` : `${body}, ${JSON.stringify(name)})`);
    return this.share({
      id: withName(write(children.map((c) => c.id))),
      node,
      children,
      render: (ref) => withName(write(children.map(ref))),
      label: name,
    });
  }

  def(codec: t.Mixed, where: string): Def {
    const known = this.byCodec.get(codec);
    if (known !== undefined) return known;
    const def = this.translate(codec, where);
    this.byCodec.set(codec, def);
    return def;
  }

  private leaf(code: number, codec: t.Mixed, where: string): Def {
    if (nameOf(code) !== codec.name) refuse(codec, where, `a leaf named otherwise than io-ts names it ("${nameOf(code)}")`);
    return this.share({ id: String(code), node: code, children: [], render: () => String(code), label: undefined });
  }

  private translate(codec: t.Mixed, where: string): Def {
    const custom = customLeaves.get(codec);
    if (custom !== undefined) return this.leaf(custom, codec, where);
    const c = codec as Codec;
    if (c._tag === undefined) return refuse(codec, where, 'a custom codec the generator does not know: add it to customLeaves in scripts/schemaSource.ts (and to the interpreter)');
    const leaf = LEAVES[c._tag];
    if (leaf !== undefined) return this.leaf(leaf, codec, where);
    switch (c._tag) {
      case 'LiteralType': {
        const v = c.value;
        if (!(typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))) refuse(codec, where, 'a literal that cannot be written as source');
        return this.composite(codec, L(v), [], () => `L(${JSON.stringify(v)}`);
      }
      case 'KeyofType': {
        const keys = Object.keys(c.keys ?? {});
        return this.composite(codec, K(keys), [], () => `K(${JSON.stringify(keys)}`);
      }
      case 'InterfaceType':
      case 'PartialType':
        return this.object(codec, c._tag === 'InterfaceType' ? c : undefined, c._tag === 'PartialType' ? c : undefined, where);
      case 'IntersectionType': {
        const [a, b, ...rest] = (c.types ?? []) as Codec[];
        // intersection([t.type(r), t.partial(o)]): one object schema, when the members carry io-ts's own names
        if (rest.length === 0 && a?._tag === 'InterfaceType' && b?._tag === 'PartialType' && this.autoNamed(a, where) && this.autoNamed(b, where)) return this.object(codec, a, b, where);
        const members = (c.types ?? []).map((m, i) => this.def(m, `${where} ${i}`));
        return this.composite(codec, I(members.map((m) => m.node)), members, (s) => `I([${s.join(', ')}]`);
      }
      case 'ArrayType': {
        const item = this.def(c.type as t.Mixed, `${where} item`);
        return this.composite(codec, A(item.node), [item], ([s]) => `A(${s}`);
      }
      case 'UnionType': {
        const types = (c.types ?? []) as Codec[];
        const members = types.map((m, i) => this.def(m, `${where} ${i}`));
        if (c.tag !== undefined) {
          const tag = c.tag;
          const node = T(tag, members.map((m) => m.node));
          if (typeof node === 'number' || !('g' in node) || node.g.some((g) => g.length === 0) || new Set(node.g.flat()).size !== node.g.flat().length) refuse(codec, where, `a member does not fix "${tag}" to values of its own`);
          return this.composite(codec, node, members, (s) => `T(${JSON.stringify(tag)}, [${s.join(', ')}]`);
        }
        if (types.length === 2 && types[1]?._tag === 'NullType' && types[1].name === 'null') {
          const [inner] = members as [Def];
          return this.composite(codec, N(inner.node), [inner], ([s]) => `N(${s}`);
        }
        return this.composite(codec, U(members.map((m) => m.node)), members, (s) => `U([${s.join(', ')}]`);
      }
      default:
        return refuse(codec, where, 'a codec kind the generator does not translate: teach scripts/schemaSource.ts and lib/protocol/schemaCheck.ts');
    }
  }

  /** Whether an object codec carries the name io-ts gives its structure. */
  private autoNamed(codec: Codec, where: string): boolean {
    const fields = this.fields(codec, where, codec._tag === 'InterfaceType');
    const node = codec._tag === 'InterfaceType' ? O(fields.node, 0) : O(0, fields.node);
    return nameOf(node) === codec.name;
  }

  private fields(codec: Codec, where: string, required: boolean, skip?: string): { node: Fields; defs: Def[]; keys: string[] } {
    const node: Record<string, Schema> = {};
    const defs: Def[] = [];
    const keys: string[] = [];
    for (const [k, field] of Object.entries(codec.props ?? {})) {
      if (k === skip) continue;
      // an object literal's `__proto__` key sets its prototype instead of a field
      if (k === '__proto__') refuse(field, `${where} ${k}`, 'a field named __proto__');
      // io-ts's `type` requires the key itself when its codec allows undefined (in `is`, not in `validate`)
      if (required && field.is(undefined)) refuse(field, `${where} ${k}`, 'a required field whose codec allows undefined');
      const def = this.def(field, `${where} ${k}`);
      node[k] = def.node;
      defs.push(def);
      keys.push(k);
    }
    return { node, defs, keys };
  }

  private object(codec: t.Mixed, required: Codec | undefined, optional: Codec | undefined, where: string, skip?: string): Def {
    const r = required === undefined ? undefined : this.fields(required, where, true, skip);
    const o = optional === undefined ? undefined : this.fields(optional, where, false);
    const node = O(r?.node ?? 0, o?.node ?? 0);
    const rn = r?.defs.length ?? 0;
    const write = (sources: string[]) => {
      const rec = (keys: string[], s: string[]) => (keys.length === 0 ? '{}' : `{ ${keys.map((k, i) => `${key(k)}: ${s[i]}`).join(', ')} }`);
      return `O(${r === undefined ? '0' : rec(r.keys, sources.slice(0, rn))}, ${o === undefined ? '0' : rec(o.keys, sources.slice(rn))}`;
    };
    const children = [...(r?.defs ?? []), ...(o?.defs ?? [])];
    if (skip !== undefined) {
      // a root: named by the table, never shared
      const close = (s: string) => `${s.replace(/, 0$/, '')})`;
      return { id: close(write(children.map((c) => c.id))), node, children, render: (ref) => close(write(children.map(ref))), label: undefined };
    }
    return this.composite(codec, node, children, write);
  }

  /** An event's root: its object schema without the `type` field (the table's key) and without its name (the table's too). */
  root(codec: t.Mixed, type: string, name: string): Def {
    const c = codec as Codec;
    if (codec.name !== name) refuse(codec, type, `a root codec must be named "${name}"`);
    const [a, b, ...rest] = (c.types ?? []) as Codec[];
    const parts: [Codec | undefined, Codec | undefined] | undefined =
      c._tag === 'InterfaceType' ? [c, undefined]
      : c._tag === 'IntersectionType' && rest.length === 0 && a?._tag === 'InterfaceType' && b?._tag === 'PartialType' && this.autoNamed(a, type) && this.autoNamed(b, type) ? [a, b]
      : undefined;
    if (parts === undefined) return refuse(codec, type, 'an event codec must be t.type or struct');
    const typeField: Codec | undefined = parts[0]?.props?.['type'];
    if (typeField?._tag !== 'LiteralType' || typeField.value !== type) refuse(codec, type, `an event codec must require the literal "type": ${JSON.stringify(type)}`);
    return this.object(codec, parts[0], parts[1], type, 'type');
  }
}

/**
 * The schema of one codec, as the generated module builds it: for tests of the interpreter
 * against io-ts on codecs of every kind.
 *
 * @throws Error for a codec the generator cannot translate.
 *
 * @example
 * ```ts
 * is(codecSchema(t.type({ a: t.string })), { a: 'x' }); // true
 * ```
 */
export const codecSchema = (codec: t.Mixed): Schema => new Builder().def(codec, codec.name).node;

/**
 * The schema of one event codec as the generated tables hold it (without its `type` field).
 *
 * @throws Error for a codec the generator cannot translate, or one that is not an event codec named `name`.
 *
 * @example
 * ```ts
 * eventSchema(serverEventCodecs['response.done'], 'response.done', 'response.done');
 * ```
 */
export const eventSchema = (codec: t.Mixed, type: string, name: string): Schema => new Builder().root(codec, type, name).node;

const HEADER = `// Generated by scripts/generateSchema.ts from the io-ts codecs in lib/protocol: do not edit.
// Regenerate with \`npm run schema\`; spec/protocol/schema.spec.ts fails when this file is stale.
/**
 * The server events' codecs (full and essentials) and the client events' codecs as compact
 * schemas, for the interpreter in schemaCheck.ts: what browser builds validate with instead of
 * io-ts (eventValidation.browser.ts). Leaves are numbers: 0 string, 1 number, 2 boolean, 3 null,
 * 4 undefined, 5 unknown, 6 UnknownRecord, 7 UnknownArray, 8 integer, 9 finite number. An event's
 * schema omits its \`type\` field (the table's key).
 *
 * @module
 */`;

/**
 * The source of the generated schema module for the given server (full and essentials) and client
 * event codecs.
 *
 * @throws Error for a codec the generator cannot translate (it names the codec and where it is).
 *
 * @example
 * ```ts
 * const source = schemaSource(Object.entries(serverEventCodecs).map(([k, c]) => [k, c, essentialCodec(k)!]), Object.entries(clientEventCodecs));
 * ```
 */
export function schemaSource(server: ServerSchemaRoots, client: SchemaRoots): string {
  const builder = new Builder();
  const serverDefs = server.map(([type, full, essentials]) => [type, builder.root(full, type, type), builder.root(essentials, type, `${type} (essentials)`)] as const);
  const clientDefs = client.map(([type, codec]) => [type, builder.root(codec, type, type)] as const);
  // references to each def, from the roots and from each distinct def once
  const refs = new Map<Def, number>();
  const visit = (d: Def) => {
    const n = refs.get(d) ?? 0;
    refs.set(d, n + 1);
    if (n === 0) d.children.forEach(visit);
  };
  for (const [, full, essentials] of serverDefs) (essentials.id === full.id ? [full] : [full, essentials]).forEach(visit);
  for (const [, codec] of clientDefs) visit(codec);
  // the defs used more than once become constants, children first
  const names = new Map<Def, string>();
  const taken = new Set<string>(['A', 'I', 'K', 'L', 'N', 'O', 'T', 'U', 'Schema']);
  const consts: string[] = [];
  const ref = (d: Def): string => names.get(d) ?? (typeof d.node === 'number' || (refs.get(d) ?? 0) < 2 ? d.render(ref) : declare(d));
  const declare = (d: Def): string => {
    const source = d.render(ref);
    const base = d.label !== undefined && IDENTIFIER.test(d.label.replace(/[ .-]/g, '_')) ? d.label.replace(/[ .-]+(\w)/g, (_, ch: string) => ch.toUpperCase()) : 's';
    let name = base === 's' ? `s${consts.length + 1}` : base;
    for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
    taken.add(name);
    names.set(d, name);
    consts.push(`const ${name} = ${source};`);
    return name;
  };
  // an event whose essentials are all its fields carries one schema
  const serverRows = serverDefs.map(([type, full, essentials]) => `  [${JSON.stringify(type)}, [${ref(full)}${essentials.id === full.id ? '' : `, ${ref(essentials)}`}]],`);
  const clientRows = clientDefs.map(([type, codec]) => `  [${JSON.stringify(type)}, ${ref(codec)}],`);
  const body = [consts.join('\n'), ...serverRows, ...clientRows].join('\n');
  const helpers = ['A', 'I', 'K', 'L', 'N', 'O', 'T', 'U'].filter((h) => new RegExp(`\\b${h}\\(`).test(body));
  return `${[
    HEADER,
    `import type { Schema } from '../schemaCheck.js';\nimport { ${helpers.join(', ')} } from '../schemaCheck.js';`,
    consts.join('\n'),
    `/** Server events: \`type\` → [full schema, essentials schema (absent: the full one)]. */\nexport const serverSchemas: ReadonlyMap<string, readonly [Schema, Schema?]> = new Map<string, readonly [Schema, Schema?]>([\n${serverRows.join('\n')}\n]);`,
    `/** Client events: \`type\` → schema. */\nexport const clientSchemas: ReadonlyMap<string, Schema> = new Map<string, Schema>([\n${clientRows.join('\n')}\n]);`,
  ].join('\n\n')}\n`;
}
