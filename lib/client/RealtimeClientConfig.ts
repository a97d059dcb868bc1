import type { TranscriptLimits } from '../streams/transcripts.js';
import type { ReconnectStrategy } from './reconnecting.js';
import type { WebSocketFactory } from '../transport/WebSocketLike.js';
import type { ApiKey, SessionConfig } from './ConnectOptions.js';

// the per-connection options live in their own module (the reconnect strategy needs them too)
export type { ApiKey, ConnectOptions, SessionConfig } from './ConnectOptions.js';

/**
 * Options of a {@link RealtimeClient}. All optional; `connect()` may override most of them.
 *
 * @example
 * ```ts
 * import { RealtimeClient } from 'openai-realtime-rx';
 * const client = new RealtimeClient({ apiKey: () => fetchEphemeralKey(), model: 'gpt-realtime' });
 * ```
 */
export interface RealtimeClientConfig {
  /** The key, or a function returning it (called at every connect). Never logged or echoed. */
  readonly apiKey?: ApiKey;
  /** The model in the default URL (`wss://api.openai.com/v1/realtime?model=…`). */
  readonly model?: string;
  /** Connect here instead (a proxy, or the embedded simulator). */
  readonly url?: string;
  /** Open sockets with this factory instead of the platform default. */
  readonly createWebSocket?: WebSocketFactory;
  /** Allow a non-ephemeral key in a browser (it is visible to the page). Default `false`. */
  readonly useInsecureApiKey?: boolean;
  /** Sent as `session.update`, before anything else, every time a connection opens. */
  readonly session?: SessionConfig;
  /** How many commands may wait while connecting. Default {@link DEFAULT_MAX_QUEUED_COMMANDS}. */
  readonly maxQueuedCommands?: number;
  /**
   * How long a connection attempt (key, socket, upgrade) may take before it fails with
   * `RT_ERR_CONNECT_TIMEOUT`. Default {@link DEFAULT_CONNECT_TIMEOUT_MS}; `0` waits forever.
   */
  readonly connectTimeoutMs?: number;
  /**
   * Allow a plain `ws://` URL to a host other than this machine (the key then crosses the
   * network unencrypted). Default `false`: such a connect fails with `RT_ERR_INSECURE_URL`.
   * Applies to the default socket; a custom `createWebSocket` chooses its own transport.
   */
  readonly allowInsecureTransport?: boolean;
  /**
   * The send buffer's high-water mark, in bytes. Above it (the server or the network stopped
   * reading), `input_audio_buffer.append` commands are dropped, counted and reported once per
   * episode (`RT_WARN_BACKPRESSURE`); other commands are still sent. Default
   * {@link DEFAULT_MAX_BUFFERED_BYTES}; `Infinity` turns the bound off.
   */
  readonly maxBufferedBytes?: number;
  /** Bounds on unfinished transcripts in `transcripts$` (see {@link TranscriptLimits}). */
  readonly transcriptLimits?: Omit<TranscriptLimits, 'onLimit'>;
  /**
   * Reconnect after an established connection is lost for a recoverable reason (see
   * `docs/errors.md`), and restore the session: the session configuration is sent again and the
   * conversation replayed; long sessions roll over. Off by default; `reconnect: reconnecting()`
   * turns it on with the defaults of `ReconnectOptions`. A strategy rather than an options bag,
   * so that a client without it does not carry its code.
   */
  readonly reconnect?: ReconnectStrategy;
}

/**
 * The default connect timeout: 15 s.
 *
 * @example
 * ```ts
 * new RealtimeClient({ connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS * 2 });
 * ```
 */
export const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;

/**
 * The default send-buffer high-water mark: 1 MiB (about 16 s of 24 kHz PCM16 audio, as base64 appends).
 *
 * @example
 * ```ts
 * new RealtimeClient({ maxBufferedBytes: DEFAULT_MAX_BUFFERED_BYTES / 4 });
 * ```
 */
export const DEFAULT_MAX_BUFFERED_BYTES = 1_048_576;

/**
 * The default bound on commands queued while connecting.
 *
 * @example
 * ```ts
 * new RealtimeClient({ maxQueuedCommands: DEFAULT_MAX_QUEUED_COMMANDS * 2 });
 * ```
 */
export const DEFAULT_MAX_QUEUED_COMMANDS = 1024;

/**
 * The key itself: a string as it is, a function called (and awaited).
 *
 * @example
 * ```ts
 * import { resolveApiKey } from 'openai-realtime-rx';
 * await resolveApiKey(() => Promise.resolve('ek_123')); // 'ek_123'
 * ```
 */
export const resolveApiKey = async (key: ApiKey | undefined): Promise<string | undefined> => (typeof key === 'function' ? key() : key);
