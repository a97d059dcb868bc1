/**
 * WAV (RIFF) files of PCM16 audio: read the format and samples, write a file.
 *
 * @module
 */

/**
 * A decoded WAV file: PCM16 samples (little-endian bytes) with their format.
 *
 * @example
 * ```ts
 * import type { Wav } from 'openai-realtime-rx/audio';
 * const seconds = (w: Wav) => w.data.length / 2 / w.channels / w.sampleRate;
 * ```
 */
export interface Wav {
  readonly sampleRate: number;
  readonly channels: number;
  readonly bitsPerSample: number;
  /** The `data` chunk: PCM16 little-endian samples. */
  readonly data: Uint8Array;
}

/**
 * Why a file is not usable PCM16 mono WAV.
 *
 * @example
 * ```ts
 * import { parseWav } from 'openai-realtime-rx/audio';
 * const r = parseWav(bytes);
 * if ('error' in r) console.error(r.error);
 * ```
 */
export type WavError = { readonly error: string };

const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));

/**
 * Parse a WAV file and require PCM16 mono: returns the audio, or `{error}` saying what is wrong.
 *
 * @example
 * ```ts
 * import { parseWav } from 'openai-realtime-rx/audio';
 * const wav = parseWav(fs.readFileSync('in.wav'));
 * if (!('error' in wav)) console.log(wav.sampleRate);
 * ```
 */
export function parseWav(bytes: Uint8Array): Wav | WavError {
  if (bytes.length < 12 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WAVE') return { error: 'not a WAV file (no RIFF/WAVE header)' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let format: { tag: number; channels: number; rate: number; bits: number } | undefined;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = ascii(bytes, at, 4);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ' && size >= 16) {
      format = { tag: view.getUint16(body, true), channels: view.getUint16(body + 2, true), rate: view.getUint32(body + 4, true), bits: view.getUint16(body + 14, true) };
    } else if (id === 'data') {
      if (!format) return { error: 'WAV data before its fmt chunk' };
      if (format.tag !== 1 && format.tag !== 0xfffe) return { error: `WAV encoding ${format.tag} is not PCM` };
      if (format.bits !== 16) return { error: `WAV has ${format.bits}-bit samples; PCM16 is required` };
      if (format.channels !== 1) return { error: `WAV has ${format.channels} channels; mono is required` };
      const end = Math.min(bytes.length, body + size);
      return { sampleRate: format.rate, channels: 1, bitsPerSample: 16, data: bytes.slice(body, end - ((end - body) % 2)) };
    }
    at = body + size + (size % 2);
  }
  return { error: 'WAV file has no data chunk' };
}

/**
 * A PCM16 mono WAV file around the given samples.
 *
 * @example
 * ```ts
 * import { writeWav } from 'openai-realtime-rx/audio';
 * fs.writeFileSync('reply.wav', writeWav(pcm16, 24000));
 * ```
 */
export function writeWav(pcm16: Uint8Array, sampleRate: number): Uint8Array {
  const out = new Uint8Array(44 + pcm16.length);
  const view = new DataView(out.buffer);
  const text = (at: number, s: string) => [...s].forEach((c, i) => (out[at + i] = c.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + pcm16.length, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, pcm16.length, true);
  out.set(pcm16, 44);
  return out;
}

/**
 * Resample PCM16 mono by linear interpolation (enough for speech into a 24 kHz API).
 *
 * @example
 * ```ts
 * import { resamplePcm16 } from 'openai-realtime-rx/audio';
 * const at24k = resamplePcm16(wav.data, 16000, 24000);
 * ```
 */
export function resamplePcm16(pcm16: Uint8Array, from: number, to: number): Uint8Array {
  if (from === to) return pcm16;
  const input = new Int16Array(pcm16.buffer.slice(pcm16.byteOffset, pcm16.byteOffset + pcm16.byteLength));
  const length = Math.floor((input.length * to) / from);
  const output = new Int16Array(length);
  for (let i = 0; i < length; i++) {
    const x = (i * from) / to;
    const j = Math.floor(x);
    const a = input[j] ?? 0;
    const b = input[Math.min(j + 1, input.length - 1)] ?? a;
    output[i] = Math.round(a + (b - a) * (x - j));
  }
  return new Uint8Array(output.buffer);
}
