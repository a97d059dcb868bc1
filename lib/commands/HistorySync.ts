/**
 * Making the server's conversation equal a new local history: the diff, the guards, and the
 * ordered `conversation.item.delete` / `conversation.item.create` requests, with tracking of the
 * requests the server has not acknowledged yet (so an item whose delete is still pending is never
 * used as an anchor).
 *
 * @module
 */
import type { RealtimeItem } from '../protocol/realtimeItem.js';
import { UserError } from './UserError.js';

/**
 * The difference between two histories, by `itemId`.
 *
 * @example
 * ```ts
 * import type { HistoryDiff } from 'openai-realtime-rx';
 * const count = (d: HistoryDiff) => d.additions.length + d.removals.length + d.updates.length;
 * ```
 */
export interface HistoryDiff {
  readonly removals: RealtimeItem[];
  readonly additions: RealtimeItem[];
  readonly updates: RealtimeItem[];
}

const MCP_TYPES = new Set(['mcp_call', 'mcp_tool_call', 'mcp_approval_request']);

const hasAssistantAudio = (item: RealtimeItem): boolean =>
  item.type === 'message' && item.role === 'assistant' && item.content.some((part) => part.type === 'output_audio');

/**
 * Diff two histories: removals (in old order), additions and updates (in new order). An item
 * counts as updated when its JSON differs, key order and position included.
 *
 * @throws UserError if an addition or update is an assistant message with `output_audio`
 * content, which the Realtime API cannot replay.
 *
 * @example
 * ```ts
 * import { diffRealtimeHistory } from 'openai-realtime-rx';
 * const { removals, additions, updates } = diffRealtimeHistory(previous, next);
 * ```
 */
export function diffRealtimeHistory(oldHistory: readonly RealtimeItem[], newHistory: readonly RealtimeItem[]): HistoryDiff {
  const oldById = new Map(oldHistory.map((item) => [item.itemId, item]));
  const newIds = new Set(newHistory.map((item) => item.itemId));
  const removals = oldHistory.filter((item) => !newIds.has(item.itemId));
  const additions = newHistory.filter((item) => !oldById.has(item.itemId));
  const updates = newHistory.filter((item) => {
    const before = oldById.get(item.itemId);
    return before !== undefined && JSON.stringify(before) !== JSON.stringify(item);
  });
  for (const item of [...additions, ...updates]) {
    if (hasAssistantAudio(item)) {
      throw new UserError(
        `Assistant output_audio history item ${item.itemId} cannot be replayed through OpenAI Realtime. Convert its transcript to output_text content or remove the item before calling updateHistory().`,
      );
    }
  }
  return { removals, additions, updates };
}

/**
 * A history frame sent to the server.
 *
 * @example
 * ```ts
 * const frame: HistoryFrame = { type: 'conversation.item.delete', item_id: 'i1', event_id: 'agents_delete_1' };
 * ```
 */
export type HistoryFrame = { readonly type: 'conversation.item.delete' | 'conversation.item.create'; readonly event_id: string; readonly [key: string]: unknown };

interface Pending {
  readonly kind: 'create' | 'delete';
  readonly itemId: string;
  readonly eventId: string;
}

/**
 * Sends history edits and tracks which are still unacknowledged. One per transport; its event id
 * counter (`agents_delete_N`, `agents_create_N`) runs for the transport's lifetime.
 *
 * @example
 * ```ts
 * import { HistorySync } from 'openai-realtime-rx';
 * const sync = new HistorySync();
 * sync.reset(oldHistory, newHistory, (frame) => socket.send(JSON.stringify(frame)), console.warn);
 * sync.acknowledge('delete', 'item_1'); // on conversation.item.deleted
 * ```
 */
export class HistorySync {
  private pending: Pending[] = [];
  private counter = 0;

