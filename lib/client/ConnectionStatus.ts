import type { FailureKind } from './failureKinds.js';
import { classifyClose } from './failureKinds.js';

/**
 * The connection status. When disconnected after a connection or an attempt, it says how it
 * ended: the close `code` and `reason` (the code as the socket reported it), whether the close was
 * clean, its `kind` (see {@link FailureKind}) and whether reconnecting makes sense (`recoverable`:
 * the network or the server went away, as opposed to a refused key or a protocol error); after a
 * refused upgrade, the HTTP `status`, and `retryAfterMs` when the server said when to retry.
 *
 * @example
 * ```ts
 * import type { ConnectionStatus } from 'openai-realtime-rx';
 * const onStatus = (s: ConnectionStatus) => s.status === 'disconnected' && s.recoverable && reconnect();
 * ```
 */
export type ConnectionStatus =
  | {
      readonly status: 'disconnected';
      readonly code?: number;
      readonly reason?: string;
      readonly wasClean?: boolean;
      readonly recoverable?: boolean;
      readonly kind?: FailureKind;
      /** The HTTP status of a refused upgrade. */
      readonly httpStatus?: number;
      readonly retryAfterMs?: number;
      /** Set when reconnecting gave up: how many attempts were made for this outage. */
      readonly gaveUp?: { readonly attempts: number };
    }
  | { readonly status: 'connecting' }
  | {
      readonly status: 'connected';
      /** Set when this connection replaced a lost one: the attempt that made it, and how many conversation items were replayed into it. */
      readonly reconnected?: { readonly attempt: number; readonly restored: number; readonly droppedAudio: number };
      /** Set when the session was rolled over to a new one (before its maximum duration): how many items were replayed into it. */
      readonly rolledOver?: { readonly restored: number };
    }
  | {
      /** The connection was lost and `reconnect` is on: attempt `attempt` starts after `delayMs`. */
      readonly status: 'reconnecting';
      readonly attempt: number;
      readonly delayMs: number;
      /** How the lost connection (or the last failed attempt) ended. */
      readonly cause: Extract<ConnectionStatus, { status: 'disconnected' }>;
    };

/**
 * The `disconnected` status of a close: always with its code, kind and whether it is recoverable.
 *
 * @example
 * ```ts
 * const s: ClosedStatus = closedStatus(1012, 'restart', false);
 * ```
 */
export type ClosedStatus = Extract<ConnectionStatus, { status: 'disconnected' }> & {
  readonly code: number;
  readonly reason: string;
  readonly wasClean: boolean;
  readonly kind: FailureKind;
  readonly recoverable: boolean;
};

/**
 * The `disconnected` status for a close.
 *
 * @example
 * ```ts
 * import { closedStatus } from 'openai-realtime-rx';
 * closedStatus(1006, '', false).recoverable; // true
 * closedStatus(4000, 'invalid_request_error.beta_api_shape_disabled', true).kind; // 'beta-shape'
 * ```
 */
export const closedStatus = (code: number, reason: string, wasClean: boolean): ClosedStatus => ({
  status: 'disconnected',
  code,
  reason,
  wasClean,
  ...classifyClose(code),
});
