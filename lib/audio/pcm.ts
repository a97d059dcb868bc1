/**
 * PCM16 samples: from and to little-endian bytes, and to and from Float32.
 *
 * Conventions (the Web Audio and WAV ones): a sample `s` of -32768..32767 is the float
 * `s / 32768`, in [-1, 1). Back, a float `f` becomes `f × 32768`, rounded half away from zero
 * (symmetric, so `f` and `-f` give opposite samples except at full scale) and clamped to
 * -32768..32767; NaN becomes 0. Every PCM16 sample survives the round trip through Float32
 * exactly.
 *
 * @module
 */

/** Whether this platform stores typed arrays little-endian (every current engine does). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * PCM16 little-endian bytes as samples. An odd trailing byte is ignored. The result never
 * shares memory with `bytes` (so it is aligned and safe to keep).
 *
 * @example
 * ```ts
 * import { pcm16FromBytes } from 'openai-realtime-rx/audio';
 * pcm16FromBytes(new Uint8Array([0x01, 0x00, 0xff, 0xff])); // Int16Array [1, -1]
 * ```
 */
export function pcm16FromBytes(bytes: Uint8Array): Int16Array {
  const n = bytes.length >> 1;
  const out = new Int16Array(n);
  if (LITTLE_ENDIAN) new Uint8Array(out.buffer).set(bytes.subarray(0, n * 2));
  else for (let i = 0; i < n; i++) out[i] = ((bytes[2 * i + 1] as number) << 24 >> 16) | (bytes[2 * i] as number);
  return out;
}

/**
 * Samples as PCM16 little-endian bytes (what the Realtime API and WAV files carry). The bytes
 * own their memory.
 *
 * @example
 * ```ts
 * import { pcm16ToBytes } from 'openai-realtime-rx/audio';
 * pcm16ToBytes(new Int16Array([1, -1])); // Uint8Array [1, 0, 255, 255]
 * ```
 */
export function pcm16ToBytes(samples: Int16Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(samples.buffer.slice(samples.byteOffset, samples.byteOffset + samples.byteLength));
  const out = new Uint8Array(samples.length * 2);
  for (let i = 0; i < samples.length; i++) {
    out[2 * i] = (samples[i] as number) & 0xff;
    out[2 * i + 1] = ((samples[i] as number) >> 8) & 0xff;
  }
  return out;
}

/**
 * PCM16 samples as floats in [-1, 1): `s / 32768`.
 *
 * @example
 * ```ts
 * import { pcm16ToFloat32 } from 'openai-realtime-rx/audio';
 * pcm16ToFloat32(new Int16Array([-32768, 16384])); // Float32Array [-1, 0.5]
 * ```
 */
export function pcm16ToFloat32(samples: Int16Array): Float32Array {
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = (samples[i] as number) / 32768;
  return out;
}

/**
 * One float sample as PCM16: `f × 32768` rounded half away from zero, clamped to
 * -32768..32767; NaN is 0.
 *
 * @example
 * ```ts
 * import { floatToPcm16Sample } from 'openai-realtime-rx/audio';
 * floatToPcm16Sample(1);     // 32767 (clamped)
 * floatToPcm16Sample(-1);    // -32768
 * floatToPcm16Sample(0.5);   // 16384
 * ```
 */
export function floatToPcm16Sample(f: number): number {
  const x = f * 32768;
  if (x >= 32767) return 32767;
  if (x <= -32768) return -32768;
  if (x !== x) return 0; // NaN
  return x < 0 ? 0 - Math.round(-x) : Math.round(x); // 0 - 0 is +0
}

/**
 * Float samples (Web Audio's `getChannelData`, an `AudioWorklet` block) as PCM16, rounded
 * symmetrically and clamped: see {@link floatToPcm16Sample}.
 *
 * @example
 * ```ts
 * import { float32ToPcm16 } from 'openai-realtime-rx/audio';
 * float32ToPcm16(new Float32Array([0, 0.5, -2])); // Int16Array [0, 16384, -32768]
 * ```
 */
export function float32ToPcm16(samples: Float32Array | Float64Array | readonly number[]): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = floatToPcm16Sample(samples[i] as number);
  return out;
}
