/**
 * The resampler between every pair of supported rates: exact lengths, the same samples in 20 ms
 * chunks as whole, a flat passband, at least 60 dB against aliases and images, time alignment,
 * and the latency it reports.
 */
import fc from 'fast-check';
import { createResampler, resample, SUPPORTED_RATES } from '../../lib/audio/resampler';
import { aliasOf, amplitudeAt, dB, sine } from './measure';

const pairs = SUPPORTED_RATES.flatMap((from) => SUPPORTED_RATES.filter((to) => to !== from).map((to) => [from, to] as const));

const concat = (parts: Int16Array[]) => {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const chunked = (x: Int16Array, from: number, to: number, sizes: (i: number) => number) => {
  const r = createResampler(from, to);
  const parts: Int16Array[] = [];
  for (let at = 0, i = 0; at < x.length; i++) {
    const n = Math.max(1, sizes(i));
    parts.push(r.process(x.subarray(at, at + n)));
    at += n;
  }
  parts.push(r.flush());
  return concat(parts);
};

/** Speech-like test signal: a few tones in the common passband plus noise. */
const signal = (rate: number, seconds: number) => {
  const n = Math.round(rate * seconds);
  const out = new Int16Array(n);
  let seed = 7;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const t = i / rate;
    out[i] = Math.round(9000 * Math.sin(2 * Math.PI * 220 * t) + 7000 * Math.sin(2 * Math.PI * 1870 * t) + 3000 * Math.sin(2 * Math.PI * 3100 * t) + ((seed / 0x7fffffff) - 0.5) * 4000);
  }
  return out;
};

describe.each(pairs)('resampling %i Hz to %i Hz', (from, to) => {
  it('gives ceil(N × to / from) samples, the same in 20 ms chunks as whole (bit for bit)', () => {
    const x = signal(from, 0.5);
    const whole = resample(x, from, to);
    expect(whole.length).toBe(Math.ceil((x.length * to) / from));
    const twentyMs = Math.round(from / 50);
    expect(chunked(x, from, to, () => twentyMs)).toEqual(whole);
  });

  it('has a flat passband: within ±0.01 dB up to its passband edge, in time with the input', () => {
    const r = createResampler(from, to);
    const gains: number[] = [];
    for (const fraction of [0.05, 0.35, 0.7, 1]) {
      const hz = Math.round(r.design.passbandHz * fraction);
      const out = resample(sine(hz, from, 0.3), from, to);
      gains.push(dB(amplitudeAt(out, to, hz) / amplitudeAt(sine(hz, from, 0.3), from, hz)));
      // time alignment: the output is the same sine sampled at the new rate
      const ideal = sine(hz, to, 0.3);
      let worst = 0;
      for (let i = Math.round(to * 0.02); i < ideal.length - Math.round(to * 0.02); i++) worst = Math.max(worst, Math.abs((out[i] as number) - (ideal[i] as number)));
      expect(worst).toBeLessThanOrEqual(16); // 0.1 % of the 16384 amplitude: -60 dB
    }
    expect(Math.max(...gains)).toBeLessThan(0.01);
    expect(Math.min(...gains)).toBeGreaterThan(-0.01);
  });

  it('attenuates what would alias (or image) by at least 60 dB', () => {
    const r = createResampler(from, to);
    const levels: number[] = [];
    if (to < from) {
      // tones above the output's Nyquist frequency must not fold back into the band
      for (const fraction of [0.01, 0.1, 0.3, 0.6, 0.95]) {
        const hz = Math.round(to / 2 + (from / 2 - to / 2) * fraction);
        const out = resample(sine(hz, from, 0.3), from, to);
        levels.push(dB(amplitudeAt(out, to, aliasOf(hz, to)) / 0.5));
      }
    } else {
      // the images of in-band tones (at from - f, from + f, ...) must not appear
      for (const fraction of [0.1, 0.5, 0.85, 0.95, 0.99]) {
        const hz = Math.round((from / 2) * fraction);
        const out = resample(sine(hz, from, 0.3), from, to);
        for (const image of [from - hz, from + hz]) if (image < to / 2) levels.push(dB(amplitudeAt(out, to, image) / 0.5));
      }
    }
    expect(levels.length).toBeGreaterThan(0);
    expect(Math.max(...levels)).toBeLessThan(-60);
    expect(r.design.attenuationDb).toBeGreaterThanOrEqual(60);
  });

  it('reports its latency: output for an input sample comes once latency.inputSamples more have arrived', () => {
    const r = createResampler(from, to);
    const { inputSamples, ms, outputSamples } = r.latency;
    expect(ms).toBeCloseTo((inputSamples / from) * 1000, 9);
    expect(outputSamples).toBeCloseTo((inputSamples * to) / from, 9);
    expect(ms).toBeLessThan(5);
    for (const n of [1, inputSamples, inputSamples + 1, 3 * inputSamples + 7]) {
      const fresh = createResampler(from, to);
      expect(fresh.process(new Int16Array(n)).length).toBe(Math.max(0, Math.ceil(((n - inputSamples) * to) / from)));
    }
  });
});

