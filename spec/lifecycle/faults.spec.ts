/**
 * One fault per test, injected by a loopback server on port 0, driven through both
 * `RealtimeClient` and `OpenAIRealtimeWebSocket`: what the app sees (status, error code,
 * rejection, `recoverable`), that no socket or listener is left behind, and that the API key
 * appears in no rendering of any error provoked here.
 */
import type WebSocket from 'ws';
import WS from 'ws';
import type { ConnectionStatus, RealtimeError, WebSocketLike } from '../../lib/index';
import { ConnectError, OpenAIRealtimeWebSocket, RealtimeClient } from '../../lib/index';
import { createNodeSocket } from '../../lib/transport/nodeSocket';
import type { Loopback, Peer } from '../helpers/loopback';
import { refusedPortUrl, startHangingServer, startLoopback } from '../helpers/loopback';
import { CANARY_KEY, KeyScanner } from './keyCanary';

const keys = new KeyScanner();
let server: Loopback;
beforeAll(async () => (server = await startLoopback()));
afterAll(async () => {
  await server.close();
  // every error provoked in this file was rendered and searched for the key
  process.stdout.write(`key canary: ${keys.scanned} renderings of provoked errors scanned, ${keys.hits.length} showed the key\n`);
  expect(keys.scanned).toBeGreaterThan(100);
  expect(keys.hits).toEqual([]);
});
afterEach(() => server.refuseWith(undefined));

/** A Node socket factory that remembers its sockets, to check what is left on them. */
const tracked = () => {
  const sockets: WebSocket[] = [];
  return {
    sockets,
    factory: (r: Parameters<typeof createNodeSocket>[0]): WebSocketLike => {
      const s = createNodeSocket(r) as unknown as WebSocket;
      sockets.push(s);
      return s;
    },
  };
};

const listenersLeft = (s: WebSocket): number => ['open', 'message', 'close', 'error', 'unexpected-response'].reduce((n, e) => n + s.listenerCount(e), 0);
const closedSocket = (s: WebSocket): Promise<void> => (s.readyState === 3 ? Promise.resolve() : new Promise((resolve) => s.once('close', () => resolve())));

interface Outcome {
  readonly rejection: unknown;
  readonly status: ConnectionStatus;
  readonly errors: RealtimeError[];
}

/** Connect a RealtimeClient; `fault` acts once the server has the peer (if it ever does). */
async function viaClient(url: string, fault?: (peer: Peer) => void, timeoutMs = 5_000): Promise<Outcome & { leftover: number }> {
  const t = tracked();
  const client = new RealtimeClient({ url, apiKey: CANARY_KEY, createWebSocket: t.factory, connectTimeoutMs: timeoutMs });
  const errors: RealtimeError[] = [];
  client.errors$.subscribe((e) => errors.push(e));
  const settled = new Promise<ConnectionStatus>((resolve) =>
    client.status$.subscribe((s) => s.status === 'disconnected' && s.kind !== undefined && resolve(s)),
  );
  let rejection: unknown;
  const peer = fault ? server.accept() : undefined;
  await client.connect().catch((e: unknown) => (rejection = e));
  if (fault && peer && rejection === undefined) fault(await peer);
  const status = await settled;
  client.dispose();
  await Promise.all(t.sockets.map(closedSocket));
  const leftover = t.sockets.reduce((n, s) => n + listenersLeft(s), 0);
  for (const v of [rejection, status, ...errors]) keys.scan(v);
  return { rejection, status, errors, leftover };
}

/** The same through the facade: its rejection, `error` emissions, and both statuses. */
async function viaFacade(url: string, fault?: (peer: Peer) => void): Promise<{ rejection: unknown; emitted: unknown[]; statuses: [string, string]; events: string[] }> {
  const transport = new OpenAIRealtimeWebSocket({ url, apiKey: CANARY_KEY, connectTimeoutMs: 5_000, allowInsecureTransport: true });
  const emitted: unknown[] = [];
  const events: string[] = [];
  transport.on('error', (e) => emitted.push(e));
  transport.on('disconnected', () => events.push('disconnected'));
  const down = new Promise<void>((resolve) => transport.on('connection_change', (s) => s === 'disconnected' && resolve()));
  let rejection: unknown;
  const peer = fault ? server.accept() : undefined;
  await transport.connect().catch((e: unknown) => (rejection = e));
  if (fault && peer && rejection === undefined) fault(await peer);
  await down;
  const statuses: [string, string] = [transport.status, transport.client.status.status];
  transport.close();
  for (const v of [rejection, ...emitted]) keys.scan(v);
  return { rejection, emitted, statuses, events };
}

