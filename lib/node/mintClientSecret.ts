/**
 * The server side of the ephemeral-key flow: mint a client secret (`ek_…`) for a browser.
 *
 * @module
 */
import type { SessionConfig } from '../client/RealtimeClientConfig.js';
import { safeCause } from '../client/safeCause.js';
import type { Session } from '../protocol/session.js';
import { DEFAULT_REALTIME_MODEL } from '../protocol/endpoint.js';
import { redact } from '../transport/redact.js';

/**
 * Options of {@link mintClientSecret}. Only `apiKey` is required.
 *
 * @example
 * ```ts
 * import type { MintClientSecretOptions } from 'openai-realtime-rx/node';
 * const options: MintClientSecretOptions = { apiKey: process.env.OPENAI_API_KEY!, expiresAfterSeconds: 600, session: { instructions: 'Be brief.' } };
 * ```
 */
export interface MintClientSecretOptions {
  /** Your regular API key. It is sent in the `Authorization` header and never appears in an error. */
  readonly apiKey: string;
  /** The model of the session. Default `session.model`, else {@link DEFAULT_REALTIME_MODEL}. */
  readonly model?: string;
  /** The session the secret opens (`type` defaults to `'realtime'`): instructions, voice, formats, tools… */
  readonly session?: SessionConfig;
  /** Seconds until the secret expires (the API takes 10 to 7200; its default is 600). Sessions opened before then go on. */
  readonly expiresAfterSeconds?: number;
  /** The API's base URL. Default `https://api.openai.com/v1`; the embedded simulator's is `http://127.0.0.1:<port>/v1`. */
  readonly baseUrl?: string;
  /** The `fetch` to use. Default the global one (Node 18+). */
  readonly fetch?: typeof fetch;
  /** Abort the request (it then rejects with `RT_ERR_SECRET_ABORTED`). */
  readonly signal?: AbortSignal;
  /** Give up after this long (rejects with `RT_ERR_SECRET_TIMEOUT`). Default {@link DEFAULT_MINT_TIMEOUT_MS}; `0` waits forever. */
  readonly timeoutMs?: number;
}

/**
 * A minted client secret: give `value` to the page, which connects with it as its API key until
 * `expiresAt`.
 *
 * @example
 * ```ts
 * import type { ClientSecret } from 'openai-realtime-rx/node';
 * const forPage = (secret: ClientSecret) => ({ key: secret.value, expiresAt: secret.expiresAt });
 * ```
 */
export interface ClientSecret {
  /** The ephemeral key, `ek_…`. */
  readonly value: string;
  /** When it expires, in seconds since the epoch (as the API says). */
  readonly expiresAt: number;
  /** The session it opens, as the API reports it. */
  readonly session: Session;
}

/**
 * Why minting failed. Never carries the API key: not in `message`, not in `cause`, not in JSON.
 *
 * | code | meaning |
 * |---|---|
 * | `RT_ERR_SECRET_HTTP` | the API answered with an HTTP error: `status`, and the API's own `apiMessage`, `apiCode`, `apiType` when its body had them |
 * | `RT_ERR_SECRET_NETWORK` | no answer (DNS, refused, reset); `cause` says what, without the request |
 * | `RT_ERR_SECRET_TIMEOUT` | no answer within `timeoutMs` |
 * | `RT_ERR_SECRET_ABORTED` | the caller's `signal` aborted |
 * | `RT_ERR_SECRET_RESPONSE` | a success status whose body is not a client secret (`status` set) |
 *
 * @example
 * ```ts
 * import { ClientSecretError } from 'openai-realtime-rx/node';
 * const status = (e: unknown) => (e instanceof ClientSecretError && e.code === 'RT_ERR_SECRET_HTTP' ? e.status : 502);
 * ```
 */
export class ClientSecretError extends Error {
  override readonly name = 'ClientSecretError';

