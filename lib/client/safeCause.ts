import { redact } from '../transport/redact.js';

const isPrimitive = (v: unknown): boolean => v === null || (typeof v !== 'object' && typeof v !== 'function');

/** Own fields that are worth keeping on a cause (all primitives). */
const KEPT = ['code', 'errno', 'syscall', 'address', 'port', 'status', 'retryAfterMs'] as const;

const mentions = (value: unknown, secret: string | undefined): boolean =>
  secret !== undefined && secret.length >= 4 && typeof value === 'string' && value.includes(secret);

/**
 * What a socket or a factory reported, made safe to keep on an error and to log: never a socket,
 * a request or an event object (they hold the handshake, and with it the `Authorization` header),
 * and never the key.
 *
 * A plain object or `Error` whose own fields are all primitives (no symbol keys) and none
 * mentions the key is returned as it is
 * (so a plain `Error` from a factory stays the same object). Anything else becomes a new `Error`
 * with the redacted message and name, and only the primitive `code`, `errno`, `syscall`,
 * `address`, `port`, `status` and `retryAfterMs` fields; a DOM/`ws` `ErrorEvent` gives its inner
 * error's message.
 *
 * @example
 * ```ts
 * safeCause(errorEventFromWs, apiKey); // Error: Unexpected server response: 401 (no socket, no request)
 * ```
 */
export function safeCause(reported: unknown, secret: string | undefined): unknown {
  if (isPrimitive(reported)) return typeof reported === 'string' ? redact(reported, secret) : reported;
  const record = reported as Record<string, unknown>;
  const keys = Object.getOwnPropertyNames(record);
  const proto: unknown = Object.getPrototypeOf(record);
  // only a plain object or an Error: a class instance (a DOM or ws ErrorEvent) hides its target
  // behind symbols and getters
  const plain = proto === Object.prototype || proto === null || record instanceof Error;
  const clean =
    plain &&
    Object.getOwnPropertySymbols(record).length === 0 &&
    keys.every((k) => isPrimitive(record[k]) && !mentions(record[k], secret)) &&
    !mentions(record.message, secret) &&
    !mentions((record as { stack?: unknown }).stack, secret);
  if (clean) return reported;
  const inner = (record as { error?: unknown }).error;
  const source = (inner instanceof Error ? inner : record) as Record<string, unknown>;
  const message = typeof source.message === 'string' && source.message !== '' ? source.message : typeof record.message === 'string' ? record.message : 'WebSocket error';
  const error = new Error(redact(message, secret));
  if (typeof source.name === 'string' && source.name !== 'Error') error.name = redact(source.name, secret);
  for (const key of KEPT) {
    const value = source[key] ?? record[key];
    if (isPrimitive(value) && value !== undefined) (error as unknown as Record<string, unknown>)[key] = typeof value === 'string' ? redact(value, secret) : value;
  }
  return error;
}
