import type { OperatorFunction } from 'rxjs';
import { filter } from 'rxjs';
import { hasType } from '../protocol/hasType.js';
import type { ServerEvent, ServerEventOf, ServerEventType, UnknownServerEvent } from '../protocol/serverEvents.js';

/**
 * Keep only the events of the given types, narrowed: `ofType('response.output_audio.delta')`
 * yields `ServerEventOf<'response.output_audio.delta'>`.
 *
 * @param types - one or more GA server event types.
 *
 * @example
 * ```ts
 * import { ofType } from 'openai-realtime-rx';
 * client.events$.pipe(ofType('response.done')).subscribe((e) => console.log(e.response.status));
 * ```
 */
export function ofType<T extends ServerEventType>(
  ...types: readonly [T, ...T[]]
): OperatorFunction<ServerEvent | UnknownServerEvent, ServerEventOf<T>> {
  return filter(hasType(...types));
}
