/**
 * A streaming, anti-aliased sample-rate converter for PCM16 mono: a polyphase windowed-sinc
 * filter (Kaiser window), exact rational ratios, state kept across chunks.
 *
 * The design, for any pair of rates (`from`, `to`): the lower of the two Nyquist frequencies is
 * the band limit; the passband is flat up to 85 % of it (3.4 kHz when one side is 8 kHz) and
 * everything from the band limit up is attenuated by at least 70 dB (the Kaiser design target),
 * so a tone above the output's Nyquist frequency cannot fold back into the band, and the images
 * of upsampling are removed alike. Each output sample is a dot product of 2W input samples with
 * one of L precomputed phases of the filter, where `to/from = L/M` in lowest terms; the phases are
 * normalised to unit DC gain.
 *
 * Streaming: the filter looks W input samples ahead, so an output sample is produced once W later
 * input samples have arrived. That is the latency ({@link Resampler.latency}); `flush()` pads
 * the end with silence and emits the rest. The output is time-aligned with the input (no delay
 * in the signal itself), and feeding a signal in any chunking gives the same samples, bit for
 * bit, as feeding it whole.
 *
 * @module
 */
import { floatToPcm16Sample } from './pcm.js';

/**
 * The sample rates the resampler is designed and tested for. Other integer rates work when the
 * ratio's polyphase table stays small (see {@link createResampler}).
 *
 * @example
 * ```ts
 * import { SUPPORTED_RATES } from 'openai-realtime-rx/audio';
 * SUPPORTED_RATES.includes(22050); // true
 * ```
 */
export const SUPPORTED_RATES: readonly number[] = Object.freeze([8000, 16000, 22050, 24000, 32000, 44100, 48000]);

/** Fraction of the lower Nyquist frequency kept flat. */
const PASSBAND = 0.85;
/** Stopband attenuation the Kaiser window is designed for, in dB. */
const ATTENUATION_DB = 70;
/** Input samples appended at a time: longer chunks are processed in blocks of this size. */
const BLOCK = 16384;
/** Largest polyphase table (phases × taps) a ratio may need. */
const MAX_TABLE = 1 << 20;

/**
 * How long a resampler holds audio back before the matching output comes out.
 *
 * @example
 * ```ts
 * import { createResampler } from 'openai-realtime-rx/audio';
 * const { inputSamples, ms } = createResampler(24000, 8000).latency; // 88 samples, ≈ 3.7 ms
 * ```
 */
export interface ResamplerLatency {
  /** Input samples that must arrive after a sample before its output can be computed. */
  readonly inputSamples: number;
  /** The same, in output samples (may be fractional). */
  readonly outputSamples: number;
  /** The same, in milliseconds. */
  readonly ms: number;
}

/**
 * The filter a resampler uses, for reports and docs.
 *
 * @example
 * ```ts
 * import { createResampler } from 'openai-realtime-rx/audio';
 * const d = createResampler(48000, 16000).design; // { phases: 1, taps: 88, passbandHz: 6800, ... }
 * ```
 */
export interface ResamplerDesign {
  /** Distinct fractional positions (L in `to/from = L/M`). */
  readonly phases: number;
  /** Input samples per output sample (the dot product length). */
  readonly taps: number;
  /** Up to this frequency the response is flat (±0.01 dB by design). */
  readonly passbandHz: number;
  /** From this frequency on the response is at least `attenuationDb` down. */
  readonly stopbandHz: number;
  readonly attenuationDb: number;
}

/**
 * A stateful streaming resampler of PCM16 mono samples from one rate to another. Create one per
 * stream with {@link createResampler}; feed chunks of any size to `process`, call `flush` at the
 * end of the stream.
 *
 * @example
 * ```ts
 * import { createResampler } from 'openai-realtime-rx/audio';
 * const down = createResampler(24000, 8000);
 * const a = down.process(new Int16Array(480)); // 20 ms in; output lags by down.latency
 * const b = down.flush();                      // the rest: a.length + b.length === 160
 * ```
 */
export interface Resampler {
  readonly from: number;
  readonly to: number;
  readonly latency: ResamplerLatency;
  readonly design: ResamplerDesign;
  /** Resample the next chunk of the stream; returns the output samples now complete (maybe none). */
  process(chunk: Int16Array): Int16Array;
  /**
   * End the stream: pads with silence and returns the remaining output, so that a stream of N
   * input samples gives `ceil(N × to / from)` output samples in all. The resampler is then reset
   * and can start a new stream.
   */
  flush(): Int16Array;
  /** Forget the stream so far (no output) and start afresh. */
  reset(): void;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** Modified Bessel function of the first kind, order 0 (power series). */
const besselI0 = (x: number): number => {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 64 && term > sum * 1e-17; k++) {
    term *= q / (k * k);
    sum += term;
  }
  return sum;
};

const sinc = (x: number) => (x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x));

interface Kernel {
  readonly phases: number;
  readonly step: number; // M
  readonly half: number; // W: taps = 2W
  readonly coeffs: Float32Array; // phase-major: coeffs[p * 2W + k]; float32 halves the table (its error is ~-140 dB)
  readonly design: ResamplerDesign;
}

