import * as E from 'fp-ts/Either';
import type { ClientEvent } from './clientEvents.js';
import { clientEventCodec } from './clientEvents.js';
import type { EncodeFailure } from './failures.js';
import { MAX_TYPE_CHARS, clip, fieldIssues } from './failures.js';
import { clientEventGuard } from './eventGuards.js';

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
  const codec = typeof type === 'string' ? clientEventCodec(type) : undefined;
  if (codec === undefined) {
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
  const name = clip(type as string, MAX_TYPE_CHARS);
  // the generated guard gives `codec.is`'s verdict without io-ts's per-field closures
  const result = (clientEventGuard(type as string)?.(event) ?? codec.is(event)) ? E.right(event) : codec.decode(event);
  if (E.isLeft(result)) {
    const issues = fieldIssues(result.left);
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
    return E.left({
      _tag: 'EncodeFailure',
      code: 'RT_ERR_COMMAND_JSON',
      message: `${name}: cannot be serialised (${(e as Error).message})`,
      type: name,
      issues: [],
    });
  }
}
