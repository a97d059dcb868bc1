import type { Subscription } from 'rxjs';
import { encodeBase64 } from '../audio/base64.js';
import type { MicrophoneError } from './MicrophoneError.js';
import type { MicrophoneOptions } from './microphone.js';
import { microphone$ } from './microphone.js';

/**
 * The `input_audio_buffer.append` command a microphone frame becomes.
 *
 * @example
 * ```ts
 * import type { AppendAudioCommand } from 'openai-realtime-rx/browser';
 * const command: AppendAudioCommand = { type: 'input_audio_buffer.append', audio: 'AAAAAA==' };
 * ```
 */
export interface AppendAudioCommand {
  readonly type: 'input_audio_buffer.append';
  /** The frame, base64. */
  readonly audio: string;
}

/**
 * What {@link microphoneInput} needs of a client: a way to send (a `RealtimeClient` is one).
 *
 * @example
 * ```ts
 * import type { AudioInputTarget } from 'openai-realtime-rx/browser';
 * const sent: unknown[] = [];
 * const target: AudioInputTarget = { send: (command) => sent.push(command) };
 * ```
 */
export interface AudioInputTarget {
  send(command: AppendAudioCommand): unknown;
}

/**
 * The microphone as an attachment: `attach(client)` streams {@link microphone$} into the
 * client as `input_audio_buffer.append` commands and returns the Subscription that stops it
 * (and releases the device). It fits the Angular service's `attach()`
 * (`RealtimeAttachment`), as `AudioPlayer` does, and any code that starts and stops work on
 * a client. A microphone error goes to `onError` (default: `console.warn`) and ends the input.
 *
 * @example
 * ```ts
 * import { RealtimeClient } from 'openai-realtime-rx';
 * import { microphoneInput } from 'openai-realtime-rx/browser';
 *
 * const client = new RealtimeClient({ apiKey: () => fetch('/session').then((r) => r.text()) });
 * await client.connect();
 * const mic = microphoneInput({ sampleRate: 24000, onError: (e) => alert(e.message) }).attach(client);
 * // later
 * mic.unsubscribe();
 * ```
 */
export function microphoneInput(options: MicrophoneOptions & { readonly onError?: (error: MicrophoneError) => void } = {}): {
  attach(client: AudioInputTarget): Subscription;
} {
  const { onError = (e: MicrophoneError) => console.warn(`openai-realtime-rx: ${e.code}: ${e.message}`), ...micOptions } = options;
  const frames$ = microphone$(micOptions);
  return {
    attach: (client) =>
      frames$.subscribe({
        next: (frame) => client.send({ type: 'input_audio_buffer.append', audio: encodeBase64(frame) }),
        error: (e: MicrophoneError) => onError(e),
      }),
  };
}
