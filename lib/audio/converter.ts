/**
 * Byte-stream conversion between audio formats: PCM16 at any supported rate and 8 kHz G.711,
 * through the streaming resampler. One converter per stream.
 *
 * @module
 */
import type { CanonicalAudioFormat, AudioFormatLike } from './durations.js';
import { audioFormatOf, sampleRateOf } from './durations.js';
import { decodeG711, encodeG711 } from './g711.js';
import { pcm16FromBytes, pcm16ToBytes } from './pcm.js';
import type { Resampler, ResamplerLatency } from './resampler.js';
import { createResampler } from './resampler.js';

/**
 * A stateful converter of one audio stream's bytes from one format to another: decode (G.711 to
 * PCM16), resample, encode (PCM16 bytes or G.711). Chunks may have any size: an odd trailing
 * byte of PCM16 waits for the next chunk.
 *
 * @example
 * ```ts
 * import { createAudioConverter } from 'openai-realtime-rx/audio';
 * const toPhone = createAudioConverter({ type: 'audio/pcm', rate: 24000 }, { type: 'audio/pcmu' });
 * const ulaw = toPhone.process(new Uint8Array(960)); // 20 ms of 24 kHz PCM16 in; μ-law out
 * const rest = toPhone.flush();                      // ulaw.length + rest.length === 160
 * ```
 */
export interface AudioConverter {
  readonly from: CanonicalAudioFormat;
  readonly to: CanonicalAudioFormat;
  /** The resampler's latency (zero when the rates match). */
  readonly latency: ResamplerLatency;
  /** Convert the next chunk of the stream; returns the bytes now complete (maybe none). */
  process(bytes: Uint8Array): Uint8Array;
  /** End the stream: the rest of the output. The converter is then ready for a new stream. */
  flush(): Uint8Array;
  /** Drop the stream so far, without output. */
  reset(): void;
}

const lawOf = (f: CanonicalAudioFormat) => (f.type === 'audio/pcmu' ? 'pcmu' : f.type === 'audio/pcma' ? 'pcma' : undefined);

class Converter implements AudioConverter {
  readonly latency: ResamplerLatency;
  private readonly resampler: Resampler;
  private carry = -1;

  constructor(
    readonly from: CanonicalAudioFormat,
    readonly to: CanonicalAudioFormat,
  ) {
    this.resampler = createResampler(sampleRateOf(from), sampleRateOf(to));
    this.latency = this.resampler.latency;
  }

  process(bytes: Uint8Array): Uint8Array {
    return this.encode(this.resampler.process(this.decode(bytes)));
  }

  flush(): Uint8Array {
    this.carry = -1;
    return this.encode(this.resampler.flush());
  }

  reset(): void {
    this.carry = -1;
    this.resampler.reset();
  }

  private decode(bytes: Uint8Array): Int16Array {
    const law = lawOf(this.from);
    if (law) return decodeG711(bytes, law);
    let data = bytes;
    if (this.carry >= 0) {
      data = new Uint8Array(bytes.length + 1);
      data[0] = this.carry;
      data.set(bytes, 1);
      this.carry = -1;
    }
    if (data.length % 2 === 1) this.carry = data[data.length - 1] as number;
    return pcm16FromBytes(data);
  }

  private encode(samples: Int16Array): Uint8Array {
    const law = lawOf(this.to);
    return law ? encodeG711(samples, law) : pcm16ToBytes(samples);
  }
}

/**
 * A converter of one stream's bytes from format `from` to format `to` (formats as the API names
 * them, see {@link audioFormatOf}). Throws a `RangeError` if the rates cannot be resampled
 * (see {@link createResampler}).
 *
 * @example
 * ```ts
 * import { createAudioConverter } from 'openai-realtime-rx/audio';
 * const fromPhone = createAudioConverter({ type: 'audio/pcmu' }, { type: 'audio/pcm', rate: 24000 });
 * const pcm = fromPhone.process(new Uint8Array(160).fill(0xff)); // μ-law silence in, PCM16 out
 * ```
 */
export function createAudioConverter(from: AudioFormatLike, to: AudioFormatLike): AudioConverter {
  return new Converter(audioFormatOf(from), audioFormatOf(to));
}
