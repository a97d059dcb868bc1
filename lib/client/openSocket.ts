import type { Subscriber, TeardownLogic, Unsubscribable } from 'rxjs';
import { Observable } from 'rxjs';
import { fromWebSocket } from '../transport/fromWebSocket.js';
import type { Platform } from '../transport/Platform.js';
import type { SocketEvent, WebSocketFactory } from '../transport/WebSocketLike.js';
import type { ApiKey, ConnectOptions } from './RealtimeClientConfig.js';
import { resolveApiKey } from './RealtimeClientConfig.js';
import { ConnectError } from './RealtimeError.js';

/** What {@link openSocket} needs to open one connection. */
export interface OpenSocketRequest {
  readonly apiKey: ApiKey | undefined;
  readonly url: string;
  readonly factory: WebSocketFactory;
  readonly platform: Platform;
  readonly useInsecureApiKey: boolean;
  readonly options: ConnectOptions;
  /** How the socket is closed when the subscription ends (read at teardown). */
  readonly closing: { code: number; reason?: string };
  /** Told the resolved key, so that messages can be redacted. */
  readonly onKey: (apiKey: string) => void;
  /** Told when closing the socket at teardown throws. */
  readonly onCloseError: (error: unknown) => void;
}

/**
 * One connection attempt as an Observable: resolve the key (a function is called now), check it,
 * then open the socket with the factory. It is one subscription, so unsubscribing while the key
 * is being resolved means no socket is ever created. A missing key, or a regular key in a
 * browser without `useInsecureApiKey`, errors the stream with a {@link ConnectError}; a rejected
 * key function errors it with the rejection.
 *
 * @example
 * ```ts
 * openSocket({ apiKey, url, factory, platform: defaultPlatform, useInsecureApiKey: false, options: {}, closing: { code: 1000 }, onKey: () => undefined, onCloseError: () => undefined })
 *   .subscribe((e) => console.log(e.kind));
 * ```
 */
export function openSocket(request: OpenSocketRequest): Observable<SocketEvent> {
  return new Observable<SocketEvent>((subscriber) => openWith(subscriber, request));
}

/** Where a subscription of {@link openSocket} stands: unsubscribed yet, and the socket's subscription. */
interface Opening {
  closed: boolean;
  socket: Unsubscribable | undefined;
}

/**
 * One subscription of {@link openSocket}. The request is held only until the key is resolved and
 * the socket created: the teardown, which lives as long as the connection, is made by
 * {@link stopOpening} in a scope that holds nothing but the subscription's state.
 */
function openWith(subscriber: Subscriber<SocketEvent>, request: OpenSocketRequest): TeardownLogic {
  const opening: Opening = { closed: false, socket: undefined };
  resolveApiKey(request.apiKey).then(
    (apiKey) => {
      if (!opening.closed) opening.socket = openKeyed(subscriber, request, apiKey);
    },
    (error: unknown) => {
      if (!opening.closed) subscriber.error(error);
    },
  );
  return stopOpening(opening);
}

/** Check the resolved key, then open the socket into `subscriber`; `undefined` when the key is refused. */
function openKeyed(subscriber: Subscriber<SocketEvent>, request: OpenSocketRequest, apiKey: string | undefined): Unsubscribable | undefined {
  const { factory, options } = request;
  if (typeof apiKey !== 'string' || apiKey === '') {
    subscriber.error(new ConnectError('RT_ERR_CONNECT', 'No API key: pass apiKey to the RealtimeClient or to connect().'));
    return undefined;
  }
  if (request.platform.browserLike && !apiKey.startsWith('ek_') && !request.useInsecureApiKey) {
    subscriber.error(
      new ConnectError(
        'RT_ERR_CONNECT',
        'In a browser, connect with an ephemeral key (ek_…); a regular API key would be visible to the page. Set useInsecureApiKey: true to override.',
      ),
    );
    return undefined;
  }
  request.onKey(apiKey);
  const socketRequest = { url: request.url, apiKey, headers: options.headers ?? {}, protocols: options.protocols ?? [] };
  const { onSocket } = options;
  // A factory that returns the socket itself gets its listeners in the same tick, so events
  // the socket fires right after creation are not lost.
  const open = onSocket
    ? () => {
        const created = factory(socketRequest);
        if (!(created instanceof Promise)) return (onSocket(created), created);
        return created.then((socket) => (onSocket(socket), socket));
      }
    : () => factory(socketRequest);
  return fromWebSocket(open, request.closing, options.skipOpenEvent === true, request.onCloseError).subscribe(subscriber);
}

/** The teardown of one {@link openSocket} subscription. */
const stopOpening = (opening: Opening) => (): void => {
  opening.closed = true;
  opening.socket?.unsubscribe();
};
