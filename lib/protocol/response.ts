/**
 * Response-level codecs: the response object of `response.created` / `response.done`, token
 * usage, rate limits, and the error detail of the `error` event.
 *
 * @module
 */
import * as t from 'io-ts';
import { taggedUnion } from './combinators.js';
import { AudioFormat, MaxOutputTokens, Prompt, Tool, ToolChoice } from './session.js';
import { ConversationItem, ItemReference } from './items.js';
import { FiniteNumber, Integer, JsonObject, nullable, struct } from './primitives.js';

const int = nullable(Integer);
const str = nullable(t.string);

/**
 * Token usage of one response (`response.done`). `null` until the response is done.
 *
 * @example
 * ```ts
 * import { Usage } from 'openai-realtime-rx';
 * Usage.is({ total_tokens: 7, input_tokens: 3, output_tokens: 4 }); // true
 * ```
 */
export const Usage = t.partial(
  {
    total_tokens: int,
    input_tokens: int,
    output_tokens: int,
    input_token_details: nullable(
      t.partial({
        text_tokens: int,
        audio_tokens: int,
        image_tokens: int,
        cached_tokens: int,
        cached_tokens_details: nullable(
          t.partial({ text_tokens: int, audio_tokens: int, image_tokens: int }),
        ),
      }),
    ),
    output_token_details: nullable(t.partial({ text_tokens: int, audio_tokens: int })),
  },
  'Usage',
);
/** @see {@link Usage} */
export type Usage = t.TypeOf<typeof Usage>;

/**
 * The final status of a response. An unknown status is rejected (see `docs/protocol.md`).
 *
 * @example
 * ```ts
 * ResponseStatus.is('cancelled'); // true
 * ```
 */
export const ResponseStatus = t.keyof({
  in_progress: null,
  completed: null,
  cancelled: null,
  failed: null,
  incomplete: null,
});

const StatusDetails = t.partial({
  type: str,
  reason: str,
  error: nullable(t.partial({ type: str, code: str, message: str })),
});

const ResponseAudio = t.partial({
  output: nullable(t.partial({ format: nullable(AudioFormat), voice: str })),
});

/**
 * The response object of `response.created` and `response.done`. Every field is optional in the
 * schema, and OpenAI sends `null` for `usage` and `status_details` before the response is done.
 *
 * @example
 * ```ts
 * import { RealtimeResponse } from 'openai-realtime-rx';
 * RealtimeResponse.is({ id: 'resp_1', status: 'in_progress', usage: null }); // true
 * ```
 */
export const RealtimeResponse = t.partial(
  {
    id: t.string,
    object: str,
    status: ResponseStatus,
    status_details: nullable(StatusDetails),
    output: nullable(t.array(ConversationItem)),
    conversation_id: str,
    output_modalities: nullable(t.array(t.string)),
    max_output_tokens: nullable(MaxOutputTokens),
    audio: nullable(ResponseAudio),
    usage: nullable(Usage),
    metadata: nullable(JsonObject),
  },
  'RealtimeResponse',
);
/** @see {@link RealtimeResponse} */
export type RealtimeResponse = t.TypeOf<typeof RealtimeResponse>;

/**
 * The `response` parameters of a `response.create` request (all optional). `conversation:"none"`
 * with `input` makes an out-of-band response; `input` may reference items by id.
 *
 * @example
 * ```ts
 * import { ResponseCreateParams } from 'openai-realtime-rx';
 * ResponseCreateParams.is({ instructions: 'Say hello.', output_modalities: ['text'] }); // true
 * ```
 */
export const ResponseCreateParams = t.partial(
  {
    output_modalities: nullable(t.array(t.string)),
    instructions: str,
    audio: nullable(ResponseAudio),
    tools: nullable(t.array(Tool)),
    tool_choice: nullable(ToolChoice),
    parallel_tool_calls: nullable(t.boolean),
    reasoning: nullable(JsonObject),
    max_output_tokens: nullable(MaxOutputTokens),
    conversation: str,
    metadata: nullable(JsonObject),
    prompt: nullable(Prompt),
    input: nullable(t.array(taggedUnion('type', [ItemReference, ConversationItem]))),
  },
  'ResponseCreateParams',
);
/** @see {@link ResponseCreateParams} */
export type ResponseCreateParams = t.TypeOf<typeof ResponseCreateParams>;

/**
 * One entry of `rate_limits.updated.rate_limits`.
 *
 * @example
 * ```ts
 * import { RateLimit } from 'openai-realtime-rx';
 * RateLimit.is({ name: 'tokens', limit: 40000, remaining: 39000, reset_seconds: 1.5 }); // true
 * ```
 */
export const RateLimit = t.partial(
  { name: str, limit: int, remaining: int, reset_seconds: nullable(FiniteNumber) },
  'RateLimit',
);
/** @see {@link RateLimit} */
export type RateLimit = t.TypeOf<typeof RateLimit>;

/**
 * The `error` object of the server `error` event. `event_id` names the client event that caused
 * it, when the server knows.
 *
 * OpenAI's schema requires `type` and `message`; its own SDK accepts any value here. We accept any
 * object whose fields, when present, have the documented types.
 *
 * @example
 * ```ts
 * import { ServerErrorDetail } from 'openai-realtime-rx';
 * ServerErrorDetail.is({ type: 'invalid_request_error', message: 'bad', event_id: 'evt_1' }); // true
 * ```
 */
export const ServerErrorDetail = struct(
  'ServerErrorDetail',
  {},
  { type: str, code: str, message: str, param: str, event_id: str },
);
/** @see {@link ServerErrorDetail} */
export type ServerErrorDetail = t.TypeOf<typeof ServerErrorDetail>;
