/**
 * Typed constructors for the client events people send most, so nobody hand-writes wire objects.
 * Each returns a plain {@link ClientEvent}; send it with `client.send(...)` or pipe a stream of
 * them into `client.commands`.
 *
 * @module
 */
import { encodeBase64 } from '../audio/base64.js';
import type { ClientEventOf } from '../protocol/clientEvents.js';
import type { ConversationItem } from '../protocol/items.js';
import type { ResponseCreateParams } from '../protocol/response.js';
import type { SessionUpdateConfig } from '../protocol/session.js';

/**
 * `input_audio_buffer.append`: add audio to the input buffer. Bytes are base64-encoded here
 * (in chunks, so long buffers are safe); a string is taken as base64 already.
 *
 * @example
 * ```ts
 * import { map } from 'rxjs';
 * import { appendAudio } from 'openai-realtime-rx';
 * mic$.pipe(map(appendAudio)).subscribe(client.commands); // 20 ms PCM16 chunks
 * ```
 */
export const appendAudio = (audio: ArrayBufferLike | ArrayBufferView | string): ClientEventOf<'input_audio_buffer.append'> => ({
  type: 'input_audio_buffer.append',
  audio: typeof audio === 'string' ? audio : encodeBase64(audio),
});

/**
 * `input_audio_buffer.commit`: make the buffered audio a user message (without server VAD).
 *
 * @example
 * ```ts
 * import { commitAudio } from 'openai-realtime-rx';
 * client.send(commitAudio());
 * ```
 */
export const commitAudio = (): ClientEventOf<'input_audio_buffer.commit'> => ({ type: 'input_audio_buffer.commit' });

/**
 * `input_audio_buffer.clear`: drop the buffered input audio.
 *
 * @example
 * ```ts
 * import { clearAudio } from 'openai-realtime-rx';
 * client.send(clearAudio());
 * ```
 */
export const clearAudio = (): ClientEventOf<'input_audio_buffer.clear'> => ({ type: 'input_audio_buffer.clear' });

/**
 * `conversation.item.create`: add an item. `previousItemId: 'root'` puts it at the front.
 *
 * @example
 * ```ts
 * import { createItem } from 'openai-realtime-rx';
 * client.send(createItem({ type: 'message', role: 'system', content: [{ type: 'input_text', text: 'Be brief.' }] }, 'root'));
 * ```
 */
export const createItem = (item: ConversationItem, previousItemId?: string): ClientEventOf<'conversation.item.create'> => ({
  type: 'conversation.item.create',
  ...(previousItemId === undefined ? {} : { previous_item_id: previousItemId }),
  item,
});

/**
 * A user text message (`conversation.item.create` with one `input_text` part).
 *
 * @example
 * ```ts
 * import { userMessage, createResponse } from 'openai-realtime-rx';
 * client.send(userMessage('What is the capital of France?'));
 * client.send(createResponse());
 * ```
 */
export const userMessage = (text: string): ClientEventOf<'conversation.item.create'> =>
  createItem({ type: 'message', role: 'user', content: [{ type: 'input_text', text }] });

/**
 * The output of a tool call (`conversation.item.create` with a `function_call_output` item).
 * Follow it with {@link createResponse} to let the model answer.
 *
 * @example
 * ```ts
 * import { functionCallOutput, createResponse } from 'openai-realtime-rx';
 * client.toolCalls$.subscribe(async (call) => {
 *   client.send(functionCallOutput(call.callId, JSON.stringify(await run(call))));
 *   client.send(createResponse());
 * });
 * ```
 */
export const functionCallOutput = (callId: string, output: string): ClientEventOf<'conversation.item.create'> =>
  createItem({ type: 'function_call_output', call_id: callId, output });

/**
 * `response.create`: ask the model to respond, optionally with per-response overrides.
 *
 * @example
 * ```ts
 * import { createResponse } from 'openai-realtime-rx';
 * client.send(createResponse({ instructions: 'Answer in one sentence.' }));
 * ```
 */
export const createResponse = (response?: ResponseCreateParams): ClientEventOf<'response.create'> =>
  response === undefined ? { type: 'response.create' } : { type: 'response.create', response };

/**
 * `response.cancel`: stop the response in progress (or the one named).
 *
 * @example
 * ```ts
 * import { cancelResponse } from 'openai-realtime-rx';
 * client.send(cancelResponse());
 * ```
 */
export const cancelResponse = (responseId?: string): ClientEventOf<'response.cancel'> =>
  responseId === undefined ? { type: 'response.cancel' } : { type: 'response.cancel', response_id: responseId };

/**
 * `conversation.item.truncate`: tell the server how much of an assistant audio item was heard,
 * so the transcript matches. `audioEndMs` is floored to an integer and clamped at 0 (the API
 * rejects fractions).
 *
 * @example
 * ```ts
 * import { truncateItem } from 'openai-realtime-rx';
 * client.send(truncateItem(itemId, 0, playedMs));
 * ```
 */
export const truncateItem = (itemId: string, contentIndex: number, audioEndMs: number): ClientEventOf<'conversation.item.truncate'> => ({
  type: 'conversation.item.truncate',
  item_id: itemId,
  content_index: contentIndex,
  audio_end_ms: Math.max(0, Math.floor(audioEndMs)),
});

/**
 * `conversation.item.delete`.
 *
 * @example
 * ```ts
 * import { deleteItem } from 'openai-realtime-rx';
 * client.send(deleteItem('item_123'));
 * ```
 */
export const deleteItem = (itemId: string): ClientEventOf<'conversation.item.delete'> => ({ type: 'conversation.item.delete', item_id: itemId });

/**
 * `conversation.item.retrieve`: ask for the server's copy of an item.
 *
 * @example
 * ```ts
 * import { retrieveItem } from 'openai-realtime-rx';
 * client.send(retrieveItem('item_123'));
 * ```
 */
export const retrieveItem = (itemId: string): ClientEventOf<'conversation.item.retrieve'> => ({
  type: 'conversation.item.retrieve',
  item_id: itemId,
});

/**
 * `session.update`. `type` defaults to `'realtime'` (the GA API requires it).
 *
 * @example
 * ```ts
 * import { updateSession } from 'openai-realtime-rx';
 * client.send(updateSession({ instructions: 'You are terse.', output_modalities: ['text'] }));
 * ```
 */
export const updateSession = (
  session: Omit<SessionUpdateConfig, 'type'> & { readonly type?: string },
): ClientEventOf<'session.update'> => ({
  type: 'session.update',
  session: { ...session, type: session.type ?? 'realtime' },
});
