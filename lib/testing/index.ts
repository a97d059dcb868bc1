/**
 * `openai-realtime-rx/testing`: a local OpenAI Realtime API server for tests, demos and
 * benchmarks (Node only).
 *
 * @packageDocumentation
 */

// ---- the simulator ------------------------------------------------------------------------------
export { RealtimeSimulator } from './RealtimeSimulator.js';
export type { RealtimeSimulatorOptions, SimConnection } from './RealtimeSimulator.js';
// the server side of one connection, as `SimConnection.session` shows it (created by the simulator only)
export type { SimSession } from './SimSession.js';
export type { Conversation, SimItem } from './Conversation.js';
export type { SimSessionConfig } from './defaults.js';

// ---- scripting the model ------------------------------------------------------------------------
export { defaultReplyPolicy } from './replyPolicy.js';
export type { Reply, ReplyContext, ReplyPolicy, SimTool } from './replyPolicy.js';

// ---- test signals (WAV, resampling and the other audio utilities are in `openai-realtime-rx/audio`)
export { tone, rms } from '../audio/tone.js';

// ---- replaying recorded sessions (recordSession / --record) ----------------------------------------
export { ReplayServer } from './ReplayServer.js';
export type { ReplayOptions } from './ReplayServer.js';
export { replay } from './replay.js';
export type { ReplayRunOptions, ReplayResult } from './replay.js';
export { ReplayDivergenceError } from './ReplayDivergence.js';
export type { ReplayDivergence } from './ReplayDivergence.js';
