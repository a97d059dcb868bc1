/**
 * readWav/writeWav on files built byte by byte here (not by writeWav), so the reader is checked
 * against the RIFF/WAVE layout itself: chunk walking, padding, WAVE_FORMAT_EXTENSIBLE, every
 * supported sample format, downmixing and the typed errors.
 */
import type * as E from 'fp-ts/Either';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodeG711 } from '../../lib/audio/g711';
import { parseWav, readWav, writeWav } from '../../lib/audio/wav';
import type { WavAudio, WavReadError } from '../../lib/audio/wav';

const bytesOf = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
const u16 = (v: number) => [v & 0xff, (v >> 8) & 0xff];
const u32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
const chunk = (id: string, body: number[], declared = body.length) => [...bytesOf(id), ...u32(declared), ...body, ...(body.length % 2 ? [0] : [])];
const riff = (...chunks: number[][]) => {
  const body = [...bytesOf('WAVE'), ...chunks.flat()];
  return new Uint8Array([...bytesOf('RIFF'), ...u32(body.length), ...body]);
};
const fmt = (tag: number, channels: number, rate: number, bits: number) => {
  const align = (channels * bits) / 8;
  return chunk('fmt ', [...u16(tag), ...u16(channels), ...u32(rate), ...u32(rate * align), ...u16(align), ...u16(bits)]);
};
const SUBFORMAT_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];
const fmtExtensible = (subTag: number, channels: number, rate: number, bits: number, validBits = bits, tail = SUBFORMAT_TAIL) => {
  const align = (channels * bits) / 8;
  return chunk('fmt ', [...u16(0xfffe), ...u16(channels), ...u32(rate), ...u32(rate * align), ...u16(align), ...u16(bits), ...u16(22), ...u16(validBits), ...u32(channels === 2 ? 3 : 4), ...u16(subTag), ...tail]);
};
const le16 = (xs: number[]) => xs.flatMap((x) => u16(x & 0xffff));
const le24 = (xs: number[]) => xs.flatMap((x) => [x & 0xff, (x >> 8) & 0xff, (x >> 16) & 0xff]);
const le32 = (xs: number[]) => xs.flatMap((x) => u32(x >>> 0));
const f32 = (xs: number[]) => Array.from(new Uint8Array(new Float32Array(xs).buffer));
const f64 = (xs: number[]) => Array.from(new Uint8Array(new Float64Array(xs).buffer));

const ok = (r: E.Either<WavReadError, WavAudio>): WavAudio => {
  if (r._tag === 'Left') throw new Error(`${r.left.code}: ${r.left.message}`);
  return r.right;
};
const err = (r: E.Either<WavReadError, WavAudio>): WavReadError => {
  if (r._tag === 'Right') throw new Error('expected an error');
  return r.left;
};

