/**
 * The races of a connection's life: close() at every point of an attempt, socket errors while
 * the attempt settles, and sockets that speak before anyone would normally listen. Each checks
 * that the facade and its client agree on the state afterwards and that no socket is left open.
 */
import { firstValueFrom } from 'rxjs';
import type { RealtimeError, TranscriptUpdate } from '../../lib/index';
import { OpenAIRealtimeWebSocket, RealtimeClient } from '../../lib/index';
import { FakeSocket } from '../helpers/FakeSocket';
import { startLoopback } from '../helpers/loopback';
import type { Loopback } from '../helpers/loopback';
import { flush, harness } from '../facade/harness';

/** Resolve after `n` microtasks. */
const microtasks = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await Promise.resolve();
};

let server: Loopback;
beforeAll(async () => (server = await startLoopback()));
afterAll(() => server.close());

describe('close() a few microtasks after the key resolved', () => {
  it.each([0, 1, 2, 3, 4, 6, 8, 12])('RealtimeClient, after %i microtasks: no socket is left open, and a new connect works', async (n) => {
    const sockets: FakeSocket[] = [];
    const client = new RealtimeClient({
      apiKey: () => Promise.resolve('sk-test'),
      createWebSocket: () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      },
    });
    const attempt = client.connect().catch((e: { code: string }) => e.code);
    await microtasks(n);
    client.close();
    expect(await attempt).toBe('RT_ERR_ABORTED');
    await flush();
    expect(client.status.status).toBe('disconnected');
    for (const s of sockets) expect(s.closes).toHaveLength(1); // created before close(): closed once
    const again = client.connect();
    await flush();
    sockets[sockets.length - 1]?.fire('open');
    await again;
    expect(client.status.status).toBe('connected');
    client.dispose();
  });

  it.each([0, 1, 2, 3, 4, 6, 8, 12])('OpenAIRealtimeWebSocket, after %i microtasks: facade and client agree, no socket left open', async (n) => {
    const h = harness({ autoOpen: false }); // the socket never opens by itself: close() always lands mid-attempt
    const attempt = h.T.connect({ apiKey: () => Promise.resolve('ek_test') }).catch((e: Error) => e.message);
    await microtasks(n);
    h.T.close();
    expect(await attempt).toBe('WebSocket connection was closed before setup completed.');
    await flush();
    expect(h.T.status).toBe('disconnected');
    expect(h.T.client.status.status).toBe('disconnected');
    for (const s of h.sockets) expect(s.closes).toHaveLength(1);
    const again = h.T.connect({ apiKey: 'ek_test' }); // no "already connected"
    await flush();
    h.sockets[h.sockets.length - 1]?.fire('open');
    await again;
    expect(h.T.status).toBe('connected');
    expect(h.T.client.status.status).toBe('connected');
  });

  it('over a real socket: the server sees every upgrade closed', async () => {
    for (const n of [0, 2, 5, 10, 20]) {
      const transport = new OpenAIRealtimeWebSocket({ url: server.url });
      const attempt = transport.connect({ apiKey: () => Promise.resolve('sk-test') }).catch(() => undefined);
      await microtasks(n);
      transport.close();
      await attempt;
      expect([transport.status, transport.client.status.status]).toEqual(['disconnected', 'disconnected']);
    }
    await new Promise((resolve) => setTimeout(resolve, 50)); // upgrades already in flight land
    const peers = server.peers.splice(0);
    await Promise.all(peers.map((p) => p.closed));
  });
});

