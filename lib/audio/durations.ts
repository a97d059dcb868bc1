/**
 * Audio durations from byte counts, per output format.
 *
 * @module
 */

/**
 * The audio format shapes that carry a duration: GA objects or legacy strings.
 *
 * @example
 * ```ts
 * const formats: AudioFormatLike[] = [{ type: 'audio/pcm', rate: 24000 }, { type: 'audio/pcmu' }, 'g711_ulaw'];
 * ```
 */
export type AudioFormatLike = { readonly type?: string | null; readonly rate?: number | null } | string | null | undefined;

/**
 * Bytes per millisecond of one format: PCM16 mono is `rate × 2 / 1000` (48 at 24 kHz), G.711
 * (`audio/pcmu`, `audio/pcma`, `g711_*`) is 8. Unknown or missing formats are taken as 24 kHz
 * PCM16, the API's default.
 *
 * @example
 * ```ts
 * import { bytesPerMs } from 'openai-realtime-rx/audio';
 * bytesPerMs({ type: 'audio/pcm', rate: 24000 }); // 48
 * bytesPerMs({ type: 'audio/pcmu' });             // 8
 * ```
 */
export function bytesPerMs(format: AudioFormatLike): number {
  if (typeof format === 'string') return format.startsWith('g711_') ? 8 : 48;
  if (format === null || format === undefined) return 48;
  if (format.type === 'audio/pcmu' || format.type === 'audio/pcma') return 8;
  if (format.type === 'audio/pcm') {
    const rate = typeof format.rate === 'number' && Number.isFinite(format.rate) && format.rate > 0 ? format.rate : 24000;
    return (rate * 2) / 1000;
  }
  return 48;
}

/**
 * The duration in milliseconds of `byteLength` bytes of audio in `format` (may be fractional).
 *
 * @example
 * ```ts
 * import { durationMs } from 'openai-realtime-rx/audio';
 * durationMs(4800, { type: 'audio/pcm', rate: 24000 }); // 100
 * ```
 */
export const durationMs = (byteLength: number, format: AudioFormatLike): number => byteLength / bytesPerMs(format);

/**
 * Whether samples of this format are two bytes wide (PCM16), so chunks must hold whole samples.
 *
 * @example
 * ```ts
 * import { isPcm16 } from 'openai-realtime-rx/audio';
 * isPcm16({ type: 'audio/pcmu' }); // false
 * ```
 */
export const isPcm16 = (format: AudioFormatLike): boolean => bytesPerMs(format) !== 8;
