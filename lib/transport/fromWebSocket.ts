import type { Subscriber, TeardownLogic } from 'rxjs';
import { Observable } from 'rxjs';
import type { SocketEvent, WebSocketLike } from './WebSocketLike.js';
import { CLOSED, CLOSING } from './WebSocketLike.js';

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
 * a newer connection; a no-op `error` listener stays until the socket reports `close`, so a
 * socket closed mid-upgrade cannot crash Node. A failing factory becomes an `error` event, not a
 * stream error. A socket error that stands for a protocol close (Node `ws`'s `WS_ERR_*`) carries
 * that `closeCode` (1007 stays 1007).
 *
 * @param open - creates the socket.
 * @param closeCode - the code used when unsubscribing closes the socket (read at teardown, so it
 *   can be set just before unsubscribing).
 * @param skipOpen - the socket is already open: register no `open` listener and report `open`
 *   as soon as the socket is attached.
 * @param onCloseError - told when closing the socket at teardown throws (the stream is over by
 *   then, so it cannot carry it).
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
  onCloseError: (error: unknown) => void = () => undefined,
): Observable<SocketEvent> {
  return new Observable<SocketEvent>((subscriber) => watchSocket(subscriber, open, closeCode, skipOpen, onCloseError));
}

/**
 * One subscription of {@link fromWebSocket}, in a scope of its own: the listeners it leaves on the
 * socket keep this scope alive for the connection's life, and it keeps nothing of the caller's
 * (`open` is called here, not held), so what built the socket can go once it is open.
 */
function watchSocket(
  subscriber: Subscriber<SocketEvent>,
  open: () => WebSocketLike | Promise<WebSocketLike>,
  closeCode: { code: number; reason?: string },
  skipOpen: boolean,
  onCloseError: (error: unknown) => void,
): TeardownLogic {
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
        const closeCode = closeCodeOfError(event);
        subscriber.next({ kind: 'error', message: messageOf(event), error: event, ...(closeCode === undefined ? {} : { closeCode }) });
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
      closeQuietly(s, closeCode, onCloseError); // a socket that arrived after unsubscribing
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
    if (closedByPeer) return;
    closeQuietly(s, closeCode, onCloseError);
  };
}

/**
 * Close a socket nobody listens to any more, without letting its last events escape: until it
 * reports `close`, a no-op `error` listener stays attached (a Node `ws` socket closed while its
 * upgrade is pending emits `error` on the next tick, and an `error` with no listener would crash
 * the process). An exception from `close()` goes to `onError`.
 */
function closeQuietly(s: WebSocketLike, closing: { code: number; reason?: string }, onError: (error: unknown) => void): void {
  if (s.readyState >= CLOSED) return;
  const sink = (): void => undefined;
  const done = (): void => {
    s.removeEventListener?.('error', sink);
    s.removeEventListener?.('close', done);
  };
  s.addEventListener('error', sink);
  s.addEventListener('close', done);
  if (s.readyState >= CLOSING) return; // already closing: only wait for its close
  try {
    s.close(closing.code, closing.reason);
  } catch (error) {
    onError(error);
  }
}

/**
 * The close code a socket error stands for, where the error says so: Node's `ws` fails a
 * connection for a protocol violation with a `WS_ERR_*` code, and closes it with the matching
 * WebSocket close code (1007 for invalid UTF-8, 1009 for a frame too large, 1002 otherwise).
 */
const WS_CLOSE_CODES: ReadonlyMap<string, number> = new Map([
  ['WS_ERR_INVALID_UTF8', 1007],
  ['WS_ERR_UNSUPPORTED_MESSAGE_LENGTH', 1009],
]);

function closeCodeOfError(event: object): number | undefined {
  const inner = (event as { error?: unknown }).error;
  const code = (inner as { code?: unknown } | undefined)?.code ?? (event as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('WS_ERR_')) return undefined;
  return WS_CLOSE_CODES.get(code) ?? 1002;
}
