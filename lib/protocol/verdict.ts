/**
 * What a validation backend (eventValidation.ts in Node builds, eventValidation.browser.ts in
 * browser builds) says about one event: valid, of an unknown type, or invalid with its issues.
 * Internal: not exported from the package.
 *
 * @module
 */
import type { FieldIssue } from './failures.js';

/** The event holds its codec (the common case: a constant, nothing allocated). */
export const VALID = 0;

/** No codec has this `type`. */
export const UNKNOWN = 1;

/**
 * An event that fails its codec: `drift` when it fails only outside its essentials (server events
 * only), with the field issues of the codec it fails (the full codec when drifting, else the
 * essentials one; the event's codec for client events).
 */
export interface Invalid {
  readonly drift: boolean;
  readonly issues: FieldIssue[];
}

/**
 * A validation backend's verdict on one event.
 *
 * @example
 * ```ts
 * const verdict = checkServerEvent('response.done', frame);
 * if (verdict !== VALID && verdict !== UNKNOWN) report(verdict.issues);
 * ```
 */
export type Verdict = typeof VALID | typeof UNKNOWN | Invalid;

/** The verdict of failed validations' issues: none left means valid (io-ts's `decode` succeeded). */
export const invalid = (drift: boolean, issues: FieldIssue[]): Verdict => (issues.length === 0 ? VALID : { drift, issues });
