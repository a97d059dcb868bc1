/**
 * WAV (RIFF) files: read any common WAV as PCM16 mono (`readWav`), write PCM16 or G.711 files
 * (`writeWav`), and the older strict PCM16-mono reader (`parseWav`).
 *
 * @module
 */
import * as E from 'fp-ts/Either';
import { decodeG711 } from './g711.js';
import type { G711Law } from './g711.js';
import { floatToPcm16Sample, pcm16ToBytes } from './pcm.js';

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
 * {@link readWav} reads far more (any bit depth, float, G.711, several channels) and returns
 * typed errors; this strict form remains for callers that want PCM16 mono or nothing.
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
 * The encodings {@link writeWav} writes: PCM16, or G.711 μ-law / A-law (WAV format tags 7 and 6,
 * one byte per sample, as telephony tools expect).
 *
 * @example
 * ```ts
 * import type { WavEncoding } from 'openai-realtime-rx/audio';
 * const encoding: WavEncoding = 'pcmu';
 * ```
 */
export type WavEncoding = 'pcm16' | G711Law;

/**
 * A mono WAV file around the given audio: PCM16 (little-endian bytes or an `Int16Array`), or
 * G.711 bytes with `encoding` `'pcmu'`/`'pcma'` (with the `fact` chunk non-PCM files carry).
 *
 * @example
 * ```ts
 * import { writeWav, encodeG711 } from 'openai-realtime-rx/audio';
 * const pcm = writeWav(new Int16Array(24000), 24000);                         // 1 s of silence
 * const ulaw = writeWav(encodeG711(new Int16Array(8000), 'pcmu'), 8000, 'pcmu'); // 1 s, 8058 bytes
 * ```
 */
export function writeWav(audio: Uint8Array | Int16Array, sampleRate: number, encoding: WavEncoding = 'pcm16'): Uint8Array {
  const data = audio.BYTES_PER_ELEMENT === 2 ? pcm16ToBytes(audio as Int16Array) : (audio as Uint8Array); // not instanceof: arrays from another realm
  const pcm = encoding === 'pcm16';
  const bytesPerSample = pcm ? 2 : 1;
  const fmtSize = pcm ? 16 : 18;
  const factSize = pcm ? 0 : 12;
  const header = 12 + 8 + fmtSize + factSize + 8;
  const pad = data.length % 2;
  const out = new Uint8Array(header + data.length + pad);
  const view = new DataView(out.buffer);
  const text = (at: number, s: string) => {
    for (let i = 0; i < s.length; i++) out[at + i] = s.charCodeAt(i);
  };
  text(0, 'RIFF');
  view.setUint32(4, out.length - 8, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, fmtSize, true);
  view.setUint16(20, pcm ? 1 : encoding === 'pcma' ? 6 : 7, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * bytesPerSample, true);
  view.setUint16(32, bytesPerSample, true);
  view.setUint16(34, bytesPerSample * 8, true);
  let at = 20 + fmtSize; // cbSize (0) of an 18-byte fmt is already zero
  if (!pcm) {
    text(at, 'fact');
    view.setUint32(at + 4, 4, true);
    view.setUint32(at + 8, data.length, true);
    at += 12;
  }
  text(at, 'data');
  view.setUint32(at + 4, data.length, true);
  out.set(data, at + 8);
  return out;
}

/**
 * What a WAV file held, before {@link readWav} turned it into PCM16 mono.
 *
 * @example
 * ```ts
 * import type { WavSource } from 'openai-realtime-rx/audio';
 * const describe = (s: WavSource) => `${s.channels} ch, ${s.bitsPerSample}-bit ${s.encoding} at ${s.sampleRate} Hz`;
 * ```
 */
export interface WavSource {
  /** `pcm` is integer PCM (8-bit unsigned, 16/24/32-bit signed); `float` is IEEE float. */
  readonly encoding: 'pcm' | 'float' | 'pcmu' | 'pcma';
  /** Bits per sample as stored (the container size, e.g. 32 for 24-bit audio in 32-bit words). */
  readonly bitsPerSample: number;
  readonly channels: number;
  readonly sampleRate: number;
  /** Whether the file used `WAVE_FORMAT_EXTENSIBLE`. */
  readonly extensible: boolean;
}

/**
 * A WAV file read as PCM16 mono at its own sample rate.
 *
 * @example
 * ```ts
 * import type { WavAudio } from 'openai-realtime-rx/audio';
 * const seconds = (w: WavAudio) => w.samples.length / w.sampleRate;
 * ```
 */
