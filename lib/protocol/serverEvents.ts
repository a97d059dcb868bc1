/**
 * One io-ts codec per GA server event (46), and the lookup table that `decodeServerEvent` uses to
 * dispatch on `type`. Comments give the wire name only; the catalogue in the OpenAI API reference
 * describes each event.
 *
 * Required fields follow OpenAI's GA schema, except where OpenAI's own SDK is deliberately more
 * lenient (transcription `usage`, `output_audio_buffer.*` `response_id`, `mcp_list_tools.*`
 * `item_id`), so that frames OpenAI's SDK handles never become failures here.
 *
 * @module
 */
import * as t from 'io-ts';
import { taggedUnion } from './combinators.js';
import { ConversationItem } from './items.js';
import { FiniteNumber, Integer, JsonObject, nullable, struct } from './primitives.js';
import { RateLimit, RealtimeResponse, ServerErrorDetail } from './response.js';
import { Session } from './session.js';

/** A server event with only required fields (a plain `t.type`: the cheapest codec io-ts has). */
const event = <K extends string, R extends t.Props>(type: K, required: R) =>
  t.type({ type: t.literal(type), event_id: t.string, ...required }, type);

/** A server event with required and optional fields. */
const eventWith = <K extends string, R extends t.Props, O extends t.Props>(
  type: K,
  required: R,
  optional: O,
) => struct(type, { type: t.literal(type), event_id: t.string, ...required }, optional);

const str = nullable(t.string);

/** Fields of every `response.output_*` content event. */
const contentRef = {
  response_id: t.string,
  item_id: t.string,
  output_index: Integer,
  content_index: Integer,
};

const Logprobs = nullable(
  t.array(struct('Logprob', { token: t.string, logprob: FiniteNumber }, { bytes: t.array(Integer) })),
);

const TranscriptionUsage = taggedUnion('type', [
  struct(
    'TokenUsage',
    { type: t.literal('tokens') },
    {
      input_tokens: Integer,
      output_tokens: Integer,
      total_tokens: Integer,
      input_token_details: nullable(t.partial({ text_tokens: Integer, audio_tokens: Integer })),
    },
  ),
  t.type({ type: t.literal('duration'), seconds: FiniteNumber }),
]);

const Part = t.partial({
  type: nullable(t.keyof({ audio: null, text: null })),
  text: str,
  audio: str,
  transcript: str,
});

const itemEvent = <K extends string>(type: K) =>
  eventWith(type, { item: ConversationItem }, { previous_item_id: str });

// --- session and conversation ------------------------------------------------------------------

/** `session.created` */
export const SessionCreated = event('session.created', { session: Session });
/** `session.updated` */
export const SessionUpdated = event('session.updated', { session: Session });
/** `conversation.created` */
export const ConversationCreated = event('conversation.created', {
  conversation: t.partial({ id: t.string, object: t.string }),
});
/** `conversation.item.created` (kept for completeness; GA servers send `conversation.item.added`) */
export const ConversationItemCreated = itemEvent('conversation.item.created');
/** `conversation.item.added` */
export const ConversationItemAdded = itemEvent('conversation.item.added');
/** `conversation.item.done` */
export const ConversationItemDone = itemEvent('conversation.item.done');
/** `conversation.item.retrieved` */
export const ConversationItemRetrieved = event('conversation.item.retrieved', {
  item: ConversationItem,
});
/** `conversation.item.deleted` */
export const ConversationItemDeleted = event('conversation.item.deleted', { item_id: t.string });
/** `conversation.item.truncated` */
export const ConversationItemTruncated = event('conversation.item.truncated', {
  item_id: t.string,
  content_index: Integer,
  audio_end_ms: Integer,
});

// --- input transcription -------------------------------------------------------------------------

