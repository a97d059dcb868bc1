/**
 * The ./audio entry's runtime names, spelled out so that any change to the public surface shows in
 * review; and the core entry stays free of the resampler and the audio operators.
 */
import * as audio from '../../lib/audio/index';
import * as core from '../../lib/index';

describe('the ./audio entry (lib/audio/index.ts)', () => {
  it('exports exactly these runtime names', () => {
    expect(Object.keys(audio).sort()).toEqual(
      [
        'SUPPORTED_RATES',
        'aLawDecode',
        'aLawEncode',
        'audioFormatOf',
        'bytesFor',
        'bytesPerMs',
        'createAudioConverter',
        'createResampler',
        'decodeBase64',
        'decodeG711',
        'durationMs',
        'encodeBase64',
        'encodeG711',
        'float32ToPcm16',
        'floatToPcm16Sample',
        'isPcm16',
        'muLawDecode',
        'muLawEncode',
        'pcm16FromBytes',
        'pcm16ToBytes',
        'pcm16ToFloat32',
        'readWav',
        'resample',
        'sampleRateOf',
        'toG711',
        'toPcm16',
        'writeWav',
      ].sort(),
    );
  });

  it('shares no name with the core entry (audio lives in ./audio only)', () => {
    const shared = Object.keys(audio).filter((name) => name in core);
    expect(shared).toEqual([]);
  });
});
