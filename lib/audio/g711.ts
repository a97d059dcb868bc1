/**
 * G.711 μ-law and A-law, the 8 kHz telephony encodings (`audio/pcmu`, `audio/pcma`).
 *
 * Bit-exact with the ITU-T G.711 reference implementation (the ITU-T G.191 Software Tool Library):
 * the input is 16-bit linear PCM, of which μ-law uses the top 14 bits and A-law the top 13, and a
 * negative sample's magnitude is its one's complement (`-s - 1`), so -1 encodes like 0 with a
 * negative sign. The buffer functions use 64 KiB lookup tables built on first use.
 *
 * @module
 */
import { pcm16FromBytes, pcm16ToBytes } from './pcm.js';

/**
 * The G.711 laws by their Realtime API names: `pcmu` is μ-law (North America, Japan), `pcma` is
 * A-law (elsewhere).
 *
 * @example
 * ```ts
 * import type { G711Law } from 'openai-realtime-rx/audio';
 * const law: G711Law = 'pcmu';
 * ```
 */
export type G711Law = 'pcmu' | 'pcma';

/** One's complement magnitude of a clamped 16-bit sample: 0..32767. */
const magnitude = (s: number) => (s < 0 ? -s - 1 : s);
const clamp16 = (s: number) => (s > 32767 ? 32767 : s < -32768 ? -32768 : Math.trunc(s));

/**
 * Encode one linear PCM16 sample as μ-law (values outside -32768..32767 are clamped).
 *
 * @example
 * ```ts
 * import { muLawEncode } from 'openai-realtime-rx/audio';
 * muLawEncode(0);      // 0xff
 * muLawEncode(-32768); // 0x00
 * ```
 */
export function muLawEncode(sample: number): number {
  const s = clamp16(sample);
  const biased = Math.min(magnitude(s) + 0x84, 0x7fff); // bias 132 = 33 in 14-bit units
  let exponent = 7;
  for (let bit = 0x4000; (biased & bit) === 0 && exponent > 0; bit >>= 1) exponent--;
  const mantissa = (biased >> (exponent + 3)) & 0x0f;
  return ~((s < 0 ? 0x80 : 0) | (exponent << 4) | mantissa) & 0xff;
}

/**
 * Decode one μ-law byte to a linear PCM16 sample (-32124..32124).
 *
 * @example
 * ```ts
 * import { muLawDecode } from 'openai-realtime-rx/audio';
 * muLawDecode(0xff); // 0
 * muLawDecode(0x80); // 32124
 * ```
 */
export function muLawDecode(byte: number): number {
  const u = ~byte & 0xff;
  const t = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
  return u & 0x80 ? 0x84 - t : t - 0x84;
}

/**
 * Encode one linear PCM16 sample as A-law (values outside -32768..32767 are clamped).
 *
 * @example
 * ```ts
 * import { aLawEncode } from 'openai-realtime-rx/audio';
 * aLawEncode(0);  // 0xd5
 * aLawEncode(-1); // 0x55
 * ```
 */
export function aLawEncode(sample: number): number {
  const s = clamp16(sample);
  const m = magnitude(s);
  let out: number;
  if (m < 256) out = m >> 4;
  else {
    let exponent = 1;
    for (let v = m >> 8; v > 1; v >>= 1) exponent++;
    out = (exponent << 4) | ((m >> (exponent + 3)) & 0x0f);
  }
  return (out | (s >= 0 ? 0x80 : 0)) ^ 0x55;
}

/**
 * Decode one A-law byte to a linear PCM16 sample (-32256..32256).
 *
 * @example
 * ```ts
 * import { aLawDecode } from 'openai-realtime-rx/audio';
 * aLawDecode(0xd5); // 8
 * aLawDecode(0xaa); // 32256
 * ```
 */
