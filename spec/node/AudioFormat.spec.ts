/** The format conversion under the Node streams: G.711 both ways, rates, the odd-byte carry, the resampler seam. */
import { encodeMuLaw } from '../../lib/audio/g711';
import { tone } from '../../lib/audio/tone';
import { checkFormat, converter, fromApiFormat } from '../../lib/node/AudioFormat';
import type { ResamplerFactory } from '../../lib/node/resampler';
import { linearResampler } from '../../lib/node/resampler';

describe('converter', () => {
  it('passes identical formats through untouched (the same bytes)', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(converter('pcmu', 'pcmu', linearResampler)(bytes)).toBe(bytes);
    expect(converter({ encoding: 'pcm16', rate: 24000 }, { encoding: 'pcm16', rate: 24000 }, linearResampler)(bytes)).toBe(bytes);
  });

  it('turns 20 ms of 8 kHz μ-law into 20 ms of 24 kHz PCM16 and back', () => {
    const ulaw = encodeMuLaw(tone(440, 20, 8000, 0.3));
    expect(ulaw.length).toBe(160);
    const pcm = converter('pcmu', { encoding: 'pcm16', rate: 24000 }, linearResampler)(ulaw);
    expect(pcm.length).toBe(960);
    const back = converter({ encoding: 'pcm16', rate: 24000 }, 'pcmu', linearResampler)(pcm);
    expect(back.length).toBe(160);
    // every third sample of the upsampled signal is an original one, so μ-law comes back exact
    expect(Array.from(back)).toEqual(Array.from(ulaw));
  });

  it('converts μ-law to A-law at the same rate without resampling', () => {
    const calls: Array<[number, number]> = [];
    const spy: ResamplerFactory = (from, to) => (calls.push([from, to]), linearResampler(from, to));
    const ulaw = encodeMuLaw(tone(300, 10, 8000, 0.2));
    expect(converter('pcmu', 'pcma', spy)(ulaw).length).toBe(80);
    expect(calls).toEqual([]);
  });

  it('carries a stray PCM16 byte to the next chunk, so samples stay whole', () => {
    const pcm = tone(440, 10, 24000, 0.3); // 480 bytes
    const whole = converter({ encoding: 'pcm16', rate: 24000 }, 'pcmu', linearResampler)(pcm);
    const split = converter({ encoding: 'pcm16', rate: 24000 }, 'pcmu', linearResampler);
    const a = split(pcm.subarray(0, 1));
    const b = split(pcm.subarray(1, 241));
    const c = split(pcm.subarray(241));
    expect(a.length).toBe(0);
    expect(a.length + b.length + c.length).toBe(whole.length);
  });

  it('asks the factory for one resampler per converter, and feeds it every chunk in order', () => {
    const made: Array<[number, number]> = [];
    const seen: number[] = [];
    const factory: ResamplerFactory = (from, to) => {
      made.push([from, to]);
      return (samples) => (seen.push(samples.length), new Int16Array(samples.length / 2));
    };
    const convert = converter({ encoding: 'pcm16', rate: 16000 }, { encoding: 'pcm16', rate: 8000 }, factory);
    convert(new Uint8Array(640));
    convert(new Uint8Array(320));
    expect(made).toEqual([[16000, 8000]]);
    expect(seen).toEqual([320, 160]);
  });
});

describe('formats', () => {
  it('reads the API names', () => {
    expect(fromApiFormat({ type: 'audio/pcmu' })).toBe('pcmu');
    expect(fromApiFormat('g711_alaw')).toBe('pcma');
    expect(fromApiFormat({ type: 'audio/pcm', rate: 24000 })).toEqual({ encoding: 'pcm16', rate: 24000 });
    expect(fromApiFormat(undefined)).toEqual({ encoding: 'pcm16', rate: 24000 });
  });

  it('refuses what it cannot convert, with a clear message', () => {
    expect(() => checkFormat({ encoding: 'pcm16', rate: 12345 }, 'x')).toThrow(/not an audio format.*rate one of/);
    expect(() => checkFormat('opus' as never, 'x')).toThrow(TypeError);
  });
});
