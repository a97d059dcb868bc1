/**
 * The simulator's ephemeral keys: POST /v1/realtime/client_secrets mints an ek_ key (through
 * mintClientSecret, as a server would), and the WebSocket accepts it (header or browser
 * subprotocol) while it is unexpired, starting the session it was minted for.
 */
import { firstValueFrom } from 'rxjs';
import WebSocket from 'ws';
import { RealtimeClient, createBrowserSocket, createResponse, ofType, userMessage } from '../../lib/index';
import { ClientSecretError, mintClientSecret } from '../../lib/node/index';
import { RealtimeSimulator } from '../../lib/testing/index';

let sim: RealtimeSimulator;
const clients: RealtimeClient[] = [];

beforeEach(async () => {
  sim = await new RealtimeSimulator({ realtimeFactor: Infinity }).start();
});

afterEach(async () => {
  clients.splice(0).forEach((c) => c.dispose());
  await sim.stop();
  jest.restoreAllMocks();
});

const client = (apiKey: string, browser = false) => {
  const c = new RealtimeClient({ url: sim.url, apiKey, ...(browser ? { createWebSocket: createBrowserSocket } : {}) });
  clients.push(c);
  return c;
};
const sessionCreated = (c: RealtimeClient) => firstValueFrom(c.events$.pipe(ofType('session.created')));

const post = (body: unknown, authorization?: string) =>
  fetch(`${sim.httpUrl}/realtime/client_secrets`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(authorization === undefined ? {} : { Authorization: authorization }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('RealtimeSimulator client secrets', () => {
  it('mints an ek_ key whose connection starts with the session it was minted for', async () => {
    const before = Math.floor(Date.now() / 1000);
    const secret = await mintClientSecret({
      apiKey: 'sk-server-side',
      baseUrl: sim.httpUrl,
      model: 'gpt-realtime-mini',
      expiresAfterSeconds: 120,
      session: { instructions: 'Answer in French.', output_modalities: ['text'], audio: { output: { voice: 'cedar' } } },
    });
    expect(secret.value).toMatch(/^ek_/);
    expect(secret.expiresAt).toBeGreaterThanOrEqual(before + 120);
    expect(secret.expiresAt).toBeLessThanOrEqual(before + 121);
    expect(secret.session).toMatchObject({ type: 'realtime', model: 'gpt-realtime-mini', instructions: 'Answer in French.', output_modalities: ['text'], audio: { output: { voice: 'cedar' } } });

    const c = client(secret.value);
    const created = sessionCreated(c);
    const connection = sim.nextConnection();
    await c.connect();
    expect((await created).session).toMatchObject({ model: 'gpt-realtime-mini', instructions: 'Answer in French.', output_modalities: ['text'], audio: { output: { voice: 'cedar', speed: 1 } } });
    expect((await connection).headers.authorization).toBe(`Bearer ${secret.value}`);
    // and it works: a text reply, as the minted session says
    const done = firstValueFrom(c.events$.pipe(ofType('response.done')));
    c.send(userMessage('Hello'));
    c.send(createResponse());
    expect((await done).response).toMatchObject({ status: 'completed', output_modalities: ['text'] });
  });

  it("accepts the key in the browser's subprotocol, and the same key for several sessions until it expires", async () => {
    const secret = await mintClientSecret({ apiKey: 'sk-server-side', baseUrl: sim.httpUrl, expiresAfterSeconds: 10, session: { instructions: 'Be brief.' } });
    const original = (globalThis as { WebSocket?: unknown }).WebSocket;
    (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket; // what createBrowserSocket finds in a page
    try {
      for (const _ of [1, 2]) {
        const c = client(secret.value, true);
        const created = sessionCreated(c);
        const connection = sim.nextConnection();
        await c.connect();
        expect((await created).session).toMatchObject({ instructions: 'Be brief.' });
        const { headers } = await connection;
        expect(headers.authorization).toBeUndefined();
        expect(String(headers['sec-websocket-protocol']).split(',').map((p) => p.trim())).toEqual(['realtime', `openai-insecure-api-key.${secret.value}`]);
      }
    } finally {
      (globalThis as { WebSocket?: unknown }).WebSocket = original;
    }
    // 10 s later the key is spent: the upgrade is refused with 401
    const now = Date.now();
    jest.spyOn(Date, 'now').mockImplementation(() => now + 10_000);
    const late = client(secret.value);
    await expect(late.connect()).rejects.toMatchObject({ code: 'RT_ERR_UPGRADE', status: 401 });
  });

  it('answers like the API: 401 without a key or with an ephemeral one, 400 for a bad request', async () => {
    const noKey = await post({ session: { type: 'realtime' } });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    const ephemeral = await mintClientSecret({ apiKey: 'ek_123', baseUrl: sim.httpUrl }).catch((e: unknown) => e);
    expect(ephemeral).toBeInstanceOf(ClientSecretError);
    expect(ephemeral).toMatchObject({ code: 'RT_ERR_SECRET_HTTP', status: 401, apiCode: 'invalid_api_key' });
    expect((ephemeral as Error).message).not.toContain('ek_123');
    const tooLong = await mintClientSecret({ apiKey: 'sk-test', baseUrl: sim.httpUrl, expiresAfterSeconds: 7201 }).catch((e: unknown) => e);
    expect(tooLong).toMatchObject({ code: 'RT_ERR_SECRET_HTTP', status: 400, apiMessage: "Invalid 'expires_after.seconds': expected an integer from 10 to 7200." });
    expect((await post('{not json', 'Bearer sk-test')).status).toBe(400);
    expect((await post({ session: { type: 'transcription' } }, 'Bearer sk-test')).status).toBe(400);
    expect((await post({ expires_after: { anchor: 'now', seconds: 60 } }, 'Bearer sk-test')).status).toBe(400);
    const minimal = await post({}, 'Bearer sk-test');
    expect(minimal.status).toBe(200);
    const body = (await minimal.json()) as { value: string; expires_at: number };
    expect(body.expires_at - Math.floor(Date.now() / 1000)).toBeGreaterThanOrEqual(599); // the API's default, 600 s
    expect((await fetch(`${sim.httpUrl}/realtime/client_secrets`)).status).toBe(405);
  });

  it('still accepts any other non-empty key, as before (an ek_ key it did not mint included)', async () => {
    for (const key of ['sk-test', 'ek_not_minted_here']) {
      const c = client(key);
      const created = sessionCreated(c);
      await c.connect();
      expect((await created).session.instructions).toMatch(/simulator/);
    }
  });
});
