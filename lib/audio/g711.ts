/**
 * G.711 μ-law and A-law, the 8 kHz telephony encodings (`audio/pcmu`, `audio/pcma`).
 *
 * @module
 */

const clamp = (s: number) => Math.max(-32768, Math.min(32767, s));

/**
 * Encode one linear PCM16 sample as μ-law.
 *
 * @example
 * ```ts
 * import { muLawEncode } from 'openai-realtime-rx/audio';
 * muLawEncode(0); // 0xff
 * ```
 */
export function muLawEncode(sample: number): number {
  const BIAS = 0x84;
  let s = clamp(sample);
  const sign = s < 0 ? 0x80 : 0;
  if (s < 0) s = -s;
  s = Math.min(s + BIAS, 0x7fff);
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/**
 * Decode one μ-law byte to a linear PCM16 sample.
 *
 * @example
 * ```ts
 * import { muLawDecode } from 'openai-realtime-rx/audio';
 * muLawDecode(0xff); // 0
 * ```
 */
export function muLawDecode(byte: number): number {
  const u = ~byte & 0xff;
  const t = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
  return u & 0x80 ? 0x84 - t : t - 0x84;
}

/**
 * Encode one linear PCM16 sample as A-law.
 *
 * @example
 * ```ts
 * import { aLawEncode } from 'openai-realtime-rx/audio';
 * aLawEncode(0); // 0xd5
 * ```
 */
export function aLawEncode(sample: number): number {
  let s = clamp(sample);
  const sign = s >= 0 ? 0x80 : 0;
  if (s < 0) s = -s - 1;
  let out: number;
  if (s < 256) out = s >> 4;
  else {
    let exponent = 1;
    for (let v = s >> 8; v > 1; v >>= 1) exponent++;
    out = (exponent << 4) | ((s >> (exponent + 3)) & 0x0f);
  }
  return (out | sign) ^ 0x55;
}

/**
 * Decode one A-law byte to a linear PCM16 sample.
 *
 * @example
 * ```ts
 * import { aLawDecode } from 'openai-realtime-rx/audio';
 * aLawDecode(0xd5); // 8
 * ```
 */
export function aLawDecode(byte: number): number {
  const a = byte ^ 0x55;
  const exponent = (a & 0x70) >> 4;
  let t = (a & 0x0f) << 4;
  t = exponent === 0 ? t + 8 : ((t + 0x108) << (exponent - 1));
  return a & 0x80 ? t : -t;
}

const encodeWith = (encode: (sample: number) => number) => (pcm16: Uint8Array): Uint8Array => {
  const view = new DataView(pcm16.buffer, pcm16.byteOffset, pcm16.byteLength);
  const out = new Uint8Array(pcm16.byteLength >> 1);
  for (let i = 0; i < out.length; i++) out[i] = encode(view.getInt16(i * 2, true));
  return out;
};

const decodeWith = (decode: (byte: number) => number) => (bytes: Uint8Array): Uint8Array => {
  const out = new Uint8Array(bytes.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < bytes.length; i++) view.setInt16(i * 2, decode(bytes[i] ?? 0), true);
  return out;
};

/**
 * Encode PCM16 little-endian bytes as μ-law (`audio/pcmu`), one byte per sample.
 *
 * @example
 * ```ts
 * import { encodeMuLaw } from 'openai-realtime-rx/audio';
 * encodeMuLaw(new Uint8Array([0, 0, 0, 0])); // Uint8Array [0xff, 0xff]
 * ```
 */
export function encodeMuLaw(pcm16: Uint8Array): Uint8Array {
  return encodeWith(muLawEncode)(pcm16);
}

/**
 * Decode μ-law bytes (`audio/pcmu`) to PCM16 little-endian bytes, two per sample.
 *
 * @example
 * ```ts
 * import { decodeMuLaw } from 'openai-realtime-rx/audio';
 * decodeMuLaw(new Uint8Array([0xff])); // Uint8Array [0, 0]
 * ```
 */
export function decodeMuLaw(bytes: Uint8Array): Uint8Array {
  return decodeWith(muLawDecode)(bytes);
}

/**
 * Encode PCM16 little-endian bytes as A-law (`audio/pcma`), one byte per sample.
 *
 * @example
 * ```ts
 * import { encodeALaw } from 'openai-realtime-rx/audio';
 * encodeALaw(new Uint8Array([0, 0])); // Uint8Array [0xd5]
 * ```
 */
export function encodeALaw(pcm16: Uint8Array): Uint8Array {
  return encodeWith(aLawEncode)(pcm16);
}

/**
 * Decode A-law bytes (`audio/pcma`) to PCM16 little-endian bytes, two per sample.
 *
 * @example
 * ```ts
 * import { decodeALaw } from 'openai-realtime-rx/audio';
 * decodeALaw(new Uint8Array([0xd5])); // Uint8Array [8, 0]
 * ```
 */
export function decodeALaw(bytes: Uint8Array): Uint8Array {
  return decodeWith(aLawDecode)(bytes);
}
