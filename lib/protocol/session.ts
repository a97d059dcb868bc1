/**
 * Session configuration codecs (GA shape): audio formats, turn detection, tools, tracing, and
 * the session object itself, as sent in `session.update` and echoed in `session.created` /
 * `session.updated`.
 *
 * String enums that OpenAI extends over time (voices, VAD types, format types, modalities) are
 * typed as `string` so that a new value on the server never turns a whole session event into a
 * decode failure.
 *
 * @module
 */
import * as t from 'io-ts';
import { taggedUnion, union } from './combinators.js';
import { FiniteNumber, Integer, JsonObject, nullable, struct } from './primitives.js';

/**
 * An audio format: `{type:'audio/pcm', rate:24000}`, `{type:'audio/pcmu'}` or `{type:'audio/pcma'}`.
 *
 * @example
 * ```ts
 * import { AudioFormat } from 'openai-realtime-rx';
 * AudioFormat.is({ type: 'audio/pcm', rate: 24000 }); // true
 * ```
 */
export const AudioFormat = struct('AudioFormat', { type: t.string }, { rate: nullable(Integer) });
/** @see {@link AudioFormat} */
export type AudioFormat = t.TypeOf<typeof AudioFormat>;

/**
 * Turn detection (`server_vad`, `semantic_vad`, or a future type). `null` disables it.
 *
 * @example
 * ```ts
 * import { TurnDetection } from 'openai-realtime-rx';
 * TurnDetection.is({ type: 'server_vad', silence_duration_ms: 500 }); // true
 * ```
 */
export const TurnDetection = struct(
  'TurnDetection',
  { type: t.string },
  {
    threshold: nullable(FiniteNumber),
    prefix_padding_ms: nullable(Integer),
    silence_duration_ms: nullable(Integer),
    idle_timeout_ms: nullable(Integer),
    create_response: nullable(t.boolean),
    interrupt_response: nullable(t.boolean),
    eagerness: nullable(t.string),
  },
);
/** @see {@link TurnDetection} */
export type TurnDetection = t.TypeOf<typeof TurnDetection>;

const Transcription = t.partial({
  model: nullable(t.string),
  language: nullable(t.string),
  prompt: nullable(t.string),
});

const NoiseReduction = struct('NoiseReduction', { type: t.string }, {});

const AudioInput = t.partial({
  format: AudioFormat,
  transcription: nullable(Transcription),
  noise_reduction: nullable(NoiseReduction),
  turn_detection: nullable(TurnDetection),
});

/** A voice name, or a custom voice reference `{id}` (request side). */
const Voice = union([t.string, t.type({ id: t.string })]);

const AudioOutput = t.partial({
  format: AudioFormat,
  voice: Voice,
  speed: FiniteNumber,
});

/**
 * A function tool: `{type:'function', name, description?, parameters?}`. `parameters` is a
 * free-form JSON Schema object and is not walked.
 *
 * @example
 * ```ts
 * import { FunctionTool } from 'openai-realtime-rx';
 * FunctionTool.is({ type: 'function', name: 'get_weather', parameters: { type: 'object' } }); // true
 * ```
 */
export const FunctionTool = struct(
  'FunctionTool',
  { type: t.literal('function'), name: t.string },
  { description: nullable(t.string), parameters: nullable(JsonObject) },
);

/**
 * A hosted MCP tool: `{type:'mcp', server_label, server_url | connector_id, ...}`.
 *
 * @example
 * ```ts
 * import { McpTool } from 'openai-realtime-rx';
 * McpTool.is({ type: 'mcp', server_label: 'docs', server_url: 'https://example.com/mcp' }); // true
 * ```
 */
export const McpTool = struct(
  'McpTool',
  { type: t.literal('mcp'), server_label: t.string },
  {
    server_url: nullable(t.string),
    connector_id: nullable(t.string),
    tunnel_id: nullable(t.string),
    authorization: nullable(t.string),
    headers: nullable(JsonObject),
    allowed_tools: nullable(union([t.array(t.string), JsonObject])),
    require_approval: nullable(union([t.string, JsonObject])),
    server_description: nullable(t.string),
  },
);

