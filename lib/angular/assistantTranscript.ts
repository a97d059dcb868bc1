import type { TranscriptUpdate } from '../streams/transcripts.js';
import type { Turn } from '../streams/turns.js';

/**
 * (Internal.) The text of the current (or latest) assistant response: the response it belongs to and the
 * text of each of its output parts, in order of arrival.
 *
 * @example
 * ```ts
 * const empty: AssistantTranscriptState = { responseId: undefined, parts: [], text: '' };
 * ```
 */
export interface AssistantTranscriptState {
  readonly responseId: string | undefined;
  /** `[itemId:contentIndex, text]` per output part of the response. */
  readonly parts: ReadonlyArray<readonly [string, string]>;
  /** The parts' text joined by a line break. */
  readonly text: string;
}

const EMPTY: AssistantTranscriptState = { responseId: undefined, parts: [], text: '' };

/**
 * (Internal.) The assistant transcript after a turn or a transcript update: a response starting clears it;
 * the assistant's transcript updates (`output_audio` and `output_text`) fill it; the user's
 * transcripts (`input_audio`) are ignored. Pure.
 *
 * @example
 * ```ts
 * const s = assistantTranscript(undefined, { source: 'output_text', itemId: 'i', contentIndex: 0, responseId: 'r', delta: 'Hi', text: 'Hi', done: false });
 * s.text; // 'Hi'
 * ```
 */
export function assistantTranscript(state: AssistantTranscriptState | undefined, change: Turn | TranscriptUpdate): AssistantTranscriptState {
  const current = state ?? EMPTY;
  if ('phase' in change) return change.phase === 'started' ? { responseId: change.responseId, parts: [], text: '' } : current;
  if (change.source === 'input_audio') return current;
  const base = change.responseId !== undefined && change.responseId !== current.responseId ? { ...EMPTY, responseId: change.responseId } : current;
  const key = `${change.itemId}:${change.contentIndex}`;
  const at = base.parts.findIndex(([k]) => k === key);
  if (at >= 0 && base.parts[at]![1] === change.text) return base;
  const parts = at >= 0 ? base.parts.map((p, i) => (i === at ? ([key, change.text] as const) : p)) : [...base.parts, [key, change.text] as const];
  return { responseId: base.responseId, parts, text: parts.map(([, t]) => t).filter((t) => t !== '').join('\n') };
}
