import type { ConversationItemState } from '../streams/conversationReducer.js';

/**
 * One item of the conversation as {@link RealtimeService.conversation} shows it: the core's
 * `ConversationItemState` (id, type, role, status, content with its text or transcript so far,
 * `text`, the audio received, a tool call with its output, the response it came from, a
 * truncation).
 *
 * @example
 * ```ts
 * import type { ConversationEntry } from 'openai-realtime-rx/angular';
 * const line = (e: ConversationEntry) => `${e.role ?? e.type}: ${e.text}${e.truncated ? ' (cut)' : ''}`;
 * ```
 */
export type ConversationEntry = ConversationItemState;
