/**
 * Misuse of the public API (a missing key, a busy connection, an invalid history edit): thrown
 * synchronously, or as a rejection of `connect()`, with a message that says what to do. The
 * equivalent of `UserError` in OpenAI's Agents SDK, so `instanceof` checks port over.
 *
 * @example
 * ```ts
 * import { UserError } from 'openai-realtime-rx';
 * try { transport.resetHistory(old, next); } catch (e) { if (e instanceof UserError) showHint(e.message); }
 * ```
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}
