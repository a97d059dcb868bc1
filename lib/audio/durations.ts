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

/**
 * An audio format in canonical form: PCM16 at a sample rate, or 8 kHz G.711. (The root entry's
 * `AudioFormat` is the io-ts codec of the wire shape; this is what {@link audioFormatOf} makes of it.)
 *
 * @example
 * ```ts
 * import type { CanonicalAudioFormat } from 'openai-realtime-rx/audio';
 * const phone: CanonicalAudioFormat = { type: 'audio/pcmu' };
 * const api: CanonicalAudioFormat = { type: 'audio/pcm', rate: 24000 };
 * ```
 */
export type CanonicalAudioFormat = { readonly type: 'audio/pcm'; readonly rate: number } | { readonly type: 'audio/pcmu' } | { readonly type: 'audio/pcma' };

const PCM24K: CanonicalAudioFormat = Object.freeze({ type: 'audio/pcm', rate: 24000 });
const PCMU: CanonicalAudioFormat = Object.freeze({ type: 'audio/pcmu' });
const PCMA: CanonicalAudioFormat = Object.freeze({ type: 'audio/pcma' });

/**
 * The canonical form of a format as the API or a caller gives it: GA objects
 * (`{type: 'audio/pcm', rate}`, `{type: 'audio/pcmu'}`, `{type: 'audio/pcma'}`), the legacy
 * strings (`'pcm16'`, `'g711_ulaw'`, `'g711_alaw'`), or nothing. Anything unknown or missing is
 * the API's default, 24 kHz PCM16 (the same rule as {@link bytesPerMs}).
 *
 * @example
 * ```ts
 * import { audioFormatOf } from 'openai-realtime-rx/audio';
 * audioFormatOf('g711_ulaw');           // { type: 'audio/pcmu' }
 * audioFormatOf({ type: 'audio/pcm' }); // { type: 'audio/pcm', rate: 24000 }
 * audioFormatOf(undefined);             // { type: 'audio/pcm', rate: 24000 }
 * ```
 */
export function audioFormatOf(format: AudioFormatLike): CanonicalAudioFormat {
  const type = typeof format === 'string' ? format : format?.type;
  if (type === 'audio/pcmu' || type === 'g711_ulaw') return PCMU;
  if (type === 'audio/pcma' || type === 'g711_alaw') return PCMA;
  if (typeof format === 'object' && format !== null && type === 'audio/pcm') {
    const rate = format.rate;
    if (typeof rate === 'number' && Number.isInteger(rate) && rate > 0 && rate !== 24000) return Object.freeze({ type: 'audio/pcm', rate });
  }
  return PCM24K;
}

/**
 * The sample rate of a format: 8000 for G.711, the PCM rate otherwise (24000 by default).
 *
 * @example
 * ```ts
 * import { sampleRateOf } from 'openai-realtime-rx/audio';
 * sampleRateOf({ type: 'audio/pcma' }); // 8000
 * ```
 */
export const sampleRateOf = (format: AudioFormatLike): number => {
  const f = audioFormatOf(format);
  return f.type === 'audio/pcm' ? f.rate : 8000;
};

/**
 * How many bytes hold `ms` milliseconds of audio in `format`, in whole samples (rounded down):
 * the size of a 20 ms frame is `bytesFor(20, format)`, 160 for G.711 and 960 for 24 kHz PCM16.
 *
 * @example
 * ```ts
 * import { bytesFor } from 'openai-realtime-rx/audio';
 * bytesFor(20, { type: 'audio/pcmu' });             // 160
 * bytesFor(20, { type: 'audio/pcm', rate: 22050 }); // 882
 * ```
 */
export function bytesFor(ms: number, format: AudioFormatLike): number {
  const f = audioFormatOf(format);
  const samples = Math.floor(((f.type === 'audio/pcm' ? f.rate : 8000) * ms) / 1000 + 1e-9);
  return f.type === 'audio/pcm' ? samples * 2 : samples;
}
