/**
 * The Agents-SDK session configuration (camelCase, GA or deprecated flat shape) and its mapping
 * to the GA `session.update` payload, with OpenAI's defaults.
 *
 * @module
 */
import { UserError } from './UserError.js';

type Json = Record<string, unknown>;

/**
 * A GA audio format object, or a legacy string (`pcm16`, `g711_ulaw`, `g711_alaw`).
 *
 * @example
 * ```ts
 * const telephony: RealtimeAudioFormat = { type: 'audio/pcmu' };
 * ```
 */
export type RealtimeAudioFormat = { type: 'audio/pcm'; rate: number } | { type: 'audio/pcmu' } | { type: 'audio/pcma' } | { type: string; rate?: number } | string;

/**
 * Turn detection, in camelCase or snake_case (camelCase wins), plus any extra keys.
 *
 * @example
 * ```ts
 * const vad: RealtimeTurnDetectionConfig = { type: 'server_vad', silenceDurationMs: 500, interruptResponse: true };
 * ```
 */
export type RealtimeTurnDetectionConfig = {
  type?: string;
  eagerness?: string;
  createResponse?: boolean;
  create_response?: boolean;
  interruptResponse?: boolean;
  interrupt_response?: boolean;
  prefixPaddingMs?: number;
  prefix_padding_ms?: number;
  silenceDurationMs?: number;
  silence_duration_ms?: number;
  idleTimeoutMs?: number | null;
  idle_timeout_ms?: number | null;
  modelVersion?: string;
  model_version?: string;
  threshold?: number;
  [key: string]: unknown;
};

/**
 * A function tool or a hosted MCP tool, as the Agents SDK describes tools.
 *
 * @example
 * ```ts
 * const weather: RealtimeToolDefinition = { type: 'function', name: 'get_weather', parameters: { type: 'object' } };
 * ```
 */
export type RealtimeToolDefinition =
  | { type: 'function'; name: string; description?: string; parameters?: Json; strict?: boolean; [key: string]: unknown }
  | { type: 'mcp'; server_label: string; require_approval?: unknown; [key: string]: unknown };

/**
 * The session configuration of OpenAI's Agents SDK: the GA shape (`audio.input` / `audio.output`)
 * or the deprecated flat shape (`inputAudioFormat`, `turnDetection`, …), which is converted.
 *
 * @example
 * ```ts
 * import type { RealtimeSessionConfig } from 'openai-realtime-rx';
 * const config: Partial<RealtimeSessionConfig> = { instructions: 'Be brief.', audio: { output: { voice: 'marin' } } };
 * ```
 */
export interface RealtimeSessionConfig {
  model: string;
  instructions: string;
  toolChoice: string;
  tools: RealtimeToolDefinition[];
  parallelToolCalls?: boolean;
  reasoning?: { effort?: string };
  tracing?: 'auto' | { workflow_name?: string; group_id?: string; metadata?: Json } | null;
  providerData?: Json;
  prompt?: { promptId: string; version?: string; variables?: Json };
  outputModalities?: Array<'text' | 'audio'>;
  voice?: string;
  audio?: {
    input?: {
      format?: RealtimeAudioFormat;
      noiseReduction?: { type: string } | null;
      transcription?: Json | null;
      turnDetection?: RealtimeTurnDetectionConfig | null;
    } | null;
    output?: { format?: RealtimeAudioFormat; voice?: string; speed?: number } | null;
  };
  /** @deprecated use `outputModalities` */
  modalities?: Array<'text' | 'audio'>;
  /** @deprecated use `audio.input.format` */
  inputAudioFormat?: RealtimeAudioFormat;
  /** @deprecated use `audio.output.format` */
  outputAudioFormat?: RealtimeAudioFormat;
  /** @deprecated use `audio.input.transcription` */
  inputAudioTranscription?: Json | null;
  /** @deprecated use `audio.input.turnDetection` */
  turnDetection?: RealtimeTurnDetectionConfig | null;
  /** @deprecated use `audio.input.noiseReduction` */
  inputAudioNoiseReduction?: { type: string } | null;
  /** @deprecated use `audio.output.speed` */
  speed?: number;
}

const PCM24K = { type: 'audio/pcm', rate: 24000 } as const;

/**
 * OpenAI's defaults for a session: audio out, 24 kHz PCM16 both ways, `gpt-4o-mini-transcribe`
 * input transcription, semantic VAD, no noise reduction, speed 1.
 *
 * @example
 * ```ts
 * import { DEFAULT_OPENAI_REALTIME_SESSION_CONFIG } from 'openai-realtime-rx';
 * DEFAULT_OPENAI_REALTIME_SESSION_CONFIG.audio.input.turnDetection; // { type: 'semantic_vad' }
 * ```
 */
export const DEFAULT_OPENAI_REALTIME_SESSION_CONFIG = {
  outputModalities: ['audio'],
  audio: {
    input: { format: PCM24K, transcription: { model: 'gpt-4o-mini-transcribe' }, turnDetection: { type: 'semantic_vad' }, noiseReduction: null },
    output: { format: PCM24K, speed: 1 },
  },
} as const;

