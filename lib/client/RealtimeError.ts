import type { DecodeFailure, DecodeWarning, EncodeFailure } from '../protocol/failures.js';
import { formatFailure } from '../protocol/formatFailure.js';
import type { ServerEventOf } from '../protocol/serverEvents.js';
import type { AudioError } from '../streams/audio.js';
import type { FailureKind } from './failureKinds.js';

/**
 * How much a server error matters:
 * - `benign`: an expected race (`response_cancel_not_active`,
 *   `conversation_already_has_active_response`); the session is fine;
 * - `fatal`: the account or key cannot continue (`invalid_api_key`, `insufficient_quota`, …);
 * - `error`: anything else; most leave the session usable.
 *
 * @example
 * ```ts
 * const shouldAlert = (s: ServerErrorSeverity) => s !== 'benign';
 * ```
 */
export type ServerErrorSeverity = 'benign' | 'error' | 'fatal';

/**
 * An `error` event from the server, with the `event_id` of the client event that caused it
 * when the server names one.
 *
 * @example
 * ```ts
 * import type { ServerError } from 'openai-realtime-rx';
 * const onError = (e: ServerError) => e.severity !== 'benign' && console.error(e.message, e.causeEventId);
 * ```
 */
export interface ServerError {
  readonly _tag: 'ServerError';
  readonly code: 'RT_ERR_SERVER';
  readonly message: string;
  /** The server's error type, e.g. `invalid_request_error`. */
  readonly errorType?: string;
  /** The server's error code, e.g. `response_cancel_not_active`. */
  readonly errorCode?: string;
  readonly param?: string;
  /** The `event_id` of the client event that caused the error. */
  readonly causeEventId?: string;
  readonly severity: ServerErrorSeverity;
  readonly event: ServerEventOf<'error'>;
}

/**
 * A connection problem.
 *
 * | code | meaning |
 * |---|---|
 * | `RT_ERR_CONNECT` | the connection could not be set up (no key, the key function failed, the factory threw) |
 * | `RT_ERR_CONNECT_TIMEOUT` | the upgrade did not complete within `connectTimeoutMs` |
 * | `RT_ERR_INSECURE_URL` | a plain `ws://` URL to a host that is not this machine, without `allowInsecureTransport` |
 * | `RT_ERR_UPGRADE` | the server refused the WebSocket upgrade; `status` is the HTTP status (401, 403, …) |
 * | `RT_ERR_SOCKET` | the socket reported an error (or closing it threw) |
 * | `RT_ERR_CLOSED` | the server or the network closed the connection uncleanly; see `closeCode` |
 * | `RT_ERR_BINARY_FRAME` | a binary frame arrived; the Realtime API only sends text |
 * | `RT_ERR_SEND` | writing a frame to the socket failed |
 *
 * `kind` and `recoverable` classify connection failures (see {@link FailureKind} and
 * `docs/errors.md`). `cause` is never a socket, request or event object, and never mentions the key.
 *
 * @example
 * ```ts
 * import type { TransportError } from 'openai-realtime-rx';
 * const onError = (e: TransportError) => e.status === 401 && refreshKey();
 * ```
 */
export interface TransportError {
  readonly _tag: 'TransportError';
  readonly code:
    | 'RT_ERR_CONNECT'
    | 'RT_ERR_CONNECT_TIMEOUT'
    | 'RT_ERR_INSECURE_URL'
    | 'RT_ERR_UPGRADE'
    | 'RT_ERR_SOCKET'
    | 'RT_ERR_CLOSED'
    | 'RT_ERR_BINARY_FRAME'
    | 'RT_ERR_SEND';
  readonly message: string;
  /** The HTTP status of a refused upgrade. */
  readonly status?: number;
  readonly closeCode?: number;
  readonly reason?: string;
  /** What kind of failure ended or prevented the connection. */
  readonly kind?: FailureKind;
  /** Whether a new connection may succeed. */
  readonly recoverable?: boolean;
  /** From the server's `retry-after` header. */
  readonly retryAfterMs?: number;
  /** What the socket or the factory reported, made safe: a plain, redacted `Error` or primitive fields only. */
  readonly cause?: unknown;
}

