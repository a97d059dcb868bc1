import type { ServerEvent, UnknownServerEvent } from '../protocol/serverEvents.js';

/**
 * What a decoded event stream carries: a known GA event or a well-formed unknown one.
 *
 * @example
 * ```ts
 * import type { AnyServerEvent } from 'openai-realtime-rx';
 * const log = (e: AnyServerEvent) => console.log(e.type);
 * ```
 */
export type AnyServerEvent = ServerEvent | UnknownServerEvent;

/** Narrow to one known type without the cost of a Set (the hot path of every substream). */
export const is = <T extends ServerEvent['type']>(event: AnyServerEvent, type: T): event is Extract<ServerEvent, { type: T }> =>
  event.type === type;
