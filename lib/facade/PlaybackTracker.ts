import type { AudioFormatLike } from '../audio/durations.js';
import { durationMs } from '../audio/durations.js';

/**
 * How much assistant audio has been generated for the item being played, and since when: the
 * input to interruption (how much to truncate). Time comes in as an argument (`now`), so the
 * arithmetic is testable without a clock.
 *
 * @example
 * ```ts
 * import { PlaybackTracker } from 'openai-realtime-rx';
 * const playback = new PlaybackTracker();
 * playback.onAudio('item_1', 0, 4800, { type: 'audio/pcm', rate: 24000 }, Date.now()); // 100 ms
 * playback.truncateAt(Date.now() - playback.firstAudioTimestamp!); // ms to keep
 * ```
 */
export class PlaybackTracker {
  itemId: string | undefined;
  contentIndex: number | undefined;
  firstAudioTimestamp: number | undefined;
  audioLengthMs = 0;
  generationDone = false;
  /** The last playback position the app reported for the current item, if any (ms played). */
  reportedMs: number | undefined;

  /** A delta arrived: restart tracking on a new item or content part, then add its duration. */
  onAudio(itemId: string, contentIndex: number, byteLength: number, format: AudioFormatLike, now: number): void {
    if (itemId !== this.itemId || contentIndex !== this.contentIndex) this.reset();
    this.itemId = itemId;
    this.contentIndex = contentIndex;
    if (this.firstAudioTimestamp === undefined) {
      this.firstAudioTimestamp = now;
      this.audioLengthMs = 0;
    }
    this.audioLengthMs += durationMs(byteLength, format);
  }

  /** Forget everything (after an interrupt, a close, or a new item). */
  reset(): void {
    this.itemId = undefined;
    this.contentIndex = undefined;
    this.firstAudioTimestamp = undefined;
    this.audioLengthMs = 0;
    this.generationDone = false;
    this.reportedMs = undefined;
  }

  /** The app's player has played `ms` of `itemId`: remembered for the current item, ignored for any other. */
  report(itemId: string, ms: number): void {
    if (itemId === this.itemId) this.reportedMs = ms;
  }

  /** How much of the current item was played by `now`: the last report if there is one, else the time since its first delta (or `undefined`: nothing is playing). */
  playedAt(now: number): number | undefined {
    if (this.itemId === undefined || this.firstAudioTimestamp === undefined) return undefined;
    return this.reportedMs ?? now - this.firstAudioTimestamp;
  }

  /** The `audio_end_ms` for an interruption after `elapsedMs` of playback: an integer in `[0, generated]`. */
  truncateAt(elapsedMs: number): number {
    return Math.max(0, Math.floor(Math.min(elapsedMs, this.audioLengthMs)));
  }

  /** Whether all generated audio has been played by `elapsedMs` (then the transcript is not truncated). */
  playedOut(elapsedMs: number): boolean {
    return this.generationDone && elapsedMs >= this.audioLengthMs;
  }
}