export function aLawDecode(byte: number): number {
  const a = byte ^ 0x55;
  const exponent = (a & 0x70) >> 4;
  let t = (a & 0x0f) << 4;
  t = exponent === 0 ? t + 8 : (t + 0x108) << (exponent - 1);
  return a & 0x80 ? t : -t;
}

interface Tables {
  readonly encode: Uint8Array; // indexed by the sample's 16-bit two's complement pattern
  readonly decode: Int16Array;
}
const tables: Partial<Record<G711Law, Tables>> = {};

const tablesOf = (law: G711Law): Tables => {
  const cached = tables[law];
  if (cached) return cached;
  const enc = law === 'pcmu' ? muLawEncode : aLawEncode;
  const dec = law === 'pcmu' ? muLawDecode : aLawDecode;
  const encode = new Uint8Array(65536);
  for (let i = 0; i < 65536; i++) encode[i] = enc((i << 16) >> 16);
  const decode = new Int16Array(256);
  for (let i = 0; i < 256; i++) decode[i] = dec(i);
  return (tables[law] = { encode, decode });
};

/**
 * Encode PCM16 samples (8 kHz, for a telephony peer) as G.711: one byte per sample.
 *
 * @example
 * ```ts
 * import { encodeG711 } from 'openai-realtime-rx/audio';
 * encodeG711(new Int16Array([0, -1, 32767]), 'pcmu'); // Uint8Array [0xff, 0x7f, 0x80]
 * ```
 */
export function encodeG711(samples: Int16Array, law: G711Law): Uint8Array {
  const table = tablesOf(law).encode;
  const out = new Uint8Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = table[(samples[i] as number) & 0xffff] as number;
  return out;
}

/**
 * Decode G.711 bytes to PCM16 samples (at the G.711 rate, 8 kHz).
 *
 * @example
 * ```ts
 * import { decodeG711 } from 'openai-realtime-rx/audio';
 * decodeG711(new Uint8Array([0xff, 0x80]), 'pcmu'); // Int16Array [0, 32124]
 * ```
 */
export function decodeG711(bytes: Uint8Array, law: G711Law): Int16Array {
  const table = tablesOf(law).decode;
  const out = new Int16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = table[bytes[i] as number] as number;
  return out;
}

/**
 * Encode PCM16 little-endian bytes as μ-law (`audio/pcmu`), one byte per sample: the byte-level
 * form of {@link encodeG711}, for byte streams (Node streams, media-stream payloads).
 *
 * @example
 * ```ts
 * encodeMuLaw(new Uint8Array([0, 0, 0, 0])); // Uint8Array [0xff, 0xff]
 * ```
 */
export const encodeMuLaw = (pcm16: Uint8Array): Uint8Array => encodeG711(pcm16FromBytes(pcm16), 'pcmu');

/**
 * Decode μ-law bytes (`audio/pcmu`) to PCM16 little-endian bytes, two per sample.
 *
 * @example
 * ```ts
 * decodeMuLaw(new Uint8Array([0xff])); // Uint8Array [0, 0]
 * ```
 */
export const decodeMuLaw = (bytes: Uint8Array): Uint8Array => pcm16ToBytes(decodeG711(bytes, 'pcmu'));

/**
 * Encode PCM16 little-endian bytes as A-law (`audio/pcma`), one byte per sample.
 *
 * @example
 * ```ts
 * encodeALaw(new Uint8Array([0, 0])); // Uint8Array [0xd5]
 * ```
 */
export const encodeALaw = (pcm16: Uint8Array): Uint8Array => encodeG711(pcm16FromBytes(pcm16), 'pcma');

/**
 * Decode A-law bytes (`audio/pcma`) to PCM16 little-endian bytes, two per sample.
 *
 * @example
 * ```ts
 * decodeALaw(new Uint8Array([0xd5])); // Uint8Array [8, 0]
 * ```
 */
export const decodeALaw = (bytes: Uint8Array): Uint8Array => pcm16ToBytes(decodeG711(bytes, 'pcma'));
