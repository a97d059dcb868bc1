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

/** The fields the six transcript events carry (`delta` on deltas; the full text on the last). */
interface TranscriptEvent {
  readonly item_id: string;
  readonly content_index?: number;
  readonly response_id?: string;
  readonly delta?: string;
  readonly transcript?: string;
  readonly text?: string;
}

/**
 * Each transcript event type: its source, and which field holds its text. A Map, not an object:
 * unknown events named `constructor` or `toString` pass through here too.
 */
const SOURCES: ReadonlyMap<string, readonly [TranscriptSource, 'delta' | 'transcript' | 'text']> = new Map([
  ['response.output_audio_transcript.delta', ['output_audio', 'delta']],
  ['response.output_audio_transcript.done', ['output_audio', 'transcript']],
  ['response.output_text.delta', ['output_text', 'delta']],
  ['response.output_text.done', ['output_text', 'text']],
  ['conversation.item.input_audio_transcription.delta', ['input_audio', 'delta']],
  ['conversation.item.input_audio_transcription.completed', ['input_audio', 'transcript']],
] as const);

/**
 * Bounds on the transcripts {@link transcriptUpdates} assembles, and where to hear when one is hit.
 *
 * @example
 * ```ts
 * const limits: TranscriptLimits = { maxChars: 100_000, onLimit: (l) => console.warn(l.reason, l.itemId) };
 * ```
 */
export interface TranscriptLimits {
  /** The longest transcript kept per item and content part; past it, deltas are dropped. Default 262,144. */
  readonly maxChars?: number;
  /** How many unfinished transcripts are kept; past it, the oldest is forgotten. Default 256. */
  readonly maxInFlight?: number;
  /** Told once per transcript that hits `maxChars`, and for each transcript evicted by `maxInFlight`. */
  readonly onLimit?: (hit: { readonly reason: 'max-chars' | 'max-in-flight'; readonly itemId: string; readonly source: TranscriptSource }) => void;
}

/**
 * The default {@link TranscriptLimits}: 262,144 characters per transcript, 256 unfinished at once.
 *
 * @example
 * ```ts
 * import { DEFAULT_TRANSCRIPT_LIMITS } from 'openai-realtime-rx';
 * new RealtimeClient({ transcriptLimits: { maxChars: DEFAULT_TRANSCRIPT_LIMITS.maxChars * 4 } });
 * ```
 */
export const DEFAULT_TRANSCRIPT_LIMITS = { maxChars: 262_144, maxInFlight: 256 } as const;

/**
 * Turn transcript and text events into {@link TranscriptUpdate}s, accumulating the fragments per
 * item and content part. Fragments are joined as they are (never trimmed), so a character split
 * across two deltas, even half of a surrogate pair, comes out whole. Finished transcripts are
 * forgotten; unfinished ones are bounded in length and number ({@link TranscriptLimits}): a
 * transcript past `maxChars` stops growing (its deltas are still emitted, `text` stays at the
 * cap), and past `maxInFlight` the oldest unfinished one is forgotten.
 *
 * @throws RangeError synchronously for a `maxChars` below 0 or a `maxInFlight` below 1.
 *
 * @example
 * ```ts
 * import { filter } from 'rxjs';
 * import { transcriptUpdates } from 'openai-realtime-rx';
 * events$.pipe(transcriptUpdates(), filter((t) => t.source === 'output_audio')).subscribe((t) => show(t.text));
 * ```
 */
export function transcriptUpdates(limits: TranscriptLimits = {}): OperatorFunction<AnyServerEvent, TranscriptUpdate> {
  const maxChars = limits.maxChars ?? DEFAULT_TRANSCRIPT_LIMITS.maxChars;
  const maxInFlight = limits.maxInFlight ?? DEFAULT_TRANSCRIPT_LIMITS.maxInFlight;
  if (!(maxChars >= 0)) throw new RangeError(`transcriptUpdates: maxChars must be 0 or more, got ${maxChars}.`);
  if (!(maxInFlight >= 1)) throw new RangeError(`transcriptUpdates: maxInFlight must be 1 or more, got ${maxInFlight}.`);
  return (source) =>
    new Observable((subscriber) => {
      const sofar = new Map<string, string>();
      const capped = new Set<string>(); // transcripts whose cap was reported
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
        let text: string;
        if (done) {
          text = final;
          sofar.delete(key);
          capped.delete(key);
        } else {
          const before = sofar.get(key);
          text = (before ?? '') + (delta ?? '');
          if (text.length > maxChars) {
            if (!capped.has(key)) {
              capped.add(key);
              limits.onLimit?.({ reason: 'max-chars', itemId, source: kind });
            }
            // never end on half of a surrogate pair
            const cut = maxChars > 0 && (text.charCodeAt(maxChars - 1) & 0xfc00) === 0xd800 ? maxChars - 1 : maxChars;
            text = text.slice(0, cut);
          }
          if (before === undefined && sofar.size >= maxInFlight) {
            const oldest = sofar.keys().next().value as string;
            sofar.delete(oldest);
            capped.delete(oldest);
            const [source, evicted] = oldest.split('\u0000') as [TranscriptSource, string];
            limits.onLimit?.({ reason: 'max-in-flight', itemId: evicted, source });
          }
          sofar.set(key, text);
        }
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
          const kind = SOURCES.get(e.type);
          if (kind === undefined) return;
          const d = e as unknown as TranscriptEvent;
          step(kind[0], d.item_id, d.content_index ?? 0, d.response_id, d.delta, kind[1] === 'delta' ? undefined : d[kind[1]]);
        },
        error: (e: unknown) => subscriber.error(e),
        complete: () => subscriber.complete(),
      });
    });
}