const DEPRECATED_KEYS = ['modalities', 'inputAudioFormat', 'outputAudioFormat', 'inputAudioTranscription', 'turnDetection', 'inputAudioNoiseReduction', 'speed'] as const;

/**
 * Normalise an audio format: legacy strings to GA objects (`pcm16` → 24 kHz PCM, `g711_ulaw` →
 * `audio/pcmu`, `g711_alaw` → `audio/pcma`, anything else → 24 kHz PCM), a PCM format with a
 * non-finite rate to 24 kHz; other objects pass through as they are.
 *
 * @example
 * ```ts
 * import { normalizeAudioFormat } from 'openai-realtime-rx';
 * normalizeAudioFormat('g711_ulaw'); // { type: 'audio/pcmu' }
 * ```
 */
export function normalizeAudioFormat(format: RealtimeAudioFormat | undefined): Json | undefined {
  if (format === undefined || format === '' || format === null) return undefined;
  if (typeof format === 'string') {
    if (format === 'g711_ulaw') return { type: 'audio/pcmu' };
    if (format === 'g711_alaw') return { type: 'audio/pcma' };
    return { ...PCM24K };
  }
  if (format.type === 'audio/pcm' && 'rate' in format && typeof format.rate === 'number' && !Number.isFinite(format.rate)) return { ...PCM24K };
  return format;
}

const TURN_DETECTION_KEYS: ReadonlyArray<readonly [string, string | undefined]> = [
  ['type', undefined],
  ['create_response', 'createResponse'],
  ['eagerness', undefined],
  ['interrupt_response', 'interruptResponse'],
  ['prefix_padding_ms', 'prefixPaddingMs'],
  ['silence_duration_ms', 'silenceDurationMs'],
  ['idle_timeout_ms', 'idleTimeoutMs'],
  ['model_version', 'modelVersion'],
  ['threshold', undefined],
];
const KNOWN_TURN_KEYS = new Set(TURN_DETECTION_KEYS.flatMap(([snake, camel]) => (camel ? [snake, camel] : [snake])));

/** Turn detection to wire keys; `undefined` when nothing is left (so the default applies). */
function turnDetectionPayload(td: RealtimeTurnDetectionConfig | null | undefined): Json | null | undefined {
  if (td === undefined || td === null) return td;
  const out: Json = {};
  for (const [snake, camel] of TURN_DETECTION_KEYS) {
    const value = (camel === undefined ? undefined : td[camel]) ?? td[snake];
    if (value !== undefined) out[snake] = value;
  }
  for (const [key, value] of Object.entries(td)) if (!KNOWN_TURN_KEYS.has(key) && value !== undefined) out[key] = value;
  return Object.keys(out).length === 0 ? undefined : out;
}

interface Normalized {
  outputModalities?: unknown;
  input?: { format?: Json; noiseReduction: unknown; transcription: unknown; turnDetection: unknown };
  output?: { format?: Json; voice?: unknown; speed?: unknown };
}

/** Step A/B of the mapping: pick the shape and build the input and output blocks. */
function normalize(config: Partial<RealtimeSessionConfig>): Normalized {
  if (DEPRECATED_KEYS.some((key) => config[key] !== undefined)) {
    return {
      outputModalities: config.modalities,
      input: {
        format: normalizeAudioFormat(config.inputAudioFormat),
        noiseReduction: config.inputAudioNoiseReduction ?? null,
        transcription: config.inputAudioTranscription,
        turnDetection: config.turnDetection,
      },
      output: { format: normalizeAudioFormat(config.outputAudioFormat), voice: config.voice, speed: config.speed },
    };
  }
  const input = config.audio?.input;
  const output = config.audio?.output;
  const voice = output?.voice ?? config.voice;
  return {
    outputModalities: config.outputModalities,
    ...(input
      ? { input: { format: normalizeAudioFormat(input.format), noiseReduction: input.noiseReduction ?? null, transcription: input.transcription, turnDetection: input.turnDetection } }
      : {}),
    ...(output || voice !== undefined ? { output: { format: normalizeAudioFormat(output?.format), voice, speed: output?.speed } } : {}),
  };
}

const MCP_KEYS = ['server_label', 'server_url', 'server_description', 'connector_id', 'authorization', 'headers', 'allowed_tools', 'require_approval'] as const;

