/**
 * The listener events of OpenAI's Agents SDK transport for one decoded server event, in order:
 * the event under its own `type` (or `error`), then the derived events (`turn_started`,
 * `usage_update`, `turn_done`, `item_update`, `function_call`, …). Pure: the facade delivers
 * them, and adds `'*'` and the WebSocket-specific events itself.
 *
 * @module
 */
import type { ConversationItem } from '../protocol/items.js';
import type { RealtimeItem } from '../protocol/realtimeItem.js';
import { toRealtimeItem } from '../protocol/realtimeItem.js';
import type { ServerEvent, ServerEventOf } from '../protocol/serverEvents.js';

/**
 * One listener event: its name and arguments.
 *
 * @example
 * ```ts
 * import type { Emission } from 'openai-realtime-rx';
 * const e: Emission = ['audio_done'];
 * ```
 */
export type Emission = readonly [name: string, ...args: unknown[]];

/**
 * `usage_update`'s payload: the shape of the Agents SDK's `Usage` for one request (details are
 * wrapped in one-element arrays), so `RunContext.usage.add()` accepts it.
 *
 * @example
 * ```ts
 * import type { RealtimeUsage } from 'openai-realtime-rx';
 * const total = (u: RealtimeUsage) => u.totalTokens;
 * ```
 */
export interface RealtimeUsage {
  readonly requests: 1;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly totalTokens: number;
  readonly inputTokensDetails: readonly Record<string, unknown>[];
  readonly outputTokensDetails: readonly Record<string, unknown>[];
}

const invalidItem = (item: ConversationItem): Emission => [
  'error',
  { type: 'error', error: new Error(`Invalid ${item.type} item ${String(item.id)}: it does not fit the realtime history model`) },
];

type ItemPhase = 'added' | 'done' | 'retrieved';

function conversationItem(phase: ItemPhase, event: { item: ConversationItem; previous_item_id?: string | null }): Emission[] {
  const { item } = event;
  switch (item.type) {
    case 'message': {
      // An image input fits no history item; OpenAI's SDK passes such events on raw only.
      if (item.content?.some((p) => p.type === 'input_image')) return [];
      const previous = phase !== 'retrieved' && 'previous_item_id' in event ? event.previous_item_id : undefined;
      const converted = toRealtimeItem(item, phase === 'added' ? 'in_progress' : 'completed', previous);
      return converted ? [['item_update', converted]] : [invalidItem(item)];
    }
    case 'mcp_list_tools':
      return phase === 'done' ? [['mcp_tools_listed', { serverLabel: item.server_label ?? '', tools: item.tools ?? [] }]] : [];
    case 'mcp_approval_request': {
      if (phase !== 'done') return [];
      let args: Record<string, unknown>;
      try {
        args = JSON.parse(item.arguments || '{}') as Record<string, unknown>;
      } catch {
        return [invalidItem(item)];
      }
      const approval: RealtimeItem = { itemId: item.id ?? '', type: 'mcp_approval_request', serverLabel: item.server_label ?? '', name: item.name ?? '', arguments: args };
      return [
        ['item_update', approval],
        ['mcp_approval_request', approval],
      ];
    }
    case 'mcp_call': {
      const call = mcpCall(item, phase === 'done');
      if (!call) return [invalidItem(item)];
      return phase === 'done' ? [['item_update', call], ['mcp_tool_call_completed', call]] : [['item_update', call]];
    }
    default:
      return [];
  }
}

const mcpCall = (item: Extract<ConversationItem, { type: 'mcp_call' }>, done: boolean): RealtimeItem | undefined =>
  typeof item.id === 'string'
    ? { itemId: item.id, type: 'mcp_call', status: done ? 'completed' : 'in_progress', arguments: item.arguments ?? '', name: item.name ?? '', output: item.output ?? null }
    : undefined;

