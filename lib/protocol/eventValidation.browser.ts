/**
 * How the decoder and the encoder validate events: the browser (and React Native) build, swapped
 * in for eventValidation.ts by the package's `browser` and `react-native` fields. No io-ts and no
 * generated guards: the codecs as compact schemas generated ahead of time (`generated/schema.ts`)
 * and their interpreter (schemaCheck.ts), which give the verdicts and the field issues the Node
 * build gives (spec/protocol/eventValidation.spec.ts), in a fraction of the bundle.
 *
 * @module
 */
import { issueList } from './failures.js';
import { clientSchemas, serverSchemas } from './generated/schema.js';
import type { Fields } from './schemaCheck.js';
import { explain, is } from './schemaCheck.js';
import type { Verdict } from './verdict.js';
import { UNKNOWN, VALID, invalid } from './verdict.js';

/**
 * The verdict on a server event object of this `type`.
 *
 * @example
 * ```ts
 * checkServerEvent('input_audio_buffer.cleared', { type: 'input_audio_buffer.cleared', event_id: 'e' }); // VALID
 * ```
 */
export const checkServerEvent = (type: string, frame: Record<string, unknown>): Verdict => {
  const schemas = serverSchemas.get(type);
  if (schemas === undefined) return UNKNOWN;
  const [full, essentials = full] = schemas;
  if (is(full, frame)) return VALID;
  return is(essentials, frame)
    ? invalid(true, issueList(explain(full, frame, '', type)))
    : invalid(false, issueList(explain(essentials, frame, '', `${type} (essentials)`)));
};

/**
 * The verdict on a client event of this `type` (never drift).
 *
 * @example
 * ```ts
 * checkClientEvent('input_audio_buffer.clear', { type: 'input_audio_buffer.clear' }); // VALID
 * ```
 */
export const checkClientEvent = (type: string, event: unknown): Verdict => {
  const schema = clientSchemas.get(type);
  if (schema === undefined) return UNKNOWN;
  return is(schema, event) ? VALID : invalid(false, issueList(explain(schema, event, '', type)));
};

/**
 * The `type` of every known server event, in the codec table's order.
 *
 * @example
 * ```ts
 * serverEventTypes.includes('response.done'); // true
 * ```
 */
export const serverEventTypes: readonly string[] = [...serverSchemas.keys()];

/**
 * The top-level fields a server event's codec declares (`type` among them), or `undefined` for
 * an unknown type.
 *
 * @example
 * ```ts
 * serverEventFields('input_audio_buffer.cleared'); // ['type', 'event_id']
 * ```
 */
export const serverEventFields = (type: string): readonly string[] | undefined => {
  const full = serverSchemas.get(type)?.[0];
  // an event's schema is an object schema without its `type` field
  const { r, o } = (full ?? {}) as { r?: Fields | 0; o?: Fields | 0 };
  return full === undefined ? undefined : ['type', ...Object.keys(r || {}), ...Object.keys(o || {})];
};
