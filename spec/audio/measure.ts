/**
 * Measuring a resampler: sine tones in, the amplitude of one frequency out (a Hann-windowed
 * single-bin DFT over the steady part of the output, away from the start and the end).
 */

/** A sine of `amplitude` (of full scale) at `hz`, `seconds` long, as PCM16 at `rate`. */
export function sine(hz: number, rate: number, seconds: number, amplitude = 0.5): Int16Array {
  const n = Math.round(rate * seconds);
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * amplitude * 32767);
  return out;
}

/** The amplitude (of full scale) of the component at `hz` in `samples` at `rate`, skipping `skip` samples at each end. */
export function amplitudeAt(samples: Int16Array, rate: number, hz: number, skip = Math.round(rate * 0.05)): number {
  const from = skip;
  const to = samples.length - skip;
  const n = to - from;
  let re = 0;
  let im = 0;
  let windowSum = 0;
  for (let i = 0; i < n; i++) {
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1));
    const x = ((samples[from + i] as number) / 32767) * w;
    const phi = (2 * Math.PI * hz * (from + i)) / rate;
    re += x * Math.cos(phi);
    im -= x * Math.sin(phi);
    windowSum += w;
  }
  return (2 * Math.hypot(re, im)) / windowSum;
}

export const dB = (ratio: number): number => 20 * Math.log10(ratio);

/** Where a tone at `hz` lands after sampling at `rate` (folded into 0..rate/2). */
export const aliasOf = (hz: number, rate: number): number => {
  const f = hz % rate;
  return f > rate / 2 ? rate - f : f;
};
