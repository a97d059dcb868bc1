/**
 * fast-check arbitraries for valid GA client events (JSON-safe values only, so that a round trip
 * through JSON is exact).
 */
import * as fc from 'fast-check';
import type { ClientEvent } from '../../lib/index';

const id = fc.stringMatching(/^[a-z]{2,5}_[A-Za-z0-9]{1,22}$/);
const text = fc.string({ maxLength: 40 });
const int = fc.integer({ min: 0, max: 10_000_000 });
const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0));
const base64 = fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('base64'));
const eventId = fc.option(id, { nil: undefined });

/** Drop undefined values so that the object equals its own JSON round trip. */
const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const format = fc.oneof(
  fc.record({ type: fc.constant('audio/pcm'), rate: fc.constantFrom(16000, 24000) }),
  fc.record({ type: fc.constantFrom('audio/pcmu', 'audio/pcma') }),
);

const contentPart = fc.oneof(
  fc.record({ type: fc.constant('input_text' as const), text }),
  fc.record({ type: fc.constant('input_audio' as const), audio: base64 }),
  fc.record({ type: fc.constant('output_text' as const), text }),
  fc.record({ type: fc.constant('input_image' as const), image_url: text }),
);

const item = fc.oneof(
  fc.record({
    type: fc.constant('message' as const),
    role: fc.constantFrom('user' as const, 'assistant' as const, 'system' as const),
    content: fc.array(contentPart, { maxLength: 3 }),
  }),
  fc.record({ type: fc.constant('function_call_output' as const), call_id: id, output: text }),
  fc.record({ type: fc.constant('function_call' as const), call_id: id, name: id, arguments: fc.json() }),
);

const session = fc
  .record({
    type: fc.constant('realtime'),
    instructions: opt(text),
    output_modalities: opt(fc.constantFrom(['audio'], ['text'])),
    tool_choice: opt(fc.constantFrom('auto', 'none', 'required')),
    tools: opt(
      fc.array(fc.record({ type: fc.constant('function' as const), name: id, description: text, parameters: fc.constant({ type: 'object' }) }), { maxLength: 2 }),
    ),
    audio: opt(
      fc.record({
        input: fc.record({
          format,
          turn_detection: fc.oneof(
            fc.constant(null),
            fc.record({ type: fc.constant('server_vad'), threshold: finite, silence_duration_ms: int, create_response: fc.boolean() }),
          ),
          transcription: fc.oneof(fc.constant(null), fc.record({ model: text })),
        }),
        output: fc.record({ format, voice: fc.constantFrom('marin', 'cedar', 'alloy'), speed: finite }),
      }),
    ),
  })
  .map(defined);

/** Any valid GA client event. */
export const clientEvent: fc.Arbitrary<ClientEvent> = fc.oneof(
  fc.record({ type: fc.constant('session.update' as const), session, event_id: eventId }),
  fc.record({ type: fc.constant('input_audio_buffer.append' as const), audio: base64, event_id: eventId }),
  fc.record({ type: fc.constantFrom('input_audio_buffer.commit' as const, 'input_audio_buffer.clear' as const, 'output_audio_buffer.clear' as const), event_id: eventId }),
  fc.record({ type: fc.constant('conversation.item.create' as const), item, previous_item_id: opt(fc.oneof(id, fc.constant('root'))), event_id: eventId }),
  fc.record({ type: fc.constantFrom('conversation.item.retrieve' as const, 'conversation.item.delete' as const), item_id: id, event_id: eventId }),
  fc.record({ type: fc.constant('conversation.item.truncate' as const), item_id: id, content_index: int, audio_end_ms: int, event_id: eventId }),
  fc.record({
    type: fc.constant('response.create' as const),
    response: opt(fc.record({ instructions: opt(text), conversation: opt(fc.constantFrom('auto', 'none')), metadata: opt(fc.dictionary(id, text)) }).map(defined)),
    event_id: eventId,
  }),
  fc.record({ type: fc.constant('response.cancel' as const), response_id: opt(id), event_id: eventId }),
).map((e) => defined(e) as ClientEvent);
