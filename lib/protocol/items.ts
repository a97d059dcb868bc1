/**
 * Conversation item and content part codecs.
 *
 * Items are discriminated by `type` (then `role` for messages). Content parts come in two
 * vocabularies: GA words (`input_text`, `input_audio`, `input_image`, `output_text`,
 * `output_audio`) and the beta words `text` / `audio` that OpenAI's captured traffic still uses
 * inside items. Both are accepted; an unknown part or item type is rejected, so that a consumer
 * switching on `type` never meets a case it cannot handle (the frame still reaches raw listeners).
 *
 * Following OpenAI's own SDK, every field except the discriminators is optional and nullable:
 * items in `conversation.item.added` arrive half-built.
 *
 * @module
 */
import * as t from 'io-ts';
import { taggedUnion } from './combinators.js';
import { JsonObject, nullable, struct } from './primitives.js';

const str = nullable(t.string);

const textPart = <K extends string>(type: K) =>
  struct(`${type} part`, { type: t.literal(type) }, { text: str });
const audioPart = <K extends string>(type: K) =>
  struct(`${type} part`, { type: t.literal(type) }, { audio: str, transcript: str });

/**
 * One part of a message item's `content`, in either vocabulary, plus `item_reference`.
 *
 * @example
 * ```ts
 * import { ContentPart } from 'openai-realtime-rx';
 * ContentPart.is({ type: 'input_text', text: 'hi' });            // true
 * ContentPart.is({ type: 'audio', transcript: 'legacy spelling' }); // true
 * ```
 */
export const ContentPart = taggedUnion(
  'type',
  [
    textPart('input_text'),
    audioPart('input_audio'),
    struct(
      'input_image part',
      { type: t.literal('input_image') },
      { image_url: str, detail: str },
    ),
    textPart('output_text'),
    audioPart('output_audio'),
    textPart('text'),
    audioPart('audio'),
    struct('item_reference part', { type: t.literal('item_reference') }, { id: str }),
  ],
  'ContentPart',
);
/** @see {@link ContentPart} */
export type ContentPart = t.TypeOf<typeof ContentPart>;

const itemBase = {
  id: str,
  object: str,
  status: nullable(t.keyof({ completed: null, incomplete: null, in_progress: null })),
};

/**
 * A `message` item (`role` is `system`, `user` or `assistant`).
 *
 * @example
 * ```ts
 * import { MessageItem } from 'openai-realtime-rx';
 * MessageItem.is({ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }); // true
 * ```
 */
export const MessageItem = struct(
  'MessageItem',
  {
    type: t.literal('message'),
    role: t.keyof({ system: null, user: null, assistant: null }),
  },
  { ...itemBase, content: t.array(ContentPart) },
);
/** @see {@link MessageItem} */
export type MessageItem = t.TypeOf<typeof MessageItem>;

/**
 * A `function_call` item: the model asks the client to run a tool (`arguments` is JSON text).
 *
 * @example
 * ```ts
 * import { FunctionCallItem } from 'openai-realtime-rx';
 * FunctionCallItem.is({ type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' }); // true
 * ```
 */
export const FunctionCallItem = struct(
  'FunctionCallItem',
  { type: t.literal('function_call') },
  { ...itemBase, call_id: str, name: str, arguments: str },
);
/** @see {@link FunctionCallItem} */
export type FunctionCallItem = t.TypeOf<typeof FunctionCallItem>;

/**
 * A `function_call_output` item: the client's answer to a `function_call` with the same `call_id`.
 *
 * @example
 * ```ts
 * import { FunctionCallOutputItem } from 'openai-realtime-rx';
 * FunctionCallOutputItem.is({ type: 'function_call_output', call_id: 'c1', output: '{"ok":true}' }); // true
 * ```
 */
export const FunctionCallOutputItem = struct(
  'FunctionCallOutputItem',
  { type: t.literal('function_call_output') },
  { ...itemBase, call_id: str, output: str },
);

const McpToolInfo = struct(
  'McpToolInfo',
  { name: t.string },
  { input_schema: nullable(JsonObject), description: str, annotations: nullable(JsonObject) },
);

/**
 * An `mcp_list_tools` item (tools listed by a hosted MCP server).
 *
 * @example
 * ```ts
 * McpListToolsItem.is({ type: 'mcp_list_tools', server_label: 'docs', tools: [{ name: 'search' }] }); // true
 * ```
 */
export const McpListToolsItem = struct(
  'McpListToolsItem',
  { type: t.literal('mcp_list_tools') },
  { ...itemBase, server_label: str, tools: nullable(t.array(McpToolInfo)) },
);

/**
 * An `mcp_call` item (a hosted MCP tool call and its result).
 *
 * @example
 * ```ts
 * McpCallItem.is({ type: 'mcp_call', id: 'm1', server_label: 'docs', name: 'search', arguments: '{}' }); // true
 * ```
 */
export const McpCallItem = struct(
  'McpCallItem',
  { type: t.literal('mcp_call') },
  {
    ...itemBase,
    server_label: str,
    name: str,
    arguments: str,
    approval_request_id: str,
    output: str,
    error: nullable(JsonObject),
  },
);

/**
 * An `mcp_approval_request` item (the server asks whether an MCP call may run).
 *
 * @example
 * ```ts
 * McpApprovalRequestItem.is({ type: 'mcp_approval_request', id: 'a1', name: 'delete_file' }); // true
 * ```
 */
export const McpApprovalRequestItem = struct(
  'McpApprovalRequestItem',
  { type: t.literal('mcp_approval_request') },
  { ...itemBase, server_label: str, name: str, arguments: str },
);

/**
 * An `mcp_approval_response` item (the client's answer to an approval request).
 *
 * @example
 * ```ts
 * McpApprovalResponseItem.is({ type: 'mcp_approval_response', approval_request_id: 'a1', approve: false }); // true
 * ```
 */
export const McpApprovalResponseItem = struct(
  'McpApprovalResponseItem',
  { type: t.literal('mcp_approval_response') },
  { ...itemBase, approval_request_id: str, approve: nullable(t.boolean), reason: str },
);

/**
 * Any GA conversation item, discriminated by `type` (io-ts indexes the literal tag, so decoding
 * looks the variant up instead of trying each in turn).
 *
 * @example
 * ```ts
 * import { ConversationItem } from 'openai-realtime-rx';
 * ConversationItem.is({ type: 'function_call_output', call_id: 'c1', output: 'ok' }); // true
 * ConversationItem.is({ type: 'web_search_call' });                                   // false
 * ```
 */
export const ConversationItem = taggedUnion(
  'type',
  [
    MessageItem,
    FunctionCallItem,
    FunctionCallOutputItem,
    McpListToolsItem,
    McpCallItem,
    McpApprovalRequestItem,
    McpApprovalResponseItem,
  ],
  'ConversationItem',
);
/** @see {@link ConversationItem} */
export type ConversationItem = t.TypeOf<typeof ConversationItem>;

/**
 * `{type:'item_reference', id}`: refers to an existing item in `response.create` `input`.
 *
 * @example
 * ```ts
 * import { ItemReference } from 'openai-realtime-rx';
 * ItemReference.is({ type: 'item_reference', id: 'item_1' }); // true
 * ```
 */
export const ItemReference = t.type({ type: t.literal('item_reference'), id: t.string }, 'ItemReference');