/** `conversation.item.input_audio_transcription.delta` */
export const InputAudioTranscriptionDelta = eventWith(
  'conversation.item.input_audio_transcription.delta',
  { item_id: t.string },
  { content_index: Integer, delta: t.string, logprobs: Logprobs },
);
/** `conversation.item.input_audio_transcription.completed` */
export const InputAudioTranscriptionCompleted = eventWith(
  'conversation.item.input_audio_transcription.completed',
  { item_id: t.string, content_index: Integer, transcript: t.string },
  { usage: nullable(TranscriptionUsage), logprobs: Logprobs, languages: nullable(t.array(JsonObject)) },
);
/** `conversation.item.input_audio_transcription.failed` */
export const InputAudioTranscriptionFailed = event(
  'conversation.item.input_audio_transcription.failed',
  { item_id: t.string, content_index: Integer, error: ServerErrorDetail },
);
/** `conversation.item.input_audio_transcription.segment` */
export const InputAudioTranscriptionSegment = event(
  'conversation.item.input_audio_transcription.segment',
  {
    item_id: t.string,
    content_index: Integer,
    text: t.string,
    id: t.string,
    speaker: t.string,
    start: FiniteNumber,
    end: FiniteNumber,
  },
);

// --- input audio buffer --------------------------------------------------------------------------

/** `input_audio_buffer.committed` */
export const InputAudioBufferCommitted = eventWith(
  'input_audio_buffer.committed',
  { item_id: t.string },
  { previous_item_id: str },
);
/** `input_audio_buffer.cleared` */
export const InputAudioBufferCleared = event('input_audio_buffer.cleared', {});
/** `input_audio_buffer.speech_started` */
export const InputAudioBufferSpeechStarted = event('input_audio_buffer.speech_started', {
  audio_start_ms: Integer,
  item_id: t.string,
});
/** `input_audio_buffer.speech_stopped` */
export const InputAudioBufferSpeechStopped = event('input_audio_buffer.speech_stopped', {
  audio_end_ms: Integer,
  item_id: t.string,
});
/** `input_audio_buffer.timeout_triggered` */
export const InputAudioBufferTimeoutTriggered = event('input_audio_buffer.timeout_triggered', {
  audio_start_ms: Integer,
  audio_end_ms: Integer,
  item_id: t.string,
});
/** `input_audio_buffer.dtmf_event_received` (SIP only; the one event without `event_id`) */
export const InputAudioBufferDtmfEventReceived = struct(
  'input_audio_buffer.dtmf_event_received',
  { type: t.literal('input_audio_buffer.dtmf_event_received'), event: t.string, received_at: Integer },
  { event_id: t.string },
);

// --- output audio buffer (WebRTC / SIP only) -----------------------------------------------------

/** `output_audio_buffer.started` */
export const OutputAudioBufferStarted = eventWith('output_audio_buffer.started', {}, { response_id: t.string });
/** `output_audio_buffer.stopped` */
export const OutputAudioBufferStopped = eventWith('output_audio_buffer.stopped', {}, { response_id: t.string });
/** `output_audio_buffer.cleared` */
export const OutputAudioBufferCleared = eventWith('output_audio_buffer.cleared', {}, { response_id: t.string });

// --- responses -------------------------------------------------------------------------------------

/** `response.created` */
export const ResponseCreated = event('response.created', { response: RealtimeResponse });
/** `response.done` */
export const ResponseDone = event('response.done', { response: RealtimeResponse });
/** `response.output_item.added` */
export const ResponseOutputItemAdded = event('response.output_item.added', {
  response_id: t.string,
  output_index: Integer,
  item: ConversationItem,
});
/** `response.output_item.done` */
export const ResponseOutputItemDone = event('response.output_item.done', {
  response_id: t.string,
  output_index: Integer,
  item: ConversationItem,
});
/** `response.content_part.added` */
export const ResponseContentPartAdded = event('response.content_part.added', { ...contentRef, part: Part });
/** `response.content_part.done` */
export const ResponseContentPartDone = event('response.content_part.done', { ...contentRef, part: Part });
/** `response.output_text.delta` */
export const ResponseOutputTextDelta = event('response.output_text.delta', { ...contentRef, delta: t.string });
/** `response.output_text.done` */
export const ResponseOutputTextDone = event('response.output_text.done', { ...contentRef, text: t.string });
/** `response.output_audio_transcript.delta` */
export const ResponseOutputAudioTranscriptDelta = event('response.output_audio_transcript.delta', {
  ...contentRef,
  delta: t.string,
});
/** `response.output_audio_transcript.done` */
export const ResponseOutputAudioTranscriptDone = event('response.output_audio_transcript.done', {
  ...contentRef,
  transcript: t.string,
});
/** `response.output_audio.delta` */
export const ResponseOutputAudioDelta = event('response.output_audio.delta', { ...contentRef, delta: t.string });
/** `response.output_audio.done` */
export const ResponseOutputAudioDone = event('response.output_audio.done', contentRef);
/** `response.function_call_arguments.delta` */
export const ResponseFunctionCallArgumentsDelta = event('response.function_call_arguments.delta', {
  response_id: t.string,
  item_id: t.string,
  output_index: Integer,
  call_id: t.string,
  delta: t.string,
});
/** `response.function_call_arguments.done` */
export const ResponseFunctionCallArgumentsDone = event('response.function_call_arguments.done', {
  response_id: t.string,
  item_id: t.string,
  output_index: Integer,
  call_id: t.string,
  name: t.string,
  arguments: t.string,
});

