/**
 * One io-ts codec per GA client event (11), and the lookup table `encodeClientEvent` validates
 * with. Every client event may carry an optional `event_id`; the server echoes it in
 * `error.event_id` when that event fails.
 *
 * @module
 */
import * as t from 'io-ts';
import { union } from './combinators.js';
import { ConversationItem } from './items.js';
import { Integer, struct } from './primitives.js';
import { ResponseCreateParams } from './response.js';
import { SessionUpdateConfig } from './session.js';


const command = <K extends string, R extends t.Props, O extends t.Props>(type: K, required: R, optional: O) =>
  struct(type, { type: t.literal(type), ...required }, { event_id: t.string, ...optional });

/** `session.update` */
export const SessionUpdate = command('session.update', { session: SessionUpdateConfig }, {});
/** `input_audio_buffer.append` (`audio` is base64) */
export const InputAudioBufferAppend = command('input_audio_buffer.append', { audio: t.string }, {});
/** `input_audio_buffer.commit` */
export const InputAudioBufferCommit = command('input_audio_buffer.commit', {}, {});
/** `input_audio_buffer.clear` */
export const InputAudioBufferClear = command('input_audio_buffer.clear', {}, {});
/** `output_audio_buffer.clear` (WebRTC / SIP only) */
export const OutputAudioBufferClear = command('output_audio_buffer.clear', {}, {});
/** `conversation.item.create` (`previous_item_id: "root"` inserts at the front) */
export const ConversationItemCreate = command(
  'conversation.item.create',
  { item: ConversationItem },
  { previous_item_id: union([t.string, t.null]) },
);
/** `conversation.item.retrieve` */
export const ConversationItemRetrieve = command('conversation.item.retrieve', { item_id: t.string }, {});
/** `conversation.item.truncate` */
export const ConversationItemTruncate = command(
  'conversation.item.truncate',
  { item_id: t.string, content_index: Integer, audio_end_ms: Integer },
  {},
);
/** `conversation.item.delete` */
export const ConversationItemDelete = command('conversation.item.delete', { item_id: t.string }, {});
/** `response.create` */
export const ResponseCreate = command('response.create', {}, { response: ResponseCreateParams });
/** `response.cancel` */
export const ResponseCancel = command('response.cancel', {}, { response_id: t.string });

/**
 * Every GA client event codec, keyed by its wire `type`; {@link ClientEvent} is derived from it.
 *
 * @example
 * ```ts
 * import { clientEventCodecs } from 'openai-realtime-rx';
 * Object.keys(clientEventCodecs).length; // 11
 * ```
 */
export const clientEventCodecs = {
  'session.update': SessionUpdate,
  'input_audio_buffer.append': InputAudioBufferAppend,
  'input_audio_buffer.commit': InputAudioBufferCommit,
  'input_audio_buffer.clear': InputAudioBufferClear,
  'output_audio_buffer.clear': OutputAudioBufferClear,
  'conversation.item.create': ConversationItemCreate,
  'conversation.item.retrieve': ConversationItemRetrieve,
  'conversation.item.truncate': ConversationItemTruncate,
  'conversation.item.delete': ConversationItemDelete,
  'response.create': ResponseCreate,
  'response.cancel': ResponseCancel,
} as const;

type ClientCodecs = typeof clientEventCodecs;

/**
 * The `type` of every GA client event.
 *
 * @example
 * ```ts
 * import type { ClientEventType } from 'openai-realtime-rx';
 * const t: ClientEventType = 'response.create';
 * ```
 */
export type ClientEventType = keyof ClientCodecs;

/**
 * The client event of one `type`.
 *
 * @example
 * ```ts
 * import type { ClientEventOf } from 'openai-realtime-rx';
 * const e: ClientEventOf<'response.cancel'> = { type: 'response.cancel' };
 * ```
 */
export type ClientEventOf<T extends ClientEventType> = t.TypeOf<ClientCodecs[T]>;

/**
 * Any GA client event: a union discriminated by `type`, so editors complete `type` and then the
 * fields that go with it.
 *
 * @example
 * ```ts
 * import type { ClientEvent } from 'openai-realtime-rx';
 * const e: ClientEvent = { type: 'input_audio_buffer.commit' };
 * ```
 */
export type ClientEvent = { [K in ClientEventType]: ClientEventOf<K> }[ClientEventType];

const codecTable: ReadonlyMap<string, t.Mixed> = new Map(Object.entries(clientEventCodecs));

/**
 * The codec for a client `type`, or `undefined` for an unknown type.
 *
 * @example
 * ```ts
 * import { clientEventCodec } from 'openai-realtime-rx';
 * clientEventCodec('response.create') !== undefined; // true
 * ```
 */
export const clientEventCodec = (type: string): t.Mixed | undefined => codecTable.get(type);
