/**
 * `openai-realtime-rx/testing`: a local OpenAI Realtime API server for tests, demos and
 * benchmarks (Node only).
 *
 * @packageDocumentation
 */
export { RealtimeSimulator } from './RealtimeSimulator.js';
export type { RealtimeSimulatorOptions, SimConnection } from './RealtimeSimulator.js';
export { SimSession } from './SimSession.js';
export type { SessionHost } from './SimSession.js';
export { defaultReplyPolicy } from './replyPolicy.js';
export type { Reply, ReplyContext, ReplyPolicy, SimTool } from './replyPolicy.js';
export { Conversation } from './Conversation.js';
export type { SimItem } from './Conversation.js';
export { defaultSession, mergeSession, withTurnDetectionDefaults, PCM24K } from './defaults.js';
export type { SimSessionConfig } from './defaults.js';
export { speak, chunk } from './voice.js';
export type { SpokenWord, VoiceFormat } from './voice.js';
export { Vad } from './Vad.js';
export type { VadEvent, VadSettings } from './Vad.js';
export { IdSource } from './ids.js';
// test signals (WAV, resampling and the other audio utilities are in `openai-realtime-rx/audio`)
export { tone, rms } from '../audio/tone.js';
