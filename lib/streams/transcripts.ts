import type { OperatorFunction } from 'rxjs';
import { Observable } from 'rxjs';
import type { AnyServerEvent } from './AnyServerEvent.js';

/**
 * Where a transcript comes from: the user's speech (`input_audio`), the assistant's speech
 * (`output_audio`), or the assistant's text (`output_text`).
 *
 * @example
 * ```ts
 * const isUser = (s: TranscriptSource) => s === 'input_audio';
 * ```
 */
export type TranscriptSource = 'input_audio' | 'output_audio' | 'output_text';

/**
 * One step of a transcript as it streams: the new fragment and everything so far.
 *
 * @example
 * ```ts
 * import type { TranscriptUpdate } from 'openai-realtime-rx';
 * const render = (t: TranscriptUpdate) => (captions[t.itemId] = t.text);
 * ```
 */
export interface TranscriptUpdate {
  readonly source: TranscriptSource;
  readonly itemId: string;
  readonly contentIndex: number;
  /** The response that produced it (assistant transcripts only). */
  readonly responseId?: string;
  /** The new fragment; empty on the final update. */
  readonly delta: string;
  /** The transcript so far; on the final update, the server's complete text. */
  readonly text: string;
  /** Whether this is the final update for this item and content part. */
  readonly done: boolean;
}

/**
 * Turn transcript and text events into {@link TranscriptUpdate}s, accumulating the fragments per
 * item and content part. Fragments are joined as they are (never trimmed), so a character split
 * across two deltas, even half of a surrogate pair, comes out whole. Finished transcripts are
 * forgotten, so state stays bounded by the transcripts in flight.
 *
 * @example
 * ```ts
 * import { filter } from 'rxjs';
 * import { transcriptUpdates } from 'openai-realtime-rx';
 * events$.pipe(transcriptUpdates(), filter((t) => t.source === 'output_audio')).subscribe((t) => show(t.text));
 * ```
 */
export function transcriptUpdates(): OperatorFunction<AnyServerEvent, TranscriptUpdate> {
  return (source) =>
    new Observable((subscriber) => {
      const sofar = new Map<string, string>();
      const step = (
        kind: TranscriptSource,
        itemId: string,
        contentIndex: number,
        responseId: string | undefined,
        delta: string | undefined,
        final: string | undefined,
      ) => {
        const key = `${kind}\u0000${itemId}\u0000${contentIndex}`;
        const done = final !== undefined;
        const text = done ? final : (sofar.get(key) ?? '') + (delta ?? '');
        if (done) sofar.delete(key);
        else sofar.set(key, text);
        subscriber.next({
          source: kind,
          itemId,
          contentIndex,
          ...(responseId === undefined ? {} : { responseId }),
          delta: done ? '' : (delta ?? ''),
          text,
          done,
        });
      };
      return source.subscribe({
        next: (e) => {
          switch (e.type) {
            case 'response.output_audio_transcript.delta': {
              const d = e as Extract<AnyServerEvent, { type: 'response.output_audio_transcript.delta' }>;
              return step('output_audio', d.item_id, d.content_index, d.response_id, d.delta, undefined);
            }
            case 'response.output_audio_transcript.done': {
              const d = e as Extract<AnyServerEvent, { type: 'response.output_audio_transcript.done' }>;
              return step('output_audio', d.item_id, d.content_index, d.response_id, undefined, d.transcript);
            }
            case 'response.output_text.delta': {
              const d = e as Extract<AnyServerEvent, { type: 'response.output_text.delta' }>;
              return step('output_text', d.item_id, d.content_index, d.response_id, d.delta, undefined);
            }
            case 'response.output_text.done': {
              const d = e as Extract<AnyServerEvent, { type: 'response.output_text.done' }>;
              return step('output_text', d.item_id, d.content_index, d.response_id, undefined, d.text);
            }
            case 'conversation.item.input_audio_transcription.delta': {
              const d = e as Extract<AnyServerEvent, { type: 'conversation.item.input_audio_transcription.delta' }>;
              return step('input_audio', d.item_id, d.content_index ?? 0, undefined, d.delta, undefined);
            }
            case 'conversation.item.input_audio_transcription.completed': {
              const d = e as Extract<AnyServerEvent, { type: 'conversation.item.input_audio_transcription.completed' }>;
              return step('input_audio', d.item_id, d.content_index, undefined, undefined, d.transcript);
            }
          }
        },
        error: (e: unknown) => subscriber.error(e),
        complete: () => subscriber.complete(),
      });
    });
}
