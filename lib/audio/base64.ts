/**
 * Strict base64 for audio payloads, in Node and browsers, without Node imports.
 *
 * Node's `Buffer.from(s, 'base64')` never throws: it skips characters outside the alphabet and
 * also accepts the base64url alphabet. A corrupted audio delta would then decode to a shorter,
 * shifted buffer and misalign every later sample. `decodeBase64` rejects such input instead.
 *
 * @module
 */

interface BufferLike extends Uint8Array {
  write(s: string, encoding: 'base64'): number;
  toString(encoding?: 'base64'): string;
}
interface BufferStatic {
  allocUnsafeSlow(size: number): BufferLike;
  from(data: ArrayBufferLike, offset?: number, length?: number): BufferLike;
}

/** Node's Buffer when present (read from the global, so bundlers pull in no polyfill). */
const NodeBuffer = (globalThis as { Buffer?: BufferStatic }).Buffer;

const CHUNK = 0x8000;

/** How many bytes a well-formed base64 string holds, or -1 if its length or padding is wrong. */
const decodedLength = (s: string): number => {
  if (s.length % 4 !== 0) return -1;
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return (s.length / 4) * 3 - pad;
};

/**
 * Decode standard base64 (RFC 4648 §4, padded) into bytes, or `undefined` if the text is not
 * valid base64: wrong length, characters outside the alphabet, base64url characters, or
 * whitespace. The bytes own their memory (never a slice of a shared pool), so
 * `result.buffer` is exactly the audio.
 *
 * @example
 * ```ts
 * import { decodeBase64 } from 'openai-realtime-rx/audio';
 * decodeBase64('AQID');  // Uint8Array [1, 2, 3]
 * decodeBase64('AQ-_');  // undefined (base64url)
 * ```
 */
export function decodeBase64(s: string): Uint8Array | undefined {
  const length = decodedLength(s);
  if (length < 0) return undefined;
  if (NodeBuffer !== undefined) {
    // A skipped character shortens the output, so the length check catches every character
    // outside both alphabets; only the two base64url characters need looking for.
    if (s.includes('-') || s.includes('_')) return undefined;
    // A buffer of exactly this size, never a slice of Node's shared pool (bench/decode.ts compares
    // it with the pooled `Buffer.from`, which is cheaper but hands out a slice of an 8 KB pool).
    const bytes = NodeBuffer.allocUnsafeSlow(length);
    return bytes.write(s, 'base64') === length ? bytes : undefined;
  }
  try {
    const binary = atob(s); // throws on characters outside the standard alphabet
    if (binary.length !== length) return undefined;
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

/**
 * Encode bytes as standard padded base64. Large buffers are encoded in chunks, so a minute of
 * audio never hits the engine's argument-count limit (a `RangeError` in naive
 * `btoa(String.fromCharCode(...bytes))`).
 *
 * @example
 * ```ts
 * import { encodeBase64 } from 'openai-realtime-rx/audio';
 * encodeBase64(new Uint8Array([104, 101, 108, 108, 111])); // 'aGVsbG8='
 * ```
 */
export function encodeBase64(data: ArrayBufferLike | ArrayBufferView): string {
  const bytes = ArrayBuffer.isView(data)
    ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    : new Uint8Array(data);
  if (NodeBuffer !== undefined) return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return btoa(binary);
}

/**
 * The number of bytes standard base64 text decodes to, computed from its length and padding
 * without decoding it: what stream code needs to time an audio delta nobody has decoded.
 *
 * @example
 * ```ts
 * base64ByteLength('aGVsbG8='); // 5
 * ```
 */
export function base64ByteLength(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((text.length * 3) / 4) - padding);
}
