/**
 * openai-realtime-rx: the OpenAI Realtime API (GA, WebSocket) as RxJS streams.
 *
 * The root entry is the core an application builds on; it is browser-safe. Audio utilities live in
 * `openai-realtime-rx/audio`, the simulator in `openai-realtime-rx/testing`. Every name exported
 * here is a semver promise: spec/package/api-report/ records them, and a test fails on any change.
 * Helpers that only the library itself uses are imported from their modules, never from here.
 *
 * @packageDocumentation
 */

// ---- clients ----------------------------------------------------------------------------------
// The reactive client: one hot stream of decoded events, typed substreams, commands in.
export { RealtimeClient } from './client/RealtimeClient.js';
export type { RealtimeClientConfig, ConnectOptions, ApiKey, SessionConfig } from './client/RealtimeClientConfig.js';
export type { ConnectionStatus, ClosedStatus } from './client/ConnectionStatus.js';
export { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_MAX_BUFFERED_BYTES } from './client/RealtimeClientConfig.js';
export type { Backpressure } from './client/Backpressure.js';
export type { ReconnectOptions } from './client/reconnectPolicy.js';
export { reconnecting } from './client/reconnecting.js';
export type { ReconnectStrategy } from './client/reconnecting.js';
export type { ReplayBudget } from './commands/ConversationLog.js';
// The drop-in OpenAIRealtimeWebSocket of OpenAI's Agents SDK, with the names that SDK exports beside it.
export { OpenAIRealtimeWebSocket } from './facade/OpenAIRealtimeWebSocket.js';
export type {
  OpenAIRealtimeWebSocketOptions,
  RealtimeTransportLayerConnectOptions,
  WebSocketState,
  RealtimeClientMessage,
  RealtimeUserInput,
  TransportToolCallEvent,
  TransportLayerAudio,
  RealtimeMcpCallApprovalRequestItem,
  OpenAIRealtimeEventTypes,
  TransportEventArgs,
} from './facade/types.js';
export { DEFAULT_OPENAI_REALTIME_SESSION_CONFIG } from './commands/sessionPayload.js';
export type {
  RealtimeSessionConfig,
  RealtimeAudioFormat,
  RealtimeTurnDetectionConfig,
  RealtimeToolDefinition,
} from './commands/sessionPayload.js';
export { DEFAULT_REALTIME_MODEL as DEFAULT_OPENAI_REALTIME_MODEL } from './protocol/endpoint.js';
export type { TracingSetting } from './commands/tracing.js';
export type { RealtimeItem } from './protocol/realtimeItem.js';
export type { RealtimeUsage } from './streams/emissions.js';

// ---- recording ----------------------------------------------------------------------------------
// A session, both directions, as JSON lines (to a file: recordToFile of openai-realtime-rx/node;
// served back: ReplayServer and replay of openai-realtime-rx/testing).
export { recordSession } from './record/recordSession.js';
export type { RecordOptions, SessionRecorder } from './record/recordSession.js';
export { elideAudio, isElidedAudio, parseRecording, redactSecrets } from './record/RecordedFrame.js';
export type { RecordedFrame, ElidedAudio } from './record/RecordedFrame.js';

// ---- errors -------------------------------------------------------------------------------------
export { ConnectError, formatRealtimeError } from './client/RealtimeError.js';
export type {
  RealtimeError,
  ServerError,
  ServerErrorSeverity,
  TransportError,
  CommandError,
  ClientWarning,
  ListenerError,
} from './client/RealtimeError.js';
export { classifyClose, classifyUpgrade, parseRetryAfter, isRecoverable } from './client/failureKinds.js';
export type { FailureKind, FailureClass } from './client/failureKinds.js';
export { UserError } from './commands/UserError.js';
export { formatFailure } from './protocol/formatFailure.js';
export type {
  DecodeFailure,
  DecodeFailureCode,
  EncodeFailure,
  EncodeFailureCode,
  FieldIssue,
  DecodeWarning,
} from './protocol/failures.js';

// ---- commands: typed constructors for client events ----------------------------------------------
export {
  appendAudio,
  commitAudio,
  clearAudio,
  createItem,
  userMessage,
  functionCallOutput,
  createResponse,
  cancelResponse,
  truncateItem,
  deleteItem,
  retrieveItem,
  updateSession,
} from './commands/commands.js';

// ---- stream operators over decoded events (pure rxjs) -------------------------------------------
export { ofType } from './streams/ofType.js';
export { shareHot } from './streams/shareHot.js';
export type { AnyServerEvent } from './streams/AnyServerEvent.js';
export { audioChunks } from './streams/audio.js';
export type { AudioChunk, AudioError } from './streams/audio.js';
export { transcriptUpdates, DEFAULT_TRANSCRIPT_LIMITS } from './streams/transcripts.js';
export type { TranscriptUpdate, TranscriptSource, TranscriptLimits } from './streams/transcripts.js';
export { restartOn } from './streams/restartOn.js';
export { responseStreams } from './streams/responseStreams.js';
export type { ResponseStream, ResponseEnd, ResponseSources } from './streams/responseStreams.js';
export { toolCalls } from './streams/toolCalls.js';
export type { ToolCall } from './streams/toolCalls.js';
export { itemEvents } from './streams/items.js';
export type { ItemEvent } from './streams/items.js';
export { turns, usage } from './streams/turns.js';
export type { Turn, InterruptedTurn, ResponseUsage } from './streams/turns.js';
export { rateLimits } from './streams/rateLimits.js';
export { bargeIn } from './streams/bargeIn.js';
export type { BargeInClient, BargeInOptions, Interruption, PlaybackPosition } from './streams/bargeIn.js';
export { conversation, conversationState } from './streams/conversation.js';
export type { ConversationClient, ConversationOptions } from './streams/conversation.js';
export type { ConversationState, ConversationItemState, ConversationPart } from './streams/conversationReducer.js';
export { runTools, toolDefinitions, tool } from './streams/runTools.js';
export type { ToolSpec, ToolSet, ToolContext, ToolConcurrency, ToolCancelReason, ToolEvent, RunToolsOptions, ToolsClient } from './streams/runTools.js';

// ---- protocol: decode, encode, event types ------------------------------------------------------
export { decodeServerEvent, decodeServerFrame, decodeWarningOf } from './protocol/decodeServerEvent.js';
export type { FrameData, DecodedFrame } from './protocol/decodeServerEvent.js';
export { encodeClientEvent } from './protocol/encodeClientEvent.js';
export { hasType } from './protocol/hasType.js';
export { serverEventCodecs, serverEventCodec, isServerEventType } from './protocol/serverEvents.js';
export type { ServerEvent, ServerEventType, ServerEventOf, UnknownServerEvent } from './protocol/serverEvents.js';
export { clientEventCodecs, clientEventCodec } from './protocol/clientEvents.js';
export type { ClientEvent, ClientEventType, ClientEventOf } from './protocol/clientEvents.js';

// ---- protocol: io-ts codecs of the payloads (each is also the type of the same name, where one exists)
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

// ---- endpoint -----------------------------------------------------------------------------------
export { realtimeUrl, DEFAULT_REALTIME_MODEL } from './protocol/endpoint.js';

// ---- sockets: what a custom WebSocket factory needs ---------------------------------------------
export type { WebSocketLike, WebSocketFactory, SocketRequest, SocketEvent } from './transport/WebSocketLike.js';
export type { Platform } from './transport/Platform.js';
export { fromWebSocket } from './transport/fromWebSocket.js';
export { createBrowserSocket } from './transport/browserSocket.js';
