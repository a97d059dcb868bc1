/**
 * The connection status. When disconnected after a connection, it says how the connection ended:
 * the close `code` and `reason`, whether the close was clean, and whether reconnecting makes sense
 * (`recoverable`: the network or the server went away, as opposed to a refused key or a protocol
 * error).
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
    }
  | { readonly status: 'connecting' }
  | { readonly status: 'connected' };

/**
 * Close codes after which a new connection may succeed: going away (1001, which is also how
 * OpenAI ends a session at its maximum duration), no status (1005), abnormal drop (1006), and
 * the server-side failures 1011-1015.
 */
const RECOVERABLE = new Set([1001, 1005, 1006, 1011, 1012, 1013, 1014, 1015]);

/**
 * The `disconnected` status for a close.
 *
 * @example
 * ```ts
 * import { closedStatus } from 'openai-realtime-rx';
 * closedStatus(1006, '', false).recoverable; // true
 * closedStatus(4000, 'invalid_request_error.beta_api_shape_disabled', true).recoverable; // false
 * ```
 */
export const closedStatus = (code: number, reason: string, wasClean: boolean): Extract<ConnectionStatus, { status: 'disconnected' }> => ({
  status: 'disconnected',
  code,
  reason,
  wasClean,
  recoverable: RECOVERABLE.has(code),
});
