/**
 * Deterministic test audio: tones with a soft envelope, as PCM16 mono.
 *
 * @module
 */

/**
 * PCM16 little-endian samples of a sine tone (`amplitude` 0-1 of full scale), with 5 ms fades so
 * that segments join without clicks. Silence when `amplitude` is 0.
 *
 * @example
 * ```ts
 * import { tone } from 'openai-realtime-rx/testing';
 * const beep = tone(440, 200, 24000, 0.3); // 200 ms at 24 kHz: 9600 bytes
 * ```
 */
export function tone(frequencyHz: number, durationMs: number, sampleRate: number, amplitude = 0.3): Uint8Array {
  const n = Math.round((durationMs * sampleRate) / 1000);
  const out = new Int16Array(n);
  const fade = Math.max(1, Math.round(sampleRate * 0.005));
  for (let i = 0; i < n; i++) {
    const envelope = Math.min(1, i / fade, (n - 1 - i) / fade);
    out[i] = Math.round(Math.sin((2 * Math.PI * frequencyHz * i) / sampleRate) * amplitude * envelope * 32767);
  }
  return new Uint8Array(out.buffer);
}

/**
 * The RMS level of PCM16 samples, from 0 (silence) to 1 (full scale).
 *
 * @example
 * ```ts
 * import { rms, tone } from 'openai-realtime-rx/testing';
 * rms(tone(440, 100, 24000, 0.5)); // ≈ 0.35
 * ```
 */
export function rms(pcm16: Uint8Array): number {
  const view = new DataView(pcm16.buffer, pcm16.byteOffset, pcm16.byteLength);
  const n = Math.floor(pcm16.byteLength / 2);
  if (n === 0) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const s = view.getInt16(i * 2, true) / 32768;
    sum += s * s;
  }
  return Math.sqrt(sum / n);
}
