/**
 * openai-realtime-rx: the OpenAI Realtime API (GA, WebSocket) as RxJS streams.
 *
 * @packageDocumentation
 */

// protocol: codecs, decode, encode (pure)
export { Integer, FiniteNumber, nullable, struct, JsonObject } from './protocol/primitives.js';
export {
  AudioFormat,
  TurnDetection,
  FunctionTool,
  McpTool,
  Tool,
  ToolChoice,
  Tracing,
  Prompt,
  MaxOutputTokens,
  Session,
  SessionUpdateConfig,
} from './protocol/session.js';
export {
  ContentPart,
  MessageItem,
  FunctionCallItem,
  FunctionCallOutputItem,
  McpListToolsItem,
  McpCallItem,
  McpApprovalRequestItem,
  McpApprovalResponseItem,
  ConversationItem,
  ItemReference,
} from './protocol/items.js';
export {
  Usage,
  ResponseStatus,
  RealtimeResponse,
  ResponseCreateParams,
  RateLimit,
  ServerErrorDetail,
} from './protocol/response.js';
export { serverEventCodecs, serverEventCodec, isServerEventType } from './protocol/serverEvents.js';
export type { ServerEvent, ServerEventType, ServerEventOf, UnknownServerEvent } from './protocol/serverEvents.js';
export { clientEventCodecs, clientEventCodec } from './protocol/clientEvents.js';
export type { ClientEvent, ClientEventType, ClientEventOf } from './protocol/clientEvents.js';
export { decodeServerEvent } from './protocol/decodeServerEvent.js';
export type { FrameData } from './protocol/decodeServerEvent.js';
export { encodeClientEvent } from './protocol/encodeClientEvent.js';
export { formatFailure } from './protocol/formatFailure.js';
export { clip, fieldIssues, MAX_RAW_CHARS, MAX_TYPE_CHARS, MAX_ISSUES } from './protocol/failures.js';
export type {
  DecodeFailure,
  DecodeFailureCode,
  EncodeFailure,
  EncodeFailureCode,
  FieldIssue,
} from './protocol/failures.js';
export { hasType } from './protocol/hasType.js';

// streams: operators over decoded events (pure rxjs)
export { ofType } from './streams/ofType.js';