describe('upgrade refused with an HTTP status', () => {
  it.each([
    [401, 'auth', false],
    [403, 'auth', false],
    [404, 'not-found', false],
    [429, 'rate-limited', true],
    [500, 'server-unavailable', true],
    [503, 'server-unavailable', true],
  ] as const)('%i: %s, recoverable %s', async (status, kind, recoverable) => {
    server.refuseWith(status, status === 429 ? { 'Retry-After': '3' } : {});
    const c = await viaClient(server.url);
    expect(c.rejection).toBeInstanceOf(ConnectError);
    expect(c.rejection).toMatchObject({ code: 'RT_ERR_UPGRADE', status, kind, recoverable, ...(status === 429 ? { retryAfterMs: 3000 } : {}) });
    expect(c.status).toMatchObject({ status: 'disconnected', kind, recoverable, httpStatus: status });
    expect(c.errors).toEqual([expect.objectContaining({ code: 'RT_ERR_UPGRADE', status, kind, recoverable })]);
    expect(c.leftover).toBe(0);
    const f = await viaFacade(server.url);
    expect(f.rejection).toBeInstanceOf(Error);
    expect((f.rejection as Error).message).toBe(`Unexpected server response: ${status}`);
    expect(f.emitted).toEqual([{ type: 'error', error: f.rejection }]);
    expect(f.statuses).toEqual(['disconnected', 'disconnected']);
  });
});

describe('a plain ws socket from a custom factory (its refused upgrade keeps the request, headers and all)', () => {
  it('401: the error values carry no socket and no key, however deeply they are inspected', async () => {
    server.refuseWith(401);
    const client = new RealtimeClient({
      url: server.url,
      apiKey: CANARY_KEY,
      createWebSocket: ({ url, apiKey }) => new WS(url, { headers: { Authorization: `Bearer ${apiKey}` } }),
    });
    const errors: RealtimeError[] = [];
    client.errors$.subscribe((e) => errors.push(e));
    const rejection = await client.connect().catch((e: unknown) => e);
    expect(rejection).toMatchObject({ code: 'RT_ERR_UPGRADE', status: 401, kind: 'auth' });
    expect((rejection as Error).cause).toBeInstanceOf(Error);
    const before = keys.hits.length;
    for (const v of [rejection, client.status, ...errors]) keys.scan(v);
    expect(keys.hits.length).toBe(before);
    const transport = new OpenAIRealtimeWebSocket({
      url: server.url,
      createWebSocket: ({ url, apiKey }) => Promise.resolve(new WS(url, { headers: { Authorization: `Bearer ${apiKey}` } })),
    });
    const emitted: unknown[] = [];
    transport.on('error', (e) => emitted.push(e));
    const facadeRejection = await transport.connect({ apiKey: CANARY_KEY }).catch((e: unknown) => e);
    expect((facadeRejection as Error).message).toBe('Unexpected server response: 401');
    for (const v of [facadeRejection, ...emitted]) keys.scan(v);
    expect(keys.hits.length).toBe(before);
    client.dispose();
  });
});

