import * as E from 'fp-ts/Either';
import type { ClientEvent } from './clientEvents.js';
import { checkClientEvent } from './eventValidation.js';
import type { EncodeFailure } from './failures.js';
import { MAX_TYPE_CHARS, clip } from './failures.js';
import { UNKNOWN, VALID } from './verdict.js';

/**
 * Validate an outbound client event against its GA codec and serialise it.
 *
 * The event is checked, not rewritten: unknown extra keys are sent as given (the API may accept
 * fields newer than this library). Never throws.
 *
 * @param event - a client event; its `type` selects the codec.
 * @returns `Right(json)` ready for the socket, or `Left(failure)` naming the failing fields.
 *
 * @example
 * ```ts
 * import { encodeClientEvent } from 'openai-realtime-rx';
 * const r = encodeClientEvent({ type: 'input_audio_buffer.append', audio: 'AAAA' });
 * if (r._tag === 'Right') socket.send(r.right);
 * ```
 */
export function encodeClientEvent(event: ClientEvent): E.Either<EncodeFailure, string> {
  const type = typeof event === 'object' && event !== null ? (event as { type?: unknown }).type : undefined;
  const verdict = typeof type === 'string' ? checkClientEvent(type, event) : UNKNOWN;
  if (verdict === UNKNOWN) {
    return E.left({
      _tag: 'EncodeFailure',
      code: 'RT_ERR_UNKNOWN_COMMAND',
      message:
        typeof type === 'string'
          ? `"${clip(type, MAX_TYPE_CHARS)}" is not a client event type`
          : 'a client event must be an object with a string "type"',
      issues: [],
      ...(typeof type === 'string' ? { type: clip(type, MAX_TYPE_CHARS) } : {}),
    });
  }
  // the validation backend's verdict: see eventValidation.ts
  if (verdict !== VALID) {
    const name = clip(type as string, MAX_TYPE_CHARS);
    const { issues } = verdict;
    const first = issues[0];
    return E.left({
      _tag: 'EncodeFailure',
      code: 'RT_ERR_COMMAND_SHAPE',
      message: `${name}: ${first ? `${first.path} expected ${first.expected}, got ${first.actual}` : 'invalid event'}`,
      type: name,
      issues,
    });
  }
  try {
    return E.right(JSON.stringify(event));
  } catch (e) {
    const name = clip(type as string, MAX_TYPE_CHARS);
    return E.left({
      _tag: 'EncodeFailure',
      code: 'RT_ERR_COMMAND_JSON',
      message: `${name}: cannot be serialised (${(e as Error).message})`,
      type: name,
      issues: [],
    });
  }
}
