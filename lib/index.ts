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

// --- issue #9: two-tier decoding (essentials vs drift) -----------------------------------------
export { decodeServerFrame, decodeWarningOf } from './protocol/decodeServerEvent.js';
export type { DecodedFrame } from './protocol/decodeServerEvent.js';
export type { DecodeWarning } from './protocol/failures.js';
export { serverEventEssentials, essentialCodec } from './protocol/essentials.js';
export type { EssentialSpec } from './protocol/essentials.js';
// --- end issue #9 block ---------------------------------------------------------------------------

// streams: operators over decoded events (pure rxjs)
export { ofType } from './streams/ofType.js';
export { collect } from './streams/collect.js';
export { shareHot } from './streams/shareHot.js';
export type { AnyServerEvent } from './streams/AnyServerEvent.js';
export { audioChunks } from './streams/audio.js';
export type { AudioChunk, AudioError } from './streams/audio.js';
export { transcriptUpdates } from './streams/transcripts.js';
export type { TranscriptUpdate, TranscriptSource } from './streams/transcripts.js';
export { toolCalls } from './streams/toolCalls.js';
export type { ToolCall } from './streams/toolCalls.js';
export { itemEvents } from './streams/items.js';
export type { ItemEvent } from './streams/items.js';
export { turns, usage } from './streams/turns.js';
export type { Turn, ResponseUsage } from './streams/turns.js';
export { rateLimits } from './streams/rateLimits.js';

// audio: bytes and durations (pure)
export { decodeBase64, encodeBase64 } from './audio/base64.js';
export { bytesPerMs, durationMs, isPcm16 } from './audio/durations.js';
export type { AudioFormatLike, CanonicalAudioFormat } from './audio/durations.js';

// commands: typed constructors for client events
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

// transport: sockets
export { fromWebSocket } from './transport/fromWebSocket.js';
export type { WebSocketLike, WebSocketFactory, SocketRequest, SocketEvent } from './transport/WebSocketLike.js';
export type { Platform } from './transport/Platform.js';
export { defaultPlatform } from './transport/defaultPlatform.js';
export { createBrowserSocket } from './transport/browserSocket.js';
export { realtimeUrl, REALTIME_URL, DEFAULT_REALTIME_MODEL } from './protocol/endpoint.js';
export { redact } from './transport/redact.js';

// client: the reactive core
export { RealtimeClient } from './client/RealtimeClient.js';
export { DEFAULT_MAX_QUEUED_COMMANDS, resolveApiKey } from './client/RealtimeClientConfig.js';
export type { RealtimeClientConfig, ConnectOptions, ApiKey, SessionConfig } from './client/RealtimeClientConfig.js';
export { closedStatus } from './client/ConnectionStatus.js';
export type { ConnectionStatus, ClosedStatus } from './client/ConnectionStatus.js';
// --- connection lifecycle (issue #9): failure taxonomy, bounds, warnings ---
export { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_MAX_BUFFERED_BYTES } from './client/RealtimeClientConfig.js';
export { classifyClose, classifyUpgrade, parseRetryAfter, isRecoverable } from './client/failureKinds.js';
export type { FailureKind, FailureClass } from './client/failureKinds.js';
export type { Backpressure } from './client/Backpressure.js';
export type { ClientWarning, ListenerError } from './client/RealtimeError.js';
export { restartOn } from './streams/restartOn.js';
export { DEFAULT_TRANSCRIPT_LIMITS } from './streams/transcripts.js';
export type { TranscriptLimits } from './streams/transcripts.js';
// --- end of connection lifecycle block ---
export { ConnectError, serverError, formatRealtimeError } from './client/RealtimeError.js';
export type {
  RealtimeError,
  ServerError,
  ServerErrorSeverity,
  TransportError,
  CommandError,
} from './client/RealtimeError.js';

// facade: the drop-in OpenAIRealtimeWebSocket of OpenAI's Agents SDK
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
export { Emitter } from './facade/Emitter.js';
export type { Listener } from './facade/Emitter.js';
export { PlaybackTracker } from './facade/PlaybackTracker.js';
export { VERSION, HEADERS, WEBSOCKET_META } from './facade/version.js';
export { UserError } from './commands/UserError.js';
export { agentsUserContent, completedFunctionCallItem, mcpApprovalResponse } from './commands/agentsMessages.js';
export type { AgentsUserInput } from './commands/agentsMessages.js';
export {
  buildSessionPayload,
  normalizeAudioFormat,
  DEFAULT_OPENAI_REALTIME_SESSION_CONFIG,
} from './commands/sessionPayload.js';
export type {
  RealtimeSessionConfig,
  RealtimeAudioFormat,
  RealtimeTurnDetectionConfig,
  RealtimeToolDefinition,
} from './commands/sessionPayload.js';
export { ResponseSequencer } from './commands/ResponseSequencer.js';
export { HistorySync, diffRealtimeHistory } from './commands/HistorySync.js';
export type { HistoryDiff, HistoryFrame } from './commands/HistorySync.js';
export { decideTracing, TRACING_ALREADY_SET } from './commands/tracing.js';
export type { TracingSetting, TracingDecision } from './commands/tracing.js';
export { toRealtimeItem } from './protocol/realtimeItem.js';
export type { RealtimeItem } from './protocol/realtimeItem.js';
export { withKnownFields } from './protocol/knownFields.js';
export { emissionsOf, hasDerivedEmissions } from './streams/emissions.js';
export type { Emission, RealtimeUsage } from './streams/emissions.js';
export { DEFAULT_REALTIME_MODEL as DEFAULT_OPENAI_REALTIME_MODEL } from './protocol/endpoint.js';
