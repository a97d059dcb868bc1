/**
 * `openai-realtime-rx/audio`: pure audio utilities, browser-safe (no Node built-ins): base64,
 * PCM16 and Float32 samples, WAV files, G.711 μ-law and A-law, resampling, durations.
 *
 * @packageDocumentation
 */

// ---- base64 (the wire encoding of audio in events) ----------------------------------------------
export { decodeBase64, encodeBase64 } from './base64.js';

// ---- PCM16 <-> Float32 (Web Audio's sample format) ----------------------------------------------
export { pcm16ToFloat32, float32ToPcm16 } from './pcm.js';

// ---- WAV files and resampling -------------------------------------------------------------------
export { parseWav, writeWav, resamplePcm16 } from './wav.js';
export type { Wav, WavError } from './wav.js';

// ---- G.711 (audio/pcmu, audio/pcma): whole buffers and single samples ---------------------------
export { muLawEncode, muLawDecode, aLawEncode, aLawDecode, encodeMuLaw, decodeMuLaw, encodeALaw, decodeALaw } from './g711.js';

// ---- durations of audio in a session format -----------------------------------------------------
export { bytesPerMs, durationMs, isPcm16 } from './durations.js';
export type { AudioFormatLike } from './durations.js';