describe('no server, or a server that never answers', () => {
  it('refused port: RT_ERR_SOCKET, kind network, recoverable', async () => {
    const url = await refusedPortUrl();
    const c = await viaClient(url);
    expect(c.rejection).toMatchObject({ code: 'RT_ERR_SOCKET', kind: 'network', recoverable: true });
    expect((c.rejection as Error).message).toMatch(/ECONNREFUSED/);
    expect(c.status).toMatchObject({ status: 'disconnected', code: 1006, kind: 'network', recoverable: true });
    expect(c.leftover).toBe(0);
    const f = await viaFacade(url);
    expect((f.rejection as Error).message).toMatch(/ECONNREFUSED/);
    expect(f.statuses).toEqual(['disconnected', 'disconnected']);
  });

  it('hanging upgrade: RT_ERR_CONNECT_TIMEOUT after connectTimeoutMs, recoverable, and the socket is closed', async () => {
    const hanging = await startHangingServer();
    try {
      const started = Date.now();
      const c = await viaClient(hanging.url, undefined, 250);
      const settledMs = Date.now() - started;
      process.stdout.write(`hanging upgrade: connect() settled ${settledMs} ms after it was called (connectTimeoutMs 250)\n`);
      expect(c.rejection).toMatchObject({ code: 'RT_ERR_CONNECT_TIMEOUT', kind: 'timeout', recoverable: true });
      expect(c.status).toMatchObject({ status: 'disconnected', kind: 'timeout', recoverable: true });
      expect(settledMs).toBeGreaterThanOrEqual(250);
      expect(c.leftover).toBe(0);
      expect(hanging.connections).toBe(1);
      await new Promise<void>((resolve) => {
        const check = () => (hanging.open === 0 ? resolve() : setImmediate(check));
        check();
      });
    } finally {
      await hanging.close();
    }
  });
});

describe('the server closes an open connection', () => {
  it.each([
    [1001, 'going-away', true, (p: Peer) => p.socket.close(1001, 'Your session hit the maximum duration of 60 minutes.')],
    [1006, 'abnormal', true, (p: Peer) => p.socket.terminate()],
    [1011, 'server', true, (p: Peer) => p.socket.close(1011, 'internal error')],
    [1007, 'protocol', false, (p: Peer) => p.socket.close(1007, 'bad payload')],
    [4000, 'beta-shape', false, (p: Peer) => p.socket.close(4000, 'invalid_request_error.beta_api_shape_disabled')],
  ] as const)('close %i: %s, recoverable %s', async (code, kind, recoverable, fault) => {
    const c = await viaClient(server.url, fault);
    expect(c.rejection).toBeUndefined();
    expect(c.status).toMatchObject({ status: 'disconnected', code, kind, recoverable });
    expect(c.leftover).toBe(0);
    const f = await viaFacade(server.url, fault);
    expect(f.rejection).toBeUndefined();
    expect(f.statuses).toEqual(['disconnected', 'disconnected']);
    expect(f.events).toEqual(['disconnected']);
  });

  it('a frame that is not UTF-8 fails the connection with 1007, kept as 1007 (not 1006)', async () => {
    const c = await viaClient(server.url, (p) => p.socket.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false }));
    expect(c.status).toMatchObject({ status: 'disconnected', code: 1007, kind: 'protocol', recoverable: false });
    expect(c.errors).toContainEqual(expect.objectContaining({ code: 'RT_ERR_SOCKET', closeCode: 1007, kind: 'protocol', recoverable: false }));
    expect(c.leftover).toBe(0);
  });
});

describe('plain ws:// to a remote host', () => {
  it('is refused before any socket exists, by the client and the facade, unless allowed', async () => {
    const client = new RealtimeClient({ url: 'ws://realtime.example.invalid/v1/realtime', apiKey: CANARY_KEY });
    const errors: RealtimeError[] = [];
    client.errors$.subscribe((e) => errors.push(e));
    const rejection = await client.connect().catch((e: unknown) => e);
    expect(rejection).toMatchObject({ code: 'RT_ERR_INSECURE_URL', kind: 'config', recoverable: false });
    expect(client.status).toEqual({ status: 'disconnected', kind: 'config', recoverable: false });
    expect(client.hasSocket).toBe(false);
    expect(errors).toEqual([expect.objectContaining({ code: 'RT_ERR_INSECURE_URL' })]);
    const transport = new OpenAIRealtimeWebSocket({ url: 'ws://realtime.example.invalid/v1/realtime', apiKey: CANARY_KEY });
    await expect(transport.connect()).rejects.toMatchObject({ code: 'RT_ERR_INSECURE_URL' });
    expect(transport.status).toBe('disconnected');
    for (const v of [rejection, ...errors]) keys.scan(v);
  });

  it('loopback hosts are fine in clear text', async () => {
    const c = await viaClient(server.url, (p) => p.socket.close(1000));
    expect(c.rejection).toBeUndefined();
    const local = new RealtimeClient({ url: server.url.replace('127.0.0.1', 'localhost'), apiKey: CANARY_KEY });
    const accepted = server.accept();
    await local.connect();
    (await accepted).socket.close(1000);
    local.dispose();
  });
});