// --- MCP -------------------------------------------------------------------------------------------

/** `mcp_list_tools.in_progress` */
export const McpListToolsInProgress = eventWith('mcp_list_tools.in_progress', {}, { item_id: t.string });
/** `mcp_list_tools.completed` */
export const McpListToolsCompleted = eventWith('mcp_list_tools.completed', {}, { item_id: t.string });
/** `mcp_list_tools.failed` */
export const McpListToolsFailed = eventWith('mcp_list_tools.failed', {}, { item_id: t.string });
/** `response.mcp_call_arguments.delta` */
export const ResponseMcpCallArgumentsDelta = eventWith(
  'response.mcp_call_arguments.delta',
  { response_id: t.string, item_id: t.string, output_index: Integer, delta: t.string },
  { obfuscation: str },
);
/** `response.mcp_call_arguments.done` */
export const ResponseMcpCallArgumentsDone = event('response.mcp_call_arguments.done', {
  response_id: t.string,
  item_id: t.string,
  output_index: Integer,
  arguments: t.string,
});
/** `response.mcp_call.in_progress` */
export const ResponseMcpCallInProgress = event('response.mcp_call.in_progress', {
  output_index: Integer,
  item_id: t.string,
});
/** `response.mcp_call.completed` */
export const ResponseMcpCallCompleted = event('response.mcp_call.completed', {
  output_index: Integer,
  item_id: t.string,
});
/** `response.mcp_call.failed` */
export const ResponseMcpCallFailed = event('response.mcp_call.failed', {
  output_index: Integer,
  item_id: t.string,
});

// --- misc ------------------------------------------------------------------------------------------

/** `error` */
export const ErrorEvent = event('error', { error: ServerErrorDetail });
/** `rate_limits.updated` */
export const RateLimitsUpdated = event('rate_limits.updated', { rate_limits: t.array(RateLimit) });

/** The codecs in the order of {@link serverEventCodecs}; each is named by its wire `type`, which keys the table. */
const codecList: readonly t.Mixed[] = [
  ConversationCreated,
  ConversationItemCreated,
  ConversationItemAdded,
  ConversationItemDone,
  ConversationItemRetrieved,
  ConversationItemDeleted,
  ConversationItemTruncated,
  InputAudioTranscriptionDelta,
  InputAudioTranscriptionCompleted,
  InputAudioTranscriptionFailed,
  InputAudioTranscriptionSegment,
  ErrorEvent,
  InputAudioBufferCleared,
  InputAudioBufferCommitted,
  InputAudioBufferSpeechStarted,
  InputAudioBufferSpeechStopped,
  InputAudioBufferTimeoutTriggered,
  InputAudioBufferDtmfEventReceived,
  OutputAudioBufferStarted,
  OutputAudioBufferStopped,
  OutputAudioBufferCleared,
  RateLimitsUpdated,
  ResponseCreated,
  ResponseDone,
  ResponseOutputItemAdded,
  ResponseOutputItemDone,
  ResponseContentPartAdded,
  ResponseContentPartDone,
  ResponseOutputTextDelta,
  ResponseOutputTextDone,
  ResponseOutputAudioTranscriptDelta,
  ResponseOutputAudioTranscriptDone,
  ResponseOutputAudioDelta,
  ResponseOutputAudioDone,
  ResponseFunctionCallArgumentsDelta,
  ResponseFunctionCallArgumentsDone,
  ResponseMcpCallArgumentsDelta,
  ResponseMcpCallArgumentsDone,
  ResponseMcpCallInProgress,
  ResponseMcpCallCompleted,
  ResponseMcpCallFailed,
  McpListToolsInProgress,
  McpListToolsCompleted,
  McpListToolsFailed,
  SessionCreated,
  SessionUpdated,
];

