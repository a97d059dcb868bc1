/**
 * What ended a connection, or why one could not be made, in a word:
 *
 * | kind | what happened | recoverable |
 * |---|---|---|
 * | `normal` | a clean close 1000 (yours, or the server's) | no |
 * | `going-away` | 1001: the server is going away, or the session reached its maximum duration | yes |
 * | `abnormal` | 1005 / 1006: no close frame, the connection dropped | yes |
 * | `protocol` | 1002, 1003, 1007, 1009, 1010: a peer broke the WebSocket protocol | no |
 * | `policy` | 1008: the server's policy refused something | no |
 * | `server` | 1011-1014: the server failed or restarts | yes |
 * | `tls` | 1015: the TLS handshake failed | no |
 * | `beta-shape` | 4000: the server refused the beta event shape | no |
 * | `application` | another 4000-4999 code | no |
 * | `auth` | HTTP 401 / 403 on the upgrade: a wrong, expired or unauthorised key | no |
 * | `not-found` | HTTP 404 on the upgrade: a wrong URL or model | no |
 * | `rate-limited` | HTTP 429 on the upgrade (honour `retryAfterMs`) | yes |
 * | `server-unavailable` | HTTP 5xx or 408 on the upgrade | yes |
 * | `rejected` | another HTTP status on the upgrade | no |
 * | `network` | the socket failed before or after opening (refused, reset, DNS) | yes |
 * | `timeout` | the upgrade did not complete within `connectTimeoutMs` | yes |
 * | `aborted` | `close()` or `dispose()` while connecting | no |
 * | `config` | no key, a regular key in a browser, plain `ws://` to a remote host | no |
 * | `unknown` | any other close code | no |
 *
 * @example
 * ```ts
 * import type { FailureKind } from 'openai-realtime-rx';
 * const shouldAlert = (k: FailureKind) => k === 'auth' || k === 'config';
 * ```
 */
export type FailureKind =
  | 'normal'
  | 'going-away'
  | 'abnormal'
  | 'protocol'
  | 'policy'
  | 'server'
  | 'tls'
  | 'beta-shape'
  | 'application'
  | 'auth'
  | 'not-found'
  | 'rate-limited'
  | 'server-unavailable'
  | 'rejected'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'config'
  | 'unknown';

/**
 * A failure's kind, and whether a new connection may succeed.
 *
 * @example
 * ```ts
 * const c: FailureClass = { kind: 'rate-limited', recoverable: true, retryAfterMs: 2000 };
 * ```
 */
export interface FailureClass {
  readonly kind: FailureKind;
  readonly recoverable: boolean;
  /** From a 429's or 503's `retry-after` header: how long to wait before trying again. */
  readonly retryAfterMs?: number;
}

const RECOVERABLE_KINDS: ReadonlySet<FailureKind> = new Set<FailureKind>([
  'going-away',
  'abnormal',
  'server',
  'rate-limited',
  'server-unavailable',
  'network',
  'timeout',
]);

const CLOSE_KINDS: ReadonlyMap<number, FailureKind> = new Map<number, FailureKind>([
  [1000, 'normal'],
  [1001, 'going-away'],
  [1002, 'protocol'],
  [1003, 'protocol'],
  [1005, 'abnormal'],
  [1006, 'abnormal'],
  [1007, 'protocol'],
  [1008, 'policy'],
  [1009, 'protocol'],
  [1010, 'protocol'],
  [1011, 'server'],
  [1012, 'server'],
  [1013, 'server'],
  [1014, 'server'],
  [1015, 'tls'],
  [4000, 'beta-shape'],
]);

/**
 * Whether a failure of this kind may go away by itself (so reconnecting makes sense).
 *
 * @example
 * ```ts
 * import { isRecoverable } from 'openai-realtime-rx';
 * isRecoverable('server'); // true
 * isRecoverable('auth');   // false
 * ```
 */
export const isRecoverable = (kind: FailureKind): boolean => RECOVERABLE_KINDS.has(kind);

const classOf = (kind: FailureKind, retryAfterMs?: number): FailureClass =>
  retryAfterMs === undefined ? { kind, recoverable: isRecoverable(kind) } : { kind, recoverable: isRecoverable(kind), retryAfterMs };

/**
 * The class of a WebSocket close code. The code is kept as the socket reported it (a 1007 stays
 * 1007); see {@link FailureKind} for the table.
 *
 * @example
 * ```ts
 * import { classifyClose } from 'openai-realtime-rx';
 * classifyClose(1012); // { kind: 'server', recoverable: true }
 * classifyClose(4000); // { kind: 'beta-shape', recoverable: false }
 * ```
 */
export function classifyClose(code: number): FailureClass {
  const kind = CLOSE_KINDS.get(code) ?? (code >= 4000 && code <= 4999 ? 'application' : 'unknown');
  return classOf(kind);
}

/**
 * The class of an HTTP status that refused the WebSocket upgrade.
 *
 * @param retryAfter - the response's `retry-after` header (seconds, or an HTTP date), if any.
 * @param now - the current time in ms, for a `retry-after` date.
 *
 * @example
 * ```ts
 * import { classifyUpgrade } from 'openai-realtime-rx';
 * classifyUpgrade(429, '2'); // { kind: 'rate-limited', recoverable: true, retryAfterMs: 2000 }
 * classifyUpgrade(401);      // { kind: 'auth', recoverable: false }
 * ```
 */
export function classifyUpgrade(status: number, retryAfter?: string, now: number = Date.now()): FailureClass {
  const kind: FailureKind =
    status === 401 || status === 403
      ? 'auth'
      : status === 404
        ? 'not-found'
        : status === 429
          ? 'rate-limited'
          : status >= 500 || status === 408
            ? 'server-unavailable'
            : 'rejected';
  return classOf(kind, parseRetryAfter(retryAfter, now));
}

/**
 * A `retry-after` header in ms: delta-seconds or an HTTP date; `undefined` if absent or invalid.
 *
 * @example
 * ```ts
 * import { parseRetryAfter } from 'openai-realtime-rx';
 * parseRetryAfter('1.5'); // 1500
 * ```
 */
export function parseRetryAfter(header: string | undefined, now: number = Date.now()): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // an HTTP date names a month and a time of day; anything else ("-5", ".5") is no advice at all
  if (!/[A-Za-z]{3}/.test(text) || !/\d{1,2}:\d{2}:\d{2}/.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
