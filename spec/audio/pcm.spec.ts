import fc from 'fast-check';
import { float32ToPcm16, floatToPcm16Sample, pcm16FromBytes, pcm16ToBytes, pcm16ToFloat32 } from '../../lib/audio/pcm';

describe('PCM16 <-> Float32', () => {
  it('round-trips every 16-bit sample exactly', () => {
    const all = Int16Array.from({ length: 65536 }, (_, i) => i - 32768);
    expect(float32ToPcm16(pcm16ToFloat32(all))).toEqual(all);
  });

  it('scales by 32768 and clamps to -32768..32767', () => {
    expect(Array.from(pcm16ToFloat32(new Int16Array([-32768, 0, 16384, 32767])))).toEqual([-1, 0, 0.5, 32767 / 32768]);
    expect(Array.from(float32ToPcm16([-1, 1, 2, -2, 0, Infinity, -Infinity, NaN]))).toEqual([-32768, 32767, 32767, -32768, 0, 32767, -32768, 0]);
  });

  it('rounds half away from zero, symmetrically', () => {
    const half = 0.5 / 32768;
    expect([floatToPcm16Sample(half), floatToPcm16Sample(-half)]).toEqual([1, -1]);
    expect([floatToPcm16Sample(2.5 / 32768), floatToPcm16Sample(-2.5 / 32768)]).toEqual([3, -3]);
    expect([floatToPcm16Sample(0.49 / 32768), floatToPcm16Sample(-0.49 / 32768)]).toEqual([0, 0]);
  });

  it('is odd-symmetric inside full scale', () => {
    fc.assert(fc.property(fc.double({ min: -0.9999, max: 0.9999, noNaN: true }), (f) => floatToPcm16Sample(-f) === -floatToPcm16Sample(f) || floatToPcm16Sample(f) === 0));
  });
});

describe('PCM16 bytes', () => {
  it('reads little-endian samples, ignores an odd trailing byte, and copies', () => {
    const bytes = new Uint8Array([0x34, 0x12, 0xff, 0xff, 0x00, 0x80, 0x07]);
    const samples = pcm16FromBytes(bytes.subarray(0));
    expect(Array.from(samples)).toEqual([0x1234, -1, -32768]);
    bytes[0] = 0;
    expect(samples[0]).toBe(0x1234);
  });

  it('reads from an unaligned view', () => {
    const backing = new Uint8Array([9, 1, 0, 2, 0]);
    expect(Array.from(pcm16FromBytes(backing.subarray(1)))).toEqual([1, 2]);
  });

  it('writes little-endian bytes that own their memory', () => {
    const samples = new Int16Array([0, 0x1234, -2]).subarray(1);
    const bytes = pcm16ToBytes(samples);
    expect(Array.from(bytes)).toEqual([0x34, 0x12, 0xfe, 0xff]);
    expect(bytes.buffer.byteLength).toBe(4);
  });
});
