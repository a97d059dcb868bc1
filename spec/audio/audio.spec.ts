/**
 * The byte-level G.711 helpers (PCM16 little-endian bytes in and out, for byte streams), against
 * the per-sample codecs and known values. PCM16 <-> Float32 is in pcm.spec.ts.
 */
import fc from 'fast-check';
import { aLawDecode, aLawEncode, decodeALaw, decodeMuLaw, encodeALaw, encodeMuLaw, muLawDecode, muLawEncode } from '../../lib/audio/g711';

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
