import type { TeardownLogic } from 'rxjs';
import type { RealtimeClient } from '../client/RealtimeClient.js';

/**
 * Something that works on the service's client for a while: a microphone feeding
 * `input_audio_buffer.append`, a player draining `audio$`, a logger. `attach` starts it and
 * returns how to stop it. {@link RealtimeService.attach} runs it outside the Angular zone, stops
 * it when asked or when the injector is destroyed, and does not run it on the server.
 *
 * `openai-realtime-rx/browser` has two: `microphoneInput()` and `AudioPlayer`. Any object with an
 * `attach` method does.
 *
 * @example
 * ```ts
 * import type { RealtimeAttachment } from 'openai-realtime-rx/angular';
 * const logTurns: RealtimeAttachment = {
 *   attach: (client) => client.turns$.subscribe((t) => console.log(t.phase, t.responseId)),
 * };
 * ```
 */
export interface RealtimeAttachment {
  /** Start working on `client`; return the teardown (a function, a Subscription, or nothing). */
  attach(client: RealtimeClient): TeardownLogic;
}
