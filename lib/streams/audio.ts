import * as E from 'fp-ts/Either';
import type { OperatorFunction, Subscriber } from 'rxjs';
import { Observable } from 'rxjs';
import { decodeBase64 } from '../audio/base64.js';
import type { CanonicalAudioFormat } from '../audio/durations.js';
import { durationMs, isPcm16 } from '../audio/durations.js';
import type { AnyServerEvent } from './AnyServerEvent.js';
import { is } from './AnyServerEvent.js';
import { OutputFormats } from './OutputFormats.js';

/**
 * One chunk of assistant audio, decoded from a `response.output_audio.delta`.
 *
 * @example
 * ```ts
 * import type { AudioChunk } from 'openai-realtime-rx';
 * const play = (chunk: AudioChunk) => speaker.write(chunk.data); // PCM16 LE mono, or G.711
 * ```
 */
export interface AudioChunk {
  readonly responseId: string;
  readonly itemId: string;
  readonly outputIndex: number;
  readonly contentIndex: number;
  /** The audio bytes. They own their memory: `data.buffer` holds exactly this chunk. */
  readonly data: Uint8Array;
  /**
   * The format of `data`: the output format in force for this response (from `response.created`,
   * else the session's), in canonical form: `{type: 'audio/pcm', rate}` (24000 unless the session
   * says otherwise), `{type: 'audio/pcmu'}` or `{type: 'audio/pcma'}`.
   */
  readonly format: CanonicalAudioFormat;
  /** The duration of `data` in milliseconds, in `format`. */
  readonly durationMs: number;
}

/**
 * An audio delta that could not be turned into samples. The session goes on.
 *
 * | code | meaning |
 * |---|---|
 * | `RT_ERR_AUDIO_BASE64` | the delta is not standard base64 (bad characters, base64url, bad length) |
 * | `RT_ERR_AUDIO_ODD_BYTES` | PCM16 audio with an odd byte count; the stray byte is carried to the next chunk of the same item so later samples stay aligned |
 *
 * @example
 * ```ts
 * import type { AudioError } from 'openai-realtime-rx';
 * const report = (e: AudioError) => console.warn(e.code, e.itemId);
 * ```
 */
export interface AudioError {
  readonly _tag: 'AudioError';
  readonly code: 'RT_ERR_AUDIO_BASE64' | 'RT_ERR_AUDIO_ODD_BYTES';
  readonly message: string;
  readonly responseId: string;
  readonly itemId: string;
  readonly contentIndex: number;
  readonly eventId: string;
}

/**
 * Turn output audio deltas into decoded chunks, tracking the output format: the session's
 * (`session.created`, `session.updated`), overridden per response by `response.created`.
 *
 * Emits `Right(chunk)` per delta and `Left(error)` for a delta that cannot be decoded. Base64 is
 * decoded here, so nothing is decoded unless someone subscribes. State is per subscription.
 *
 * @example
 * ```ts
 * import { audioChunks } from 'openai-realtime-rx';
 * events$.pipe(audioChunks()).subscribe((r) => r._tag === 'Right' && play(r.right.data));
 * ```
 */
export function audioChunks(): OperatorFunction<AnyServerEvent, E.Either<AudioError, AudioChunk>> {
  return decoding((subscriber) => audioDecoder((chunk) => subscriber.next(E.right(chunk)), (error) => subscriber.next(E.left(error))));
}

/**
 * {@link audioChunks} without the `Either`s: chunks are emitted, and what cannot be decoded goes
 * to `onError`. What `RealtimeClient.audio$` uses (one allocation and one hop less per chunk).
 *
 * @param onError - told of each delta that cannot be turned into samples (the stream goes on).
 *
 * @example
 * ```ts
 * events$.pipe(decodedAudio((e) => console.warn(e.code))).subscribe((chunk) => play(chunk.data));
 * ```
 */
export function decodedAudio(onError: (error: AudioError) => void): OperatorFunction<AnyServerEvent, AudioChunk> {
  return decoding((subscriber) => audioDecoder((chunk) => subscriber.next(chunk), onError));
}

/** An operator that feeds each event to a decoder made for its subscriber (one per subscription). */
function decoding<R>(decoderFor: (subscriber: Subscriber<R>) => (event: AnyServerEvent) => void): OperatorFunction<AnyServerEvent, R> {
  return (source) =>
    new Observable<R>((subscriber) =>
      source.subscribe({ next: decoderFor(subscriber), error: (e: unknown) => subscriber.error(e), complete: () => subscriber.complete() }),
    );
}

/**
 * The state machine of both operators, for one subscription: follows the output format, decodes
 * each delta and keeps PCM16 chunks whole-sample (a stray odd byte waits for the next chunk of the
 * same content).
 */
function audioDecoder(emit: (chunk: AudioChunk) => void, fail: (error: AudioError) => void): (event: AnyServerEvent) => void {
  const formats = new OutputFormats();
  let carryItem: string | undefined;
  let carryIndex = -1;
  let carry = -1;
  const error = (code: AudioError['code'], message: string, e: { response_id: string; item_id: string; content_index: number; event_id: string }): void =>
    fail({ _tag: 'AudioError', code, message, responseId: e.response_id, itemId: e.item_id, contentIndex: e.content_index, eventId: e.event_id });
  return (event) => {
    if (!is(event, 'response.output_audio.delta')) return formats.observe(event);
    const format = formats.of(event.response_id);
    let data = decodeBase64(event.delta);
    if (data === undefined) return error('RT_ERR_AUDIO_BASE64', 'audio delta is not valid base64', event);
    if (isPcm16(format)) {
      if (event.item_id !== carryItem || event.content_index !== carryIndex) {
        carryItem = event.item_id;
        carryIndex = event.content_index;
        carry = -1;
      }
      if (carry >= 0) {
        const joined = new Uint8Array(data.length + 1);
        joined[0] = carry;
        joined.set(data, 1);
        data = joined;
        carry = -1;
      }
      if (data.length % 2 === 1) {
        carry = data[data.length - 1] as number;
        data = data.slice(0, data.length - 1);
        error('RT_ERR_AUDIO_ODD_BYTES', 'PCM16 audio delta has an odd byte count; carrying the last byte', event);
      }
    }
    emit({
      responseId: event.response_id,
      itemId: event.item_id,
      outputIndex: event.output_index,
      contentIndex: event.content_index,
      data,
      format,
      durationMs: durationMs(data.length, format),
    });
  };
}
