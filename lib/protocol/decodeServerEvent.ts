import * as E from 'fp-ts/Either';
import { checkServerEvent } from './eventValidation.js';
import type { DecodeFailure, DecodeFailureCode, DecodeWarning, FieldIssue } from './failures.js';
import { MAX_RAW_CHARS, MAX_TYPE_CHARS, clip } from './failures.js';
import type { ServerEvent, UnknownServerEvent } from './serverEvents.js';
import { UNKNOWN, VALID } from './verdict.js';

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

const failure = (
  code: DecodeFailureCode,
  message: string,
  raw: string,
  type?: string,
  issues: readonly FieldIssue[] = [],
  value?: UnknownServerEvent,
): DecodeFailure => ({
  _tag: 'DecodeFailure',
  code,
  message,
  raw: clip(raw, MAX_RAW_CHARS),
  issues,
  ...(type === undefined ? {} : { type: clip(type, MAX_TYPE_CHARS) }),
  ...(value === undefined ? {} : { value }),
});

const fail = (code: DecodeFailureCode, message: string, raw: string): E.Either<DecodeFailure, never> => E.left(failure(code, message, raw));

/**
 * A frame that could not be decoded, boxed: {@link decodeText} returns a valid frame's event as it
 * is, with no `Either` around it, and tells a failure by this class.
 *
 * @example
 * ```ts
 * const r = decodeText(raw);
 * if (r instanceof FrameFailure) report(r.failure);
 * ```
 */
export class FrameFailure {
  constructor(readonly failure: DecodeFailure) {}
}

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

/** The warnings of drifted events, keyed by the event object (entries go with their events). */
const warnings = new WeakMap<object, DecodeWarning>();
/** Whether any frame has drifted yet: until one has, looking a warning up is skipped. */
let drifted = false;

/**
 * The drift warning of an event that `decodeServerEvent` delivered although part of its payload
 * failed the schema; `undefined` for every other event. A `WeakMap` lookup: it costs nothing on
 * well-formed frames and keeps nothing alive.
 *
 * @example
 * ```ts
 * import { decodeServerEvent, decodeWarningOf } from 'openai-realtime-rx';
 * const r = decodeServerEvent('{"type":"mcp_list_tools.in_progress","item_id":"mcpl_1"}');
 * if (r._tag === 'Right') decodeWarningOf(r.right)?.paths; // ['/event_id']
 * ```
 */
export const decodeWarningOf = (event: object): DecodeWarning | undefined => (drifted ? warnings.get(event) : undefined);

/** The warning for a frame whose essentials hold and whose full codec does not. */
const driftWarning = (type: string, frame: Record<string, unknown>, issues: readonly FieldIssue[]): DecodeWarning => {
  const eventId = frame['event_id'];
  const first = issues[0];
  const shortType = clip(type, MAX_TYPE_CHARS);
  return {
    _tag: 'DecodeWarning',
    code: 'RT_WARN_DRIFT',
    severity: 'warning',
    message: `${shortType}: delivered, but ${first ? `${first.path} expected ${first.expected}, got ${first.actual}` : 'its payload drifts from the schema'}${issues.length > 1 ? ` (+${issues.length - 1} more)` : ''}`,
    type: shortType,
    ...(typeof eventId === 'string' ? { eventId: clip(eventId, MAX_TYPE_CHARS) } : {}),
    paths: issues.map((i) => i.path),
    issues,
  };
};

/**
 * Decode one inbound frame into a typed server event.
 *
 * Parses the JSON once, looks the codec up by `type` (a table lookup, not 46 trials), and
 * validates. A well-formed frame of an unknown `type` is a `Right` carrying the frame as it
 * arrived ({@link UnknownServerEvent}), so newer events are never lost. Never throws, whatever it
 * is given; unknown fields are kept.
 *
 * Two tiers: a known event whose *essential* fields (those this library relies on, see
 * `serverEventEssentials`) hold but whose other fields fail the schema is still a `Right`: the
 * event as it arrived, with a {@link DecodeWarning} that {@link decodeWarningOf} returns (or use
 * {@link decodeServerFrame}, which returns both). Only a frame whose essentials fail, or that is
 * not an event at all, is a `Left` {@link DecodeFailure}.
 *
 * Decoded events are the parsed objects themselves, so decoding adds validation, not allocation,
 * to `JSON.parse`.
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
  if (typeof data === 'string') return decodeServerText(data);
  const text = toText(data);
  return E.isLeft(text) ? text : decodeServerText(text.right);
}

/**
 * {@link decodeServerEvent} of a text frame: what `RealtimeClient` uses (it refuses binary frames
 * before decoding), so that a bundle of the client does not carry the bytes-to-text step.
 *
 * @param raw - one text frame.
 * @returns `Right(event)` or `Left(failure)`, as {@link decodeServerEvent}.
 *
 * @example
 * ```ts
 * decodeServerText('{"type":"input_audio_buffer.cleared","event_id":"e1"}'); // Right
 * ```
 */
