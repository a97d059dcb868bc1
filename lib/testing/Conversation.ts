/**
 * The server's conversation: items in order, placed by `previous_item_id` (`root` = the front).
 *
 * @module
 */

/**
 * A conversation item as the simulator stores it (the GA wire shape).
 *
 * @example
 * ```ts
 * const item: SimItem = { id: 'item_1', type: 'message', role: 'user', content: [] };
 * ```
 */
export type SimItem = Record<string, unknown> & { id: string; type: string };

/**
 * An ordered list of items addressed by id.
 *
 * @example
 * ```ts
 * import { Conversation } from 'openai-realtime-rx/testing';
 * const c = new Conversation();
 * c.insert({ id: 'a', type: 'message' });
 * c.insert({ id: 'b', type: 'message' }, 'root'); // b is now first
 * ```
 */
export class Conversation {
  private readonly items: SimItem[] = [];

  /** All items, in order. */
  get all(): readonly SimItem[] {
    return this.items;
  }

  get(id: string): SimItem | undefined {
    return this.items.find((item) => item.id === id);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /**
   * Insert after `previousItemId` (`'root'`: at the front; undefined: at the end). Returns the id
   * of the item it follows (`null` at the front), or `undefined` if `previousItemId` is unknown.
   */
  insert(item: SimItem, previousItemId?: string | null): string | null | undefined {
    if (previousItemId === undefined || previousItemId === null) {
      const last = this.items[this.items.length - 1];
      this.items.push(item);
      return last?.id ?? null;
    }
    if (previousItemId === 'root') {
      this.items.unshift(item);
      return null;
    }
    const i = this.items.findIndex((x) => x.id === previousItemId);
    if (i < 0) return undefined;
    this.items.splice(i + 1, 0, item);
    return previousItemId;
  }

  delete(id: string): boolean {
    const i = this.items.findIndex((x) => x.id === id);
    if (i < 0) return false;
    this.items.splice(i, 1);
    return true;
  }
}
