/**
 * openai-realtime-rx/audio: PCM16 <-> Float32 and whole-buffer G.711, against the per-sample codecs
 * and known values.
 */
import fc from 'fast-check';
import {
  aLawDecode,
  aLawEncode,
  decodeALaw,
  decodeMuLaw,
  encodeALaw,
  encodeMuLaw,
  float32ToPcm16,
  muLawDecode,
  muLawEncode,
  pcm16ToFloat32,
} from '../../lib/audio/index';

const pcm16Of = (samples: number[]): Uint8Array => {
  const out = new Uint8Array(samples.length * 2);
  const view = new DataView(out.buffer);
  samples.forEach((s, i) => view.setInt16(i * 2, s, true));
  return out;
};
const samplesOf = (pcm16: Uint8Array): number[] => {
  const view = new DataView(pcm16.buffer, pcm16.byteOffset, pcm16.byteLength);
  return Array.from({ length: pcm16.byteLength >> 1 }, (_, i) => view.getInt16(i * 2, true));
};
const int16 = fc.integer({ min: -32768, max: 32767 });

describe('PCM16 and Float32', () => {
  it('converts known values, clamping and zeroing NaN', () => {
    expect(Array.from(pcm16ToFloat32(pcm16Of([0, 16384, -32768, 32767])))).toEqual([0, 0.5, -1, 32767 / 32768]);
    expect(samplesOf(float32ToPcm16(new Float32Array([0, 0.5, -1, 2, -2, NaN])))).toEqual([0, 16384, -32768, 32767, -32768, 0]);
    expect(Array.from(float32ToPcm16([0.5, -1]))).toEqual([0x00, 0x40, 0x00, 0x80]);
  });

  it('ignores a trailing odd byte and reads unaligned views', () => {
    expect(pcm16ToFloat32(new Uint8Array([0, 0x40, 7])).length).toBe(1);
    const unaligned = new Uint8Array([9, 0x00, 0x40]).subarray(1);
    expect(Array.from(pcm16ToFloat32(unaligned))).toEqual([0.5]);
  });

  it('round-trips every PCM16 sample exactly', () => {
    fc.assert(fc.property(fc.array(int16), (samples) => expect(samplesOf(float32ToPcm16(pcm16ToFloat32(pcm16Of(samples))))).toEqual(samples)));
  });
});

describe('G.711 on whole buffers', () => {
  it('matches the per-sample codecs', () => {
    fc.assert(
      fc.property(fc.array(int16), (samples) => {
        const pcm = pcm16Of(samples);
        expect(Array.from(encodeMuLaw(pcm))).toEqual(samples.map(muLawEncode));
        expect(Array.from(encodeALaw(pcm))).toEqual(samples.map(aLawEncode));
      }),
    );
    const bytes = Array.from({ length: 256 }, (_, i) => i);
    expect(samplesOf(decodeMuLaw(new Uint8Array(bytes)))).toEqual(bytes.map(muLawDecode));
    expect(samplesOf(decodeALaw(new Uint8Array(bytes)))).toEqual(bytes.map(aLawDecode));
  });

  it('gives the documented values of silence', () => {
    expect(Array.from(encodeMuLaw(pcm16Of([0, 0])))).toEqual([0xff, 0xff]);
    expect(Array.from(decodeMuLaw(new Uint8Array([0xff])))).toEqual([0, 0]);
    expect(Array.from(encodeALaw(pcm16Of([0])))).toEqual([0xd5]);
    expect(Array.from(decodeALaw(new Uint8Array([0xd5])))).toEqual([8, 0]);
  });

  it('decodes then re-encodes every code to itself (μ-law 0x7f and 0xff are both zero)', () => {
    for (let b = 0; b < 256; b++) {
      expect(encodeALaw(decodeALaw(new Uint8Array([b])))[0]).toBe(b);
      if (b !== 0x7f) expect(encodeMuLaw(decodeMuLaw(new Uint8Array([b])))[0]).toBe(b);
    }
  });
});
