import type { OperatorFunction } from 'rxjs';
import type { ConversationItem } from '../protocol/items.js';
import type { AnyServerEvent } from './AnyServerEvent.js';
import { collect } from './collect.js';

/**
 * A step in the life of a conversation item, on the server's side of the conversation.
 *
 * - `added`: the item joined the conversation (model items arrive `in_progress` and empty);
 * - `done`: the item is final (audio bytes omitted);
 * - `retrieved`: the answer to `conversation.item.retrieve`;
 * - `deleted`, `truncated`: what `conversation.item.delete` / `truncate` did.
 *
 * @example
 * ```ts
 * import type { ItemEvent } from 'openai-realtime-rx';
 * const onItem = (e: ItemEvent) => e.phase === 'deleted' && history.delete(e.itemId);
 * ```
 */
export type ItemEvent =
  | {
      readonly phase: 'added' | 'done' | 'retrieved';
      readonly itemId: string;
      readonly item: ConversationItem;
      /** The item it follows (`null` at the front); absent for `retrieved`. */
      readonly previousItemId?: string | null;
    }
  | { readonly phase: 'deleted'; readonly itemId: string }
  | { readonly phase: 'truncated'; readonly itemId: string; readonly contentIndex: number; readonly audioEndMs: number };

const withPrevious = (previous: string | null | undefined) => (previous === undefined ? {} : { previousItemId: previous });

/**
 * Conversation item lifecycle events, from `conversation.item.*`. The pre-GA
 * `conversation.item.created` counts as `added`.
 *
 * @example
 * ```ts
 * import { itemEvents } from 'openai-realtime-rx';
 * events$.pipe(itemEvents()).subscribe((e) => console.log(e.phase, e.itemId));
 * ```
 */
export const itemEvents = (): OperatorFunction<AnyServerEvent, ItemEvent> =>
  collect((e): ItemEvent | undefined => {
    switch (e.type) {
      case 'conversation.item.added':
      case 'conversation.item.created':
      case 'conversation.item.done': {
        const d = e as Extract<AnyServerEvent, { type: 'conversation.item.added' | 'conversation.item.created' | 'conversation.item.done' }>;
        return { phase: d.type === 'conversation.item.done' ? 'done' : 'added', itemId: d.item.id ?? '', item: d.item, ...withPrevious(d.previous_item_id) };
      }
      case 'conversation.item.retrieved': {
        const d = e as Extract<AnyServerEvent, { type: 'conversation.item.retrieved' }>;
        return { phase: 'retrieved', itemId: d.item.id ?? '', item: d.item };
      }
      case 'conversation.item.deleted':
        return { phase: 'deleted', itemId: (e as Extract<AnyServerEvent, { type: 'conversation.item.deleted' }>).item_id };
      case 'conversation.item.truncated': {
        const d = e as Extract<AnyServerEvent, { type: 'conversation.item.truncated' }>;
        return { phase: 'truncated', itemId: d.item_id, contentIndex: d.content_index, audioEndMs: d.audio_end_ms };
      }
      default:
        return undefined;
    }
  });
