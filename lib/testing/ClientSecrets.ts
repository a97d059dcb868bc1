/**
 * The simulator's `POST /v1/realtime/client_secrets`: ephemeral keys (`ek_…`) with the session
 * they open and their expiry.
 *
 * @module
 */
import type { SimSessionConfig } from './defaults.js';
import { defaultSession, mergeSession } from './defaults.js';
import type { IdSource } from './ids.js';

/**
 * An HTTP answer: status and JSON body.
 *
 * @example
 * ```ts
 * const answer: HttpAnswer = { status: 401, body: { error: { type: 'invalid_request_error', code: 'invalid_api_key', message: '…', param: null } } };
 * ```
 */
export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * What a minted key opens: the session configuration given at minting (the model apart), until
 * `expiresAtMs`.
 *
 * @example
 * ```ts
 * const opens = (m: MintedSecret) => `${m.model ?? 'default model'}, until ${new Date(m.expiresAtMs).toISOString()}`;
 * ```
 */
export interface MintedSecret {
  readonly expiresAtMs: number;
  readonly model: string | undefined;
  readonly session: Record<string, unknown>;
}

/** The API's default lifetime of a client secret, and its bounds (seconds). */
const DEFAULT_SECONDS = 600;
const MIN_SECONDS = 10;
const MAX_SECONDS = 7200;

const invalid = (message: string, param: string | null, status = 400, code: string | null = null): HttpAnswer => ({
  status,
  body: { error: { message, type: 'invalid_request_error', param, code } },
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The client secrets a simulator has minted. A key is checked like the simulator's WebSocket
 * checks one (any non-empty bearer key), except that an ephemeral key cannot mint another.
 *
 * @example
 * ```ts
 * const secrets = new ClientSecrets(ids, 'gpt-realtime');
 * secrets.mint('Bearer sk-test', '{"session":{"type":"realtime","instructions":"Be brief."}}', Date.now()); // { status: 200, body: { value: 'ek_…', … } }
 * ```
 */
export class ClientSecrets {
  private readonly minted = new Map<string, MintedSecret>();

  constructor(
    private readonly ids: IdSource,
    private readonly defaultModel: string,
  ) {}

  /** Answer a mint request: its `Authorization` header and body, at time `now` (ms). */
  mint(authorization: string | undefined, text: string, now: number): HttpAnswer {
    const key = typeof authorization === 'string' && authorization.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
    if (key === '') return invalid('Missing bearer authentication in header.', null, 401);
    if (key.startsWith('ek_')) return invalid('An ephemeral key cannot mint client secrets; use a regular API key on your server.', null, 401, 'invalid_api_key');
    let request: unknown;
    try {
      request = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      return invalid('The request body is not valid JSON.', null);
    }
    if (!isObject(request)) return invalid('The request body must be a JSON object.', null);
    const expires = request['expires_after'];
    let seconds = DEFAULT_SECONDS;
    if (expires !== undefined && expires !== null) {
      if (!isObject(expires)) return invalid("Invalid type for 'expires_after': expected an object.", 'expires_after');
      if (expires['anchor'] !== undefined && expires['anchor'] !== 'created_at') return invalid("Invalid value for 'expires_after.anchor': only 'created_at' is supported.", 'expires_after.anchor');
      const s = expires['seconds'];
      if (s !== undefined) {
        if (typeof s !== 'number' || !Number.isInteger(s) || s < MIN_SECONDS || s > MAX_SECONDS) {
          return invalid(`Invalid 'expires_after.seconds': expected an integer from ${MIN_SECONDS} to ${MAX_SECONDS}.`, 'expires_after.seconds');
        }
        seconds = s;
      }
    }
    const session = request['session'] ?? { type: 'realtime' };
    if (!isObject(session)) return invalid("Invalid type for 'session': expected an object.", 'session');
    if (session['type'] !== 'realtime') return invalid("Invalid value for 'session.type': this simulator mints secrets for 'realtime' sessions.", 'session.type');
    const model = typeof session['model'] === 'string' ? session['model'] : undefined;
    const { type: _type, model: _model, ...config } = session;
    const value = this.ids.next('ek');
    const expiresAt = Math.floor(now / 1000) + seconds;
    this.minted.set(value, { expiresAtMs: expiresAt * 1000, model, session: config });
    return { status: 200, body: { value, expires_at: expiresAt, session: this.initialSession(value, undefined, now) } };
  }

  /**
   * The session a connection with this key starts with: `undefined` for a key this simulator did
   * not mint (it starts with the defaults), `'expired'` for a minted one past its expiry.
   */
  sessionFor(key: string | undefined, urlModel: string | undefined, now: number): SimSessionConfig | 'expired' | undefined {
    const secret = key === undefined ? undefined : this.minted.get(key);
    if (secret === undefined) return undefined;
    if (now >= secret.expiresAtMs) return 'expired';
    return this.initialSession(key!, urlModel, now);
  }

  private initialSession(key: string, urlModel: string | undefined, now: number): SimSessionConfig {
    const secret = this.minted.get(key)!;
    const base = defaultSession(this.ids.next('sess'), urlModel ?? secret.model ?? this.defaultModel, Math.floor(now / 1000) + 3600);
    return mergeSession(base, secret.session);
  }
}
