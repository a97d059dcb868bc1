/**
 * G.711 against an independent reference: every 16-bit input for encoding and every code for
 * decoding, compared with spec/audio/g711Reference.ts (this project's own transcription of the
 * ITU-T G.191 Software Tool Library's table-free algorithm), plus values published in ITU-T G.711
 * itself (Tables 1a/2a: the outermost decoded levels ±8031 and ±4032 in the standard's
 * 14/13-bit units, i.e. ±32124 and ±32256 at 16 bits; the idle codes 0xFF/0x7F for μ-law and
 * 0xD5/0x55 for A-law).
 */
import { aLawDecode, aLawEncode, decodeG711, encodeG711, muLawDecode, muLawEncode } from '../../lib/audio/g711';
import { refALawCompress, refALawExpand, refMuLawCompress, refMuLawExpand } from './g711Reference';

const allSamples = Int16Array.from({ length: 65536 }, (_, i) => i - 32768);
const allCodes = Uint8Array.from({ length: 256 }, (_, i) => i);

const mismatches = (n: number, f: (i: number) => number, g: (i: number) => number, at: (i: number) => number) => {
  const out: string[] = [];
  for (let i = 0; i < n; i++) if (f(at(i)) !== g(at(i))) out.push(`${at(i)}: ${f(at(i))} vs ${g(at(i))}`);
  return out;
};

describe('G.711 μ-law (pcmu)', () => {
  it('encodes all 65,536 sixteen-bit inputs exactly as the ITU-T reference', () => {
    expect(mismatches(65536, muLawEncode, refMuLawCompress, (i) => i - 32768)).toEqual([]);
    expect(encodeG711(allSamples, 'pcmu')).toEqual(Uint8Array.from(allSamples, refMuLawCompress));
  });

  it('decodes all 256 codes exactly as the ITU-T reference', () => {
    expect(mismatches(256, muLawDecode, refMuLawExpand, (i) => i)).toEqual([]);
    expect(decodeG711(allCodes, 'pcmu')).toEqual(Int16Array.from(allCodes, refMuLawExpand));
  });

  it('matches the published values', () => {
    expect([muLawDecode(0x00), muLawDecode(0x80), muLawDecode(0xff), muLawDecode(0x7f)]).toEqual([-32124, 32124, 0, 0]);
    expect([muLawEncode(0), muLawEncode(-1), muLawEncode(32767), muLawEncode(-32768)]).toEqual([0xff, 0x7f, 0x80, 0x00]);
  });

  it('re-encodes every decoded level to its own code (except negative zero, 0x7f, which is 0)', () => {
    const wrong = Array.from(allCodes).filter((c) => muLawEncode(muLawDecode(c)) !== c);
    expect(wrong).toEqual([0x7f]);
  });

  it('clamps samples outside 16 bits', () => {
    expect([muLawEncode(40000), muLawEncode(-40000)]).toEqual([0x80, 0x00]);
  });
});

describe('G.711 A-law (pcma)', () => {
  it('encodes all 65,536 sixteen-bit inputs exactly as the ITU-T reference', () => {
    expect(mismatches(65536, aLawEncode, refALawCompress, (i) => i - 32768)).toEqual([]);
    expect(encodeG711(allSamples, 'pcma')).toEqual(Uint8Array.from(allSamples, refALawCompress));
  });

  it('decodes all 256 codes exactly as the ITU-T reference', () => {
    expect(mismatches(256, aLawDecode, refALawExpand, (i) => i)).toEqual([]);
    expect(decodeG711(allCodes, 'pcma')).toEqual(Int16Array.from(allCodes, refALawExpand));
  });

  it('matches the published values', () => {
    expect([aLawDecode(0xaa), aLawDecode(0x2a), aLawDecode(0xd5), aLawDecode(0x55)]).toEqual([32256, -32256, 8, -8]);
    expect([aLawEncode(0), aLawEncode(-1), aLawEncode(32767), aLawEncode(-32768)]).toEqual([0xd5, 0x55, 0xaa, 0x2a]);
  });

  it('re-encodes every decoded level to its own code', () => {
    expect(Array.from(allCodes).filter((c) => aLawEncode(aLawDecode(c)) !== c)).toEqual([]);
  });
});

describe('the reference itself', () => {
  it('is monotonic: a larger input never gets a code that decodes smaller', () => {
    for (const [enc, dec] of [
      [refMuLawCompress, refMuLawExpand],
      [refALawCompress, refALawExpand],
    ] as const) {
      let previous = -Infinity;
      let violations = 0;
      for (let s = -32768; s < 32768; s++) {
        const level = dec(enc(s));
        if (level < previous) violations++;
        previous = level;
      }
      expect(violations).toBe(0);
    }
  });
});
