/**
 * Two-tier decoding: for each server event type, the fields this library's own logic relies on
 * (its *essentials*). A frame whose essentials hold is delivered even if the rest of its payload
 * drifts from the schema (with a warning); only a frame whose essentials fail is an error.
 *
 * The essential codecs are not written by hand: each is picked from the full codec of its type by
 * the table {@link serverEventEssentials}, so the two can never disagree about a field's shape.
 * A few leaves are deliberately looser than the full codec (say, `response.status` is essential
 * as a string, so that a `response.done` with a new status still ends the turn); those carry an
 * explicit codec in the table.
 *
 * @module
 */
import * as t from 'io-ts';
import { intersection } from './combinators.js';
import { nullable } from './primitives.js';
import type { ServerEventType } from './serverEvents.js';
import { serverEventCodecs } from './serverEvents.js';

/**
 * Which fields of a codec to keep: `true` keeps the field's full codec, a codec replaces it (a
 * deliberately looser check), and a nested spec picks inside an object field.
 *
 * @example
 * ```ts
 * import type { EssentialSpec } from 'openai-realtime-rx';
 * const spec: EssentialSpec = { type: true, event_id: true, response: { id: true, usage: true } };
 * ```
 */
export interface EssentialSpec {
  readonly [field: string]: true | t.Mixed | EssentialSpec;
}

/** Envelope of every event: the discriminator and the frame's own id. */
const envelope = { type: true, event_id: true } as const;
/** Envelope of the events whose `event_id` OpenAI's own SDK treats as optional. */
const typeOnly = { type: true } as const;
/** The ids every `response.output_*` content event is about. */
const contentIds = { ...envelope, response_id: true, item_id: true, content_index: true } as const;

/** The session settings the streams and the facade read. */
const session = {
  tracing: true,
  audio: { input: { turn_detection: { interrupt_response: true } }, output: { format: true } },
} as const;

/**
 * For every GA server event: the fields this library relies on. The rule: the envelope (`type`,
 * and `event_id` where the schema requires it, except on `error` and `mcp_list_tools.*`, where
 * OpenAI's Agents SDK makes it optional), the ids that say what the event is about
 * (`response_id`, `item_id`, `call_id`, `previous_item_id`), the indexes where a stream uses them,
 * every delta and final text, error bodies, `response` id/status/usage/audio format, the session's
 * audio format, turn detection and tracing, rate limits, and whole items where an event carries
 * one (they become history items and tool calls). Everything else is checked as drift.
 *
 * @example
 * ```ts
 * import { serverEventEssentials } from 'openai-realtime-rx';
 * Object.keys(serverEventEssentials['response.output_text.delta']);
 * // ['type', 'event_id', 'response_id', 'item_id', 'content_index', 'delta']
 * ```
 */
export const serverEventEssentials: { readonly [K in ServerEventType]: EssentialSpec } = {
  'session.created': { ...envelope, session },
  'session.updated': { ...envelope, session },
  'conversation.created': envelope,
  'conversation.item.created': { ...envelope, item: true, previous_item_id: true },
  'conversation.item.added': { ...envelope, item: true, previous_item_id: true },
  'conversation.item.done': { ...envelope, item: true, previous_item_id: true },
  'conversation.item.retrieved': { ...envelope, item: true },
  'conversation.item.deleted': { ...envelope, item_id: true },
  'conversation.item.truncated': { ...envelope, item_id: true, content_index: true, audio_end_ms: true },
  'conversation.item.input_audio_transcription.delta': { ...envelope, item_id: true, content_index: true, delta: true },
  'conversation.item.input_audio_transcription.completed': { ...envelope, item_id: true, content_index: true, transcript: true },
  'conversation.item.input_audio_transcription.failed': { ...envelope, item_id: true, content_index: true, error: true },
  'conversation.item.input_audio_transcription.segment': { ...envelope, item_id: true, content_index: true, text: true },
  error: { ...typeOnly, error: true },
  'input_audio_buffer.cleared': envelope,
  'input_audio_buffer.committed': { ...envelope, item_id: true, previous_item_id: true },
  'input_audio_buffer.speech_started': { ...envelope, item_id: true },
  'input_audio_buffer.speech_stopped': { ...envelope, item_id: true },
  'input_audio_buffer.timeout_triggered': { ...envelope, item_id: true },
  'input_audio_buffer.dtmf_event_received': { ...envelope, event: true },
  'output_audio_buffer.started': { ...envelope, response_id: true },
  'output_audio_buffer.stopped': { ...envelope, response_id: true },
  'output_audio_buffer.cleared': { ...envelope, response_id: true },
  'rate_limits.updated': { ...envelope, rate_limits: true },
  'response.created': { ...envelope, response: { id: true, status: t.string, audio: { output: { format: true } } } },
  'response.done': { ...envelope, response: { id: true, status: t.string, usage: true, audio: { output: { format: true } } } },
  'response.output_item.added': { ...envelope, response_id: true, output_index: true, item: true },
  'response.output_item.done': { ...envelope, response_id: true, output_index: true, item: true },
  'response.content_part.added': contentIds,
  'response.content_part.done': contentIds,
  'response.output_text.delta': { ...contentIds, delta: true },
  'response.output_text.done': { ...contentIds, text: true },
  'response.output_audio_transcript.delta': { ...contentIds, delta: true },
  'response.output_audio_transcript.done': { ...contentIds, transcript: true },
  'response.output_audio.delta': { ...contentIds, output_index: true, delta: true },
  'response.output_audio.done': contentIds,
  'response.function_call_arguments.delta': { ...envelope, response_id: true, item_id: true, call_id: true, delta: true },
  'response.function_call_arguments.done': { ...envelope, response_id: true, item_id: true, call_id: true, name: true, arguments: true },
  'response.mcp_call_arguments.delta': { ...envelope, response_id: true, item_id: true, delta: true },
  'response.mcp_call_arguments.done': { ...envelope, response_id: true, item_id: true, arguments: true },
  'response.mcp_call.in_progress': { ...envelope, item_id: true },
  'response.mcp_call.completed': { ...envelope, item_id: true },
  'response.mcp_call.failed': { ...envelope, item_id: true },
  'mcp_list_tools.in_progress': { ...typeOnly, item_id: true },
  'mcp_list_tools.completed': { ...typeOnly, item_id: true },
  'mcp_list_tools.failed': { ...typeOnly, item_id: true },
};