describe('readWav', () => {
  it('reads PCM16 mono', () => {
    const wav = ok(readWav(riff(fmt(1, 1, 16000, 16), chunk('data', le16([0, 1, -1, 32767, -32768])))));
    expect(wav.sampleRate).toBe(16000);
    expect(Array.from(wav.samples)).toEqual([0, 1, -1, 32767, -32768]);
    expect(wav.source).toEqual({ encoding: 'pcm', bitsPerSample: 16, channels: 1, sampleRate: 16000, extensible: false });
  });

  it('skips unknown chunks and honours the pad byte of odd-sized ones', () => {
    const file = riff(chunk('LIST', bytesOf('INFOabc')), fmt(1, 1, 8000, 16), chunk('junk', [1, 2, 3, 4, 5]), chunk('data', le16([5, 6])));
    expect(Array.from(ok(readWav(file)).samples)).toEqual([5, 6]);
  });

  it('reads a data chunk that comes before fmt, and one whose size runs past the end', () => {
    expect(Array.from(ok(readWav(riff(chunk('data', le16([7, 8])), fmt(1, 1, 8000, 16)))).samples)).toEqual([7, 8]);
    // streaming writers leave 0xffffffff; a partial frame at the end is dropped
    const streamed = riff(fmt(1, 1, 8000, 16), [...bytesOf('data'), ...u32(0xffffffff), ...le16([1, 2, 3]), 9]);
    expect(Array.from(ok(readWav(streamed)).samples)).toEqual([1, 2, 3]);
  });

  it('converts 8-bit unsigned, 24-bit and 32-bit integer samples to PCM16 (rounded half away from zero)', () => {
    expect(Array.from(ok(readWav(riff(fmt(1, 1, 8000, 8), chunk('data', [0, 128, 255, 129])))).samples)).toEqual([-32768, 0, 32512, 256]);
    const s24 = [0x7fffff, -0x800000, 0x000080, -0x000080, 0x00007f, 0x1234c0];
    expect(Array.from(ok(readWav(riff(fmt(1, 1, 48000, 24), chunk('data', le24(s24))))).samples)).toEqual([32767, -32768, 1, -1, 0, 0x1234 + 1]);
    const s32 = [0x7fffffff, -0x80000000, 0x8000, -0x8000, 0x7fff, 0x1234c000];
    expect(Array.from(ok(readWav(riff(fmt(1, 1, 48000, 32), chunk('data', le32(s32))))).samples)).toEqual([32767, -32768, 1, -1, 0, 0x1234 + 1]);
  });

  it('converts 32-bit and 64-bit float samples, clamping beyond full scale', () => {
    const xs = [0, 0.5, -0.5, 1, -1, 1.5, -3];
    const expected = [0, 16384, -16384, 32767, -32768, 32767, -32768];
    expect(Array.from(ok(readWav(riff(fmt(3, 1, 44100, 32), chunk('data', f32(xs))))).samples)).toEqual(expected);
    expect(Array.from(ok(readWav(riff(fmt(3, 1, 44100, 64), chunk('data', f64(xs))))).samples)).toEqual(expected);
  });

  it('decodes G.711 μ-law and A-law files', () => {
    const ulaw = ok(readWav(riff(fmt(7, 1, 8000, 8), chunk('fact', u32(3)), chunk('data', [0xff, 0x80, 0x00]))));
    expect([ulaw.source.encoding, ...ulaw.samples]).toEqual(['pcmu', 0, 32124, -32124]);
    const alaw = ok(readWav(riff(fmt(6, 1, 8000, 8), chunk('data', [0xd5, 0xaa, 0x2a]))));
    expect([alaw.source.encoding, ...alaw.samples]).toEqual(['pcma', 8, 32256, -32256]);
  });

  it('averages the channels into mono', () => {
    const stereo = ok(readWav(riff(fmt(1, 2, 44100, 16), chunk('data', le16([1000, 3000, -32768, -32768, 32767, -32768, 1, 2])))));
    expect(Array.from(stereo.samples)).toEqual([2000, -32768, -1, 2]); // -0.5 and 1.5 round away from zero
    const six = ok(readWav(riff(fmt(3, 6, 48000, 32), chunk('data', f32([0.6, 0.6, 0.6, 0, 0, 0])))));
    expect(Array.from(six.samples)).toEqual([9830]);
    expect(six.source.channels).toBe(6);
  });

  it('understands WAVE_FORMAT_EXTENSIBLE: PCM (24 valid bits in 32), float and μ-law sub-formats', () => {
    const pcm = ok(readWav(riff(fmtExtensible(1, 2, 96000, 32, 24), chunk('data', le32([0x40000000, 0x40000000, -0x40000000, 0])))));
    expect(Array.from(pcm.samples)).toEqual([16384, -8192]);
    expect(pcm.source).toEqual({ encoding: 'pcm', bitsPerSample: 32, channels: 2, sampleRate: 96000, extensible: true });
    expect(Array.from(ok(readWav(riff(fmtExtensible(3, 1, 48000, 32), chunk('data', f32([0.25]))))).samples)).toEqual([8192]);
    expect(Array.from(ok(readWav(riff(fmtExtensible(7, 1, 8000, 8), chunk('data', [0x80])))).samples)).toEqual([32124]);
    expect(Array.from(ok(readWav(riff(fmtExtensible(1, 1, 16000, 24), chunk('data', le24([0x7fffff]))))).samples)).toEqual([32767]);
  });

  it('returns typed errors, never throws', () => {
    expect(err(readWav(new Uint8Array(0))).code).toBe('RT_ERR_WAV_NOT_RIFF');
    expect(err(readWav(new TextEncoder().encode('RIFF....AVI LIST'))).code).toBe('RT_ERR_WAV_NOT_RIFF');
    expect(err(readWav(riff(chunk('data', le16([1]))))).code).toBe('RT_ERR_WAV_NO_FORMAT');
    expect(err(readWav(riff(chunk('fmt ', [1, 0, 1, 0]), chunk('data', le16([1]))))).code).toBe('RT_ERR_WAV_NO_FORMAT');
    expect(err(readWav(riff(fmt(1, 0, 8000, 16), chunk('data', [])))).code).toBe('RT_ERR_WAV_BAD_FORMAT');
    expect(err(readWav(riff(fmt(1, 1, 0, 16), chunk('data', [])))).code).toBe('RT_ERR_WAV_BAD_FORMAT');
    expect(err(readWav(riff(fmt(1, 1, 8000, 16))))).toMatchObject({ code: 'RT_ERR_WAV_NO_DATA', message: 'WAV file has no data chunk' });
    expect(err(readWav(riff(fmt(0x55, 1, 44100, 0), chunk('data', [1, 2]))))).toEqual({
      _tag: 'WavReadError',
      code: 'RT_ERR_WAV_UNSUPPORTED',
      encoding: 0x55,
      bitsPerSample: 0,
      message: 'WAV encoding MP3 (format tag 85) is not supported; PCM (8/16/24/32-bit), float (32/64-bit), μ-law and A-law are',
    });
    expect(err(readWav(riff(fmt(1, 1, 8000, 12), chunk('data', [1, 2]))))).toMatchObject({ code: 'RT_ERR_WAV_UNSUPPORTED', bitsPerSample: 12 });
    expect(err(readWav(riff(fmt(3, 1, 8000, 16), chunk('data', [1, 2]))))).toMatchObject({ code: 'RT_ERR_WAV_UNSUPPORTED', message: expect.stringMatching(/16-bit float/) });
    const oddGuid = SUBFORMAT_TAIL.map((b, i) => (i === 13 ? 0 : b));
    expect(err(readWav(riff(fmtExtensible(1, 1, 8000, 16, 16, oddGuid), chunk('data', [1, 2]))))).toMatchObject({ code: 'RT_ERR_WAV_UNSUPPORTED', encoding: -1 });
  });

  it('survives arbitrary bytes after a valid header', () => {
    for (let seed = 1; seed < 200; seed++) {
      const junk = Uint8Array.from({ length: (seed * 7) % 97 }, (_, i) => (seed * 31 + i * 17) & 0xff);
      const file = new Uint8Array([...riff(fmt(1, 1, 8000, 16)), ...junk]);
      expect(() => readWav(file)).not.toThrow();
      expect(() => readWav(file.subarray(0, seed % file.length))).not.toThrow();
    }
  });
});

