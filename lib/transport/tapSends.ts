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
  const tap = (socket: WebSocketLike): WebSocketLike => {
    const send = socket.send.bind(socket);
    socket.send = (data: string) => {
      send(data);
      onSent(data);
    };
    return socket;
  };
  return (request) => {
    const created = factory(request);
    return 'then' in created ? created.then(tap) : tap(created);
  };
}