const kernels = new Map<string, Kernel>();

function kernelFor(from: number, to: number): Kernel {
  const key = `${from}/${to}`;
  const cached = kernels.get(key);
  if (cached) return cached;
  const g = gcd(from, to);
  const phases = to / g;
  const step = from / g;
  const nyquist = Math.min(from, to) / 2;
  const passbandHz = PASSBAND * nyquist;
  const stopbandHz = nyquist;
  // Kaiser's estimates: β from the attenuation, length from the transition width (input units).
  const beta = 0.1102 * (ATTENUATION_DB - 8.7);
  const transition = (2 * Math.PI * (stopbandHz - passbandHz)) / from;
  const length = (ATTENUATION_DB - 7.95) / (2.285 * transition);
  const half = 2 * Math.ceil(length / 4); // W, even, so that 2W is a multiple of 4
  const taps = 2 * half;
  if (phases * taps > MAX_TABLE) {
    throw new RangeError(`resampling ${from} Hz to ${to} Hz needs ${phases} filter phases; use rates with a simpler ratio (e.g. ${SUPPORTED_RATES.join(', ')})`);
  }
  const cutoff = (passbandHz + stopbandHz) / 2 / from; // cycles per input sample
  const i0Beta = besselI0(beta);
  const coeffs = new Float32Array(phases * taps);
  const phase = new Float64Array(taps);
  for (let p = 0; p < phases; p++) {
    const frac = p / phases;
    let sum = 0;
    for (let k = 0; k < taps; k++) {
      const t = frac + half - 1 - k; // distance of the output instant from input sample k
      const r = t / half;
      const w = Math.abs(r) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
      phase[k] = 2 * cutoff * sinc(2 * cutoff * t) * w;
      sum += phase[k] as number;
    }
    for (let k = 0; k < taps; k++) coeffs[p * taps + k] = (phase[k] as number) / sum;
  }
  const kernel: Kernel = { phases, step, half, coeffs, design: { phases, taps, passbandHz, stopbandHz, attenuationDb: ATTENUATION_DB } };
  kernels.set(key, kernel);
  return kernel;
}

class PolyphaseResampler implements Resampler {
  readonly latency: ResamplerLatency;
  readonly design: ResamplerDesign;
  private readonly kernel: Kernel;
  /** Pending input; `buf[i]` is the input sample with absolute index `base + i`. */
  private buf: Float64Array;
  private base = 0;
  private length = 0;
  /** Absolute input samples received in this stream. */
  private received = 0;
  /** The next output sample sits at input position `pos + phase / phases`. */
  private pos = 0;
  private phase = 0;

  constructor(
    readonly from: number,
    readonly to: number,
  ) {
    this.kernel = kernelFor(from, to);
    this.design = this.kernel.design;
    const w = this.kernel.half;
    this.latency = { inputSamples: w, outputSamples: (w * to) / from, ms: (w * 1000) / from };
    this.buf = new Float64Array(Math.max(4096, 4 * w));
    this.reset();
  }

  reset(): void {
    const w = this.kernel.half;
    // W - 1 zeros of history before the first sample
    this.base = -(w - 1);
    this.length = w - 1;
    this.buf.fill(0, 0, w - 1);
    this.received = 0;
    this.pos = 0;
    this.phase = 0;
  }

  process(chunk: Int16Array): Int16Array {
    if (chunk.length <= BLOCK) {
      this.append(chunk, chunk.length);
      return this.drain(Infinity);
    }
    // A long signal goes through in blocks, so the pending buffer stays small.
    const parts: Int16Array[] = [];
    let total = 0;
    for (let at = 0; at < chunk.length; at += BLOCK) {
      const block = chunk.subarray(at, at + BLOCK);
      this.append(block, block.length);
      const part = this.drain(Infinity);
      parts.push(part);
      total += part.length;
    }
    const out = new Int16Array(total);
    for (let i = 0, at = 0; i < parts.length; at += (parts[i] as Int16Array).length, i++) out.set(parts[i] as Int16Array, at);
    return out;
  }

  flush(): Int16Array {
    const end = this.received;
    this.append(undefined, this.kernel.half);
    const out = this.drain(end);
    this.reset();
    return out;
  }

  private append(chunk: Int16Array | undefined, n: number): void {
    // drop what no output will need again: everything before pos - W + 1
    const keepFrom = this.pos - this.kernel.half + 1 - this.base;
    if (keepFrom > 0) {
      this.buf.copyWithin(0, keepFrom, this.length);
      this.length -= keepFrom;
      this.base += keepFrom;
    }
    if (this.length + n > this.buf.length) {
      const grown = new Float64Array(Math.max(this.buf.length * 2, this.length + n));
      grown.set(this.buf.subarray(0, this.length));
      this.buf = grown;
    }
    if (chunk) {
      const buf = this.buf;
      const at = this.length;
      for (let i = 0; i < n; i++) buf[at + i] = chunk[i] as number;
      this.received += n;
    } else this.buf.fill(0, this.length, this.length + n);
    this.length += n;
  }