describe('setup errors of the facade', () => {
  it('a socket error while the initial session.update is written rejects connect() (it does not resolve into a dead transport)', async () => {
    const E = { message: 'write failed' };
    const h = harness();
    h.T.on('connected', () => {
      const socket = h.sockets[0] as FakeSocket;
      const send = socket.send.bind(socket);
      socket.send = (data: string) => {
        send(data);
        socket.fire('error', E);
      };
    });
    const errors = h.record('error');
    await expect(h.T.connect({ apiKey: 'ek_test' })).rejects.toBe(E);
    expect(errors).toEqual([['error', { type: 'error', error: E }]]);
    expect(h.T.status).toBe('disconnected');
    expect(h.T.client.status.status).toBe('disconnected');
  });

  it('an error listener that calls close() leaves the socket error as the rejection', async () => {
    const E = { message: 'refused' };
    const h = harness({ autoOpen: false });
    h.T.on('error', () => h.T.close());
    const attempt = h.T.connect({ apiKey: 'ek_test' });
    await flush();
    h.sockets[0]?.fire('error', E);
    await expect(attempt).rejects.toBe(E);
    expect([h.T.status, h.T.client.status.status]).toEqual(['disconnected', 'disconnected']);
  });

  it('an exception from socket.close() during a failed connect is emitted as error, not swallowed', async () => {
    const h = harness({ autoOpen: false });
    const errors = h.record('error');
    const attempt = h.T.connect({ apiKey: 'ek_test' });
    await flush();
    const socket = h.sockets[0] as FakeSocket;
    const boom = new Error('close exploded');
    socket.close = () => {
      throw boom;
    };
    socket.fire('error', { message: 'first' });
    await expect(attempt).rejects.toEqual({ message: 'first' });
    expect(errors).toEqual([
      ['error', { type: 'error', error: { message: 'first' } }],
      ['error', { type: 'error', error: boom }],
    ]);
  });

  it('a synchronous createWebSocket whose socket speaks at once loses nothing', async () => {
    const frames: unknown[] = [];
    const transport = new OpenAIRealtimeWebSocket({
      createWebSocket: () => {
        const s = new FakeSocket();
        queueMicrotask(() => {
          s.fire('open');
          s.deliver({ type: 'session.created', event_id: 'first', session: { type: 'realtime' } });
        });
        return s;
      },
    });
    transport.on('*', (e) => frames.push(e));
    await transport.connect({ apiKey: 'ek_test' });
    expect(frames).toEqual([expect.objectContaining({ type: 'session.created', event_id: 'first' })]);
    expect(transport.status).toBe('connected');
    transport.close();
  });
});

describe('per-connection state does not outlive its connection', () => {
  it('an unfinished transcript is forgotten at close(): the next connection starts from empty', async () => {
    const sockets: FakeSocket[] = [];
    const client = new RealtimeClient({
      apiKey: 'sk-test',
      createWebSocket: () => {
        const s = new FakeSocket();
        s.autoOpen = true;
        sockets.push(s);
        return s;
      },
    });
    const updates: TranscriptUpdate[] = [];
    client.transcripts$.subscribe((t) => updates.push(t));
    const delta = (text: string) => ({ type: 'response.output_text.delta', event_id: 'e', response_id: 'r', item_id: 'item1', output_index: 0, content_index: 0, delta: text });
    await client.connect();
    sockets[0]?.deliver(delta('Hello, '));
    client.close();
    await client.connect();
    sockets[1]?.deliver(delta('again'));
    expect(updates.map((u) => u.text)).toEqual(['Hello, ', 'again']);
    client.dispose();
  });

  it('a transcript past its cap stops growing and is reported once', async () => {
    const socket = new FakeSocket();
    socket.autoOpen = true;
    const client = new RealtimeClient({ apiKey: 'sk-test', createWebSocket: () => socket, transcriptLimits: { maxChars: 10 } });
    const errors: RealtimeError[] = [];
    client.errors$.subscribe((e) => errors.push(e));
    const last = firstValueFrom(client.transcripts$.pipe());
    const texts: string[] = [];
    client.transcripts$.subscribe((t) => texts.push(t.text));
    await client.connect();
    for (let i = 0; i < 5; i++) socket.deliver({ type: 'response.output_text.delta', event_id: `e${i}`, response_id: 'r', item_id: 'long', output_index: 0, content_index: 0, delta: 'abcd' });
    await last;
    expect(texts).toEqual(['abcd', 'abcdabcd', 'abcdabcdab', 'abcdabcdab', 'abcdabcdab']);
    expect(errors).toEqual([expect.objectContaining({ _tag: 'ClientWarning', code: 'RT_WARN_TRANSCRIPT_LIMIT', itemId: 'long' })]);
    client.dispose();
  });
});
