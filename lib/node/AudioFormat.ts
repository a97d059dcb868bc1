/**
 * Audio formats as the Node streams name them, and the stateful converter between two of them.
 *
 * @module
 */
import type { AudioFormatLike } from '../audio/durations.js';
import { decodeALaw, decodeMuLaw, encodeALaw, encodeMuLaw } from '../audio/g711.js';
import type { ResamplerFactory } from './resampler.js';

/**
 * A stream's audio format: PCM16 little-endian mono at a sample rate, or 8 kHz G.711
 * (`'pcmu'` μ-law, `'pcma'` A-law), one byte per sample.
 *
 * @example
 * ```ts
 * import type { AudioFormat } from 'openai-realtime-rx/node';
 * const phone: AudioFormat = 'pcmu';
 * const mic: AudioFormat = { encoding: 'pcm16', rate: 16000 };
 * ```
 */
export type AudioFormat = { readonly encoding: 'pcm16'; readonly rate: number } | 'pcmu' | 'pcma';

/** The API's default: PCM16 at 24 kHz. */
export const PCM16_24K: AudioFormat = { encoding: 'pcm16', rate: 24000 };

const RATES = [8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000];

/** The sample rate of a format. */
export const rateOf = (format: AudioFormat): number => (typeof format === 'string' ? 8000 : format.rate);

/** Bytes per sample of a format. */
export const bytesPerSample = (format: AudioFormat): number => (typeof format === 'string' ? 1 : 2);

/** Bytes per millisecond of a format. */
export const bytesPerMsOf = (format: AudioFormat): number => (rateOf(format) * bytesPerSample(format)) / 1000;

/** Throws (public API misuse) if a format is not one the streams handle. */
export function checkFormat(format: AudioFormat, what: string): AudioFormat {
  if (format === 'pcmu' || format === 'pcma') return format;
  if (typeof format === 'object' && format !== null && format.encoding === 'pcm16' && RATES.includes(format.rate)) return format;
  throw new TypeError(`${what}: ${JSON.stringify(format)} is not an audio format; use 'pcmu', 'pcma' or { encoding: 'pcm16', rate } with rate one of ${RATES.join(', ')}.`);
}

/** The format of a chunk as the API names it (`{type: 'audio/pcm', rate}`, `audio/pcmu`, or a beta string). */
export function fromApiFormat(format: AudioFormatLike): AudioFormat {
  const type = typeof format === 'string' ? format : format?.type;
  if (type === 'audio/pcmu' || type === 'g711_ulaw') return 'pcmu';
  if (type === 'audio/pcma' || type === 'g711_alaw') return 'pcma';
  const rate = typeof format === 'object' && format !== null && typeof format.rate === 'number' && format.rate > 0 ? format.rate : 24000;
  return { encoding: 'pcm16', rate };
}

/** Whether two formats are the same. */
export const sameFormat = (a: AudioFormat, b: AudioFormat): boolean =>
  typeof a === 'string' || typeof b === 'string' ? a === b : a.rate === b.rate;

/**
 * A converter from one format to another, for one stream: bytes in, bytes out, in order. A PCM16
 * input's stray odd byte is carried to the next call; resampling goes through one
 * {@link Resample} from `resampler`. Identical formats pass through untouched.
 */
export function converter(from: AudioFormat, to: AudioFormat, resampler: ResamplerFactory): Converter {
  if (sameFormat(from, to)) return Object.assign((bytes: Uint8Array) => bytes, { flush: () => new Uint8Array(0) });
  const decode = from === 'pcmu' ? decodeMuLaw : from === 'pcma' ? decodeALaw : undefined;
  const encode = to === 'pcmu' ? encodeMuLaw : to === 'pcma' ? encodeALaw : undefined;
  const resample = rateOf(from) === rateOf(to) ? undefined : resampler(rateOf(from), rateOf(to));
  let carry: number | undefined;
  const finish = (samples: Int16Array): Uint8Array => {
    const pcm = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
    return encode ? encode(pcm) : pcm;
  };
  const flush = (): Uint8Array => {
    carry = undefined; // half a sample at the very end is not a sample
    const tail = resample?.flush?.();
    return tail === undefined || tail.length === 0 ? new Uint8Array(0) : finish(tail);
  };
  const run = (bytes: Uint8Array): Uint8Array => {
    let pcm: Uint8Array;
    if (decode) pcm = decode(bytes);
    else {
      // whole samples only, aligned for an Int16Array view
      const start = carry === undefined ? 0 : 1;
      const total = bytes.length + start;
      const even = total & ~1;
      pcm = new Uint8Array(even);
      if (carry !== undefined && even > 0) pcm[0] = carry;
      pcm.set(bytes.subarray(0, even - start), start);
      carry = total & 1 ? (total === 1 && carry !== undefined ? carry : bytes[bytes.length - 1]) : undefined;
    }
    if (resample) return finish(resample(new Int16Array(pcm.buffer, pcm.byteOffset, pcm.byteLength >> 1)));
    return encode ? encode(pcm) : pcm;
  };
  return Object.assign(run, { flush });
}

/**
 * One stream's conversion: bytes in, bytes out, in order; `flush()` returns what a stateful
 * resampler still holds (call it at the end of the stream, or of a response).
 */
export type Converter = ((bytes: Uint8Array) => Uint8Array) & { flush(): Uint8Array };