export interface WavAudio {
  readonly sampleRate: number;
  /** The audio, mono (channels averaged), PCM16. */
  readonly samples: Int16Array;
  readonly source: WavSource;
}

/**
 * Why {@link readWav} could not read a file.
 *
 * | code | meaning |
 * |---|---|
 * | `RT_ERR_WAV_NOT_RIFF` | no `RIFF`…`WAVE` header: not a WAV file |
 * | `RT_ERR_WAV_NO_FORMAT` | no `fmt ` chunk, or one too short to read |
 * | `RT_ERR_WAV_BAD_FORMAT` | the `fmt ` chunk is inconsistent (no channels, a zero sample rate) |
 * | `RT_ERR_WAV_UNSUPPORTED` | an encoding or sample size this reader does not convert (`encoding` says which) |
 * | `RT_ERR_WAV_NO_DATA` | no `data` chunk |
 *
 * @example
 * ```ts
 * import { readWav } from 'openai-realtime-rx/audio';
 * const r = readWav(new Uint8Array(10));
 * if (r._tag === 'Left') console.error(r.left.code, r.left.message); // RT_ERR_WAV_NOT_RIFF ...
 * ```
 */
export type WavReadError =
  | { readonly _tag: 'WavReadError'; readonly code: 'RT_ERR_WAV_NOT_RIFF' | 'RT_ERR_WAV_NO_FORMAT' | 'RT_ERR_WAV_BAD_FORMAT' | 'RT_ERR_WAV_NO_DATA'; readonly message: string }
  | {
      readonly _tag: 'WavReadError';
      readonly code: 'RT_ERR_WAV_UNSUPPORTED';
      readonly message: string;
      /** The format tag (after resolving `WAVE_FORMAT_EXTENSIBLE`) and bits per sample found. */
      readonly encoding: number;
      readonly bitsPerSample: number;
    };

const fail = (code: Exclude<WavReadError['code'], 'RT_ERR_WAV_UNSUPPORTED'>, message: string): E.Either<WavReadError, never> =>
  E.left({ _tag: 'WavReadError', code, message });

/** The tail every `WAVE_FORMAT_EXTENSIBLE` sub-format GUID shares (bytes 2..15, as stored). */
const GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];
const TAG_NAMES: Record<number, string> = { 1: 'PCM', 2: 'MS ADPCM', 3: 'IEEE float', 6: 'A-law', 7: 'μ-law', 0x11: 'IMA ADPCM', 0x55: 'MP3' };
const ENCODINGS: Record<number, WavSource['encoding']> = { 1: 'pcm', 3: 'float', 6: 'pcma', 7: 'pcmu' };

/** Read one sample as a float in [-1, 1). */
type SampleReader = (view: DataView, at: number) => number;
const readerFor = (encoding: WavSource['encoding'], bits: number): SampleReader | undefined => {
  if (encoding === 'pcm') {
    if (bits === 8) return (v, at) => (v.getUint8(at) - 128) / 128;
    if (bits === 16) return (v, at) => v.getInt16(at, true) / 32768;
    if (bits === 24) return (v, at) => ((v.getUint8(at + 2) << 24) | (v.getUint8(at + 1) << 16) | (v.getUint8(at) << 8)) / 2147483648;
    if (bits === 32) return (v, at) => v.getInt32(at, true) / 2147483648;
  }
  if (encoding === 'float') {
    if (bits === 32) return (v, at) => v.getFloat32(at, true);
    if (bits === 64) return (v, at) => v.getFloat64(at, true);
  }
  return undefined;
};

/**
 * Read a WAV file as PCM16 mono at its own rate: walks the RIFF chunks (skipping unknown ones,
 * honouring the pad byte of odd-sized chunks), understands `WAVE_FORMAT_EXTENSIBLE`, converts
 * 8/16/24/32-bit integer, 32/64-bit float and G.711 (μ-law, A-law) samples to PCM16 (rounded
 * half away from zero, clamped) and averages the channels into one. Returns `Right(audio)` or
 * `Left(error)` with a {@link WavReadError} code; it never throws.
 *
 * Lenient where real files need it: a `data` chunk whose size runs past the end of the file (as
 * streaming writers leave it) is read to the end; a partial frame at the end is dropped.
 *
 * @example
 * ```ts
 * import { readWav, writeWav } from 'openai-realtime-rx/audio';
 * const r = readWav(writeWav(new Int16Array([1, 2, 3]), 16000));
 * if (r._tag === 'Right') console.log(r.right.sampleRate, r.right.samples); // 16000 Int16Array [1, 2, 3]
 * ```
 */
