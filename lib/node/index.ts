/**
 * `openai-realtime-rx/node`: Node streams for audio pipelines, and the server side of the
 * ephemeral-key flow (`mintClientSecret`). Assistant audio as a Readable in
 * the format a sink wants, caller or microphone audio as a Writable that respects the connection's
 * backpressure, and transcripts as text or NDJSON. Node only.
 *
 * @module
 */
export { audioReadable, AudioReadable } from './audioReadable.js';
export type { AudioReadableOptions, AudioReadableStats } from './audioReadable.js';
export { audioWritable, AudioWritable } from './audioWritable.js';
export type { AudioWritableOptions, AudioWritableStats } from './audioWritable.js';
export { transcriptReadable } from './transcriptReadable.js';
export type { TranscriptReadableOptions } from './transcriptReadable.js';
export type { AudioFormat } from './AudioFormat.js';
export { linearResampler, streamingResampler } from './resampler.js';
export type { Resample, ResamplerFactory } from './resampler.js';
export { RealtimeStreamError } from './RealtimeStreamError.js';
export type { OverflowWarning } from './StreamWarning.js';
export { mintClientSecret, ClientSecretError, DEFAULT_MINT_TIMEOUT_MS } from './mintClientSecret.js';
export type { MintClientSecretOptions, ClientSecret } from './mintClientSecret.js';
export { recordToFile } from './recordToFile.js';
