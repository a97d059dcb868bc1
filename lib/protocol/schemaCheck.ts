/**
 * The interpreter of the compact schemas that scripts/schemaSource.ts generates from the io-ts
 * codecs (lib/protocol/generated/schema.ts): what browser builds validate with instead of io-ts
 * (see eventValidation.browser.ts). {@link is} gives each codec's `is` verdict, {@link explain}
 * the errors its `decode` reports, each as the JSON path, the name of the codec at the deepest
 * JSON key (io-ts's `expected`, the name `fieldIssues` reads) and the failing value, in io-ts's
 * order, so that the two builds report the same {@link FieldIssue}s.
 *
 * A schema is a leaf code (a number) or a node; the generated module builds nodes with the
 * constructors below. A node stores its codec's name only where the codec was named explicitly
 * (and differently from io-ts's own spelling of its structure): {@link nameOf} derives the rest
 * as io-ts does.
 *
 * Internal: not exported from the package.
 *
 * @module
 */

/** io-ts's names of the leaf codes (`integer` and `finite number` are the protocol's custom codecs). */
const LEAF_NAMES = ['string', 'number', 'boolean', 'null', 'undefined', 'unknown', 'UnknownRecord', 'UnknownArray', 'integer', 'finite number'];

// Node kinds: plain constants rather than an enum, which a build would emit as an object
const LITERAL = 0;
const KEYOF = 1;
const OBJECT = 2;
const ARRAY = 3;
const UNION = 4;
const TAGGED = 5;
const INTERSECTION = 6;

/** Fields of an object node, in the codec's order. */
export type Fields = { readonly [key: string]: Schema };

/** A composite node: `k` its kind, `n` its name (explicit, or derived and then cached). */
export type Node =
  | { readonly k: typeof LITERAL; n?: string; readonly v: unknown }
  | { readonly k: typeof KEYOF; n?: string; readonly v: readonly string[] }
  /** `t.type` (`o` absent), `t.partial` (`r` absent), or the intersection of the two (struct) */
  | { readonly k: typeof OBJECT; n?: string; readonly r: Fields | 0; readonly o: Fields | 0 }
  | { readonly k: typeof ARRAY; n?: string; readonly i: Schema }
  | { readonly k: typeof UNION; n?: string; readonly m: readonly Schema[] }
  /** a union dispatching on the field `t`: `g[i]`, the tag values member `i` fixes */
  | { readonly k: typeof TAGGED; n?: string; readonly m: readonly Schema[]; readonly t: string; readonly g: readonly (readonly unknown[])[] }
  | { readonly k: typeof INTERSECTION; n?: string; readonly m: readonly Schema[] };

/** A schema: a leaf code, a number (0 string, 1 number, 2 boolean, 3 null, 4 undefined, 5 unknown, 6 UnknownRecord, 7 UnknownArray, 8 integer, 9 finite number) or a {@link Node}. */
export type Schema = number | Node;

const named = <N extends Node>(node: N, name: string | undefined): N => {
  if (name !== undefined) node.n = name;
  return node;
};

/** `t.literal(v)`. */
export const L = (v: unknown, name?: string): Schema => named({ k: LITERAL, v }, name);
/** `t.keyof` of these keys. */
export const K = (v: readonly string[], name?: string): Schema => named({ k: KEYOF, v }, name);
/** `t.type(r)` (`o` 0), `t.partial(o)` (`r` 0), or `intersection([t.type(r), t.partial(o)])`. */
export const O = (r: Fields | 0, o: Fields | 0 = 0, name?: string): Schema => named({ k: OBJECT, r, o }, name);
/** `t.array(i)`. */
export const A = (i: Schema, name?: string): Schema => named({ k: ARRAY, i }, name);
/** `union(m)`. */
export const U = (m: readonly Schema[], name?: string): Schema => named({ k: UNION, m }, name);
/** `nullable(s)`: `union([s, t.null])`. */
export const N = (s: Schema, name?: string): Schema => U([s, 3 /* null */], name);
/** `intersection(m)`. */
export const I = (m: readonly Schema[], name?: string): Schema => named({ k: INTERSECTION, m }, name);
/** `taggedUnion(t, m)`. */
export const T = (t: string, m: readonly Schema[], name?: string): Schema => named({ k: TAGGED, m, t, g: m.map((s) => tagValues(s, t)) }, name);

/** The values a schema fixes its required literal field `tag` to (as combinators' `tagValues`). */
const tagValues = (s: Schema, tag: string): unknown[] => {
  if (typeof s === 'number') return [];
  if (s.k === OBJECT) {
    const field = s.r === 0 ? undefined : s.r[tag];
    return field !== undefined && typeof field !== 'number' && field.k === LITERAL ? [field.v] : [];
  }
  return s.k === INTERSECTION || s.k === UNION || s.k === TAGGED ? s.m.flatMap((m) => tagValues(m, tag)) : [];
};

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);

const leafIs = (code: number, u: unknown): boolean => {
  switch (code) {
    case 0:
      return typeof u === 'string';
    case 1:
      return typeof u === 'number';
    case 2:
      return typeof u === 'boolean';
    case 3:
      return u === null;
    case 4:
      return u === undefined;
    case 5: // unknown
      return true;
    case 6: // UnknownRecord
      return isRecord(u);
    case 7: // UnknownArray
      return Array.isArray(u);
    case 8: // integer
      return Number.isSafeInteger(u);
    default: // finite number
      return Number.isFinite(u);
  }
};