  /**
   * Send the deletes and creates that turn `oldHistory` into `newHistory`. Validation happens
   * before anything is sent. A frame whose send throws is forgotten and the error rethrown.
   *
   * @throws UserError for assistant `output_audio` content, or any MCP item added or updated.
   */
  reset(
    oldHistory: readonly RealtimeItem[],
    newHistory: readonly RealtimeItem[],
    send: (frame: HistoryFrame) => void,
    warn: (message: string) => void,
  ): void {
    const { removals, additions, updates } = diffRealtimeHistory(oldHistory, newHistory);
    const oldTypes = new Map(oldHistory.map((item) => [item.itemId, item.type]));
    const toCreate = new Set([...additions, ...updates].map((item) => item.itemId));
    for (const item of newHistory) {
      if (!toCreate.has(item.itemId)) continue;
      const before = oldTypes.get(item.itemId);
      if (before !== undefined && MCP_TYPES.has(before)) throw mcpError(`itemId ${item.itemId} replaces an existing '${before}' item with a '${item.type}' item`);
      if (MCP_TYPES.has(item.type)) throw mcpError(`a '${item.type}' item (itemId: ${item.itemId}) would be added or updated`);
    }

    for (const itemId of new Set([...removals, ...updates].map((item) => item.itemId))) {
      this.send({ kind: 'delete', itemId, eventId: `agents_delete_${++this.counter}` }, { type: 'conversation.item.delete', item_id: itemId }, send);
    }

    const absent = this.projectedAbsent();
    const survives = (item: RealtimeItem) => !toCreate.has(item.itemId) && !absent.has(item.itemId);
    let lastAnchored = -1;
    newHistory.forEach((item, i) => {
      if (survives(item)) lastAnchored = i;
    });
    let anchor = 'root';
    newHistory.forEach((item, i) => {
      if (!toCreate.has(item.itemId)) {
        if (survives(item)) anchor = item.itemId;
        return;
      }
      if (item.type === 'function_call') return warn('Function calls cannot be manually added or updated at the moment. Ignoring.');
      if (item.type !== 'message') return;
      const status = item.role !== 'system' && item.status ? { status: item.status } : {};
      this.send(
        { kind: 'create', itemId: item.itemId, eventId: `agents_create_${++this.counter}` },
        {
          type: 'conversation.item.create',
          ...(i < lastAnchored ? { previous_item_id: anchor } : {}),
          item: { type: 'message', role: item.role, content: item.content, id: item.itemId, ...status },
        },
        send,
      );
      anchor = item.itemId;
    });
  }

  /** The server confirmed a create (`conversation.item.added`) or a delete (`conversation.item.deleted`). */
  acknowledge(kind: 'create' | 'delete', itemId: string): void {
    const i = this.pending.findIndex((p) => p.kind === kind && p.itemId === itemId);
    if (i >= 0) this.pending.splice(i, 1);
  }

  /** The server rejected the request with this `event_id`. */
  reject(eventId: string): void {
    this.pending = this.pending.filter((p) => p.eventId !== eventId);
  }

  /** The connection ended: nothing is pending any more. */
  clear(): void {
    this.pending = [];
  }

  private send(pending: Pending, frame: Omit<HistoryFrame, 'event_id'>, send: (frame: HistoryFrame) => void): void {
    this.pending.push(pending);
    try {
      send({ ...frame, event_id: pending.eventId } as HistoryFrame);
    } catch (error) {
      this.pending = this.pending.filter((p) => p !== pending);
      throw error;
    }
  }

  /** Ids whose latest unacknowledged request is a delete. */
  private projectedAbsent(): Set<string> {
    const last = new Map<string, Pending['kind']>();
    for (const p of this.pending) last.set(p.itemId, p.kind);
    return new Set([...last].filter(([, kind]) => kind === 'delete').map(([id]) => id));
  }
}

const mcpError = (detail: string) =>
  new UserError(
    `MCP items cannot be added or updated via updateHistory(). Found ${detail}. Leave existing MCP items unchanged, or remove them from history entirely, before calling updateHistory().`,
  );
