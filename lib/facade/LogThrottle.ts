/** One clock for every throttle (read at each call, so a test can mock `Date.now`). */
const dateNow = (): number => Date.now();

/**
 * A per-key rate limit for log lines: at most one line per key in each window; the lines held
 * back are counted and the count is handed to the next line that goes out, so a listener that
 * throws on every audio delta makes one line every few seconds, not hundreds.
 *
 * @example
 * ```ts
 * const throttle = new LogThrottle(10_000);
 * const held = throttle.take('audio');
 * if (held !== undefined) console.error(`audio listener threw${held > 0 ? ` (+${held} more)` : ''}`);
 * ```
 */
export class LogThrottle {
  /** Made on the first line: a transport that never logs (most of them) holds no table. */
  private keys: Map<string, { at: number; held: number }> | undefined;

  constructor(
    private readonly windowMs = 10_000,
    private readonly now: () => number = dateNow,
  ) {}

  /** `undefined` to hold this line back; otherwise how many lines of this key were held back before it. */
  take(key: string): number | undefined {
    const t = this.now();
    const entry = this.keys?.get(key);
    // a clock that stepped back (t < at) ends the window rather than silencing the key
    if (entry !== undefined && t >= entry.at && t - entry.at < this.windowMs) {
      entry.held++;
      return undefined;
    }
    const held = entry?.held ?? 0;
    (this.keys ??= new Map()).set(key, { at: t, held: 0 });
    return held;
  }
}
