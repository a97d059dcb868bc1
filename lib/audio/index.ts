/**
 * `openai-realtime-rx/audio`: pure, browser-safe audio tools (no Node imports; the operators use
 * rxjs). Every name here is a semver promise. None of it is reachable from the core entry
 * (`lib/index.ts`), so the resampler's tables never weigh on the core bundle.
 *
 * @packageDocumentation
 */

// Bytes: strict base64 for audio payloads
export { decodeBase64, encodeBase64 } from './base64.js';

// PCM16 samples: little-endian bytes <-> Int16Array, Int16 <-> Float32 (x/32768, symmetric rounding)
export { pcm16FromBytes, pcm16ToBytes, pcm16ToFloat32, float32ToPcm16, floatToPcm16Sample } from './pcm.js';

// G.711 μ-law (pcmu) and A-law (pcma), bit-exact with the ITU-T reference
export { encodeG711, decodeG711, muLawEncode, muLawDecode, aLawEncode, aLawDecode } from './g711.js';
export type { G711Law } from './g711.js';

// Resampling: streaming, anti-aliased (polyphase Kaiser-windowed sinc)
export { createResampler, resample, SUPPORTED_RATES } from './resampler.js';
export type { Resampler, ResamplerLatency, ResamplerDesign } from './resampler.js';

// Converting a stream's bytes between formats (PCM16 at any rate <-> 8 kHz G.711)
export { createAudioConverter } from './converter.js';
export type { AudioConverter } from './converter.js';

// rxjs operators: convert a stream of chunks ({format, data}, e.g. client.audio$) for a sink
export { toPcm16, toG711 } from '../streams/convertAudio.js';
export type { AudioChunkLike, ConvertedChunk } from '../streams/convertAudio.js';

// WAV files: read anything common as PCM16 mono, write PCM16 or G.711
export { readWav, writeWav } from './wav.js';
export type { WavAudio, WavSource, WavReadError, WavEncoding } from './wav.js';

// Formats and durations
export { audioFormatOf, sampleRateOf, bytesFor, bytesPerMs, durationMs, isPcm16 } from './durations.js';
export type { CanonicalAudioFormat, AudioFormatLike } from './durations.js';
