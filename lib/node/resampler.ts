/**
 * The resampler seam of the Node streams: every conversion between PCM16 rates goes through a
 * {@link ResamplerFactory}, one {@link Resample} per stream, so that state (a streaming filter's
 * history) lives exactly as long as the stream. The default is built on the linear
 * `resamplePcm16` of `openai-realtime-rx/audio`; pass another factory (`resampler` option) to use
 * a better one.
 *
 * @module
 */
import { resamplePcm16 } from '../audio/wav.js';

/**
 * Resample one chunk of PCM16 mono samples. Called in order, chunk after chunk, for one stream:
 * a stateful implementation may keep history between calls and return fewer or more samples
 * than the exact ratio for any one chunk.
 *
 * @example
 * ```ts
 * import type { Resample } from 'openai-realtime-rx/node';
 * const identity: Resample = (samples) => samples;
 * ```
 */
export type Resample = (samples: Int16Array) => Int16Array;

/**
 * Makes the {@link Resample} of one stream, from one rate to another (Hz).
 *
 * @example
 * ```ts
 * import type { ResamplerFactory } from 'openai-realtime-rx/node';
 * import { audioWritable } from 'openai-realtime-rx/node';
 * const mine: ResamplerFactory = (from, to) => (samples) => myResampler.process(samples, from, to);
 * audioWritable(client, { inputFormat: { encoding: 'pcm16', rate: 16000 }, resampler: mine });
 * ```
 */
export type ResamplerFactory = (fromRate: number, toRate: number) => Resample;

/**
 * The default {@link ResamplerFactory}: linear interpolation per chunk (`resamplePcm16`). It is
 * stateless, so a chunk's last sample is not blended with the next chunk's first, and it does not
 * filter before decimating (a tone above the target's Nyquist frequency folds back). Enough for
 * speech at the integer ratios telephony uses (8 ↔ 16 ↔ 24 ↔ 48 kHz).
 *
 * @example
 * ```ts
 * import { linearResampler } from 'openai-realtime-rx/node';
 * const to8k = linearResampler(24000, 8000);
 * to8k(new Int16Array(480)).length; // 160
 * ```
 */
export const linearResampler: ResamplerFactory = (fromRate, toRate) => {
  if (fromRate === toRate) return (samples) => samples;
  return (samples) => {
    const bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
    const out = resamplePcm16(bytes, fromRate, toRate);
    return new Int16Array(out.buffer, out.byteOffset, out.byteLength >> 1);
  };
};
