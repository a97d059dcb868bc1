/**
 * Building blocks shared by every Realtime codec.
 *
 * The wire format is JSON written by a server that is more lenient than its own schema: optional
 * fields arrive as `null`, undeclared keys appear, and integers must stay integers. These helpers
 * encode those facts once so that the event codecs read like the catalogue.
 *
 * @module
 */
import * as t from 'io-ts';
import { intersection, union } from './combinators.js';

/**
 * A JSON number that is a safe integer (`Number.isSafeInteger`). Rejects `0.5`, `Infinity` (what
 * `JSON.parse` makes of `1e400`) and integers beyond 2^53 that have already lost precision.
 *
 * The static type is plain `number` (not a brand) so that users can write client events as
 * ordinary object literals.
 *
 * @example
 * ```ts
 * import { Integer } from 'openai-realtime-rx';
 * Integer.is(3);   // true
 * Integer.is(0.5); // false
 * ```
 */
export const Integer: t.Type<number, number, unknown> = new t.Type<number, number, unknown>(
  'integer',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u),
  (u, c) => (typeof u === 'number' && Number.isSafeInteger(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
);

/**
 * A finite JSON number (rejects `Infinity` and `NaN`, which `t.number` lets through).
 *
 * @example
 * ```ts
 * import { FiniteNumber } from 'openai-realtime-rx';
 * FiniteNumber.is(0.25);     // true
 * FiniteNumber.is(Infinity); // false
 * ```
 */
export const FiniteNumber: t.Type<number, number, unknown> = new t.Type<number, number, unknown>(
  'finite number',
  (u): u is number => typeof u === 'number' && Number.isFinite(u),
  (u, c) => (typeof u === 'number' && Number.isFinite(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
);

/**
 * `C | null`: for the optional fields that OpenAI sends as `null`. Use inside `t.partial`, which
 * adds `undefined`.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { nullable } from 'openai-realtime-rx';
 * const Prompt = t.partial({ version: nullable(t.string) });
 * Prompt.is({ version: null }); // true
 * ```
 */
export const nullable = <C extends t.Mixed>(codec: C): t.UnionC<[C, t.NullC]> =>
  union([codec, t.null]);

/**
 * An object codec with required and optional properties. Extra keys pass through untouched (io-ts
 * `type`/`partial` never strip), which keeps decoding forward compatible.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { struct, nullable } from 'openai-realtime-rx';
 * const Part = struct('Part', { type: t.literal('input_text') }, { text: nullable(t.string) });
 * Part.is({ type: 'input_text', extra: 1 }); // true
 * ```
 */
export const struct = <R extends t.Props, O extends t.Props>(
  name: string,
  required: R,
  optional: O,
): t.IntersectionC<[t.TypeC<R>, t.PartialC<O>]> =>
  intersection([t.type(required), t.partial(optional)], name);

/**
 * A free-form JSON object (tool parameters, metadata, headers). Checked to be an object, never
 * walked, so a 10,000-deep schema costs nothing and cannot overflow the stack.
 *
 * @example
 * ```ts
 * import { JsonObject } from 'openai-realtime-rx';
 * JsonObject.is({ a: { b: 1 } }); // true
 * JsonObject.is([1]);             // false
 * ```
 */
export const JsonObject = t.UnknownRecord;

/** The `event_id` every server event carries (except the SIP DTMF event). */
export const EventId = t.string;
