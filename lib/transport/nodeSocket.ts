import WebSocket from 'ws';
import type { WebSocketFactory } from './WebSocketLike.js';

/**
 * The Node default: a `ws` socket with the key in an `Authorization: Bearer` header.
 *
 * @example
 * ```ts
 * import { createNodeSocket } from 'openai-realtime-rx';
 * const socket = createNodeSocket({ url, apiKey, headers: {}, protocols: [] });
 * ```
 */
export const createNodeSocket: WebSocketFactory = ({ url, apiKey, headers, protocols }) =>
  new WebSocket(url, protocols.length > 0 ? [...protocols] : undefined, {
    headers: { ...headers, Authorization: `Bearer ${apiKey}` },
  });