/** The member of a tagged union that `u`'s tag names, or -1. */
const memberOf = (s: { readonly t: string; readonly g: readonly (readonly unknown[])[] }, u: unknown): number =>
  isRecord(u) ? s.g.findIndex((values) => values.indexOf(u[s.t]) !== -1) : -1;

/**
 * The verdict of the codec's `is`. (Required fields whose codec allows `undefined`, where io-ts
 * also wants the key itself, are refused by the generator.)
 *
 * @example
 * ```ts
 * is(O({ id: 0 }, 0), { id: 'a' }); // true (0: string)
 * ```
 */
export function is(s: Schema, u: unknown): boolean {
  if (typeof s === 'number') return leafIs(s, u);
  switch (s.k) {
    case LITERAL:
      return u === s.v;
    case KEYOF:
      return typeof u === 'string' && s.v.indexOf(u) !== -1;
    case OBJECT: {
      if (!isRecord(u)) return false;
      // (`for in` over 0, an absent half, runs no iteration)
      for (const k in s.r as Fields) if (!is((s.r as Fields)[k] as Schema, u[k])) return false;
      for (const k in s.o as Fields) {
        const v = u[k];
        if (v !== undefined && !is((s.o as Fields)[k] as Schema, v)) return false;
      }
      return true;
    }
    case ARRAY:
      // Array.prototype.every, as io-ts's `is`: it skips the holes of a sparse array
      return Array.isArray(u) && u.every((v) => is(s.i, v));
    case UNION:
      return s.m.some((m) => is(m, u));
    case TAGGED: {
      const i = memberOf(s, u);
      return i !== -1 && is(s.m[i] as Schema, u);
    }
    default:
      return s.m.every((m) => is(m, u));
  }
}

/** One error of a failed validation: the JSON path, the `expected` codec name, the failing value. */
export type SchemaError = [path: string, expected: string, value: unknown];

const fieldsName = (fields: Fields): string => `{ ${Object.keys(fields).map((k) => `${k}: ${nameOf(fields[k] as Schema)}`).join(', ')} }`;

/**
 * The io-ts name of a schema's codec: the explicit one, or io-ts's spelling of its structure.
 *
 * @example
 * ```ts
 * nameOf(A(N(0))); // 'Array<(string | null)>'
 * ```
 */
export function nameOf(s: Schema): string {
  if (typeof s === 'number') return LEAF_NAMES[s] as string;
  return (s.n ??= derivedName(s));
}

const derivedName = (s: Node): string => {
  switch (s.k) {
    case LITERAL:
      return JSON.stringify(s.v);
    case KEYOF:
      return s.v.map((k) => JSON.stringify(k)).join(' | ');
    case OBJECT: {
      const partial = s.o === 0 ? '' : `Partial<${fieldsName(s.o)}>`;
      return s.r === 0 ? partial : s.o === 0 ? fieldsName(s.r) : `(${fieldsName(s.r)} & ${partial})`;
    }
    case ARRAY:
      return `Array<${nameOf(s.i)}>`;
    case INTERSECTION:
      return `(${s.m.map(nameOf).join(' & ')})`;
    default:
      return `(${s.m.map(nameOf).join(' | ')})`;
  }
};

/**
 * The errors the codec's `decode` reports for `u`, in io-ts's order (none when it holds), as
 * `fieldIssues` reads them: the path of JSON keys and the name of the codec at the deepest one.
 *
 * @param path - the JSON path of `u` ('' at the root).
 * @param expected - the name of the codec at that path (the root codec's name at the root).
 *
 * @example
 * ```ts
 * explain(O({ id: 0 }, 0), { id: 1 }, '', 'Ids'); // [['/id', 'string', 1]]
 * ```
 */
export function explain(s: Schema, u: unknown, path: string, expected: string, out: SchemaError[] = []): SchemaError[] {
  if (typeof s === 'number' || s.k === LITERAL || s.k === KEYOF) {
    if (!is(s, u)) out.push([path, expected, u]);
    return out;
  }
  switch (s.k) {
    case OBJECT:
      if (!isRecord(u)) {
        out.push([path, expected, u]);
        break;
      }
      for (const k in s.r as Fields) {
        const field = (s.r as Fields)[k] as Schema;
        explain(field, u[k], `${path}/${k}`, nameOf(field), out);
      }
      for (const k in s.o as Fields) {
        const field = (s.o as Fields)[k] as Schema;
        // io-ts's `partial` drops the errors of an absent (undefined) field
        if (u[k] !== undefined) explain(field, u[k], `${path}/${k}`, nameOf(field), out);
      }
      break;
    case ARRAY:
      if (!Array.isArray(u)) {
        out.push([path, expected, u]);
        break;
      }
      // every index, holes too: io-ts's `validate` (unlike its `is`) reads them as undefined
      for (let i = 0; i < u.length; i++) explain(s.i, u[i], `${path}/${i}`, nameOf(s.i), out);
      break;
    case UNION: {
      // the first member that holds wins; otherwise the errors of every member, in order
      const errors: SchemaError[] = [];
      for (const m of s.m) {
        const before = errors.length;
        explain(m, u, path, expected, errors);
        if (errors.length === before) return out;
      }
      out.push(...errors);
      break;
    }
    case TAGGED: {
      const i = memberOf(s, u);
      if (i === -1) out.push([path, expected, u]);
      else explain(s.m[i] as Schema, u, path, expected, out);
      break;
    }
    default:
      for (const m of s.m) explain(m, u, path, expected, out);
  }
  return out;
}
