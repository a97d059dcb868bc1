import * as E from 'fp-ts/Either';
import type { DecodeFailure, DecodeFailureCode, FieldIssue } from './failures.js';
import { MAX_RAW_CHARS, MAX_TYPE_CHARS, clip, fieldIssues } from './failures.js';
import type { ServerEvent, UnknownServerEvent } from './serverEvents.js';
import { serverEventCodec } from './serverEvents.js';

/**
 * What a WebSocket can hand over as one frame.
 *
 * @example
 * ```ts
 * const frame: FrameData = new TextEncoder().encode('{"type":"input_audio_buffer.cleared","event_id":"e"}');
 * ```
 */
export type FrameData = string | ArrayBuffer | ArrayBufferView;

let utf8: TextDecoder | undefined;

const fail = (
  code: DecodeFailureCode,
  message: string,
  raw: string,
  type?: string,
  issues: readonly FieldIssue[] = [],
  value?: UnknownServerEvent,
): E.Either<DecodeFailure, never> =>
  E.left({
    _tag: 'DecodeFailure',
    code,
    message,
    raw: clip(raw, MAX_RAW_CHARS),
    issues,
    ...(type === undefined ? {} : { type: clip(type, MAX_TYPE_CHARS) }),
    ...(value === undefined ? {} : { value }),
  });

/** Bytes (or anything else) to text; text frames skip this (no allocation on the hot path). */
const toText = (data: unknown): E.Either<DecodeFailure, string> => {
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
    // A fatal decoder reports invalid UTF-8 instead of inventing U+FFFD; keeping the BOM makes
    // bytes and text fail alike (JSON.parse rejects U+FEFF).
    utf8 ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    try {
      return E.right(utf8.decode(data));
    } catch {
      return fail('RT_ERR_UTF8', 'frame bytes are not valid UTF-8', `<${data.byteLength} bytes>`);
    }
  }
  return fail('RT_ERR_FRAME', `frame is ${data === null ? 'null' : typeof data}, not text or bytes`, '');
};

/**
 * Decode one inbound frame into a typed server event.
 *
 * Parses the JSON once, looks the codec up by `type` (a table lookup, not 46 trials), and
 * validates. A well-formed frame of an unknown `type` is a `Right` carrying the frame as it
 * arrived ({@link UnknownServerEvent}), so newer events are never lost. Anything else is a `Left`
 * {@link DecodeFailure}. Never throws, whatever it is given; unknown fields are kept.
 *
 * Decoded events are the parsed objects themselves (io-ts copies only what it must), so decoding
 * adds validation, not allocation, to `JSON.parse`.
 *
 * @param data - one WebSocket frame: text, or bytes that are decoded as strict UTF-8.
 * @returns `Right(event)` or `Left(failure)`.
 *
 * @example
 * ```ts
 * import { decodeServerEvent } from 'openai-realtime-rx';
 * const r = decodeServerEvent('{"type":"input_audio_buffer.cleared","event_id":"e1"}');
 * if (r._tag === 'Right') console.log(r.right.type); // input_audio_buffer.cleared
 * else console.warn(r.left.code);
 * ```
 */
export function decodeServerEvent(data: FrameData): E.Either<DecodeFailure, ServerEvent | UnknownServerEvent> {
  let raw: string;
  if (typeof data === 'string') raw = data;
  else {
    const text = toText(data);
    if (E.isLeft(text)) return text;
    raw = text.right;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    return fail('RT_ERR_JSON', `frame is not JSON (${(e as Error).message})`, raw);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return fail('RT_ERR_NOT_OBJECT', `frame is ${json === null ? 'null' : Array.isArray(json) ? 'an array' : typeof json}, not an event object`, raw);
  }
  const frame = json as Record<string, unknown>;
  const type = frame['type'];
  if (typeof type !== 'string') {
    return fail('RT_ERR_NO_TYPE', 'frame has no string "type"', raw);
  }
  const codec = serverEventCodec(type);
  if (codec === undefined) return E.right(frame as UnknownServerEvent);
  // Every codec here is an identity codec (no transformations), so the allocation-free guard
  // `is` proves what `decode` would, and `decode` returns its input unchanged. The full
  // `decode`, which builds a context per field, runs only to explain a failure.
  if (codec.is(frame)) return E.right(frame as ServerEvent);
  const result = codec.decode(frame);
  if (E.isRight(result)) return E.right(result.right as ServerEvent);
  const issues = fieldIssues(result.left);
  const first = issues[0];
  return fail(
    'RT_ERR_SHAPE',
    `${clip(type, MAX_TYPE_CHARS)}: ${first ? `${first.path} expected ${first.expected}, got ${first.actual}` : 'invalid payload'}`,
    raw,
    type,
    issues,
    frame,
  );
}