/**
 * The codec of each wire `type`: a type only (the table at run time is built from the list), which
 * names each codec rather than spelling out its inferred type, so the declarations stay small.
 */
interface ServerCodecs {
  readonly 'conversation.created': typeof ConversationCreated;
  readonly 'conversation.item.created': typeof ConversationItemCreated;
  readonly 'conversation.item.added': typeof ConversationItemAdded;
  readonly 'conversation.item.done': typeof ConversationItemDone;
  readonly 'conversation.item.retrieved': typeof ConversationItemRetrieved;
  readonly 'conversation.item.deleted': typeof ConversationItemDeleted;
  readonly 'conversation.item.truncated': typeof ConversationItemTruncated;
  readonly 'conversation.item.input_audio_transcription.delta': typeof InputAudioTranscriptionDelta;
  readonly 'conversation.item.input_audio_transcription.completed': typeof InputAudioTranscriptionCompleted;
  readonly 'conversation.item.input_audio_transcription.failed': typeof InputAudioTranscriptionFailed;
  readonly 'conversation.item.input_audio_transcription.segment': typeof InputAudioTranscriptionSegment;
  readonly error: typeof ErrorEvent;
  readonly 'input_audio_buffer.cleared': typeof InputAudioBufferCleared;
  readonly 'input_audio_buffer.committed': typeof InputAudioBufferCommitted;
  readonly 'input_audio_buffer.speech_started': typeof InputAudioBufferSpeechStarted;
  readonly 'input_audio_buffer.speech_stopped': typeof InputAudioBufferSpeechStopped;
  readonly 'input_audio_buffer.timeout_triggered': typeof InputAudioBufferTimeoutTriggered;
  readonly 'input_audio_buffer.dtmf_event_received': typeof InputAudioBufferDtmfEventReceived;
  readonly 'output_audio_buffer.started': typeof OutputAudioBufferStarted;
  readonly 'output_audio_buffer.stopped': typeof OutputAudioBufferStopped;
  readonly 'output_audio_buffer.cleared': typeof OutputAudioBufferCleared;
  readonly 'rate_limits.updated': typeof RateLimitsUpdated;
  readonly 'response.created': typeof ResponseCreated;
  readonly 'response.done': typeof ResponseDone;
  readonly 'response.output_item.added': typeof ResponseOutputItemAdded;
  readonly 'response.output_item.done': typeof ResponseOutputItemDone;
  readonly 'response.content_part.added': typeof ResponseContentPartAdded;
  readonly 'response.content_part.done': typeof ResponseContentPartDone;
  readonly 'response.output_text.delta': typeof ResponseOutputTextDelta;
  readonly 'response.output_text.done': typeof ResponseOutputTextDone;
  readonly 'response.output_audio_transcript.delta': typeof ResponseOutputAudioTranscriptDelta;
  readonly 'response.output_audio_transcript.done': typeof ResponseOutputAudioTranscriptDone;
  readonly 'response.output_audio.delta': typeof ResponseOutputAudioDelta;
  readonly 'response.output_audio.done': typeof ResponseOutputAudioDone;
  readonly 'response.function_call_arguments.delta': typeof ResponseFunctionCallArgumentsDelta;
  readonly 'response.function_call_arguments.done': typeof ResponseFunctionCallArgumentsDone;
  readonly 'response.mcp_call_arguments.delta': typeof ResponseMcpCallArgumentsDelta;
  readonly 'response.mcp_call_arguments.done': typeof ResponseMcpCallArgumentsDone;
  readonly 'response.mcp_call.in_progress': typeof ResponseMcpCallInProgress;
  readonly 'response.mcp_call.completed': typeof ResponseMcpCallCompleted;
  readonly 'response.mcp_call.failed': typeof ResponseMcpCallFailed;
  readonly 'mcp_list_tools.in_progress': typeof McpListToolsInProgress;
  readonly 'mcp_list_tools.completed': typeof McpListToolsCompleted;
  readonly 'mcp_list_tools.failed': typeof McpListToolsFailed;
  readonly 'session.created': typeof SessionCreated;
  readonly 'session.updated': typeof SessionUpdated;
}