export function readWav(bytes: Uint8Array): E.Either<WavReadError, WavAudio> {
  if (bytes.length < 12 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WAVE') return fail('RT_ERR_WAV_NOT_RIFF', 'not a WAV file (no RIFF/WAVE header)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let fmt: { at: number; size: number } | undefined;
  let data: { at: number; size: number } | undefined;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = ascii(bytes, at, 4);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ' && fmt === undefined) fmt = { at: body, size: Math.min(size, bytes.length - body) };
    else if (id === 'data' && data === undefined) data = { at: body, size: Math.min(size, bytes.length - body) };
    at = body + size + (size % 2);
  }
  if (fmt === undefined || fmt.size < 16) return fail('RT_ERR_WAV_NO_FORMAT', fmt === undefined ? 'WAV file has no fmt chunk' : 'WAV fmt chunk is too short');
  let tag = view.getUint16(fmt.at, true);
  const channels = view.getUint16(fmt.at + 2, true);
  const sampleRate = view.getUint32(fmt.at + 4, true);
  const bits = view.getUint16(fmt.at + 14, true);
  const extensible = tag === 0xfffe;
  if (extensible) {
    if (fmt.size < 40) return fail('RT_ERR_WAV_NO_FORMAT', 'WAV extensible fmt chunk is too short');
    const guid = fmt.at + 24;
    const standard = GUID_TAIL.every((b, i) => bytes[guid + 2 + i] === b);
    tag = standard ? view.getUint16(guid, true) : -1;
  }
  if (channels === 0) return fail('RT_ERR_WAV_BAD_FORMAT', 'WAV has 0 channels');
  if (sampleRate === 0) return fail('RT_ERR_WAV_BAD_FORMAT', 'WAV has a sample rate of 0 Hz');
  const encoding = ENCODINGS[tag];
  const g711 = encoding === 'pcmu' || encoding === 'pcma';
  const reader = encoding === undefined || g711 ? undefined : readerFor(encoding, bits);
  if (encoding === undefined || (g711 && bits !== 8) || (!g711 && reader === undefined)) {
    const name = tag === -1 ? 'an unknown extensible sub-format' : `${TAG_NAMES[tag] ?? 'encoding'} (format tag ${tag})`;
    const what = encoding === undefined ? `WAV encoding ${name} is not supported` : `WAV has ${bits}-bit ${encoding} samples, which are not supported`;
    return E.left({ _tag: 'WavReadError', code: 'RT_ERR_WAV_UNSUPPORTED', message: `${what}; PCM (8/16/24/32-bit), float (32/64-bit), μ-law and A-law are`, encoding: tag, bitsPerSample: bits });
  }
  if (data === undefined) return fail('RT_ERR_WAV_NO_DATA', 'WAV file has no data chunk');
  const source: WavSource = { encoding, bitsPerSample: bits, channels, sampleRate, extensible };
  const frameBytes = (bits / 8) * channels;
  const frames = Math.floor(data.size / frameBytes);
  return E.right({ sampleRate, source, samples: toMonoPcm16(bytes, view, data.at, frames, channels, encoding, bits, reader) });
}

function toMonoPcm16(bytes: Uint8Array, view: DataView, at: number, frames: number, channels: number, encoding: WavSource['encoding'], bits: number, reader: SampleReader | undefined): Int16Array {
  if (encoding === 'pcmu' || encoding === 'pcma') {
    const decoded = decodeG711(bytes.subarray(at, at + frames * channels), encoding);
    if (channels === 1) return decoded;
    const out = new Int16Array(frames);
    for (let f = 0; f < frames; f++) {
      let sum = 0;
      for (let c = 0; c < channels; c++) sum += decoded[f * channels + c] as number;
      out[f] = floatToPcm16Sample(sum / channels / 32768);
    }
    return out;
  }
  const out = new Int16Array(frames);
  if (encoding === 'pcm' && bits === 16 && channels === 1) {
    for (let f = 0; f < frames; f++) out[f] = view.getInt16(at + 2 * f, true);
    return out;
  }
  const read = reader as SampleReader;
  const width = bits / 8;
  for (let f = 0, p = at; f < frames; f++) {
    let sum = 0;
    for (let c = 0; c < channels; c++, p += width) sum += read(view, p);
    out[f] = floatToPcm16Sample(sum / channels);
  }
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
