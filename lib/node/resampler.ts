/**
 * The resampler seam of the Node streams: every conversion between PCM16 rates goes through a
 * {@link ResamplerFactory}, one {@link Resample} per stream, so that state (a streaming filter's
 * history) lives exactly as long as the stream. The default, {@link streamingResampler}, is the
 * anti-aliased streaming resampler of `openai-realtime-rx/audio`, flushed at the end of a stream
 * and of each response; pass another factory (`resampler` option) to use your own.
 *
 * @module
 */
import { SUPPORTED_RATES, createResampler } from '../audio/resampler.js';
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
export type Resample = ((samples: Int16Array) => Int16Array) & {
  /** The samples a stateful resampler still holds (its filter's delay), at the end of a stream or a response. */
  readonly flush?: () => Int16Array;
};

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

/**
 * The default {@link ResamplerFactory}: the streaming, anti-aliased polyphase resampler of
 * `openai-realtime-rx/audio` (`createResampler`), one per stream, so that chunk edges do not
 * click and a tone above the target's Nyquist frequency does not fold back; its `flush` hands
 * over the last few milliseconds its filter holds. For a rate it does not take (it takes 8, 16,
 * 22.05, 24, 32, 44.1 and 48 kHz), {@link linearResampler}.
 *
 * @example
 * ```ts
 * import { streamingResampler } from 'openai-realtime-rx/node';
 * const to8k = streamingResampler(24000, 8000);
 * const out = [to8k(new Int16Array(480)), to8k.flush?.()]; // 160 samples in all
 * ```
 */
export const streamingResampler: ResamplerFactory = (fromRate, toRate) => {
  if (fromRate === toRate) return (samples: Int16Array) => samples;
  if (!SUPPORTED_RATES.includes(fromRate) || !SUPPORTED_RATES.includes(toRate)) return linearResampler(fromRate, toRate);
  const resampler = createResampler(fromRate, toRate);
  return Object.assign((samples: Int16Array) => resampler.process(samples), { flush: () => resampler.flush() });
};