const approvalFilter = (name: string, filter: unknown): Json => {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw new UserError(`Invalid hosted MCP requireApproval: "${name}" must be an object with tool_names and/or read_only.`);
  }
  const f = filter as Json;
  const names = f['toolNames'] ?? f['tool_names'];
  const readOnly = f['readOnly'] ?? f['read_only'];
  for (const key of Object.keys(f)) {
    if (!['toolNames', 'tool_names', 'readOnly', 'read_only'].includes(key)) throw new UserError(`Invalid hosted MCP requireApproval: unknown key "${key}" in "${name}".`);
  }
  if (names !== undefined && (!Array.isArray(names) || names.some((n) => typeof n !== 'string' || n === ''))) {
    throw new UserError(`Invalid hosted MCP requireApproval: "${name}.tool_names" must be a list of non-empty strings.`);
  }
  if (readOnly !== undefined && typeof readOnly !== 'boolean') throw new UserError(`Invalid hosted MCP requireApproval: "${name}.read_only" must be a boolean.`);
  return { ...(names === undefined ? {} : { tool_names: names }), ...(readOnly === undefined ? {} : { read_only: readOnly }) };
};

/** `require_approval` canonicalised: `'always'`/`'never'`, or `{always?, never?}` filters with snake keys. */
function requireApproval(value: unknown): unknown {
  if (value === 'always' || value === 'never') return value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UserError(`Invalid hosted MCP requireApproval: expected 'always', 'never' or {always, never}.`);
  const out: Json = {};
  for (const [key, filter] of Object.entries(value)) {
    if (key !== 'always' && key !== 'never') throw new UserError(`Invalid hosted MCP requireApproval: unknown key "${key}".`);
    out[key] = approvalFilter(key, filter);
  }
  const always = (out['always'] as Json | undefined)?.['tool_names'] as string[] | undefined;
  const never = (out['never'] as Json | undefined)?.['tool_names'] as string[] | undefined;
  const both = always?.filter((name) => never?.includes(name)) ?? [];
  if (both.length > 0) throw new UserError(`Invalid hosted MCP requireApproval: tool "${both[0]}" is listed under both always and never.`);
  return out;
}

/** A tool reduced to the documented wire fields. */
function toolPayload(tool: RealtimeToolDefinition): Json {
  if (tool.type === 'mcp') {
    const out: Json = { type: 'mcp' };
    for (const key of MCP_KEYS) {
      if (tool[key] === undefined) continue;
      out[key] = key === 'require_approval' ? requireApproval(tool[key]) : tool[key];
    }
    return out;
  }
  return { type: tool.type, name: tool.name, description: tool.description, parameters: tool.parameters };
}

const defined = (value: unknown, fallback: unknown) => (value === undefined ? fallback : value);

/**
 * The `session` of a `session.update` for an Agents-SDK config. Not a merge: fields not given
 * get OpenAI's defaults again (as in the Agents SDK). `tracing` is never included (it is
 * negotiated separately after `session.created`).
 *
 * @param config - the Agents-SDK session config.
 * @param currentModel - the model used when the config names none.
 * @throws UserError for an invalid hosted MCP `require_approval`.
 *
 * @example
 * ```ts
 * import { buildSessionPayload } from 'openai-realtime-rx';
 * buildSessionPayload({ instructions: 'Be brief.' }, 'gpt-realtime');
 * // { type: 'realtime', instructions: 'Be brief.', model: 'gpt-realtime', output_modalities: ['audio'], audio: {...} }
 * ```
 */
export function buildSessionPayload(config: Partial<RealtimeSessionConfig>, currentModel: string): Json {
  const { outputModalities, input, output } = normalize(config);
  const payload: Json = { type: 'realtime' };
  if (config.instructions !== undefined) payload['instructions'] = config.instructions;
  payload['model'] = config.model ?? currentModel;
  payload['output_modalities'] = outputModalities ?? ['audio'];
  const turnDetection = turnDetectionPayload(input?.turnDetection as RealtimeTurnDetectionConfig | null | undefined);
  payload['audio'] = {
    input: {
      format: input?.format ?? { ...PCM24K },
      noise_reduction: defined(input?.noiseReduction, null),
      transcription: defined(input?.transcription, { model: 'gpt-4o-mini-transcribe' }),
      turn_detection: defined(turnDetection, { type: 'semantic_vad' }),
    },
    output: {
      format: output?.format ?? { ...PCM24K },
      ...(output?.voice === undefined ? {} : { voice: output.voice }),
      speed: output?.speed ?? 1,
    },
  };
  if (config.toolChoice !== undefined) payload['tool_choice'] = config.toolChoice;
  if (config.parallelToolCalls !== undefined) payload['parallel_tool_calls'] = config.parallelToolCalls;
  if (config.reasoning) payload['reasoning'] = config.reasoning;
  // providerData keys go on top (they may override model, type, audio…); defineProperty so that a
  // "__proto__" key is an ordinary key, never a prototype swap
  for (const [key, value] of Object.entries(config.providerData ?? {})) {
    Object.defineProperty(payload, key, { value, enumerable: true, writable: true, configurable: true });
  }
  if (config.prompt) payload['prompt'] = { id: config.prompt.promptId, version: config.prompt.version, variables: config.prompt.variables };
  if (Array.isArray(config.tools) && config.tools.length > 0) payload['tools'] = config.tools.map(toolPayload);
  return payload;
}
