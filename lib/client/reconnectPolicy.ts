import type { ReplayBudget } from '../commands/ConversationLog.js';

/**
 * When and how `RealtimeClient` reconnects after a connection it had is lost.
 *
 * @example
 * ```ts
 * new RealtimeClient({ reconnect: { maxAttempts: 8, maxDelayMs: 15_000, replay: { maxItems: 20 } } });
 * ```
 */
export interface ReconnectOptions {
  /** Attempts per outage before giving up. Default 5. */
  readonly maxAttempts?: number;
  /** The first backoff ceiling; it doubles with each attempt. Default 500 ms. */
  readonly initialDelayMs?: number;
  /** The largest backoff ceiling. Default 8,000 ms. */
  readonly maxDelayMs?: number;
  /** After this long connected, the attempt budget starts over. Default 30,000 ms. */
  readonly stableAfterMs?: number;
  /** How much of the conversation to replay into the new session; `false` replays nothing. */
  readonly replay?: ReplayBudget | false;
  /**
   * Roll the session over to a new one after this long connected, at the next turn boundary
   * (no response in progress, the user not speaking), before the server ends it at its maximum
   * duration (60 minutes): a new session is opened and restored first, then the old one is
   * closed. Default 55 minutes; `0` turns it off.
   */
  readonly rolloverAfterMs?: number;
}

/** {@link ReconnectOptions} with every default filled in. */
export type ReconnectPolicy = Required<Omit<ReconnectOptions, 'replay'>> & { readonly replay: ReplayBudget | false };

/**
 * The policy for a client's `reconnect` option: `undefined` when reconnecting is off.
 *
 * @throws RangeError synchronously for a negative or non-numeric bound.
 *
 * @example
 * ```ts
 * reconnectPolicy(true)?.maxAttempts; // 5
 * ```
 */
export function reconnectPolicy(option: boolean | ReconnectOptions | undefined): ReconnectPolicy | undefined {
  if (option === undefined || option === false) return undefined;
  const o = option === true ? {} : option;
  const policy: ReconnectPolicy = {
    maxAttempts: o.maxAttempts ?? 5,
    initialDelayMs: o.initialDelayMs ?? 500,
    maxDelayMs: o.maxDelayMs ?? 8_000,
    stableAfterMs: o.stableAfterMs ?? 30_000,
    rolloverAfterMs: o.rolloverAfterMs ?? 55 * 60_000,
    replay: o.replay ?? {},
  };
  for (const key of ['maxAttempts', 'initialDelayMs', 'maxDelayMs', 'stableAfterMs', 'rolloverAfterMs'] as const) {
    if (!(policy[key] >= 0)) throw new RangeError(`RealtimeClient: reconnect.${key} must be 0 or more, got ${String(policy[key])}.`);
  }
  return policy;
}

/**
 * The wait before attempt `attempt` (1-based): exponential backoff with full jitter, a random
 * wait between 0 and `min(maxDelayMs, initialDelayMs × 2^(attempt-1))`, so that many clients
 * dropped at once do not come back at once. A server's `retry-after` wins when it asks for longer.
 *
 * @param random - a number in [0, 1) (`Math.random` by default; injected in tests).
 *
 * @example
 * ```ts
 * backoffDelay(3, reconnectPolicy(true)!, () => 0.5); // 1000: half of min(8000, 500 × 4)
 * ```
 */
export function backoffDelay(attempt: number, policy: ReconnectPolicy, random: () => number = Math.random, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs === undefined ? jittered : Math.max(jittered, retryAfterMs);
}
