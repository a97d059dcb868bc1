/**
 * The part of a WebSocket the transport uses: both `ws` and the DOM `WebSocket` fit it, and so
 * does any test double with these members. Listeners are typed `(event: object) => void`
 * because narrower event types fail against one or the other implementation's typings.
 *
 * @example
 * ```ts
 * import type { WebSocketLike } from 'openai-realtime-rx';
 * const socket: WebSocketLike = new WebSocket(url, protocols);
 * ```
 */
export interface WebSocketLike {
  readonly readyState: number;
  addEventListener(type: 'open' | 'message' | 'close' | 'error', listener: (event: object) => void): void;
  removeEventListener?(type: 'open' | 'message' | 'close' | 'error', listener: (event: object) => void): void;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  /** Bytes queued but not yet sent (DOM and `ws`). */
  readonly bufferedAmount?: number;
  binaryType?: string;
}

/**
 * What a WebSocket factory is asked to open. The default factories put the key in an
 * `Authorization` header (Node) or in the subprotocol list (browsers); a custom factory does its
 * own authentication with `apiKey`.
 *
 * @example
 * ```ts
 * import type { SocketRequest } from 'openai-realtime-rx';
 * const request: SocketRequest = { url: 'wss://api.openai.com/v1/realtime?model=gpt-realtime', apiKey: 'ek_…', headers: {}, protocols: [] };
 * ```
 */
export interface SocketRequest {
  readonly url: string;
  readonly apiKey: string;
  /** Extra handshake headers (Node only; browsers cannot set headers). */
  readonly headers: Readonly<Record<string, string>>;
  /** Extra subprotocols, after the authentication ones. */
  readonly protocols: readonly string[];
}

/**
 * Opens a socket for a request: inject one to use another WebSocket implementation, a proxy, or
 * a test double.
 *
 * @example
 * ```ts
 * import WebSocket from 'ws';
 * import type { WebSocketFactory } from 'openai-realtime-rx';
 * const viaProxy: WebSocketFactory = ({ url, apiKey }) => new WebSocket(url, { headers: { Authorization: `Bearer ${apiKey}` }, agent });
 * ```
 */
export type WebSocketFactory = (request: SocketRequest) => WebSocketLike | Promise<WebSocketLike>;

/**
 * What happens on a socket, as values: the transport never throws or errors its stream.
 *
 * @example
 * ```ts
 * import type { SocketEvent } from 'openai-realtime-rx';
 * const describe = (e: SocketEvent) => (e.kind === 'close' ? `closed ${e.code}` : e.kind);
 * ```
 */
export type SocketEvent =
  | { readonly kind: 'socket'; readonly socket: WebSocketLike }
  | { readonly kind: 'open' }
  | { readonly kind: 'message'; readonly data: string | ArrayBuffer | ArrayBufferView; readonly binary: boolean }
  | { readonly kind: 'close'; readonly code: number; readonly reason: string; readonly wasClean: boolean }
  | { readonly kind: 'error'; readonly message: string; readonly error: unknown; readonly closeCode?: number };

/** The WebSocket `readyState` of a socket that is closing. */
export const CLOSING = 2;

/** The WebSocket `readyState` of a closed socket. */
export const CLOSED = 3;
