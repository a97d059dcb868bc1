/**
 * `RealtimeItem`: the validated, camelCase conversation items that OpenAI's Agents SDK keeps in
 * its history (`item_update` payloads), and their conversion from wire items.
 *
 * @module
 */
import type { ConversationItem } from './items.js';

type Status = 'in_progress' | 'completed' | 'incomplete';

/**
 * A conversation item as the Agents SDK's `RealtimeSession` history holds it.
 *
 * @example
 * ```ts
 * import type { RealtimeItem } from 'openai-realtime-rx';
 * const hello: RealtimeItem = { itemId: 'i1', type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_text', text: 'hello' }] };
 * ```
 */
export type RealtimeItem =
  | { itemId: string; previousItemId?: string | null; type: 'message'; role: 'system'; content: Array<{ type: 'input_text'; text: string }> }
  | {
      itemId: string;
      previousItemId?: string | null;
      type: 'message';
      role: 'user';
      status: Status;
      content: Array<{ type: 'input_text'; text: string } | { type: 'input_audio'; audio?: string | null; transcript: string | null }>;
    }
  | {
      itemId: string;
      previousItemId?: string | null;
      type: 'message';
      role: 'assistant';
      status: Status;
      content: Array<{ type: 'output_text'; text: string } | { type: 'output_audio'; audio?: string | null; transcript?: string | null }>;
    }
  | { itemId: string; previousItemId?: string | null; type: 'function_call'; status: Status; arguments: string; name: string; output: string | null }
  | { itemId: string; previousItemId?: string | null; type: 'mcp_call' | 'mcp_tool_call'; status: Status; arguments: string; name: string; output: string | null }
  | { itemId: string; type: 'mcp_approval_request'; serverLabel: string; name: string; arguments: Record<string, unknown>; approved?: boolean | null };

const STATUSES = new Set(['in_progress', 'completed', 'incomplete']);
const isStatus = (s: unknown): s is Status => typeof s === 'string' && STATUSES.has(s);
const str = (v: unknown): v is string => typeof v === 'string';
const strOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';

type Part = Record<string, unknown>;

/** A content part reduced to the keys its role allows, or `undefined` if it does not fit. */
function part(role: 'system' | 'user' | 'assistant', raw: Part): Part | undefined {
  // Assistant audio still arrives under the beta name `audio` (and text as `text`) in captured
  // traffic; the history uses the GA names.
  const type = role === 'assistant' && raw['type'] === 'audio' ? 'output_audio' : role === 'assistant' && raw['type'] === 'text' ? 'output_text' : raw['type'];
  if (type === 'input_text' && role !== 'assistant' && str(raw['text'])) return { type, text: raw['text'] };
  if (role === 'system') return undefined;
  if (type === 'input_audio' && role === 'user' && strOrNull(raw['transcript'] ?? null)) {
    const out: Part = { type };
    if (raw['audio'] !== undefined) out['audio'] = raw['audio'];
    out['transcript'] = raw['transcript'] ?? null;
    return out;
  }
  if (type === 'output_text' && role === 'assistant' && str(raw['text'])) return { type, text: raw['text'] };
  if (type === 'output_audio' && role === 'assistant') {
    const out: Part = { type };
    if (raw['audio'] !== undefined) out['audio'] = raw['audio'];
    if (raw['transcript'] !== undefined) out['transcript'] = raw['transcript'];
    return out;
  }
  return undefined;
}

/**
 * Convert a wire item into a {@link RealtimeItem}: camelCase keys, unknown keys dropped, a
 * missing status filled in (`fallbackStatus`), assistant `audio` parts renamed `output_audio`.
 * Returns `undefined` for an item the history cannot hold (a part that does not fit its role,
 * an image input, a call without a name).
 *
 * @param item - the wire item.
 * @param fallbackStatus - the status to assume when the item has none.
 * @param previousItemId - the position to record (`undefined`: no `previousItemId` key).
 *
 * @example
 * ```ts
 * import { toRealtimeItem } from 'openai-realtime-rx';
 * toRealtimeItem({ id: 'i1', type: 'message', role: 'assistant', content: [{ type: 'audio', transcript: 'hi' }] }, 'completed');
 * // { itemId: 'i1', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_audio', transcript: 'hi' }] }
 * ```
 */
export function toRealtimeItem(item: ConversationItem, fallbackStatus: Status, previousItemId?: string | null): RealtimeItem | undefined {
  const itemId = item.id;
  if (!str(itemId)) return undefined;
  const status = isStatus(item.status) ? item.status : fallbackStatus;
  // Built key by key, in the SDK's key order, rather than with object spreads: V8 builds spread
  // literals on a slow path, which made this the most expensive step of an item event.
  const out: Record<string, unknown> = { itemId };
  if (previousItemId !== undefined) out['previousItemId'] = previousItemId;
  switch (item.type) {
    case 'message': {
      const content: Part[] = [];
      for (const raw of item.content ?? []) {
        const p = part(item.role, raw);
        if (p === undefined) return undefined;
        content.push(p);
      }
      out['type'] = 'message';
      out['role'] = item.role;
      if (item.role !== 'system') out['status'] = status;
      out['content'] = content;
      return out as RealtimeItem;
    }
    case 'function_call':
      if (!str(item.arguments) || !str(item.name)) return undefined;
      return Object.assign(out, { type: 'function_call', status, arguments: item.arguments, name: item.name, output: null }) as RealtimeItem;
    case 'mcp_call':
      if (!str(item.arguments) || !str(item.name) || !strOrNull(item.output ?? null)) return undefined;
      return Object.assign(out, { type: 'mcp_call', status, arguments: item.arguments, name: item.name, output: item.output ?? null }) as RealtimeItem;
    default:
      return undefined;
  }
}