  /** Emit every output whose inputs are all present (and whose position is before `end`). */
  private drain(end: number): Int16Array {
    const { phases, step, half, coeffs } = this.kernel;
    const taps = 2 * half;
    const last = this.base + this.length - 1; // absolute index of the newest sample
    const limit = Math.min(last - half, end - 1); // the last pos that can be computed
    if (this.pos > limit) return new Int16Array(0);
    const out = new Int16Array(Math.ceil(((limit - this.pos + 1) * phases) / step) + 1);
    const buf = this.buf;
    let pos = this.pos;
    let phase = this.phase;
    let n = 0;
    while (pos <= limit) {
      const x0 = pos - half + 1 - this.base;
      const c0 = phase * taps;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      if (phases === 1) {
        // One phase (integer decimation): its taps are symmetric about tap W - 1 (tap 2W - 1 is
        // zero), so pairs of samples share one multiplication.
        const mirror = x0 + 2 * half - 2;
        a0 = (coeffs[half - 1] as number) * (buf[x0 + half - 1] as number);
        let k = 0;
        for (; k + 3 < half - 1; k += 4) {
          a1 += (coeffs[k] as number) * ((buf[x0 + k] as number) + (buf[mirror - k] as number));
          a2 += (coeffs[k + 1] as number) * ((buf[x0 + k + 1] as number) + (buf[mirror - k - 1] as number));
          a3 += (coeffs[k + 2] as number) * ((buf[x0 + k + 2] as number) + (buf[mirror - k - 2] as number));
          a0 += (coeffs[k + 3] as number) * ((buf[x0 + k + 3] as number) + (buf[mirror - k - 3] as number));
        }
        for (; k < half - 1; k++) a3 += (coeffs[k] as number) * ((buf[x0 + k] as number) + (buf[mirror - k] as number));
      } else {
        for (let k = 0; k < taps; k += 4) {
          a0 += (coeffs[c0 + k] as number) * (buf[x0 + k] as number);
          a1 += (coeffs[c0 + k + 1] as number) * (buf[x0 + k + 1] as number);
          a2 += (coeffs[c0 + k + 2] as number) * (buf[x0 + k + 2] as number);
          a3 += (coeffs[c0 + k + 3] as number) * (buf[x0 + k + 3] as number);
        }
      }
      out[n++] = floatToPcm16Sample((a0 + a1 + (a2 + a3)) / 32768);
      phase += step;
      if (phase >= phases) {
        pos += Math.floor(phase / phases);
        phase %= phases;
      }
    }
    this.pos = pos;
    this.phase = phase;
    return out.slice(0, n);
  }
}

/** A resampler between equal rates: a copy, no latency. */
class Passthrough implements Resampler {
  readonly latency: ResamplerLatency = { inputSamples: 0, outputSamples: 0, ms: 0 };
  readonly design: ResamplerDesign;
  constructor(
    readonly from: number,
    readonly to: number,
  ) {
    this.design = { phases: 1, taps: 1, passbandHz: from / 2, stopbandHz: from / 2, attenuationDb: Infinity };
  }
  process(chunk: Int16Array): Int16Array {
    return chunk.slice();
  }
  flush(): Int16Array {
    return new Int16Array(0);
  }
  reset(): void {}
}

const checkRate = (name: string, rate: number) => {
  if (!Number.isInteger(rate) || rate < 1000 || rate > 384000) throw new RangeError(`${name} rate must be a whole number of Hz from 1000 to 384000; got ${rate}`);
};

/**
 * A streaming resampler of PCM16 mono from `from` Hz to `to` Hz (equal rates give a plain copy).
 * Throws a `RangeError` for rates that are not whole numbers from 1 kHz to 384 kHz, or whose ratio
 * would need an outsized filter table (e.g. 44100 ↔ 44099); the rates of
 * {@link SUPPORTED_RATES} all work. Filters are computed once per ratio and shared.
 *
 * @example
 * ```ts
 * import { createResampler } from 'openai-realtime-rx/audio';
 * const toPhone = createResampler(24000, 8000);
 * for (const chunk of chunksOf24kHz) send(toPhone.process(chunk));
 * send(toPhone.flush());
 * ```
 */
export function createResampler(from: number, to: number): Resampler {
  checkRate('input', from);
  checkRate('output', to);
  return from === to ? new Passthrough(from, to) : new PolyphaseResampler(from, to);
}

/**
 * Resample a whole signal at once: `ceil(N × to / from)` samples out, the same as streaming it
 * through {@link createResampler} and flushing.
 *
 * @example
 * ```ts
 * import { resample } from 'openai-realtime-rx/audio';
 * const at16k = resample(new Int16Array(44100), 44100, 16000); // 16000 samples
 * ```
 */
export function resample(samples: Int16Array, from: number, to: number): Int16Array {
  const r = createResampler(from, to);
  const head = r.process(samples);
  const tail = r.flush();
  if (tail.length === 0) return head;
  const out = new Int16Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}
