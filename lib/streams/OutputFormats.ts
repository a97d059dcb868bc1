import type { AudioFormatLike, CanonicalAudioFormat } from '../audio/durations.js';
import { audioFormatOf } from '../audio/durations.js';
import type { AnyServerEvent } from './AnyServerEvent.js';
import { is } from './AnyServerEvent.js';

/**
 * The output audio format in force per response: the session's (`session.created`,
 * `session.updated`), overridden per response by `response.created` (a response keeps the format
 * it started with, even if the session changes while it streams). Shared by the operators that
 * measure or decode `response.output_audio.delta`s, so they agree on durations.
 *
 * @example
 * ```ts
 * const formats = new OutputFormats();
 * events.forEach((e) => formats.observe(e));
 * formats.of('resp_1'); // { type: 'audio/pcm', rate: 24000 } unless the session or response said otherwise
 * ```
 */
export class OutputFormats {
  private session: AudioFormatLike;
  private readonly responses = new Map<string, AudioFormatLike>();

  /** Follow the events that set formats; every other event is ignored. */
  observe(event: AnyServerEvent): void {
    if (is(event, 'session.updated') || is(event, 'session.created')) {
      this.session = event.session.audio?.output?.format ?? this.session;
    } else if (is(event, 'response.created')) {
      const format = event.response.audio?.output?.format ?? this.session;
      if (event.response.id !== undefined) this.responses.set(event.response.id, format);
    } else if (is(event, 'response.done')) {
      if (event.response.id !== undefined) this.responses.delete(event.response.id);
    }
  }

  /** The canonical format of the audio of this response. */
  of(responseId: string): CanonicalAudioFormat {
    return audioFormatOf(this.responses.get(responseId) ?? this.session);
  }
}
