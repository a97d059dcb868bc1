import type { WebSocketFactory, WebSocketLike } from './WebSocketLike.js';

/**
 * A factory whose sockets report every frame they send (after the socket accepted it), for
 * recorders. The socket is the factory's own, its `send` wrapped in place, so its identity and
 * every other member stay as they were; a factory that answers synchronously still does.
 *
 * @example
 * ```ts
 * const factory = tapSends(defaultPlatform.createDefaultSocket, (data) => console.log('sent', data));
 * ```
 */
export function tapSends(factory: WebSocketFactory, onSent: (data: string) => void): WebSocketFactory {
  return (request) => {
    const created = factory(request);
    return 'then' in created ? created.then((socket) => tapSocket(socket, onSent)) : tapSocket(created, onSent);
  };
}

/**
 * Wrap one socket's `send` in place. Made at module level, so that the wrapper, which lives as
 * long as the socket, holds the socket, its own `send` and `onSent`, and nothing of the factory.
 */
function tapSocket(socket: WebSocketLike, onSent: (data: string) => void): WebSocketLike {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the socket as `this` (no bound copy to keep)
  const send = socket.send;
  socket.send = (data: string) => {
    send.call(socket, data);
    onSent(data);
  };
  return socket;
}