export function decodeServerText(raw: string): E.Either<DecodeFailure, ServerEvent | UnknownServerEvent> {
  const decoded = decodeText(raw);
  return decoded instanceof FrameFailure ? E.left(decoded.failure) : E.right(decoded);
}

/**
 * {@link decodeServerText} without the `Either`: the event itself, or a {@link FrameFailure}.
 * What `RealtimeClient` calls for every frame, so that a valid frame costs no wrapper object.
 *
 * @param raw - one text frame.
 * @returns the event, or the failure boxed in a {@link FrameFailure}.
 *
 * @example
 * ```ts
 * const r = decodeText('{"type":"input_audio_buffer.cleared","event_id":"e1"}');
 * if (!(r instanceof FrameFailure)) console.log(r.type);
 * ```
 */
export function decodeText(raw: string): ServerEvent | UnknownServerEvent | FrameFailure {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    return new FrameFailure(failure('RT_ERR_JSON', `frame is not JSON (${(e as Error).message})`, raw));
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return new FrameFailure(failure('RT_ERR_NOT_OBJECT', `frame is ${json === null ? 'null' : Array.isArray(json) ? 'an array' : typeof json}, not an event object`, raw));
  }
  const frame = json as Record<string, unknown>;
  const type = frame['type'];
  if (typeof type !== 'string') {
    return new FrameFailure(failure('RT_ERR_NO_TYPE', 'frame has no string "type"', raw));
  }
  // Every codec here is an identity codec (no transformations), so a valid frame is the event as
  // it is. The verdict comes from the validation backend: the guards generated from the codecs,
  // with io-ts explaining failures (Node builds), or a schema generated from the codecs and its
  // interpreter (browser builds, which carry no io-ts: see eventValidation.ts). Both give the same
  // verdicts and issues.
  const verdict = checkServerEvent(type, frame);
  if (verdict === VALID) return frame as ServerEvent;
  if (verdict === UNKNOWN) return frame as UnknownServerEvent;
  const { issues } = verdict;
  if (verdict.drift) {
    // its essentials hold: delivered, with a warning
    warnings.set(frame, driftWarning(type, frame, issues));
    drifted = true;
    return frame as UnknownServerEvent;
  }
  const first = issues[0];
  return new FrameFailure(failure(
    'RT_ERR_SHAPE',
    `${clip(type, MAX_TYPE_CHARS)}: ${first ? `${first.path} expected ${first.expected}, got ${first.actual}` : 'invalid payload'}`,
    raw,
    type,
    issues,
    frame as UnknownServerEvent,
  ));
}

/**
 * One decoded frame: the event, and the drift warning when part of its payload failed the schema
 * while its essentials held.
 *
 * @example
 * ```ts
 * import type { DecodedFrame } from 'openai-realtime-rx';
 * const show = (f: DecodedFrame) => `${f.event.type}${f.warning ? ' (drifted)' : ''}`;
 * ```
 */
export interface DecodedFrame {
  readonly event: ServerEvent | UnknownServerEvent;
  readonly warning?: DecodeWarning;
}

/**
 * {@link decodeServerEvent}, with the drift warning returned next to the event rather than looked
 * up with {@link decodeWarningOf}.
 *
 * @param data - one WebSocket frame: text, or bytes that are decoded as strict UTF-8.
 * @returns `Right({event, warning?})` or `Left(failure)`.
 *
 * @example
 * ```ts
 * import { decodeServerFrame, formatFailure } from 'openai-realtime-rx';
 * const r = decodeServerFrame('{"type":"response.done","event_id":"e","response":{"id":"r","status":"completed","output":"?"}}');
 * if (r._tag === 'Right') {
 *   handle(r.right.event);
 *   if (r.right.warning) console.warn(formatFailure(r.right.warning)); // RT_WARN_DRIFT response.done e … /response/output
 * }
 * ```
 */
export function decodeServerFrame(data: FrameData): E.Either<DecodeFailure, DecodedFrame> {
  const result = decodeServerEvent(data);
  if (E.isLeft(result)) return result;
  const warning = warnings.get(result.right);
  return E.right(warning === undefined ? { event: result.right } : { event: result.right, warning });
}
