/**
 * io-ts's `union` and `intersection`, for identity codecs, without the machinery that makes
 * io-ts's own versions the largest part of io-ts in a browser bundle (about 3.5 KB minified: tag
 * detection over every codec kind io-ts has, merging and encoding for transforming codecs). The
 * codecs built here are io-ts's own `UnionType` and `IntersectionType` classes, with the same
 * names, members, `is` and `validate` (the same verdicts and the same error contexts, in the same
 * order), so io-ts code that reads them, and `fieldIssues`, cannot tell the difference.
 *
 * Where io-ts detects a tag by itself (every member fixes a literal field to values of its own:
 * then only the member the tag names is tried), the tag is named here: {@link taggedUnion}.
 * spec/protocol/combinators.spec.ts checks, for every union of every codec, that io-ts would pick
 * the same tag (or none), and that both give the same verdicts and errors on every fixture and on
 * generated values.
 *
 * @module
 */
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';

type Node = t.Mixed & { readonly _tag?: string; readonly props?: t.Props; readonly types?: readonly t.Mixed[]; readonly value?: unknown };

/**
 * The values a codec allows in its literal field `tag` (through intersections and unions): how
 * `taggedUnion` finds each member's tag, and how scripts/guardSource.ts translates it.
 *
 * @example
 * ```ts
 * tagValues(t.type({ type: t.literal('a') }), 'type'); // ['a']
 * ```
 */
export const tagValues = (codec: t.Mixed, tag: string): unknown[] => {
  const c = codec as Node;
  if (c._tag === 'InterfaceType') {
    const field: Node | undefined = c.props?.[tag];
    return field?._tag === 'LiteralType' ? [field.value] : [];
  }
  return c._tag === 'IntersectionType' || c._tag === 'UnionType' ? (c.types ?? []).flatMap((m) => tagValues(m, tag)) : [];
};

const identityOnly = (codecs: readonly t.Mixed[], name: string): void => {
  if (codecs.some((c) => c.encode !== t.identity)) throw new Error(`${name}: only identity codecs (no transformations) are supported`);
};

/**
 * `A | B | …`, as io-ts's `t.union` builds it for identity codecs whose members share no literal
 * field with distinct values (for those, io-ts dispatches on the field: use {@link taggedUnion}).
 * Each member is tried in turn; the errors of all of them are reported.
 *
 * @throws Error synchronously for a member that transforms values (not an identity codec).
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * const Id = union([t.string, t.type({ id: t.string })]);
 * Id.is({ id: 'a' }); // true
 * ```
 */
export function union<CS extends [t.Mixed, t.Mixed, ...t.Mixed[]]>(codecs: CS, name = `(${codecs.map((c) => c.name).join(' | ')})`): t.UnionC<CS> {
  identityOnly(codecs, name);
  const validate = (u: unknown, c: t.Context): t.Validation<t.TypeOf<CS[number]>> => {
    const errors: t.ValidationError[] = [];
    for (let i = 0; i < codecs.length; i++) {
      const codec = codecs[i] as t.Mixed;
      const result = codec.validate(u, t.appendContext(c, String(i), codec, u));
      if (E.isRight(result)) return result;
      errors.push(...result.left);
    }
    return t.failures(errors);
  };
  const is = (u: unknown): u is t.TypeOf<CS[number]> => codecs.some((codec) => codec.is(u));
  return new t.UnionType(name, is, validate, t.identity, codecs);
}

/**
 * A union whose members each fix the literal field `tag` to values no other member allows (say
 * `type`), as io-ts's `t.union` builds it for such members: only the member the tag names is
 * tried, and an object with an unknown tag fails at the union itself.
 *
 * @throws Error synchronously when a member does not fix `tag`, or shares a value with another.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * const Shape = taggedUnion('kind', [t.type({ kind: t.literal('dot') }), t.type({ kind: t.literal('line'), to: t.number })]);
 * Shape.is({ kind: 'line', to: 1 }); // true
 * ```
 */
export function taggedUnion<CS extends [t.Mixed, t.Mixed, ...t.Mixed[]]>(tag: string, codecs: CS, name = `(${codecs.map((c) => c.name).join(' | ')})`): t.UnionC<CS> {
  identityOnly(codecs, name);
  const groups = codecs.map((codec) => tagValues(codec, tag));
  const all = groups.flat();
  if (groups.some((g) => g.length === 0) || new Set(all).size !== all.length) throw new Error(`${name}: every member must fix "${tag}" to values of its own`);
  const member = (u: Record<string, unknown>) => groups.findIndex((values) => values.indexOf(u[tag]) !== -1);
  const validate = (u: unknown, c: t.Context): t.Validation<t.TypeOf<CS[number]>> => {
    const i = t.UnknownRecord.is(u) ? member(u) : -1;
    if (i === -1) return t.failure(u, c);
    const codec = codecs[i] as t.Mixed;
    return codec.validate(u, t.appendContext(c, String(i), codec, u));
  };
  const is = (u: unknown): u is t.TypeOf<CS[number]> => {
    const i = t.UnknownRecord.is(u) ? member(u) : -1;
    return i !== -1 && (codecs[i] as t.Mixed).is(u);
  };
  // `tag`, as io-ts's tagged unions carry it
  return Object.assign(new t.UnionType(name, is, validate, t.identity, codecs), { tag });
}

/**
 * `A & B`, as io-ts's `t.intersection` builds it for identity codecs: every member must hold, and
 * the errors of all of them are reported.
 *
 * @throws Error synchronously for a member that transforms values (not an identity codec).
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * const Named = intersection([t.type({ id: t.string }), t.partial({ name: t.string })]);
 * Named.is({ id: 'a' }); // true
 * ```
 */
export function intersection<A extends t.Mixed, B extends t.Mixed>(codecs: [A, B], name = `(${codecs[0].name} & ${codecs[1].name})`): t.IntersectionC<[A, B]> {
  identityOnly(codecs, name);
  const validate = (u: unknown, c: t.Context): t.Validation<t.TypeOf<A> & t.TypeOf<B>> => {
    const errors: t.ValidationError[] = [];
    codecs.forEach((codec, i) => {
      const result = codec.validate(u, t.appendContext(c, String(i), codec, u));
      if (E.isLeft(result)) errors.push(...result.left);
    });
    // identity codecs give back what they were given
    return errors.length > 0 ? t.failures(errors) : t.success(u);
  };
  const is = (u: unknown): u is t.TypeOf<A> & t.TypeOf<B> => codecs.every((codec) => codec.is(u));
  return new t.IntersectionType(name, is, validate, t.identity, codecs);
}
