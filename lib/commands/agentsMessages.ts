/**
 * The client frames of OpenAI's Agents SDK transport, built exactly as it builds them (field
 * order included), for the facade's `sendMessage`, `sendFunctionCallOutput` and
 * `sendMcpResponse`.
 *
 * @module
 */

/**
 * A user message as the Agents SDK accepts it: text, or text and image parts.
 *
 * @example
 * ```ts
 * import type { AgentsUserInput } from 'openai-realtime-rx';
 * const withImage: AgentsUserInput = { content: [{ type: 'input_image', image: 'data:image/png;base64,…' }] };
 * ```
 */
export type AgentsUserInput =
  | string
  | { readonly content: ReadonlyArray<{ readonly type: string; readonly text?: string; readonly image?: string; readonly providerData?: Record<string, unknown> }> };

/**
 * The `content` of the user message item: a string becomes one `input_text` part; image parts
 * `{image, providerData}` become `{type:'input_image', image_url, ...providerData}`.
 *
 * @example
 * ```ts
 * import { agentsUserContent } from 'openai-realtime-rx';
 * agentsUserContent('hi'); // [{ type: 'input_text', text: 'hi' }]
 * ```
 */
export const agentsUserContent = (message: AgentsUserInput): unknown[] =>
  typeof message === 'string'
    ? [{ type: 'input_text', text: message }]
    : message.content.map((p) => (p.type === 'input_image' ? { type: 'input_image', image_url: p.image, ...p.providerData } : p));

/**
 * The history item a function call output completes (the `item_update` payload), or `undefined`
 * when the call lacks what a history item needs (an id, string arguments and name).
 *
 * @example
 * ```ts
 * import { completedFunctionCallItem } from 'openai-realtime-rx';
 * completedFunctionCallItem({ id: 'f1', name: 'w', arguments: '{}' }, 'ok');
 * // { itemId: 'f1', type: 'function_call', status: 'completed', arguments: '{}', name: 'w', output: 'ok' }
 * ```
 */
export function completedFunctionCallItem(
  call: { readonly id?: unknown; readonly previousItemId?: string; readonly arguments?: unknown; readonly name?: unknown },
  output: string,
): Record<string, unknown> | undefined {
  const { id, previousItemId, arguments: args, name } = call;
  if (typeof id !== 'string' || typeof args !== 'string' || typeof name !== 'string') return undefined;
  return { itemId: id, ...(previousItemId === undefined ? {} : { previousItemId }), type: 'function_call', status: 'completed', arguments: args, name, output };
}

/**
 * The `conversation.item.create` that answers an MCP approval request.
 *
 * @example
 * ```ts
 * import { mcpApprovalResponse } from 'openai-realtime-rx';
 * mcpApprovalResponse('mcp2', false, 'Denied by policy');
 * ```
 */
export const mcpApprovalResponse = (requestItemId: string, approved: boolean, reason?: string) => ({
  type: 'conversation.item.create',
  previous_item_id: requestItemId,
  item: { type: 'mcp_approval_response', approval_request_id: requestItemId, approve: approved, ...(reason === undefined ? {} : { reason }) },
});
