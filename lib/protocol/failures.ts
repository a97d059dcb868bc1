/**
 * Decode and encode failures as data: tagged, with a stable `code`, the event `type` when known,
 * the path of each failing field, and the raw text cut to a bounded length. Turning them into
 * prose is the job of {@link formatFailure}, kept apart as io-ts keeps `PathReporter` apart.
 *
 * @module
 */
import type * as t from 'io-ts';
import type { UnknownServerEvent } from './serverEvents.js';

/**
 * Why an inbound frame could not be decoded.
 *
 * | code | meaning |
 * |---|---|
 * | `RT_ERR_FRAME` | the input is neither text nor bytes |
 * | `RT_ERR_UTF8` | bytes that are not valid UTF-8 |
 * | `RT_ERR_JSON` | text that is not JSON (empty, truncated, trailing garbage, BOM, comments …) |
 * | `RT_ERR_NOT_OBJECT` | JSON that is not an object (`null`, an array, a number …) |
 * | `RT_ERR_NO_TYPE` | an object without a string `type` |
 * | `RT_ERR_SHAPE` | a known `type` whose payload fails its codec |
 *
 * @example
 * ```ts
 * const retryable = (code: DecodeFailureCode) => code !== 'RT_ERR_SHAPE';
 * ```
 */
export type DecodeFailureCode =
  | 'RT_ERR_FRAME'
  | 'RT_ERR_UTF8'
  | 'RT_ERR_JSON'
  | 'RT_ERR_NOT_OBJECT'
  | 'RT_ERR_NO_TYPE'
  | 'RT_ERR_SHAPE';

/**
 * Why an outbound client event was refused.
 *
 * | code | meaning |
 * |---|---|
 * | `RT_ERR_UNKNOWN_COMMAND` | not an object with a known client event `type` |
 * | `RT_ERR_COMMAND_SHAPE` | a known `type` whose fields fail its codec |
 * | `RT_ERR_COMMAND_JSON` | `JSON.stringify` failed (a cycle, a `BigInt`) |
 *
 * @example
 * ```ts
 * const isBug = (code: EncodeFailureCode) => code === 'RT_ERR_COMMAND_SHAPE';
 * ```
 */
export type EncodeFailureCode = 'RT_ERR_UNKNOWN_COMMAND' | 'RT_ERR_COMMAND_SHAPE' | 'RT_ERR_COMMAND_JSON';

/**
 * One field that failed validation: where (`/response/output/0/content`), what was expected,
 * and a short description of what was found.
 *
 * @example
 * ```ts
 * import type { FieldIssue } from 'openai-realtime-rx';
 * const issue: FieldIssue = { path: '/output_index', expected: 'integer', actual: '"0"' };
 * ```
 */
export interface FieldIssue {
  readonly path: string;
  readonly expected: string;
  readonly actual: string;
}

/**
 * An inbound frame that did not become an event. Never thrown: returned as the `Left` of
 * `decodeServerEvent` and carried on the client's `errors$`.
 *
 * @example
 * ```ts
 * import { decodeServerEvent } from 'openai-realtime-rx';
 * const result = decodeServerEvent('{"type":"response.output_text.delta"}');
 * if (result._tag === 'Left') console.log(result.left.code, result.left.issues[0]?.path);
 * ```
 */
export interface DecodeFailure {
  readonly _tag: 'DecodeFailure';
  readonly code: DecodeFailureCode;
  /** One line, for logs. {@link formatFailure} gives the full text. */
  readonly message: string;
  /** The frame's `type`, when it had a string one (cut to {@link MAX_TYPE_CHARS}). */
  readonly type?: string;
  /** The failing fields (at most {@link MAX_ISSUES}); empty unless `code` is `RT_ERR_SHAPE`. */
  readonly issues: readonly FieldIssue[];
  /** The frame text, cut to {@link MAX_RAW_CHARS}. */
  readonly raw: string;
  /**
   * For `RT_ERR_SHAPE` only: the parsed frame as it arrived, so that catch-all listeners still
   * see traffic whose payload drifted from the schema.
   */
  readonly value?: UnknownServerEvent;
}

/**
 * A known event delivered although part of its payload drifted from the schema: its essentials
 * (the fields this library relies on, see `serverEventEssentials`) hold, some other field does
 * not. The event itself is delivered as it arrived, unknown and drifting fields kept; this value
 * says which paths drifted. Carried on the client's `errors$` next to the event, and logged
 * (rate limited) by `OpenAIRealtimeWebSocket`.
 *
 * @example
 * ```ts
 * import { decodeServerFrame } from 'openai-realtime-rx';
 * const r = decodeServerFrame('{"type":"mcp_list_tools.in_progress","item_id":"mcpl_1"}');
 * if (r._tag === 'Right' && r.right.warning) console.warn(r.right.warning.paths); // ['/event_id']
 * ```
 */