  constructor(
    readonly code: 'RT_ERR_SECRET_HTTP' | 'RT_ERR_SECRET_NETWORK' | 'RT_ERR_SECRET_TIMEOUT' | 'RT_ERR_SECRET_ABORTED' | 'RT_ERR_SECRET_RESPONSE',
    message: string,
    details: { status?: number; apiMessage?: string; apiCode?: string; apiType?: string; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    if (details.status !== undefined) this.status = details.status;
    if (details.apiMessage !== undefined) this.apiMessage = details.apiMessage;
    if (details.apiCode !== undefined) this.apiCode = details.apiCode;
    if (details.apiType !== undefined) this.apiType = details.apiType;
  }

  /** The HTTP status, when there was an answer. */
  readonly status?: number;
  /** `error.message` of the API's answer. */
  readonly apiMessage?: string;
  /** `error.code` of the API's answer (for example `invalid_api_key`). */
  readonly apiCode?: string;
  /** `error.type` of the API's answer (for example `invalid_request_error`). */
  readonly apiType?: string;

  /** The fields worth logging (what `JSON.stringify` shows). */
  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, status: this.status, apiMessage: this.apiMessage, apiCode: this.apiCode, apiType: this.apiType };
  }
}

/**
 * The default {@link MintClientSecretOptions.timeoutMs}: 30 s.
 *
 * @example
 * ```ts
 * import { DEFAULT_MINT_TIMEOUT_MS, mintClientSecret } from 'openai-realtime-rx/node';
 * await mintClientSecret({ apiKey, timeoutMs: DEFAULT_MINT_TIMEOUT_MS / 3 });
 * ```
 */
export const DEFAULT_MINT_TIMEOUT_MS = 30_000;

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The API's `{error: {message, code, type}}`, if the body is that. */
function apiError(body: string): { apiMessage?: string; apiCode?: string; apiType?: string } {
  try {
    const error = (JSON.parse(body) as { error?: Record<string, unknown> } | null)?.error;
    if (typeof error !== 'object' || error === null) return {};
    const [apiMessage, apiCode, apiType] = [str(error['message']), str(error['code']), str(error['type'])];
    return { ...(apiMessage ? { apiMessage } : {}), ...(apiCode ? { apiCode } : {}), ...(apiType ? { apiType } : {}) };
  } catch {
    return {};
  }
}

/**
 * Mint an ephemeral client secret for a browser (the GA endpoint, `POST {baseUrl}/realtime/client_secrets`),
 * on your server, with your regular API key. The page then connects with `value` as its key
 * (`new RealtimeClient({ apiKey: () => fetchSecretFromYourServer() })`); the secret opens
 * sessions with the `session` configuration given here until it expires.
 *
 * Resolves with the secret; rejects with a {@link ClientSecretError} (HTTP error with the API's
 * message, network failure, timeout, abort, or an unexpected body), which never contains the key.
 * Misuse (no key, a bad `expiresAfterSeconds` or `timeoutMs`, no `fetch` available) throws
 * synchronously.
 *
 * @example
 * ```ts
 * import { mintClientSecret } from 'openai-realtime-rx/node';
 *
 * // an HTTP handler of your server: GET /session -> the ephemeral key
 * const secret = await mintClientSecret({ apiKey: process.env.OPENAI_API_KEY!, session: { instructions: 'Be brief.', audio: { output: { voice: 'marin' } } } });
 * response.end(JSON.stringify({ key: secret.value, expiresAt: secret.expiresAt }));
 * ```
 */
