import type { ServerEvent, ServerEventOf, ServerEventType, UnknownServerEvent } from './serverEvents.js';

/**
 * A type guard that narrows a decoded event to the given types. Only known events can match:
 * unknown events have a type outside the table, so the narrowing is sound.
 *
 * @param types - one or more GA server event types.
 * @returns a predicate for `Array.prototype.filter`, `if`, or rxjs `filter`.
 *
 * @example
 * ```ts
 * import { hasType } from 'openai-realtime-rx';
 * const isAudio = hasType('response.output_audio.delta');
 * if (isAudio(event)) console.log(event.delta.length); // event: ServerEventOf<'response.output_audio.delta'>
 * ```
 */
export function hasType<T extends ServerEventType>(
  ...types: readonly [T, ...T[]]
): (event: ServerEvent | UnknownServerEvent) => event is ServerEventOf<T> {
  if (types.length === 1) {
    const only = types[0];
    return (event): event is ServerEventOf<T> => event.type === only;
  }
  const set: ReadonlySet<string> = new Set(types);
  return (event): event is ServerEventOf<T> => set.has(event.type);
}