describe('readWav on files written by SoX (spec/fixtures/audio)', () => {
  const dir = path.resolve(__dirname, '../fixtures/audio');
  const files: Array<[string, Partial<WavAudio['source']>]> = [
    ['s24-stereo-44k', { encoding: 'pcm', bitsPerSample: 24, channels: 2, sampleRate: 44100, extensible: true }],
    ['f32-48k', { encoding: 'float', bitsPerSample: 32, channels: 1, sampleRate: 48000 }],
    ['u8-22k', { encoding: 'pcm', bitsPerSample: 8, channels: 1, sampleRate: 22050 }],
    ['ulaw-8k', { encoding: 'pcmu', bitsPerSample: 8, channels: 1, sampleRate: 8000 }],
    ['alaw-8k', { encoding: 'pcma', bitsPerSample: 8, channels: 1, sampleRate: 8000 }],
    ['s16-6ch-16k', { encoding: 'pcm', bitsPerSample: 16, channels: 6, sampleRate: 16000, extensible: true }],
    ['s32-32k', { encoding: 'pcm', bitsPerSample: 32, channels: 1, sampleRate: 32000, extensible: true }],
  ];

  it.each(files)('reads %s as SoX converts it to 16-bit mono (within 1 LSB)', (name, source) => {
    const wav = ok(readWav(fs.readFileSync(path.join(dir, `${name}.wav`))));
    const raw = fs.readFileSync(path.join(dir, `${name}.s16`));
    const sox = new Int16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    expect(wav.source).toMatchObject(source);
    expect(wav.samples.length).toBe(sox.length);
    const worst = sox.reduce((m, v, i) => Math.max(m, Math.abs(v - (wav.samples[i] as number))), 0);
    expect(worst).toBeLessThanOrEqual(1);
    expect(Math.max(...wav.samples)).toBeGreaterThan(8000); // a real signal, not silence
  });
});

describe('writeWav', () => {
  it('writes PCM16 mono that readWav and parseWav read back', () => {
    const samples = new Int16Array([0, 1, -1, 32767, -32768]);
    const file = writeWav(samples, 22050);
    expect(file.length).toBe(44 + 10);
    expect(ok(readWav(file)).samples).toEqual(samples);
    const legacy = parseWav(file);
    if ('error' in legacy) throw new Error(legacy.error);
    expect([legacy.sampleRate, legacy.channels, legacy.bitsPerSample, legacy.data.length]).toEqual([22050, 1, 16, 10]);
  });

  it('still takes PCM16 bytes', () => {
    expect(writeWav(new Uint8Array([1, 0, 2, 0]), 8000)).toEqual(writeWav(new Int16Array([1, 2]), 8000));
  });

  it('writes G.711 files with an 18-byte fmt and a fact chunk, padded to an even length', () => {
    const pcm = new Int16Array([0, 1000, -1000]);
    for (const law of ['pcmu', 'pcma'] as const) {
      const file = writeWav(encodeG711(pcm, law), 8000, law);
      expect(file.length).toBe(12 + 26 + 12 + 8 + 3 + 1);
      expect(String.fromCharCode(...file.subarray(38, 42))).toBe('fact');
      const wav = ok(readWav(file));
      expect(wav.source).toEqual({ encoding: law, bitsPerSample: 8, channels: 1, sampleRate: 8000, extensible: false });
      expect(wav.samples.length).toBe(3);
      expect(Math.abs((wav.samples[1] as number) - 1000)).toBeLessThan(40);
    }
  });
});