/**
 * Something the client did to stay within its bounds, as a warning: the connection goes on.
 *
 * | code | meaning |
 * |---|---|
 * | `RT_WARN_BACKPRESSURE` | the socket's send buffer passed `maxBufferedBytes` (the server or network stopped reading): audio appends are dropped until it drains; reported once per episode |
 * | `RT_WARN_TRANSCRIPT_LIMIT` | an unfinished transcript reached its length cap, or was evicted because too many were unfinished |
 * | `RT_WARN_ROLLOVER` | a session rollover could not open the new session; the current one carries on |
 *
 * @example
 * ```ts
 * import type { ClientWarning } from 'openai-realtime-rx';
 * const onWarning = (w: ClientWarning) => w.code === 'RT_WARN_BACKPRESSURE' && showNetworkBanner();
 * ```
 */
export interface ClientWarning {
  readonly _tag: 'ClientWarning';
  readonly code: 'RT_WARN_BACKPRESSURE' | 'RT_WARN_TRANSCRIPT_LIMIT' | 'RT_WARN_ROLLOVER';
  readonly severity: 'warning';
  readonly message: string;
  /** The socket's `bufferedAmount` when the episode began (backpressure). */
  readonly bufferedAmount?: number;
  /** The item whose transcript hit a limit. */
  readonly itemId?: string;
}

/**
 * An exception thrown by a listener of `OpenAIRealtimeWebSocket` that no `error` listener heard
 * (or that an `error` listener threw): reported here, and to the transport's logger, instead of
 * vanishing.
 *
 * @example
 * ```ts
 * import type { ListenerError } from 'openai-realtime-rx';
 * const onError = (e: ListenerError) => console.error(`listener of ${e.eventName} threw`, e.cause);
 * ```
 */
export interface ListenerError {
  readonly _tag: 'ListenerError';
  readonly code: 'RT_ERR_LISTENER';
  readonly message: string;
  /** The event whose listener threw. */
  readonly eventName: string;
  /** What the listener threw. */
  readonly cause: unknown;
}

/**
 * A command that was not sent because of the connection state.
 *
 * | code | meaning |
 * |---|---|
 * | `RT_ERR_NOT_CONNECTED` | sent before `connect()` or after `close()` |
 * | `RT_ERR_QUEUE_FULL` | sent while connecting, with the queue full |
 * | `RT_ERR_DROPPED` | queued while connecting, then the attempt failed or was closed |
 * | `RT_ERR_COMMAND_SOURCE` | an Observable piped into `commands` errored |
 *
 * @example
 * ```ts
 * import type { CommandError } from 'openai-realtime-rx';
 * const onError = (e: CommandError) => console.warn(e.code, e.commandType);
 * ```
 */
export interface CommandError {
  readonly _tag: 'CommandError';
  readonly code: 'RT_ERR_NOT_CONNECTED' | 'RT_ERR_QUEUE_FULL' | 'RT_ERR_DROPPED' | 'RT_ERR_COMMAND_SOURCE';
  readonly message: string;
  readonly commandType?: string;
}

/**
 * Everything that can go wrong, as data on `errors$`. Switch on `_tag`, or on the stable `code`.
 * A `DecodeWarning` (`RT_WARN_DRIFT`, `severity: 'warning'`) is not a failure: its event was
 * delivered on `events$`; it says which fields drifted from the schema.
 *
 * @example
 * ```ts
 * import type { RealtimeError } from 'openai-realtime-rx';
 * client.errors$.subscribe((e: RealtimeError) => {
 *   if (e._tag === 'ServerError' && e.severity === 'benign') return;
 *   if (e._tag === 'DecodeWarning') return console.warn(formatRealtimeError(e));
 *   console.error(formatRealtimeError(e));
 * });
 * ```
 */
export type RealtimeError =
  | DecodeFailure
  | DecodeWarning
  | EncodeFailure
  | ServerError
  | TransportError
  | CommandError
  | AudioError
  | ClientWarning
  | ListenerError;

