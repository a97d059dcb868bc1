/**
 * The option, state and payload types of `OpenAIRealtimeWebSocket`, as OpenAI's Agents SDK
 * (`@openai/agents-realtime` 0.20) declares them.
 *
 * @module
 */
import type { ApiKey } from '../client/RealtimeClientConfig.js';
import type { ReconnectOptions } from '../client/reconnectPolicy.js';
import type { RealtimeSessionConfig } from '../commands/sessionPayload.js';
import type { RealtimeItem } from '../protocol/realtimeItem.js';
import type { ServerEventOf, ServerEventType } from '../protocol/serverEvents.js';
import type { RealtimeUsage } from '../streams/emissions.js';
import type { WebSocketLike } from '../transport/WebSocketLike.js';

/**
 * Constructor options.
 *
 * @example
 * ```ts
 * import type { OpenAIRealtimeWebSocketOptions } from 'openai-realtime-rx';
 * const options: OpenAIRealtimeWebSocketOptions = { model: 'gpt-realtime', apiKey: () => getEphemeralKey() };
 * ```
 */
export interface OpenAIRealtimeWebSocketOptions {
  /** Default `gpt-realtime-2.1`. */
  model?: string;
  /** Used when `connect()` gets none; a function is called at every connect. */
  apiKey?: ApiKey;
  /** Allow a non-ephemeral key in a browser. Default `false`. */
  useInsecureApiKey?: boolean;
  /** The default URL (sticky across connects). */
  url?: string;
  /** Open the socket yourself (authentication included); receives `{url, apiKey}`. */
  createWebSocket?: (options: { url: string; apiKey: string }) => Promise<WebSocketLike> | WebSocketLike;
  /** The socket `createWebSocket` returns is already open: do not wait for `open`. */
  skipOpenEventListeners?: boolean;
  /** Where warnings and logged errors go. Default: `console`. */
  logger?: { warn(message: string): void; error(message: string, ...details: unknown[]): void };
  /** Not in the Agents SDK: fail a connect that has not opened after this many ms (default 15,000; `0` waits forever). */
  connectTimeoutMs?: number;
  /** Not in the Agents SDK: allow a plain `ws://` URL to a remote host with the default socket (default `false`). */
  allowInsecureTransport?: boolean;
  /** Not in the Agents SDK: the send buffer's high-water mark in bytes, above which audio appends are dropped (default 1 MiB). */
  maxBufferedBytes?: number;
  /**
   * Not in the Agents SDK: reconnect after a lost connection and restore the session (see
   * `RealtimeClient`'s `reconnect`). Meanwhile the transport says `connecting`, events sent are
   * held (audio dropped), and `connected` follows once the session is restored.
   */
  reconnect?: boolean | ReconnectOptions;
}

/**
 * Options of `connect()`.
 *
 * @example
 * ```ts
 * import type { RealtimeTransportLayerConnectOptions } from 'openai-realtime-rx';
 * const options: RealtimeTransportLayerConnectOptions = { apiKey: 'ek_…', initialSessionConfig: { instructions: 'Be brief.' } };
 * ```
 */
export interface RealtimeTransportLayerConnectOptions {
  apiKey?: ApiKey;
  model?: string;
  url?: string;
  callId?: string;
  initialSessionConfig?: Partial<RealtimeSessionConfig>;
}

/**
 * The connection state: the status and, while connecting or connected, the socket.
 *
 * @example
 * ```ts
 * import type { WebSocketState } from 'openai-realtime-rx';
 * const isOpen = (s: WebSocketState) => s.status === 'connected';
 * ```
 */
export type WebSocketState =
  | { status: 'disconnected'; websocket: undefined }
  | { status: 'connecting'; websocket: WebSocketLike }
  | { status: 'connected'; websocket: WebSocketLike };

/**
 * Anything with a `type`: what `sendEvent` writes as it is.
 *
 * @example
 * ```ts
 * import type { RealtimeClientMessage } from 'openai-realtime-rx';
 * const m: RealtimeClientMessage = { type: 'input_audio_buffer.clear' };
 * ```
 */
export type RealtimeClientMessage = { type: string; [key: string]: unknown };

