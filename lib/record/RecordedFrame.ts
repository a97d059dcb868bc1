/**
 * The recording format: JSON lines, one frame each, `{t, dir, event}`; and how audio payloads are
 * elided to `{bytes, sha256}`. Pure and browser-safe.
 *
 * @module
 */
import { decodeBase64 } from '../audio/base64.js';
import { sha256Hex } from './sha256.js';

/**
 * An audio payload left out of a recording: its length in bytes and its SHA-256 (hex).
 *
 * @example
 * ```ts
 * const elided: ElidedAudio = { bytes: 1920, sha256: 'e3b0c442…' };
 * ```
 */
export interface ElidedAudio {
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * One line of a recording: `t` is milliseconds since the recording began (monotonic), `dir` is
 * `out` for what the client sent and `in` for what the server sent, `event` the frame as JSON
 * (with audio payloads elided to {@link ElidedAudio} when the recorder was asked to).
 *
 * @example
 * ```ts
 * const line: RecordedFrame = { t: 12.5, dir: 'out', event: { type: 'response.create' } };
 * ```
 */
export interface RecordedFrame {
  readonly t: number;
  readonly dir: 'in' | 'out';
  readonly event: { readonly type: string } & Record<string, unknown>;
}

type Json = Record<string, unknown>;

/** The base64 audio fields of the events that carry audio: `[type, field]`. */
const AUDIO_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['input_audio_buffer.append', 'audio'],
  ['response.output_audio.delta', 'delta'],
  ['response.audio.delta', 'delta'],
];

const elide = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  const bytes = decodeBase64(value);
  return bytes === undefined ? value : ({ bytes: bytes.length, sha256: sha256Hex(bytes) } satisfies ElidedAudio);
};

/**
 * The event with its base64 audio replaced by `{bytes, sha256}`: the `audio` of
 * `input_audio_buffer.append`, the `delta` of `response.output_audio.delta`, and the `audio` of
 * `input_audio` content parts in items. Other events come back as they are.
 *
 * @example
 * ```ts
 * elideAudio({ type: 'input_audio_buffer.append', audio: 'AAAA' }); // { type: …, audio: { bytes: 3, sha256: '709e80c8…' } }
 * ```
 */
export function elideAudio<T extends { readonly type: string }>(event: T): T {
  const e = event as unknown as Json;
  for (const [type, field] of AUDIO_FIELDS) if (e['type'] === type && typeof e[field] === 'string') return { ...e, [field]: elide(e[field]) } as unknown as T;
  const item = e['item'] as Json | undefined;
  const content = item?.['content'];
  if (Array.isArray(content) && content.some((p: Json) => p?.['type'] === 'input_audio' && typeof p['audio'] === 'string')) {
    return { ...e, item: { ...item, content: content.map((p: Json) => (p?.['type'] === 'input_audio' ? { ...p, audio: elide(p['audio']) } : p)) } } as unknown as T;
  }
  return event;
}

/**
 * Whether a value is an elided audio payload.
 *
 * @example
 * ```ts
 * isElidedAudio({ bytes: 3, sha256: 'ab' }); // true
 * ```
 */
export const isElidedAudio = (value: unknown): value is ElidedAudio =>
  typeof value === 'object' && value !== null && typeof (value as Json)['bytes'] === 'number' && typeof (value as Json)['sha256'] === 'string';

const SECRET_NAMES = /^(authorization|api[-_]?key|apikey|client_secret|secret|token|password)$/i;
/** OpenAI keys (`sk-…`), ephemeral keys (`ek_…`) and bearer tokens, wherever they appear in a string. */
const SECRET_TEXT = /\b(?:sk-[A-Za-z0-9_-]{8,}|ek_[A-Za-z0-9_-]{8,})|Bearer\s+[A-Za-z0-9._~+/=-]{8,}/g;

/**
 * The value with secrets removed: any field named like a credential (`authorization`, `api_key`,
 * `client_secret`, …) becomes `"[redacted]"`, and OpenAI keys (`sk-…`, `ek_…`), bearer tokens
 * and each of `secrets` are cut out of every string. Structure and other values are kept.
 *
 * @example
 * ```ts
 * redactSecrets({ note: 'key sk-abcdefghijkl', authorization: 'x' }, []); // { note: 'key [redacted]', authorization: '[redacted]' }
 * ```
 */
export function redactSecrets(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') {
    let text = value.replace(SECRET_TEXT, '[redacted]');
    for (const s of secrets) if (s.length >= 4) text = text.split(s).join('[redacted]');
    return text;
  }
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, secrets));
  if (typeof value === 'object' && value !== null) {
    const out: Json = {};
    for (const [k, v] of Object.entries(value as Json)) out[k] = SECRET_NAMES.test(k) && v !== null ? '[redacted]' : redactSecrets(v, secrets);
    return out;
  }
  return value;
}

/**
 * Read a recording (JSON lines) back: the frames in order, each with its line number in the file
 * (from 1), or the first line that is not a frame.
 *
 * @example
 * ```ts
 * const r = parseRecording('{"t":0,"dir":"out","event":{"type":"response.create"}}\n');
 * if ('frames' in r) console.log(r.frames.length); // 1
 * ```
 */
export function parseRecording(text: string): { readonly frames: ReadonlyArray<RecordedFrame & { readonly line: number }> } | { readonly line: number; readonly error: string } {
  const frames: Array<RecordedFrame & { readonly line: number }> = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      return { line: i + 1, error: `not JSON: ${(e as Error).message}` };
    }
    const f = value as Partial<RecordedFrame> | null;
    if (typeof f !== 'object' || f === null || typeof f.t !== 'number' || (f.dir !== 'in' && f.dir !== 'out') || typeof f.event?.type !== 'string') {
      return { line: i + 1, error: 'not a frame: expected {t: number, dir: "in" | "out", event: {type, …}}' };
    }
    frames.push({ ...(f as RecordedFrame), line: i + 1 });
  }
  return { frames };
}
