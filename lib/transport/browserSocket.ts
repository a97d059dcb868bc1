import type { WebSocketFactory, WebSocketLike } from './WebSocketLike.js';

/**
 * The browser default: the native `WebSocket`, with the key in the subprotocol list
 * (`realtime`, `openai-insecure-api-key.<key>`), since browsers cannot set handshake headers.
 *
 * @example
 * ```ts
 * import { createBrowserSocket } from 'openai-realtime-rx';
 * const socket = createBrowserSocket({ url, apiKey: 'ek_…', headers: {}, protocols: [] });
 * ```
 */
export const createBrowserSocket: WebSocketFactory = ({ url, apiKey, protocols }) => {
  const Ctor = (globalThis as { WebSocket?: new (url: string, protocols: string[]) => WebSocketLike }).WebSocket;
  if (Ctor === undefined) throw new Error('No WebSocket in this runtime: pass createWebSocket to open one.');
  return new Ctor(url, ['realtime', `openai-insecure-api-key.${apiKey}`, ...protocols]);
};
