/**
 * Remove every occurrence of a secret from a text (replaced by `***`). Applied to every message
 * built from a socket or factory error, because some runtimes echo the subprotocol list, which
 * carries the key in browsers.
 *
 * @example
 * ```ts
 * import { redact } from 'openai-realtime-rx';
 * redact('bad protocol openai-insecure-api-key.ek_123', 'ek_123'); // 'bad protocol openai-insecure-api-key.***'
 * ```
 */
export const redact = (text: string, secret: string | undefined): string =>
  secret === undefined || secret.length < 4 ? text : text.split(secret).join('***');
