/**
 * What a replay reports when the client does not do what the recording says it did.
 *
 * @module
 */

type Json = Record<string, unknown>;

/**
 * How a client departed from a recording:
 *
 * | kind | meaning |
 * |---|---|
 * | `type` | the client sent another event type than the recording's next client event |
 * | `field` | the same type, but a field differs (`path` names the first one) |
 * | `extra` | the client sent an event after the recording's last client event |
 * | `missing` | the test ended while recorded client events were still unsent |
 * | `timeout` | the client sent nothing for `timeoutMs` while the recording expected an event |
 * | `closed` | the client closed the connection while the recording expected more |
 *
 * `line` is the recording's line (from 1) of the expected client event (for `extra`, of the
 * recording's last client event); `message` is the whole report, ready to print.
 *
 * @example
 * ```ts
 * const show = (d: ReplayDivergence) => `${d.kind} at line ${d.line}: ${d.message}`;
 * ```
 */
export interface ReplayDivergence {
  readonly _tag: 'ReplayDivergence';
  readonly kind: 'type' | 'field' | 'extra' | 'missing' | 'timeout' | 'closed';
  readonly line: number;
  /** The recorded client event the replay waited for (absent for `extra` past the end). */
  readonly expected?: Json;
  /** What the client sent instead (absent for `missing`, `timeout` and `closed`). */
  readonly received?: Json;
  /** For `field`: the first differing field, as a dotted path (`item.content.0.text`). */
  readonly path?: string;
  readonly message: string;
}

/**
 * The error a failed replay rejects with: its message is the divergence report.
 *
 * @example
 * ```ts
 * try {
 *   await replay('fixtures/session.jsonl', async (client) => { … });
 * } catch (e) {
 *   if (e instanceof ReplayDivergenceError) console.log(e.divergence.line);
 * }
 * ```
 */
export class ReplayDivergenceError extends Error {
  constructor(readonly divergence: ReplayDivergence) {
    super(divergence.message);
    this.name = 'ReplayDivergenceError';
  }
}

const MAX_SHOWN = 300;

/** An event as one short line of JSON, for reports. */
export const shown = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
};
