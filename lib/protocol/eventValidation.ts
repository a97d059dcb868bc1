/**
 * How the decoder and the encoder validate events: the Node build. The guards generated from the
 * io-ts codecs (`generated/guards.ts`) decide, about 0.35 µs a frame faster than io-ts's `is`
 * (bench: `decode`); io-ts's `decode` explains a failure. The package's `browser` and
 * `react-native` fields swap in `eventValidation.browser.ts`, which carries neither io-ts nor the
 * guards but a compact schema and its interpreter, with the same verdicts and the same issues
 * (spec/protocol/eventValidation.spec.ts).
 *
 * @module
 */
import { isRight } from 'fp-ts/Either';
import { clientEventCodec } from './clientEvents.js';
import { essentialCodec } from './essentials.js';
import { fieldIssues } from './failures.js';
import { clientEventGuard, serverEventGuard } from './generated/guards.js';
import { serverEventCodec, serverEventCodecs } from './serverEvents.js';
import type { Verdict } from './verdict.js';
import { UNKNOWN, VALID, invalid } from './verdict.js';

/** Why a known server event failed its guard: drift (its essentials hold) or failure, with the issues. */
const explainServerEvent = (type: string, frame: Record<string, unknown>): Verdict => {
  const codec = serverEventCodec(type);
  const essentials = essentialCodec(type);
  if (codec === undefined || essentials === undefined) return UNKNOWN; // the guard tables and the codec tables have the same types
  if (essentials.is(frame)) {
    const full = codec.decode(frame);
    return isRight(full) ? VALID : invalid(true, fieldIssues(full.left));
  }
  const result = essentials.decode(frame);
  return isRight(result) ? VALID : invalid(false, fieldIssues(result.left));
};

/**
 * The verdict on a server event object of this `type`.
 *
 * @example
 * ```ts
 * checkServerEvent('input_audio_buffer.cleared', { type: 'input_audio_buffer.cleared', event_id: 'e' }); // VALID
 * ```
 */
export const checkServerEvent = (type: string, frame: Record<string, unknown>): Verdict => {
  const guard = serverEventGuard(type);
  return guard === undefined ? UNKNOWN : guard(frame) ? VALID : explainServerEvent(type, frame);
};

/**
 * The verdict on a client event of this `type` (never drift).
 *
 * @example
 * ```ts
 * checkClientEvent('input_audio_buffer.clear', { type: 'input_audio_buffer.clear' }); // VALID
 * ```
 */
export const checkClientEvent = (type: string, event: unknown): Verdict => {
  const guard = clientEventGuard(type);
  if (guard === undefined) return UNKNOWN;
  if (guard(event)) return VALID;
  const result = (clientEventCodec(type) as NonNullable<ReturnType<typeof clientEventCodec>>).decode(event);
  return isRight(result) ? VALID : invalid(false, fieldIssues(result.left));
};

/**
 * The `type` of every known server event, in the codec table's order.
 *
 * @example
 * ```ts
 * serverEventTypes.includes('response.done'); // true
 * ```
 */
export const serverEventTypes: readonly string[] = Object.keys(serverEventCodecs);

/** The property names a codec declares (through `type`, `partial` and `intersection`). */
const propsOf = (codec: unknown): string[] => {
  const c = codec as { props?: Record<string, unknown>; types?: unknown[] };
  if (c.props) return Object.keys(c.props);
  return c.types ? c.types.flatMap(propsOf) : [];
};

/**
 * The top-level fields a server event's codec declares (`type` among them), or `undefined` for
 * an unknown type.
 *
 * @example
 * ```ts
 * serverEventFields('input_audio_buffer.cleared'); // ['type', 'event_id']
 * ```
 */
export const serverEventFields = (type: string): readonly string[] | undefined => {
  const codec = serverEventCodec(type);
  return codec === undefined ? undefined : propsOf(codec);
};
