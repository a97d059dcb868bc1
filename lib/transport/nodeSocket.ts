import type { ClientRequest, IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import type { WebSocketFactory } from './WebSocketLike.js';

/**
 * The Node default: a `ws` socket with the key in an `Authorization: Bearer` header.
 *
 * A refused upgrade fails the socket with an `Error('Unexpected server response: <status>')`
 * that also carries the `status` and the response's `retry-after` header (`retryAfter`), so a
 * 429 or 503 can be retried when the server says.
 *
 * @example
 * ```ts
 * import { createNodeSocket } from 'openai-realtime-rx';
 * const socket = createNodeSocket({ url, apiKey, headers: {}, protocols: [] });
 * ```
 */
export const createNodeSocket: WebSocketFactory = ({ url, apiKey, headers, protocols }) => {
  const socket = new WebSocket(url, protocols.length > 0 ? [...protocols] : undefined, {
    headers: { ...headers, Authorization: `Bearer ${apiKey}` },
  });
  const onUnexpected = (request: ClientRequest, response: IncomingMessage): void => {
    const retryAfter = response.headers['retry-after'];
    const error = Object.assign(new Error(`Unexpected server response: ${response.statusCode ?? 0}`), {
      status: response.statusCode,
      ...(typeof retryAfter === 'string' ? { retryAfter } : {}),
    });
    response.resume();
    request.destroy(error); // ws then fails the socket with this error: `error`, then `close`
  };
  socket.once('unexpected-response', onUnexpected);
  socket.once('close', () => socket.off('unexpected-response', onUnexpected));
  return socket;
};