/**
 * A user message: text, or a message of text and image parts.
 *
 * @example
 * ```ts
 * import type { RealtimeUserInput } from 'openai-realtime-rx';
 * const m: RealtimeUserInput = { type: 'message', role: 'user', content: [{ type: 'input_image', image: dataUrl }] };
 * ```
 */
export type RealtimeUserInput =
  | string
  | {
      type: 'message';
      role: 'user';
      content: Array<{ type: 'input_text'; text: string } | { type: 'input_image'; image: string; providerData?: Record<string, unknown> }>;
    };

/**
 * The `function_call` event payload.
 *
 * @example
 * ```ts
 * import type { TransportToolCallEvent } from 'openai-realtime-rx';
 * transport.on('function_call', (call: TransportToolCallEvent) => transport.sendFunctionCallOutput(call, run(call)));
 * ```
 */
export interface TransportToolCallEvent {
  type: 'function_call';
  id?: string;
  name: string;
  callId: string;
  arguments: string;
  previousItemId?: string;
  responseId?: string;
}

/**
 * The `audio` event payload.
 *
 * @example
 * ```ts
 * import type { TransportLayerAudio } from 'openai-realtime-rx';
 * transport.on('audio', (e: TransportLayerAudio) => speaker.write(new Uint8Array(e.data)));
 * ```
 */
export interface TransportLayerAudio {
  type: 'audio';
  data: ArrayBuffer;
  responseId: string;
}

/**
 * An MCP approval request item, the argument of `sendMcpResponse`.
 *
 * @example
 * ```ts
 * import type { RealtimeMcpCallApprovalRequestItem } from 'openai-realtime-rx';
 * transport.on('mcp_approval_request', (req: RealtimeMcpCallApprovalRequestItem) => transport.sendMcpResponse(req, true));
 * ```
 */
export interface RealtimeMcpCallApprovalRequestItem {
  itemId: string;
  type: 'mcp_approval_request';
  serverLabel: string;
  name: string;
  arguments: Record<string, unknown>;
  approved?: boolean | null;
}

/**
 * The listener events of `OpenAIRealtimeWebSocket` and their arguments, as in OpenAI's Agents SDK.
 * Every known server event is also emitted under its own `type` (see {@link TransportEventArgs}).
 *
 * @example
 * ```ts
 * import type { OpenAIRealtimeEventTypes } from 'openai-realtime-rx';
 * type CallArgs = OpenAIRealtimeEventTypes['function_call']; // [TransportToolCallEvent]
 * ```
 */
export interface OpenAIRealtimeEventTypes {
  '*': [event: Record<string, unknown>];
  error: [error: { type: 'error'; error: unknown }];
  connection_change: [status: 'connecting' | 'connected' | 'disconnected'];
  connected: [];
  disconnected: [];
  audio: [event: TransportLayerAudio];
  audio_done: [];
  audio_interrupted: [];
  audio_transcript_delta: [event: { type: 'transcript_delta'; delta: string; itemId: string; responseId: string }];
  output_text_delta: [event: { type: 'output_text_delta'; delta: string; itemId: string; responseId: string }];
  turn_started: [event: { type: 'response_started'; providerData: Record<string, unknown> }];
  turn_done: [event: { type: 'response_done'; response: { id: string; output: unknown[]; usage: Record<string, unknown> } }];
  usage_update: [usage: RealtimeUsage];
  item_update: [item: RealtimeItem];
  item_deleted: [item: { itemId: string }];
  function_call: [call: TransportToolCallEvent];
  mcp_tools_listed: [event: { serverLabel: string; tools: unknown[] }];
  mcp_approval_request: [request: RealtimeMcpCallApprovalRequestItem];
  mcp_tool_call_completed: [call: RealtimeItem];
}

/**
 * The listener arguments of an event name: the named events above, each known server event type
 * (its decoded event), or anything for other names.
 *
 * @example
 * ```ts
 * import type { TransportEventArgs } from 'openai-realtime-rx';
 * type DoneArgs = TransportEventArgs<'response.done'>; // [ServerEventOf<'response.done'>]
 * ```
 */
export type TransportEventArgs<K extends PropertyKey> = K extends keyof OpenAIRealtimeEventTypes
  ? OpenAIRealtimeEventTypes[K]
  : K extends ServerEventType
    ? [event: ServerEventOf<K>]
    : any[]; // eslint-disable-line @typescript-eslint/no-explicit-any -- free-form event names, as in EventEmitter
