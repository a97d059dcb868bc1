/**
 * `openai-realtime-rx/audio`: pure audio utilities, browser-safe (no Node built-ins): base64,
 * PCM16 and Float32 samples, WAV files, G.711 μ-law and A-law, a streaming anti-aliased
 * resampler, format conversion for byte streams and rxjs streams, and durations. The curated
 * list of names is in `exports.ts`.
 *
 * @packageDocumentation
 */
export * from './exports.js';