type Tagged = t.Mixed & { readonly _tag?: string; readonly props?: t.Props; readonly types?: readonly t.Mixed[] };

/** The required and optional props of an object codec (`type`, `partial`, or an intersection of them). */
const propsOf = (codec: Tagged, required: Record<string, t.Mixed>, optional: Record<string, t.Mixed>, where: string): void => {
  if (codec._tag === 'InterfaceType' && codec.props) Object.assign(required, codec.props);
  else if (codec._tag === 'PartialType' && codec.props) Object.assign(optional, codec.props);
  else if (codec._tag === 'IntersectionType' && codec.types) codec.types.forEach((member) => propsOf(member, required, optional, where));
  else throw new Error(`essentials: ${where} (${codec.name}) is not an object codec`);
};

/**
 * Build a codec that checks only the fields of `spec`, each with the codec `full` gives it.
 * Throws (at module load, so a test catches it) when the spec names a field `full` lacks.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { pickEssentials } from 'openai-realtime-rx';
 * const Ids = pickEssentials(t.type({ id: t.string, n: t.number }), { id: true }, 'Ids');
 * Ids.is({ id: 'a', n: 'drifted' }); // true
 * ```
 */
export function pickEssentials(full: t.Mixed, spec: EssentialSpec, name: string): t.Mixed {
  const codec = full as Tagged;
  if (codec._tag === 'UnionType' && codec.types?.length === 2 && (codec.types[1] as Tagged)._tag === 'NullType') {
    return nullable(pickEssentials(codec.types[0] as t.Mixed, spec, name));
  }
  const required: Record<string, t.Mixed> = {};
  const optional: Record<string, t.Mixed> = {};
  propsOf(codec, required, optional, name);
  const keepRequired: t.Props = {};
  const keepOptional: t.Props = {};
  const has = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);
  for (const key of Object.keys(spec)) {
    if (!has(required, key) && !has(optional, key)) throw new Error(`essentials: ${name} has no field "${key}"`);
  }
  // in the full codec's field order, so that failures list their issues in the same order
  for (const key of [...Object.keys(required), ...Object.keys(optional)]) {
    if (!has(spec, key)) continue;
    const leaf = spec[key] as EssentialSpec[string];
    const isRequired = has(required, key);
    const field = (isRequired ? required[key] : optional[key]) as t.Mixed;
    const picked = leaf === true ? field : leaf instanceof t.Type ? leaf : pickEssentials(field, leaf, `${name}.${key}`);
    (isRequired ? keepRequired : keepOptional)[key] = picked;
  }
  const hasRequired = Object.keys(keepRequired).length > 0;
  const hasOptional = Object.keys(keepOptional).length > 0;
  if (hasRequired && hasOptional) return intersection([t.type(keepRequired), t.partial(keepOptional)], name);
  if (hasRequired) return t.type(keepRequired, name);
  if (hasOptional) return t.partial(keepOptional, name);
  return t.UnknownRecord;
}

const essentialTable: ReadonlyMap<string, t.Mixed> = new Map(
  (Object.keys(serverEventEssentials) as ServerEventType[]).map((type) => [
    type,
    pickEssentials(serverEventCodecs[type], serverEventEssentials[type], `${type} (essentials)`),
  ]),
);

/**
 * The essential codec of a server `type` (picked from its full codec), or `undefined` for an
 * unknown type.
 *
 * @example
 * ```ts
 * import { essentialCodec } from 'openai-realtime-rx';
 * essentialCodec('response.done')?.is({ type: 'response.done', event_id: 'e', response: { output: 'drifted' } }); // true
 * ```
 */
export const essentialCodec = (type: string): t.Mixed | undefined => essentialTable.get(type);
