import { serverEventFields } from './eventValidation.js';
import type { ServerEvent } from './serverEvents.js';

const cache = new Map<string, ReadonlySet<string>>();

/**
 * The event with only the top-level fields its GA schema declares: what OpenAI's Agents SDK
 * hands to typed listeners. Returns the event itself when it has nothing extra (no copy).
 *
 * @example
 * ```ts
 * import { withKnownFields } from 'openai-realtime-rx';
 * withKnownFields({ type: 'input_audio_buffer.cleared', event_id: 'e', extra: 1 }); // { type: 'input_audio_buffer.cleared', event_id: 'e' }
 * ```
 */
export function withKnownFields<E extends ServerEvent>(event: E): E {
  let known = cache.get(event.type);
  if (known === undefined) {
    // from the validation backend: the codec's fields (Node builds) or its generated schema's (browser builds)
    known = new Set(serverEventFields(event.type) ?? Object.keys(event));
    cache.set(event.type, known);
  }
  const keys = Object.keys(event);
  if (keys.every((k) => known.has(k))) return event;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (known.has(k)) out[k] = (event as Record<string, unknown>)[k];
  return out as E;
}
