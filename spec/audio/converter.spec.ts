import { createAudioConverter } from '../../lib/audio/converter';
import { decodeG711, encodeG711 } from '../../lib/audio/g711';
import { pcm16FromBytes, pcm16ToBytes } from '../../lib/audio/pcm';
import { resample } from '../../lib/audio/resampler';
import { sine } from './measure';

describe('createAudioConverter', () => {
  it('converts 24 kHz PCM16 bytes in odd-sized pieces to μ-law, as whole', () => {
    const pcm = sine(800, 24000, 0.3);
    const bytes = pcm16ToBytes(pcm);
    const c = createAudioConverter({ type: 'audio/pcm', rate: 24000 }, { type: 'audio/pcmu' });
    expect(c.latency.inputSamples).toBe(88);
    const parts: number[] = [];
    for (let at = 0; at < bytes.length; at += 501) parts.push(...c.process(bytes.subarray(at, at + 501)));
    parts.push(...c.flush());
    expect(Uint8Array.from(parts)).toEqual(encodeG711(resample(pcm, 24000, 8000), 'pcmu'));
  });

  it('decodes A-law to 16 kHz PCM16 and is ready for a new stream after flush', () => {
    const alaw = encodeG711(sine(500, 8000, 0.1), 'pcma');
    const c = createAudioConverter('g711_alaw', { type: 'audio/pcm', rate: 16000 });
    const once = () => pcm16FromBytes(new Uint8Array([...c.process(alaw), ...c.flush()]));
    const expected = resample(decodeG711(alaw, 'pcma'), 8000, 16000);
    expect(once()).toEqual(expected);
    c.process(alaw.subarray(0, 33));
    c.reset();
    expect(once()).toEqual(expected);
  });

  it('drops a pending odd byte at flush and reset', () => {
    const c = createAudioConverter(undefined, undefined);
    expect(c.process(new Uint8Array([1, 0, 2]))).toEqual(new Uint8Array([1, 0]));
    expect(c.flush()).toEqual(new Uint8Array(0));
    expect(c.process(new Uint8Array([3, 0]))).toEqual(new Uint8Array([3, 0]));
  });
});