/** Compile-time check: every key of {@link ServerCodecs} is the wire `type` of its codec. */
type _KeysAreWireTypes = Assert<{ [K in keyof ServerCodecs]: [t.TypeOf<ServerCodecs[K]>['type']] extends [K] ? true : false }[keyof ServerCodecs]>;
type Assert<T extends true> = T;

/**
 * Every GA server event codec, keyed by its wire `type`. This object is the single source of the
 * server event union: {@link ServerEvent} and {@link ServerEventType} are derived from it.
 *
 * @example
 * ```ts
 * import { serverEventCodecs } from 'openai-realtime-rx';
 * serverEventCodecs['response.output_audio.delta'].is(someValue);
 * Object.keys(serverEventCodecs).length; // 46
 * ```
 */
export const serverEventCodecs = Object.fromEntries(codecList.map((codec) => [codec.name, codec])) as unknown as ServerCodecs;

/**
 * The `type` of every known GA server event.
 *
 * @example
 * ```ts
 * import type { ServerEventType } from 'openai-realtime-rx';
 * const t: ServerEventType = 'response.output_audio.delta';
 * ```
 */
export type ServerEventType = keyof ServerCodecs;

/**
 * The decoded event of one server `type`.
 *
 * @example
 * ```ts
 * import type { ServerEventOf } from 'openai-realtime-rx';
 * type AudioDelta = ServerEventOf<'response.output_audio.delta'>; // { delta: string; item_id: string; ... }
 * ```
 */
export type ServerEventOf<T extends ServerEventType> = t.TypeOf<ServerCodecs[T]>;

/**
 * Any known GA server event: a union discriminated by `type`.
 *
 * @example
 * ```ts
 * import type { ServerEvent } from 'openai-realtime-rx';
 * function onEvent(e: ServerEvent) {
 *   if (e.type === 'response.done') console.log(e.response.status);
 * }
 * ```
 */
export type ServerEvent = { [K in ServerEventType]: ServerEventOf<K> }[ServerEventType];

/**
 * A well-formed frame whose `type` this library does not know (a newer event, or one from another
 * API family). It is passed on as it arrived, never dropped, so raw listeners still see it.
 *
 * @example
 * ```ts
 * import type { UnknownServerEvent } from 'openai-realtime-rx';
 * const e: UnknownServerEvent = { type: 'future.event', event_id: 'evt_1', extra: true };
 * ```
 */
export interface UnknownServerEvent {
  readonly type: string;
  readonly event_id?: unknown;
  readonly [key: string]: unknown;
}

const codecTable: ReadonlyMap<string, t.Mixed> = new Map(Object.entries(serverEventCodecs));

/**
 * The codec for a server `type`, or `undefined` for an unknown type. A `Map` lookup, so names such
 * as `__proto__` or `constructor` cannot reach `Object.prototype`.
 *
 * @example
 * ```ts
 * import { serverEventCodec } from 'openai-realtime-rx';
 * serverEventCodec('response.done') !== undefined; // true
 * serverEventCodec('constructor');                 // undefined
 * ```
 */
export const serverEventCodec = (type: string): t.Mixed | undefined => codecTable.get(type);

/**
 * Whether `type` names a known GA server event.
 *
 * @example
 * ```ts
 * import { isServerEventType } from 'openai-realtime-rx';
 * isServerEventType('response.done');       // true
 * isServerEventType('response.audio.delta'); // false (beta name)
 * ```
 */
export const isServerEventType = (type: string): type is ServerEventType => codecTable.has(type);
