/**
 * The session a new connection starts with, as the GA API reports it in `session.created`, and
 * the turn detection defaults the API fills in.
 *
 * @module
 */

/**
 * The 24 kHz PCM16 format.
 *
 * @example
 * ```ts
 * const format = { ...PCM24K }; // { type: 'audio/pcm', rate: 24000 }
 * ```
 */
export const PCM24K = { type: 'audio/pcm', rate: 24000 } as const;

/**
 * Turn detection with the API's defaults filled in for its type.
 *
 * @example
 * ```ts
 * import { withTurnDetectionDefaults } from 'openai-realtime-rx/testing';
 * withTurnDetectionDefaults({ type: 'server_vad' }).silence_duration_ms; // 200
 * ```
 */
export function withTurnDetectionDefaults(td: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (td === null || td === undefined) return null;
  if (td['type'] === 'semantic_vad') return { type: 'semantic_vad', eagerness: 'auto', create_response: true, interrupt_response: true, ...td };
  return {
    type: 'server_vad',
    threshold: 0.5,
    prefix_padding_ms: 300,
    silence_duration_ms: 200,
    idle_timeout_ms: null,
    create_response: true,
    interrupt_response: true,
    ...td,
  };
}

/**
 * A new session, as `session.created` reports it.
 *
 * @example
 * ```ts
 * import { defaultSession } from 'openai-realtime-rx/testing';
 * defaultSession('sess_1', 'gpt-realtime', 0).audio.output.voice; // 'marin'
 * ```
 */
export function defaultSession(id: string, model: string, expiresAt: number) {
  return {
    type: 'realtime',
    object: 'realtime.session',
    id,
    model,
    output_modalities: ['audio'],
    instructions: 'You are a helpful, witty, and friendly AI running in the openai-realtime-rx simulator.',
    tools: [] as unknown[],
    tool_choice: 'auto',
    max_output_tokens: 'inf',
    tracing: null,
    prompt: null,
    expires_at: expiresAt,
    audio: {
      input: {
        format: { ...PCM24K },
        transcription: null,
        noise_reduction: null,
        turn_detection: withTurnDetectionDefaults({ type: 'server_vad' }),
      },
      output: { format: { ...PCM24K }, voice: 'marin', speed: 1 },
    },
    include: null,
  };
}

/**
 * The session object the simulator keeps (the GA session, loosely typed).
 *
 * @example
 * ```ts
 * const voice = (s: SimSessionConfig) => s.audio.output.voice;
 * ```
 */
export type SimSessionConfig = ReturnType<typeof defaultSession> & Record<string, unknown>;

/**
 * Apply a `session.update` the way the API does: fields given replace the current ones, except
 * `audio.input` and `audio.output`, which are updated field by field; turn detection gets its
 * type's defaults.
 *
 * @example
 * ```ts
 * import { defaultSession, mergeSession } from 'openai-realtime-rx/testing';
 * mergeSession(defaultSession('s', 'm', 0), { instructions: 'Be brief.' }).instructions; // 'Be brief.'
 * ```
 */
export function mergeSession(current: SimSessionConfig, update: Record<string, unknown>): SimSessionConfig {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (key === 'audio' && value !== null && typeof value === 'object') continue;
    if (value !== undefined) next[key] = value;
  }
  const audio = update['audio'] as { input?: Record<string, unknown> | null; output?: Record<string, unknown> | null } | undefined;
  if (audio) {
    const input = { ...current.audio.input, ...(audio.input ?? {}) };
    if (audio.input && 'turn_detection' in audio.input) input.turn_detection = withTurnDetectionDefaults(audio.input['turn_detection'] as Record<string, unknown> | null);
    next['audio'] = { input, output: { ...current.audio.output, ...(audio.output ?? {}) } };
  }
  return next as SimSessionConfig;
}
