/**
 * PCM16 little-endian bytes (the API's `audio/pcm`) and Float32 samples in [-1, 1] (Web Audio's
 * `AudioBuffer`, `AudioWorklet`), each to the other.
 *
 * @module
 */

const samplesOf = (pcm16: Uint8Array): Int16Array => {
  const view = new DataView(pcm16.buffer, pcm16.byteOffset, pcm16.byteLength);
  const out = new Int16Array(pcm16.byteLength >> 1);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true);
  return out;
};

/**
 * PCM16 little-endian bytes to Float32 samples in [-1, 1) (a trailing odd byte is ignored).
 *
 * @example
 * ```ts
 * import { pcm16ToFloat32 } from 'openai-realtime-rx/audio';
 * pcm16ToFloat32(new Uint8Array([0x00, 0x40])); // Float32Array [0.5]
 * ```
 */
export function pcm16ToFloat32(pcm16: Uint8Array): Float32Array {
  const samples = samplesOf(pcm16);
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = (samples[i] ?? 0) / 32768;
  return out;
}

/**
 * Float32 samples to PCM16 little-endian bytes: clamped to [-1, 1], scaled and rounded to the
 * nearest integer (NaN becomes 0).
 *
 * @example
 * ```ts
 * import { float32ToPcm16 } from 'openai-realtime-rx/audio';
 * float32ToPcm16(new Float32Array([0.5, -1])); // Uint8Array [0x00, 0x40, 0x00, 0x80]
 * ```
 */
export function float32ToPcm16(samples: Float32Array | readonly number[]): Uint8Array {
  const out = new Uint8Array(samples.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i] || 0));
    view.setInt16(i * 2, Math.max(-32768, Math.min(32767, Math.round(s * 32768))), true);
  }
  return out;
}