const BENIGN = new Set(['response_cancel_not_active', 'conversation_already_has_active_response']);
const FATAL = new Set([
  'invalid_api_key',
  'insufficient_quota',
  'account_deactivated',
  'billing_hard_limit_reached',
  'beta_api_shape_disabled',
]);

/**
 * The {@link ServerError} value for a server `error` event.
 *
 * @example
 * ```ts
 * import { serverError } from 'openai-realtime-rx';
 * serverError({ type: 'error', event_id: 'e', error: { code: 'response_cancel_not_active', message: 'x' } }).severity; // 'benign'
 * ```
 */
export function serverError(event: ServerEventOf<'error'>): ServerError {
  const { error } = event;
  const errorCode = error.code ?? undefined;
  return {
    _tag: 'ServerError',
    code: 'RT_ERR_SERVER',
    message: error.message ?? 'server error',
    ...(error.type == null ? {} : { errorType: error.type }),
    ...(errorCode === undefined ? {} : { errorCode }),
    ...(error.param == null ? {} : { param: error.param }),
    ...(error.event_id == null ? {} : { causeEventId: error.event_id }),
    severity: errorCode !== undefined && BENIGN.has(errorCode) ? 'benign' : errorCode !== undefined && FATAL.has(errorCode) ? 'fatal' : 'error',
    event,
  };
}

/**
 * Readable text for any {@link RealtimeError}.
 *
 * @example
 * ```ts
 * import { formatRealtimeError } from 'openai-realtime-rx';
 * client.errors$.subscribe((e) => console.error(formatRealtimeError(e)));
 * ```
 */
export function formatRealtimeError(error: RealtimeError): string {
  switch (error._tag) {
    case 'DecodeFailure':
    case 'DecodeWarning':
    case 'EncodeFailure':
      return formatFailure(error);
    case 'ServerError':
      return `${error.code} ${error.errorType ?? 'error'}${error.errorCode ? ` (${error.errorCode})` : ''}: ${error.message}${
        error.causeEventId ? ` [caused by ${error.causeEventId}]` : ''
      }`;
    case 'TransportError':
      return `${error.code}: ${error.message}${error.status === undefined ? '' : ` (HTTP ${error.status})`}${
        error.closeCode === undefined ? '' : ` (close ${error.closeCode}${error.reason ? ` ${error.reason}` : ''})`
      }`;
    case 'CommandError':
      return `${error.code}: ${error.message}`;
    case 'AudioError':
      return `${error.code}: ${error.message} (item ${error.itemId}, event ${error.eventId})`;
    case 'ClientWarning':
      return `${error.code}: ${error.message}`;
    case 'ListenerError':
      return `${error.code}: ${error.message}`;
  }
}

/**
 * The error `connect()` rejects with: an `Error` (with a stack) carrying the stable `code`, and
 * the HTTP `status` of a refused upgrade. Its message never contains the API key.
 *
 * @example
 * ```ts
 * import { ConnectError } from 'openai-realtime-rx';
 * try { await client.connect(); } catch (e) { if (e instanceof ConnectError && e.status === 401) renewKey(); }
 * ```
 */
export class ConnectError extends Error {
  override readonly name = 'ConnectError';
  readonly code: TransportError['code'] | 'RT_ERR_CLOSED_BEFORE_OPEN' | 'RT_ERR_ABORTED';
  readonly status?: number;
  /** What kind of failure this is (see {@link FailureKind}). */
  readonly kind: FailureKind;
  /** Whether trying again may succeed. */
  readonly recoverable: boolean;
  /** From the server's `retry-after` header. */
  readonly retryAfterMs?: number;

  constructor(
    code: ConnectError['code'],
    message: string,
    status?: number,
    cause?: unknown,
    failure: { readonly kind: FailureKind; readonly recoverable: boolean; readonly retryAfterMs?: number } = { kind: 'config', recoverable: false },
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    if (status !== undefined) this.status = status;
    this.kind = failure.kind;
    this.recoverable = failure.recoverable;
    if (failure.retryAfterMs !== undefined) this.retryAfterMs = failure.retryAfterMs;
  }
}