/**
 * A session or response tool (function or MCP).
 *
 * @example
 * ```ts
 * import { Tool } from 'openai-realtime-rx';
 * Tool.is({ type: 'function', name: 'lookup' }); // true
 * ```
 */
export const Tool = taggedUnion('type', [FunctionTool, McpTool], 'Tool');
/** @see {@link Tool} */
export type Tool = t.TypeOf<typeof Tool>;

/**
 * `"none" | "auto" | "required" | {type:'function', name} | {type:'mcp', server_label, name?}`.
 *
 * @example
 * ```ts
 * ToolChoice.is({ type: 'function', name: 'get_weather' }); // true
 * ```
 */
export const ToolChoice = union([
  t.string,
  struct('ToolChoiceObject', { type: t.string }, { name: t.string, server_label: t.string }),
]);

/**
 * `"auto"`, or a tracing configuration object. `null` (outside this codec) disables tracing.
 *
 * @example
 * ```ts
 * Tracing.is({ workflow_name: 'support-bot' }); // true
 * ```
 */
export const Tracing = union([
  t.string,
  t.partial({ workflow_name: t.string, group_id: t.string, metadata: JsonObject }),
]);

/**
 * A stored prompt reference.
 *
 * @example
 * ```ts
 * Prompt.is({ id: 'pmpt_123', version: '2' }); // true
 * ```
 */
export const Prompt = struct(
  'Prompt',
  { id: t.string },
  { version: nullable(t.string), variables: nullable(JsonObject) },
);

/**
 * `max_output_tokens`: an integer or `"inf"`.
 *
 * @example
 * ```ts
 * MaxOutputTokens.is('inf'); // true
 * ```
 */
export const MaxOutputTokens = union([Integer, t.literal('inf')]);

const Truncation = union([
  t.string,
  struct(
    'RetentionRatioTruncation',
    { type: t.string },
    { retention_ratio: FiniteNumber, token_limits: nullable(JsonObject) },
  ),
]);

/** The fields a session may carry (all optional; every one may be `null` on the wire). */
export const sessionFields = {
  id: t.string,
  object: t.string,
  model: t.string,
  output_modalities: nullable(t.array(t.string)),
  instructions: nullable(t.string),
  tools: nullable(t.array(Tool)),
  tool_choice: nullable(ToolChoice),
  max_output_tokens: nullable(MaxOutputTokens),
  tracing: nullable(Tracing),
  prompt: nullable(Prompt),
  include: nullable(t.array(t.string)),
  truncation: nullable(Truncation),
  reasoning: nullable(JsonObject),
  expires_at: nullable(Integer),
  audio: nullable(
    t.partial({
      input: nullable(AudioInput),
      output: nullable(AudioOutput),
    }),
  ),
};

/**
 * The session object in `session.created` / `session.updated`: a realtime session
 * (`type:"realtime"`) or a transcription session (`type:"transcription"`).
 *
 * @example
 * ```ts
 * import { Session } from 'openai-realtime-rx';
 * Session.is({ type: 'realtime', audio: { input: { transcription: null } } }); // true
 * ```
 */
export const Session = t.partial({ type: t.string, ...sessionFields }, 'Session');
/** @see {@link Session} */
export type Session = t.TypeOf<typeof Session>;

/**
 * The session in a `session.update` request: `type` is required (the GA API rejects an update
 * without it), everything else is a partial update.
 *
 * @example
 * ```ts
 * import { SessionUpdateConfig } from 'openai-realtime-rx';
 * SessionUpdateConfig.is({ type: 'realtime', instructions: 'Be brief.' }); // true
 * ```
 */
export const SessionUpdateConfig = struct('SessionUpdateConfig', { type: t.string }, sessionFields);
/** @see {@link SessionUpdateConfig} */
export type SessionUpdateConfig = t.TypeOf<typeof SessionUpdateConfig>;
