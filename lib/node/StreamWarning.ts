/**
 * What the Node streams report when they keep themselves within their bounds.
 *
 * @module
 */

/**
 * A slow consumer made an {@link AudioReadable} drop audio: emitted as the stream's `'overflow'`
 * event once per episode (from the first drop until the consumer has caught up), with the
 * stream's running totals. The stream goes on.
 *
 * @example
 * ```ts
 * import type { OverflowWarning } from 'openai-realtime-rx/node';
 * speaker.on('overflow', (w: OverflowWarning) => console.warn(w.message));
 * ```
 */
export interface OverflowWarning {
  readonly _tag: 'StreamWarning';
  readonly code: 'RT_WARN_STREAM_OVERFLOW';
  readonly severity: 'warning';
  readonly message: string;
  /** The stream's high-water mark, in bytes. */
  readonly highWaterMark: number;
  /** Bytes dropped since the stream began (including this episode's first drop). */
  readonly droppedBytes: number;
  /** The same, in milliseconds of audio in the stream's format. */
  readonly droppedMs: number;
}
