import { Observable } from 'rxjs';
import type { SocketEvent, WebSocketLike } from './WebSocketLike.js';
import { CLOSING } from './WebSocketLike.js';

/** The EventEmitter side of a Node `ws` socket. */
interface NodeStyleSocket {
  on(event: 'message', listener: (data: { toString(): string } | ArrayBuffer, isBinary: boolean) => void): unknown;
  off(event: 'message', listener: (data: { toString(): string } | ArrayBuffer, isBinary: boolean) => void): unknown;
}

const messageOf = (event: object): string => {
  const e = event as { message?: unknown; error?: { message?: unknown } };
  if (typeof e.message === 'string' && e.message !== '') return e.message;
  if (typeof e.error?.message === 'string') return e.error.message;
  return 'WebSocket error';
};

/**
 * A socket as an Observable of {@link SocketEvent}s. Subscribing opens the socket (the factory
 * may be async); the stream completes after `close` or `error`; unsubscribing removes every
 * listener and closes the socket if it is still open, so a stale socket can never deliver into
 * a newer connection. A failing factory becomes an `error` event, not a stream error.
 *
 * @param open - creates the socket.
 * @param closeCode - the code used when unsubscribing closes the socket (read at teardown, so it
 *   can be set just before unsubscribing).
 * @param skipOpen - the socket is already open: register no `open` listener and report `open`
 *   as soon as the socket is attached.
 *
 * @example
 * ```ts
 * import { fromWebSocket } from 'openai-realtime-rx';
 * const sub = fromWebSocket(() => new WebSocket(url)).subscribe((e) => console.log(e.kind));
 * sub.unsubscribe(); // closes the socket
 * ```
 */
export function fromWebSocket(
  open: () => WebSocketLike | Promise<WebSocketLike>,
  closeCode: { code: number; reason?: string } = { code: 1000 },
  skipOpen = false,
): Observable<SocketEvent> {
  return new Observable<SocketEvent>((subscriber) => {
    let socket: WebSocketLike | undefined;
    // 'closed': the socket closed itself, so it must not be closed again; otherwise teardown
    // closes it (exactly once), also after an error, as a failing socket may still be open.
    let closedByPeer = false;
    const listeners: Array<[Parameters<WebSocketLike['addEventListener']>[0], (event: object) => void]> = [
      ['open', () => subscriber.next({ kind: 'open' })],
      [
        'message',
        (event) => {
          const data = (event as { data: unknown }).data;
          if (typeof data === 'string') subscriber.next({ kind: 'message', data, binary: false });
          else if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) subscriber.next({ kind: 'message', data, binary: true });
          else subscriber.next({ kind: 'message', data: String(data), binary: true });
        },
      ],
      [
        'close',
        (event) => {
          const e = event as { code?: number; reason?: unknown; wasClean?: boolean };
          closedByPeer = true;
          subscriber.next({
            kind: 'close',
            code: typeof e.code === 'number' ? e.code : 1006,
            reason: typeof e.reason === 'string' ? e.reason : '',
            wasClean: e.wasClean === true,
          });
          subscriber.complete();
        },
      ],
      [
        'error',
        (event) => {
          subscriber.next({ kind: 'error', message: messageOf(event), error: event });
          subscriber.complete();
        },
      ],
    ];

    // A Node `ws` socket is also an EventEmitter: its raw 'message' event skips the MessageEvent
    // that its addEventListener shim allocates for every frame (the inbound hot path).
    let emitter: NodeStyleSocket | undefined;
    const onRaw = (data: { toString(): string } | ArrayBuffer, isBinary: boolean) => {
      if (isBinary) subscriber.next({ kind: 'message', data: data as ArrayBuffer, binary: true });
      else subscriber.next({ kind: 'message', data: (data as { toString(): string }).toString(), binary: false }); // a text frame: a Buffer
    };

    const attach = (s: WebSocketLike) => {
      if (subscriber.closed) {
        s.close(closeCode.code, closeCode.reason);
        return;
      }
      socket = s;
      if ('binaryType' in s) s.binaryType = 'arraybuffer';
      subscriber.next({ kind: 'socket', socket: s });
      const node = s as unknown as Partial<NodeStyleSocket>;
      if (typeof node.on === 'function' && typeof node.off === 'function') emitter = node as NodeStyleSocket;
      for (const [type, listener] of listeners) {
        if (skipOpen && type === 'open') continue;
        if (type === 'message' && emitter) emitter.on('message', onRaw);
        else s.addEventListener(type, listener);
      }
      if (skipOpen) subscriber.next({ kind: 'open' });
    };

    const fail = (error: unknown) => {
      subscriber.next({ kind: 'error', message: error instanceof Error ? error.message : String(error), error });
      subscriber.complete();
    };

    try {
      const created = open();
      if (created instanceof Promise) created.then(attach, fail);
      else attach(created);
    } catch (error) {
      fail(error);
    }

    return () => {
      const s = socket;
      socket = undefined;
      if (!s) return;
      for (const [type, listener] of listeners) s.removeEventListener?.(type, listener);
      emitter?.off('message', onRaw);
      if (closedByPeer || s.readyState >= CLOSING) return;
      try {
        s.close(closeCode.code, closeCode.reason);
      } catch {
        // closing a socket that is already failing must not throw out of a teardown
      }
    };
  });
}
