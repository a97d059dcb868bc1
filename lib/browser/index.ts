/**
 * `openai-realtime-rx/browser`: the pieces a voice page needs around the core client: the
 * microphone as an Observable of PCM16 frames, and an AudioWorklet player that reports what was
 * actually rendered, for interruption. Browser-only (Web Audio, `getUserMedia`); every name here
 * is a semver promise.
 *
 * @packageDocumentation
 */

// Capture: getUserMedia -> AudioWorklet -> PCM16 frames at the session's rate
export { microphone$ } from './microphone.js';
export type { MicrophoneOptions } from './microphone.js';
export { microphoneInput } from './microphoneInput.js';
export type { AudioInputTarget, AppendAudioCommand } from './microphoneInput.js';
export { MicrophoneError } from './MicrophoneError.js';
export type { MicrophoneErrorCode } from './MicrophoneError.js';

// Playback: a jitter-buffered AudioWorklet player with the played position
export { AudioPlayer } from './AudioPlayer.js';
export type { AudioPlayerOptions, PlayedPosition, PlayerState, PlayableChunk, PlayerSource } from './AudioPlayer.js';

// For pages whose Content-Security-Policy forbids blob: worklets
export { workletModuleText } from './workletModuleText.js';
