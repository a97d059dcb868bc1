import type { ContentPart, ConversationItem } from '../protocol/items.js';
import type { ItemEvent } from '../streams/items.js';
import type { TranscriptUpdate } from '../streams/transcripts.js';

/**
 * One item of the conversation as {@link RealtimeService.conversation} shows it: the server's
 * item (audio bytes left out) and its text so far, whether typed or transcribed.
 *
 * @example
 * ```ts
 * import type { ConversationEntry } from 'openai-realtime-rx/angular';
 * const line = (e: ConversationEntry) => `${e.role ?? e.type}: ${e.text}`;
 * ```
 */
export interface ConversationEntry {
  /** The item's id: a stable key for `@for (…; track entry.id)`. */
  readonly id: string;
  /** `message`, `function_call`, `function_call_output`, `mcp_call`, … */
  readonly type: string;
  /** For messages: `user`, `assistant` or `system`. */
  readonly role?: 'user' | 'assistant' | 'system';
  /** `in_progress` while the model or the transcriber is still producing it. */
  readonly status?: 'completed' | 'incomplete' | 'in_progress';
  /** The text of each content part, by content index: typed text, or the transcript so far. */
  readonly parts: readonly string[];
  /** The non-empty parts, joined by a line break. */
  readonly text: string;
  /** The item as the server last described it, without audio bytes. */
  readonly item: ConversationItem;
}

/**
 * (Internal.) What changes the conversation: an item event, a transcript update, or a new connection
 * (`reset`: a new connection is a new session with an empty conversation).
 *
 * @example
 * ```ts
 * const reset: ConversationChange = { kind: 'reset' };
 * ```
 */
export type ConversationChange =
  | { readonly kind: 'item'; readonly event: ItemEvent }
  | { readonly kind: 'transcript'; readonly update: TranscriptUpdate }
  | { readonly kind: 'reset' };

const partText = (part: ContentPart): string | undefined => {
  if ('text' in part && typeof part.text === 'string') return part.text;
  if ('transcript' in part && typeof part.transcript === 'string') return part.transcript;
  return undefined;
};

const withoutAudio = (item: ConversationItem): ConversationItem =>
  'content' in item && Array.isArray(item.content) && item.content.some((p) => 'audio' in p && p.audio != null)
    ? ({ ...item, content: item.content.map((p) => ('audio' in p && p.audio != null ? { ...p, audio: null } : p)) })
    : item;

const joined = (parts: readonly string[]): string => parts.filter((p) => p !== '').join('\n');

const entryOf = (itemId: string, item: ConversationItem, known: readonly string[]): ConversationEntry => {
  const content = 'content' in item && Array.isArray(item.content) ? (item.content as readonly ContentPart[]) : [];
  // the server's text wins where it has one; otherwise the transcript streamed so far stays
  const parts = Array.from({ length: Math.max(content.length, known.length) }, (_, i) => {
    const part = content[i];
    return (part && partText(part)) ?? known[i] ?? '';
  });
  const role = 'role' in item && (item.role === 'user' || item.role === 'assistant' || item.role === 'system') ? item.role : undefined;
  const status = item.status ?? undefined;
  return {
    id: itemId,
    type: item.type,
    ...(role === undefined ? {} : { role }),
    ...(status === undefined ? {} : { status }),
    parts,
    text: joined(parts),
    item: withoutAudio(item),
  };
};

const insert = (entries: readonly ConversationEntry[], entry: ConversationEntry, previousItemId: string | null | undefined): ConversationEntry[] => {
  if (previousItemId === null) return [entry, ...entries];
  const after = previousItemId === undefined ? -1 : entries.findIndex((e) => e.id === previousItemId);
  if (after < 0) return [...entries, entry];
  return [...entries.slice(0, after + 1), entry, ...entries.slice(after + 1)];
};

/**
 * (Internal.) The conversation after one change: items in the server's order (each placed after its
 * `previousItemId`), their text kept up to date from the transcripts, at most `maxItems` of them
 * (the oldest go first). Pure: returns a new array when something changed, the same one otherwise.
 *
 * @example
 * ```ts
 * const next = conversationReducer([], { kind: 'reset' }, 200); // []
 * ```
 */
export function conversationReducer(entries: readonly ConversationEntry[], change: ConversationChange, maxItems: number): readonly ConversationEntry[] {
  switch (change.kind) {
    case 'reset':
      return entries.length === 0 ? entries : [];
    case 'transcript': {
      const { itemId, contentIndex, text } = change.update;
      const at = entries.findIndex((e) => e.id === itemId);
      const entry = entries[at];
      if (entry === undefined || entry.parts[contentIndex] === text) return entries;
      const parts = [...entry.parts];
      for (let i = parts.length; i < contentIndex; i++) parts[i] = '';
      parts[contentIndex] = text;
      const next = [...entries];
      next[at] = { ...entry, parts, text: joined(parts) };
      return next;
    }
    case 'item': {
      const event = change.event;
      const at = entries.findIndex((e) => e.id === event.itemId);
      if (event.phase === 'deleted') return at < 0 ? entries : entries.filter((_, i) => i !== at);
      if (event.phase === 'truncated') return entries;
      const existing = entries[at];
      const entry = entryOf(event.itemId, event.item, existing?.parts ?? []);
      if (existing !== undefined) {
        const next = [...entries];
        next[at] = entry;
        return next;
      }
      // a retrieved item that is no longer (or not yet) in the list is not added back
      if (event.phase === 'retrieved') return entries;
      const next = insert(entries, entry, event.previousItemId);
      return next.length > maxItems ? next.slice(next.length - maxItems) : next;
    }
  }
}