function outputItem(done: boolean, event: ServerEventOf<'response.output_item.added' | 'response.output_item.done'>): Emission[] {
  const { item } = event;
  switch (item.type) {
    case 'function_call':
      if (item.status !== 'completed') return [];
      return [
        ['item_update', { itemId: item.id ?? '', type: 'function_call', status: 'in_progress', arguments: item.arguments ?? '', name: item.name ?? '', output: null }],
        [
          'function_call',
          { id: item.id ?? undefined, type: 'function_call', callId: item.call_id ?? '', arguments: item.arguments ?? '', name: item.name ?? '', responseId: event.response_id },
        ],
      ];
    case 'mcp_call': {
      const call = mcpCall(item, done);
      return call ? [['item_update', call]] : [invalidItem(item)];
    }
    case 'message': {
      if (item.content?.some((p) => p.type === 'input_image')) return [];
      const converted = toRealtimeItem(item, done ? 'completed' : 'in_progress');
      return converted ? [['item_update', converted]] : [invalidItem(item)];
    }
    default:
      return [];
  }
}

function responseDone(event: ServerEventOf<'response.done'>): Emission[] {
  const { response } = event;
  const inputTokens = response.usage?.input_tokens ?? 0;
  const outputTokens = response.usage?.output_tokens ?? 0;
  const inputTokensDetails = response.usage?.input_token_details ?? {};
  const outputTokensDetails = response.usage?.output_token_details ?? {};
  const totalTokens = inputTokens + outputTokens;
  const usage: RealtimeUsage = { requests: 1, inputTokens, outputTokens, totalTokens, inputTokensDetails: [inputTokensDetails], outputTokensDetails: [outputTokensDetails] };
  return [
    ['usage_update', usage],
    [
      'turn_done',
      { type: 'response_done', response: { id: response.id ?? '', output: response.output ?? [], usage: { inputTokens, inputTokensDetails, outputTokens, outputTokensDetails, totalTokens } } },
    ],
  ];
}

const derived: { readonly [K in ServerEvent['type']]?: (event: ServerEventOf<K>) => Emission[] } = {
  'response.created': (e) => [['turn_started', { type: 'response_started', providerData: { ...e } }]],
  'response.done': responseDone,
  'response.output_audio.done': () => [['audio_done']],
  'conversation.item.deleted': (e) => [['item_deleted', { itemId: e.item_id }]],
  'response.output_audio_transcript.delta': (e) => [['audio_transcript_delta', { type: 'transcript_delta', delta: e.delta, itemId: e.item_id, responseId: e.response_id }]],
  'response.output_text.delta': (e) => [['output_text_delta', { type: 'output_text_delta', delta: e.delta, itemId: e.item_id, responseId: e.response_id }]],
  'conversation.item.added': (e) => conversationItem('added', e),
  'conversation.item.done': (e) => conversationItem('done', e),
  'conversation.item.retrieved': (e) => conversationItem('retrieved', e),
  'response.output_item.added': (e) => outputItem(false, e),
  'response.output_item.done': (e) => outputItem(true, e),
};

/** `derived` by type, as a `Map`: a type fresh from `JSON.parse` is looked up on every frame. */
const derivedTable: ReadonlyMap<string, (event: ServerEvent) => Emission[]> = new Map(Object.entries(derived) as Array<[string, (event: ServerEvent) => Emission[]]>);

/**
 * Whether a server event type has derived listener events (besides its own name).
 *
 * @example
 * ```ts
 * import { hasDerivedEmissions } from 'openai-realtime-rx';
 * hasDerivedEmissions('response.done');               // true: usage_update, turn_done
 * hasDerivedEmissions('response.output_audio.delta'); // false
 * ```
 */
export const hasDerivedEmissions = (type: string): boolean => derivedTable.has(type);

/**
 * The listener events for one known server event, in the order OpenAI's Agents SDK emits them.
 * `typed` is the payload for the event's own name (the facade passes a copy without unknown
 * top-level keys). A server `error` becomes `error({type:'error', error: event})`.
 *
 * @example
 * ```ts
 * import { emissionsOf } from 'openai-realtime-rx';
 * emissionsOf(responseDoneEvent).map(([name]) => name); // ['response.done', 'usage_update', 'turn_done']
 * ```
 */
export function emissionsOf(event: ServerEvent, typed: unknown = event): Emission[] {
  if (event.type === 'error') return [['error', { type: 'error', error: typed }]];
  const more = derivedTable.get(event.type);
  return more ? [[event.type, typed], ...more(event)] : [[event.type, typed]];
}
