import type { SessionUpdateConfig } from '../protocol/session.js';
import type { WebSocketFactory, WebSocketLike } from '../transport/WebSocketLike.js';

/**
 * An API key, or a function that returns one (sync or async), called at every connect.
 *
 * @example
 * ```ts
 * const key: ApiKey = async () => (await fetch('/session')).text(); // an ephemeral ek_ key
 * ```
 */
export type ApiKey = string | (() => string | Promise<string>);

/**
 * A session configuration without the `type`, which defaults to `'realtime'`.
 *
 * @example
 * ```ts
 * const session: SessionConfig = { instructions: 'Be brief.', output_modalities: ['text'] };
 * ```
 */
export type SessionConfig = Omit<SessionUpdateConfig, 'type'> & { readonly type?: string };

/**
 * Per-connection options of {@link RealtimeClient.connect}.
 *
 * @example
 * ```ts
 * await client.connect({ url: sim.url, apiKey: 'test' });
 * ```
 */
export interface ConnectOptions {
  readonly apiKey?: ApiKey;
  readonly model?: string;
  readonly url?: string;
  /** A SIP call to attach to (`wss://…/v1/realtime?call_id=…`). */
  readonly callId?: string;
  readonly session?: SessionConfig;
  /** Extra handshake headers (Node only). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Extra subprotocols after the authentication ones. */
  readonly protocols?: readonly string[];
  /** Open this connection's socket with this factory (instead of the client's or the platform's). */
  readonly createWebSocket?: WebSocketFactory;
  /** The factory returns an already open socket: do not wait for its `open` event. */
  readonly skipOpenEvent?: boolean;
  /** Called with each socket as soon as it exists, before any of its events. */
  readonly onSocket?: (socket: WebSocketLike) => void;
  /** This attempt's connect timeout, instead of the client's `connectTimeoutMs`. */
  readonly connectTimeoutMs?: number;
}
