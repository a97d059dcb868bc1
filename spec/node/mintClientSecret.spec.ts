/**
 * mintClientSecret against a local stub of POST /v1/realtime/client_secrets (node:http, port 0).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClientSecretError, DEFAULT_MINT_TIMEOUT_MS, mintClientSecret } from '../../lib/node/index';
import { closeHttpServer } from '../../lib/testing/closeHttpServer';

const KEY = 'sk-proj-ThisIsTheSecretKey0123456789';

interface Seen {
  method: string | undefined;
  url: string | undefined;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

let server: http.Server;
let baseUrl: string;
let seen: Seen[];
/** What the stub answers; `undefined` never answers. */
let reply: ((req: Seen) => { status: number; body: string }) | undefined;

const GOOD = { value: 'ek_68af2d4e2a3c8190b1b8b8b8b8b8b8b8', expires_at: 1756310470, session: { type: 'realtime', object: 'realtime.session', id: 'sess_C9CiUVUzUzYIssh3ELY1d', model: 'gpt-realtime' } };

beforeEach(async () => {
  seen = [];
  reply = () => ({ status: 200, body: JSON.stringify(GOOD) });
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const request: Seen = { method: req.method, url: req.url, headers: req.headers, body: text === '' ? undefined : JSON.parse(text) };
      seen.push(request);
      const answer = reply?.(request);
      if (answer) res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterEach(async () => {
  await closeHttpServer(server);
});

/** Everything an error exposes, as text: message, stack, cause (deeply), JSON, own fields. */
const exposed = (e: unknown): string => {
  const parts: string[] = [];
  let current: unknown = e;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (current instanceof Error) parts.push(current.message, String(current.stack), JSON.stringify(current), JSON.stringify(Object.entries(current)), String(current));
    else parts.push(JSON.stringify(current) ?? typeof current);
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join('\n');
};

const failure = async (promise: Promise<unknown>): Promise<ClientSecretError> => {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(ClientSecretError);
    expect(exposed(e)).not.toContain(KEY);
    expect(exposed(e)).not.toContain('TheSecretKey');
    return e as ClientSecretError;
  }
  throw new Error('expected a rejection');
};

describe('mintClientSecret', () => {
  it('POSTs the GA request with the key as a bearer token and resolves with the secret', async () => {
    const secret = await mintClientSecret({
      apiKey: KEY,
      baseUrl,
      model: 'gpt-realtime',
      expiresAfterSeconds: 120,
      session: { instructions: 'Be brief.', audio: { output: { voice: 'marin' } } },
    });
    expect(secret).toEqual({ value: GOOD.value, expiresAt: GOOD.expires_at, session: GOOD.session });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v1/realtime/client_secrets', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' } });
    expect(seen[0]!.body).toEqual({
      expires_after: { anchor: 'created_at', seconds: 120 },
      session: { type: 'realtime', model: 'gpt-realtime', instructions: 'Be brief.', audio: { output: { voice: 'marin' } } },
    });
  });

  it('defaults: no expires_after (the API then gives 600 s), the default model, a trailing slash in baseUrl tolerated', async () => {
    await mintClientSecret({ apiKey: KEY, baseUrl: `${baseUrl}/` });
    expect(seen[0]!.url).toBe('/v1/realtime/client_secrets');
    expect(seen[0]!.body).toEqual({ session: { type: 'realtime', model: 'gpt-realtime-2.1' } });
    await mintClientSecret({ apiKey: KEY, baseUrl, session: { model: 'gpt-realtime-mini' } });
    expect(seen[1]!.body).toEqual({ session: { type: 'realtime', model: 'gpt-realtime-mini' } });
  });

  it('uses an injected fetch, and the default base URL', async () => {
    const calls: Array<[string, RequestInit | undefined]> = [];
    const fake = ((url: string, init?: RequestInit) => {
      calls.push([url, init]);
      return Promise.resolve(new Response(JSON.stringify(GOOD), { status: 200 }));
    }) as typeof fetch;
    const secret = await mintClientSecret({ apiKey: KEY, fetch: fake });
    expect(secret.value).toBe(GOOD.value);
    expect(calls[0]![0]).toBe('https://api.openai.com/v1/realtime/client_secrets');
    expect(calls[0]![1]).toMatchObject({ method: 'POST', headers: { Authorization: `Bearer ${KEY}` } });
  });

  it("turns an HTTP error into RT_ERR_SECRET_HTTP with the status and the API's message, never the key", async () => {
    reply = () => ({
      status: 401,
      body: JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}. You can find your API key at https://platform.openai.com/account/api-keys.`, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } }),
    });
    const e = await failure(mintClientSecret({ apiKey: KEY, baseUrl }));
    expect(e).toMatchObject({ code: 'RT_ERR_SECRET_HTTP', status: 401, apiCode: 'invalid_api_key', apiType: 'invalid_request_error' });
    expect(e.apiMessage).toBe('Incorrect API key provided: ***. You can find your API key at https://platform.openai.com/account/api-keys.');
    expect(e.message).toBe(`minting a client secret failed with HTTP 401: ${e.apiMessage}`);
    expect(JSON.parse(JSON.stringify(e))).toMatchObject({ name: 'ClientSecretError', code: 'RT_ERR_SECRET_HTTP', status: 401 });
  });

  it('reports an HTTP error without a JSON body by its status', async () => {
    reply = () => ({ status: 502, body: '<html>Bad gateway</html>' });
    const e = await failure(mintClientSecret({ apiKey: KEY, baseUrl }));
    expect(e).toMatchObject({ code: 'RT_ERR_SECRET_HTTP', status: 502, message: 'minting a client secret failed with HTTP 502: Bad Gateway' });
    expect(e.apiMessage).toBeUndefined();
  });

  it('rejects a success whose body is not a client secret', async () => {
    reply = () => ({ status: 200, body: JSON.stringify({ client_secret: { value: 'ek_x' } }) });
    expect(await failure(mintClientSecret({ apiKey: KEY, baseUrl }))).toMatchObject({ code: 'RT_ERR_SECRET_RESPONSE', status: 200 });
    reply = () => ({ status: 200, body: 'not json' });
    expect(await failure(mintClientSecret({ apiKey: KEY, baseUrl }))).toMatchObject({ code: 'RT_ERR_SECRET_RESPONSE' });
  });

  it('reports a network failure without the request (RT_ERR_SECRET_NETWORK)', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = http.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const e = await failure(mintClientSecret({ apiKey: KEY, baseUrl: `http://127.0.0.1:${closed}/v1` }));
    expect(e.code).toBe('RT_ERR_SECRET_NETWORK');
    expect(e.message).toMatch(/^could not reach http:\/\/127\.0\.0\.1:\d+\/v1\/realtime\/client_secrets: .*ECONNREFUSED/);
    expect(e.cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('keeps the key out of a failing fetch that mentions it', async () => {
    const leaky = ((_url: string, init?: RequestInit) =>
      Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error(`bad header ${JSON.stringify(init?.headers)}`), { request: init }) }))) as typeof fetch;
    const e = await failure(mintClientSecret({ apiKey: KEY, fetch: leaky }));
    expect(e.code).toBe('RT_ERR_SECRET_NETWORK');
    expect(e.message).toContain('Bearer ***');
  });

  it('times out (RT_ERR_SECRET_TIMEOUT) and aborts (RT_ERR_SECRET_ABORTED)', async () => {
    reply = undefined; // the stub never answers
    const slow = await failure(mintClientSecret({ apiKey: KEY, baseUrl, timeoutMs: 50 }));
    expect(slow).toMatchObject({ code: 'RT_ERR_SECRET_TIMEOUT', message: `minting a client secret at ${baseUrl}/realtime/client_secrets took longer than 50 ms` });
    const controller = new AbortController();
    const pending = mintClientSecret({ apiKey: KEY, baseUrl, signal: controller.signal });
    await new Promise<void>((resolve) => server.once('request', () => resolve()));
    controller.abort();
    expect(await failure(pending)).toMatchObject({ code: 'RT_ERR_SECRET_ABORTED' });
    expect(await failure(mintClientSecret({ apiKey: KEY, baseUrl, signal: AbortSignal.abort() }))).toMatchObject({ code: 'RT_ERR_SECRET_ABORTED' });
    expect(DEFAULT_MINT_TIMEOUT_MS).toBe(30_000);
  });

  it('throws synchronously on misuse', () => {
    expect(() => mintClientSecret({ apiKey: '' })).toThrow(new TypeError('mintClientSecret: apiKey is required (your regular API key, on the server).'));
    expect(() => mintClientSecret({ apiKey: KEY, expiresAfterSeconds: 1.5 })).toThrow(RangeError);
    expect(() => mintClientSecret({ apiKey: KEY, timeoutMs: -1 })).toThrow(RangeError);
    expect(() => mintClientSecret({ apiKey: KEY, fetch: 'nope' as unknown as typeof fetch })).toThrow(/no fetch/);
  });
});
