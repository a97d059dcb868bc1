/**
 * Tracing negotiation after `session.created`, as OpenAI's Agents SDK does it.
 *
 * @module
 */

/**
 * A tracing setting: `'auto'`, a configuration object, or `null` (off).
 *
 * @example
 * ```ts
 * const off: TracingSetting = null;
 * ```
 */
export type TracingSetting = 'auto' | Readonly<Record<string, unknown>> | null;

/**
 * What to do about tracing: send a `session.update` with this value, or leave it (with a warning).
 *
 * @example
 * ```ts
 * const d: TracingDecision = decideTracing('auto', null); // { send: 'auto' }
 * ```
 */
export type TracingDecision = { readonly send: TracingSetting } | { readonly warn: string };

/**
 * The warning when the server already has a tracing configuration object.
 *
 * @example
 * ```ts
 * logger.warn(TRACING_ALREADY_SET);
 * ```
 */
export const TRACING_ALREADY_SET =
  'Tracing config is already set, skipping setting it again. This likely happens when you already set a tracing config on session creation.';

/**
 * Decide the tracing update after `session.created`: the client's wish (`'auto'` when it set
 * none) is sent unless the server already has a tracing object, which is never overwritten.
 *
 * @param desired - the initial config's `tracing` if it had the key (`null` included), else `'auto'`.
 * @param server - the session's `tracing` from `session.created` (`undefined` counts as `null`).
 *
 * @example
 * ```ts
 * import { decideTracing } from 'openai-realtime-rx';
 * decideTracing('auto', null);                   // { send: 'auto' }
 * decideTracing({ workflow_name: 'x' }, 'auto'); // { send: { workflow_name: 'x' } }
 * decideTracing(null, { workflow_name: 'y' });   // { warn: 'Tracing config is already set, …' }
 * ```
 */
export function decideTracing(desired: TracingSetting, server: TracingSetting | undefined): TracingDecision {
  if (desired === 'auto') return { send: 'auto' };
  const serverHasObject = typeof server === 'object' && server !== null;
  return serverHasObject ? { warn: TRACING_ALREADY_SET } : { send: desired };
}