export interface DecodeWarning {
  readonly _tag: 'DecodeWarning';
  readonly code: 'RT_WARN_DRIFT';
  readonly severity: 'warning';
  /** One line, for logs: the type and the first drifting path. */
  readonly message: string;
  /** The event's `type` (cut to {@link MAX_TYPE_CHARS}). */
  readonly type: string;
  /** The event's `event_id`, when it has a string one. */
  readonly eventId?: string;
  /** The drifting paths, as in `issues`. */
  readonly paths: readonly string[];
  /** The drifting fields (at most {@link MAX_ISSUES}). */
  readonly issues: readonly FieldIssue[];
}

/**
 * An outbound client event that was not sent.
 *
 * @example
 * ```ts
 * import { encodeClientEvent } from 'openai-realtime-rx';
 * const result = encodeClientEvent({ type: 'conversation.item.truncate' } as never);
 * if (result._tag === 'Left') console.log(result.left.code); // RT_ERR_COMMAND_SHAPE
 * ```
 */
export interface EncodeFailure {
  readonly _tag: 'EncodeFailure';
  readonly code: EncodeFailureCode;
  readonly message: string;
  readonly type?: string;
  readonly issues: readonly FieldIssue[];
}

/**
 * How much of a frame's text a failure keeps.
 *
 * @example
 * ```ts
 * failure.raw.length <= MAX_RAW_CHARS + 20; // plus the '…(+N chars)' note
 * ```
 */
export const MAX_RAW_CHARS = 512;
/**
 * How much of a `type` string a failure keeps.
 *
 * @example
 * ```ts
 * (failure.type ?? '').length <= MAX_TYPE_CHARS + 20;
 * ```
 */
export const MAX_TYPE_CHARS = 128;
/**
 * How many field issues a failure keeps.
 *
 * @example
 * ```ts
 * failure.issues.length <= MAX_ISSUES;
 * ```
 */
export const MAX_ISSUES = 8;

/**
 * Cut text to `max` characters, saying how much was left out.
 *
 * @example
 * ```ts
 * import { clip } from 'openai-realtime-rx';
 * clip('abcdef', 3); // 'abc…(+3 chars)'
 * ```
 */
export const clip = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max)}…(+${text.length - max} chars)`;

/** A short description of a value that never walks it (safe on 10,000-deep nesting). */
const describe = (value: unknown): string => {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(clip(value, 40));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `array(${value.length})`;
  return typeof value;
};

const isCombinator = (type: t.Decoder<unknown, unknown>): boolean => {
  const tag = (type as { _tag?: string })._tag;
  return tag === 'IntersectionType' || tag === 'UnionType';
};

/**
 * One validation error, as both validation backends report it: the JSON path ('' at the root),
 * the name of the codec expected at that path, and the value found there.
 *
 * @example
 * ```ts
 * const error: RawIssue = ['/output_index', 'integer', '0'];
 * ```
 */
export type RawIssue = readonly [path: string, expected: string, value: unknown];

/**
 * The field issues of a validation's errors, in their order: at most {@link MAX_ISSUES}, each
 * path and expectation once, and none whose path has a deeper issue below it. Shared by the io-ts
 * explanations ({@link fieldIssues}) and the browser build's schema interpreter, so that both
 * builds report the same issues.
 *
 * @example
 * ```ts
 * issueList([['/a', 'string', 1], ['/a', 'string', 1]]); // [{ path: '/a', expected: 'string', actual: '1' }]
 * ```
 */
export const issueList = (errors: Iterable<RawIssue>): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  for (const [path, expected, value] of errors) {
    if (issues.length >= MAX_ISSUES * 4) break;
    const key = `${path}\u0000${expected}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ path: path || '/', expected, actual: describe(value) });
  }
  // A union reports every member's failure: `nullable(t.array(X))` says both "bad element at
  // /a/0/b" and "/a is not null". The deeper issue is the useful one.
  return issues
    .filter((issue) => !issues.some((other) => other.path.startsWith(`${issue.path}/`)))
    .slice(0, MAX_ISSUES);
};

/** io-ts's errors as {@link RawIssue}s, read lazily (`issueList` stops early). */
function* rawIssues(errors: t.Errors): Generator<RawIssue> {
  for (const error of errors) {
    const { context } = error;
    let path = '';
    // The codec named at the deepest real key: io-ts adds entries for union and intersection
    // members whose keys are member indexes, not JSON keys.
    let expected = context[0]?.type.name ?? 'value';
    for (let i = 1; i < context.length; i++) {
      const parent = context[i - 1];
      const entry = context[i];
      if (parent && entry && !isCombinator(parent.type)) {
        path += `/${entry.key}`;
        expected = entry.type.name;
      }
    }
    yield [path, expected, error.value];
  }
}

/**
 * The field issues of an io-ts validation, with clean JSON paths: the member indexes io-ts adds
 * for unions and intersections are left out of the path.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { fieldIssues } from 'openai-realtime-rx';
 * const r = t.type({ a: t.string }).decode({ a: 1 });
 * if (r._tag === 'Left') fieldIssues(r.left); // [{ path: '/a', expected: 'string', actual: '1' }]
 * ```
 */
export const fieldIssues = (errors: t.Errors): FieldIssue[] => issueList(rawIssues(errors));
