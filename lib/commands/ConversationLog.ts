import type { ClientEventOf } from '../protocol/clientEvents.js';
import type { ConversationItem } from '../protocol/items.js';

/**
 * One conversation item as it can be replayed into a new session: user text and transcribed
 * user speech become `input_text`, assistant text and the transcript of assistant speech become
 * `output_text`, function calls and their outputs stay what they are.
 *
 * @example
 * ```ts
 * const entry: LoggedItem = { id: 'item_1', kind: 'message', role: 'user', text: 'Hello' };
 * ```
 */
export type LoggedItem =
  | { readonly id: string; readonly kind: 'message'; readonly role: 'user' | 'assistant' | 'system'; readonly text: string }
  | { readonly id: string; readonly kind: 'function_call'; readonly callId: string; readonly name: string; readonly arguments: string }
  | { readonly id: string; readonly kind: 'function_call_output'; readonly callId: string; readonly output: string };

/**
 * How much of the conversation a restore replays, most recent first.
 *
 * @example
 * ```ts
 * const budget: ReplayBudget = { maxItems: 20, maxChars: 8_000 };
 * ```
 */
export interface ReplayBudget {
  /** At most this many items. Default 50. */
  readonly maxItems?: number;
  /** At most this many characters of text, arguments and outputs together. Default 20,000. */
  readonly maxChars?: number;
}

/** The default {@link ReplayBudget}. */
const DEFAULT_BUDGET = { maxItems: 50, maxChars: 20_000 } as const;

type Part = { readonly type: string; readonly text?: string | null; readonly transcript?: string | null };

const textOf = (content: readonly Part[] | null | undefined): string =>
  (content ?? [])
    .map((p) => (typeof p.text === 'string' ? p.text : typeof p.transcript === 'string' ? p.transcript : ''))
    .filter((t) => t !== '')
    .join(' ');

const sizeOf = (item: LoggedItem): number =>
  item.kind === 'message' ? item.text.length : item.kind === 'function_call' ? item.arguments.length + item.name.length : item.output.length;

/** A conversation item as the log keeps it, or `undefined` for items it does not replay (MCP, images, empty messages). */
function toLogged(item: ConversationItem): LoggedItem | undefined {
  const it = item as { id?: string | null; type: string; role?: string; content?: readonly Part[] | null; call_id?: string; name?: string; arguments?: string; output?: string };
  if (typeof it.id !== 'string') return undefined;
  if (it.type === 'message' && (it.role === 'user' || it.role === 'assistant' || it.role === 'system')) {
    return { id: it.id, kind: 'message', role: it.role, text: textOf(it.content) };
  }
  if (it.type === 'function_call' && typeof it.call_id === 'string') {
    return { id: it.id, kind: 'function_call', callId: it.call_id, name: it.name ?? '', arguments: it.arguments ?? '' };
  }
  if (it.type === 'function_call_output' && typeof it.call_id === 'string') {
    return { id: it.id, kind: 'function_call_output', callId: it.call_id, output: it.output ?? '' };
  }
  return undefined;
}

/**
 * The conversation as far as it can be replayed, in server order, bounded: what a reconnect
 * needs to restore a new (empty) server session. It learns from server events (`record`) and
 * gives back `conversation.item.create` commands chained with `previous_item_id` (`replay`).
 * Pure: no sockets, no timers.
 *
 * @example
 * ```ts
 * const log = new ConversationLog();
 * client.events$.subscribe((e) => log.record(e));
 * // after a reconnect:
 * for (const command of log.replay({ maxItems: 20 })) client.send(command);
 * ```
 */
export class ConversationLog {
  private readonly items = new Map<string, LoggedItem>();

  /** @param capacity - the most items kept (the oldest are forgotten first). */
  constructor(private readonly capacity = 1000) {}

  /** How many items are kept. */
  get size(): number {
    return this.items.size;
  }

  /** Learn from one server event; events that do not change the conversation are ignored. */
  record(event: { readonly type: string; readonly [field: string]: unknown }): void {
    const e = event as { type: string; item?: ConversationItem; item_id?: string; transcript?: string };
    switch (e.type) {
      case 'conversation.item.done':
      case 'conversation.item.added':
      case 'response.output_item.done': {
        const logged = e.item === undefined ? undefined : toLogged(e.item);
        if (logged === undefined) return;
        const known = this.items.get(logged.id);
        // an item added before its transcript arrived keeps the transcript it already has
        if (known?.kind === 'message' && logged.kind === 'message' && logged.text === '') return;
        if (known === undefined && this.items.size >= this.capacity) this.items.delete(this.items.keys().next().value as string);
        this.items.set(logged.id, logged);
        return;
      }
      case 'conversation.item.input_audio_transcription.completed': {
        const known = e.item_id === undefined ? undefined : this.items.get(e.item_id);
        if (known?.kind === 'message' && typeof e.transcript === 'string') this.items.set(known.id, { ...known, text: e.transcript });
        return;
      }
      case 'conversation.item.deleted':
        if (e.item_id !== undefined) this.items.delete(e.item_id);
        return;
    }
  }

  /** Forget everything (a new conversation). */
  clear(): void {
    this.items.clear();
  }

  /** The items kept, oldest first. */
  entries(): readonly LoggedItem[] {
    return [...this.items.values()];
  }

  /**
   * The `conversation.item.create` commands that rebuild the most recent part of the
   * conversation within the budget, oldest first, each placed after the one before it. A
   * function call output whose call did not fit is left out (the server would refuse it); empty
   * messages are left out.
   */
  replay(budget: ReplayBudget = {}): Array<ClientEventOf<'conversation.item.create'>> {
    const maxItems = budget.maxItems ?? DEFAULT_BUDGET.maxItems;
    const maxChars = budget.maxChars ?? DEFAULT_BUDGET.maxChars;
    const all = this.entries().filter((i) => i.kind !== 'message' || i.text !== '');
    const chosen: LoggedItem[] = [];
    let chars = 0;
    for (let i = all.length - 1; i >= 0 && chosen.length < maxItems; i--) {
      const item = all[i] as LoggedItem;
      const size = sizeOf(item);
      if (chars + size > maxChars) break;
      chars += size;
      chosen.unshift(item);
    }
    const calls = new Set(chosen.flatMap((i) => (i.kind === 'function_call' ? [i.callId] : [])));
    const replayable = chosen.filter((i) => i.kind !== 'function_call_output' || calls.has(i.callId));
    let previous: string | undefined;
    return replayable.map((item) => {
      const command: ClientEventOf<'conversation.item.create'> = {
        type: 'conversation.item.create',
        ...(previous === undefined ? {} : { previous_item_id: previous }),
        item: itemOf(item),
      };
      previous = item.id;
      return command;
    });
  }
}

function itemOf(item: LoggedItem): ConversationItem {
  switch (item.kind) {
    case 'message':
      return {
        id: item.id,
        type: 'message',
        role: item.role,
        content: [{ type: item.role === 'assistant' ? 'output_text' : 'input_text', text: item.text }],
      };
    case 'function_call':
      return { id: item.id, type: 'function_call', call_id: item.callId, name: item.name, arguments: item.arguments };
    case 'function_call_output':
      return { id: item.id, type: 'function_call_output', call_id: item.callId, output: item.output };
  }
}
