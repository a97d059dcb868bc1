import { audioFormatOf, bytesFor, bytesPerMs, durationMs, sampleRateOf } from '../../lib/audio/durations';

describe('audio formats', () => {
  it('puts every way of naming a format in canonical form', () => {
    expect(audioFormatOf({ type: 'audio/pcm', rate: 24000 })).toEqual({ type: 'audio/pcm', rate: 24000 });
    expect(audioFormatOf({ type: 'audio/pcm', rate: 16000 })).toEqual({ type: 'audio/pcm', rate: 16000 });
    expect(audioFormatOf({ type: 'audio/pcm' })).toEqual({ type: 'audio/pcm', rate: 24000 });
    expect(audioFormatOf({ type: 'audio/pcm', rate: null })).toEqual({ type: 'audio/pcm', rate: 24000 });
    expect(audioFormatOf({ type: 'audio/pcmu' })).toEqual({ type: 'audio/pcmu' });
    expect(audioFormatOf({ type: 'audio/pcma', rate: 8000 })).toEqual({ type: 'audio/pcma' });
    expect(audioFormatOf('g711_ulaw')).toEqual({ type: 'audio/pcmu' });
    expect(audioFormatOf('g711_alaw')).toEqual({ type: 'audio/pcma' });
    expect(audioFormatOf('pcm16')).toEqual({ type: 'audio/pcm', rate: 24000 });
    expect(audioFormatOf(undefined)).toEqual({ type: 'audio/pcm', rate: 24000 });
    expect(audioFormatOf(null)).toEqual({ type: 'audio/pcm', rate: 24000 });
    expect(audioFormatOf({ type: 'audio/opus' })).toEqual({ type: 'audio/pcm', rate: 24000 });
  });

  it('gives rates, bytes per millisecond and frame sizes', () => {
    expect([sampleRateOf({ type: 'audio/pcmu' }), sampleRateOf({ type: 'audio/pcm', rate: 44100 }), sampleRateOf(undefined)]).toEqual([8000, 44100, 24000]);
    expect([bytesPerMs({ type: 'audio/pcmu' }), bytesPerMs({ type: 'audio/pcma' }), bytesPerMs('g711_ulaw'), bytesPerMs({ type: 'audio/pcm', rate: 16000 })]).toEqual([8, 8, 8, 32]);
    expect([bytesFor(20, { type: 'audio/pcmu' }), bytesFor(20, { type: 'audio/pcma' }), bytesFor(20, undefined), bytesFor(20, { type: 'audio/pcm', rate: 22050 }), bytesFor(10, { type: 'audio/pcm', rate: 44100 })]).toEqual([160, 160, 960, 882, 882]);
    expect(bytesFor(1, { type: 'audio/pcm', rate: 22050 })).toBe(44); // 22.05 samples: whole samples only
    expect(durationMs(160, { type: 'audio/pcmu' })).toBe(20);
  });
});