describe('the resampler', () => {
  it('gives the same samples for any chunking (property)', () => {
    const x = signal(24000, 0.2);
    const whole = resample(x, 24000, 8000);
    const wholeUp = resample(x, 24000, 44100);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 20 }), (sizes) => {
        const size = (i: number) => sizes[i % sizes.length] as number;
        expect(chunked(x, 24000, 8000, size)).toEqual(whole);
        expect(chunked(x, 24000, 44100, size)).toEqual(wholeUp);
      }),
      { numRuns: 40 },
    );
  });

  it('keeps DC exactly and clamps overshoot instead of wrapping', () => {
    expect(new Set(resample(new Int16Array(4800).fill(1000), 48000, 8000).subarray(20, 780))).toEqual(new Set([1000]));
    const square = Int16Array.from({ length: 4800 }, (_, i) => (Math.floor(i / 120) % 2 ? -32768 : 32767));
    const out = resample(square, 48000, 16000);
    expect(Math.max(...out)).toBe(32767);
    expect(Math.min(...out)).toBe(-32768);
    // Gibbs overshoot is clamped: the samples in the middle of each half period keep their sign
    for (let i = 0; i < out.length; i++) {
      const phase = (i * 3) % 240;
      if (phase > 30 && phase < 90) expect(out[i]).toBeGreaterThan(30000);
      if (phase > 150 && phase < 210) expect(out[i]).toBeLessThan(-30000);
    }
  });

  it('starts afresh after flush() and reset()', () => {
    const x = signal(16000, 0.1);
    const r = createResampler(16000, 24000);
    const first = concat([r.process(x), r.flush()]);
    expect(concat([r.process(x), r.flush()])).toEqual(first);
    r.process(signal(16000, 0.05));
    r.reset();
    expect(concat([r.process(x), r.flush()])).toEqual(first);
  });

  it('copies between equal rates, with no latency', () => {
    const r = createResampler(24000, 24000);
    const x = new Int16Array([1, 2, 3]);
    const y = r.process(x);
    expect(y).toEqual(x);
    expect(y).not.toBe(x);
    expect(r.flush()).toHaveLength(0);
    expect(r.latency).toEqual({ inputSamples: 0, outputSamples: 0, ms: 0 });
  });

  it('handles empty chunks and an empty stream', () => {
    const r = createResampler(8000, 24000);
    expect(r.process(new Int16Array(0))).toHaveLength(0);
    expect(r.flush()).toHaveLength(0);
    expect(resample(new Int16Array(0), 44100, 16000)).toHaveLength(0);
    expect(resample(new Int16Array(1), 44100, 16000)).toHaveLength(1);
  });

  it('throws a RangeError for rates it cannot serve', () => {
    expect(() => createResampler(0, 8000)).toThrow(RangeError);
    expect(() => createResampler(8000.5, 8000)).toThrow(/whole number of Hz/);
    expect(() => createResampler(44100, 44099)).toThrow(/filter phases/);
    expect(() => createResampler(11025, 12000)).not.toThrow();
  });

  it('serves extreme whole rates too (a long filter, a long history)', () => {
    const out = resample(sine(200, 384000, 0.05), 384000, 1000);
    expect(out.length).toBe(50);
    expect(createResampler(384000, 1000).latency.inputSamples).toBeGreaterThan(4096);
    expect(Math.max(...out.subarray(10, 40))).toBeGreaterThan(15000); // the 200 Hz tone survives
  });
});