export function mintClientSecret(options: MintClientSecretOptions): Promise<ClientSecret> {
  const { apiKey, session = {}, expiresAfterSeconds, timeoutMs = DEFAULT_MINT_TIMEOUT_MS } = options;
  if (typeof apiKey !== 'string' || apiKey.trim() === '') throw new TypeError('mintClientSecret: apiKey is required (your regular API key, on the server).');
  if (expiresAfterSeconds !== undefined && !(Number.isInteger(expiresAfterSeconds) && expiresAfterSeconds > 0)) {
    throw new RangeError(`mintClientSecret: expiresAfterSeconds must be a positive integer (the API takes 10 to 7200), not ${String(expiresAfterSeconds)}.`);
  }
  if (!(typeof timeoutMs === 'number' && timeoutMs >= 0)) throw new RangeError(`mintClientSecret: timeoutMs must be a number ≥ 0, not ${String(timeoutMs)}.`);
  const doFetch = options.fetch ?? globalThis.fetch;
  if (typeof doFetch !== 'function') throw new TypeError('mintClientSecret: no fetch in this runtime; pass options.fetch.');
  const url = `${(options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '')}/realtime/client_secrets`;
  const body = {
    ...(expiresAfterSeconds === undefined ? {} : { expires_after: { anchor: 'created_at', seconds: expiresAfterSeconds } }),
    session: { ...session, type: session.type ?? 'realtime', model: options.model ?? session.model ?? DEFAULT_REALTIME_MODEL },
  };
  return request(doFetch, url, apiKey, JSON.stringify(body), options.signal, timeoutMs);
}

async function request(doFetch: typeof fetch, url: string, apiKey: string, body: string, signal: AbortSignal | undefined, timeoutMs: number): Promise<ClientSecret> {
  const clean = (text: string) => redact(text, apiKey);
  const where = clean(url);
  const controller = new AbortController();
  let timedOut = false;
  const timer = timeoutMs > 0 ? setTimeout(() => ((timedOut = true), controller.abort()), timeoutMs) : undefined;
  const onAbort = () => controller.abort();
  if (signal?.aborted) controller.abort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  const stopped = (e: unknown): ClientSecretError | undefined => {
    if (timedOut) return new ClientSecretError('RT_ERR_SECRET_TIMEOUT', `minting a client secret at ${where} took longer than ${timeoutMs} ms`);
    if (signal?.aborted) return new ClientSecretError('RT_ERR_SECRET_ABORTED', `minting a client secret at ${where} was aborted`);
    if (e === undefined) return undefined;
    // fetch's TypeError('fetch failed') has the reason (ECONNREFUSED, ENOTFOUND…) as its cause
    // (checked by shape: the error may come from another realm)
    const inner = typeof e === 'object' && e !== null && (e as { cause?: unknown }).cause !== undefined ? (e as { cause: unknown }).cause : e;
    const cause = safeCause(inner, apiKey);
    const message = typeof cause === 'object' && cause !== null ? (cause as { message?: unknown }).message : cause;
    const detail = typeof message === 'string' && message !== '' ? message : 'unknown error';
    return new ClientSecretError('RT_ERR_SECRET_NETWORK', `could not reach ${where}: ${clean(detail)}`, { cause });
  };
  try {
    let response: Response;
    let text: string;
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
        body,
        signal: controller.signal,
      });
      text = await response.text();
    } catch (e) {
      throw stopped(e) ?? e;
    }
    if (!response.ok) {
      const details = apiError(text);
      const apiMessage = details.apiMessage === undefined ? undefined : clean(details.apiMessage);
      const said = apiMessage ?? clean(response.statusText || 'no message');
      throw new ClientSecretError('RT_ERR_SECRET_HTTP', `minting a client secret failed with HTTP ${response.status}: ${said}`, {
        status: response.status,
        ...details,
        ...(apiMessage === undefined ? {} : { apiMessage }),
      });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const secret = parsed as { value?: unknown; expires_at?: unknown; session?: unknown } | undefined;
    if (
      typeof secret !== 'object' ||
      secret === null ||
      typeof secret.value !== 'string' ||
      secret.value === '' ||
      typeof secret.expires_at !== 'number' ||
      typeof secret.session !== 'object' ||
      secret.session === null
    ) {
      throw new ClientSecretError('RT_ERR_SECRET_RESPONSE', `the answer of ${where} (HTTP ${response.status}) is not a client secret ({value, expires_at, session})`, {
        status: response.status,
      });
    }
    return { value: secret.value, expiresAt: secret.expires_at, session: secret.session };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
