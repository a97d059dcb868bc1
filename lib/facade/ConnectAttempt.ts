import type { ApiKey } from '../client/RealtimeClientConfig.js';

/** The rejection when `close()` abandons a `connect()` in progress. */
export const closedBeforeSetup = (): Error => new Error('WebSocket connection was closed before setup completed.');

/**
 * One `connect()` in progress: the configuration to roll back to if it fails, an abort signal
 * that rejects every await of the attempt when `close()` abandons it, and an exception a
 * `connected` listener threw (which then rejects the attempt).
 *
 * @example
 * ```ts
 * const attempt = newAttempt([model, apiKey, url, defaultUrl]);
 * const key = await Promise.race([resolveKey(), attempt.aborted]);
 * ```
 */
export interface ConnectAttempt {
  readonly snapshot: readonly [string, ApiKey | undefined, string | undefined, string | undefined];
  readonly aborted: Promise<never>;
  abort(): void;
  openError?: { error: unknown };
  /** The first socket error of the attempt (the rejection, whatever a listener does next). */
  socketError?: { error: unknown };
}

/** A new attempt remembering the configuration to restore. */
export function newAttempt(snapshot: ConnectAttempt['snapshot']): ConnectAttempt {
  let abort: () => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => (abort = () => reject(closedBeforeSetup())));
  aborted.catch(() => undefined); // only awaited while an await is in flight
  return { snapshot, aborted, abort };
}
