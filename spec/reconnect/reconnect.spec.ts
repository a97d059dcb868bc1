/**
 * Reconnecting against the embedded simulator and a scripted loopback server: which ends are
 * retried, the status sequence the app sees, the session restored on the server's side, and what
 * happens to a response and to audio caught in the outage.
 */
import { filter, firstValueFrom, take, toArray } from 'rxjs';
import type { ConnectionStatus, RealtimeError, Turn } from '../../lib/index';
import { RealtimeClient, appendAudio, createResponse, reconnecting, userMessage } from '../../lib/index';
import type { SimConnection } from '../../lib/testing';
import { RealtimeSimulator } from '../../lib/testing';
import type { Loopback } from '../helpers/loopback';
import { startLoopback } from '../helpers/loopback';

const describeStatus = (s: ConnectionStatus): string => {
  switch (s.status) {
    case 'reconnecting':
      return `reconnecting#${s.attempt}(${s.cause.httpStatus ?? s.cause.code ?? '-'} ${s.cause.kind ?? ''})`;
    case 'connected':
      return s.reconnected ? `connected(reconnected#${s.reconnected.attempt}, restored ${s.reconnected.restored})` : 'connected';
    case 'disconnected':
      return `disconnected(${s.httpStatus ?? s.code ?? '-'} ${s.kind ?? ''}${s.gaveUp ? `, gave up after ${s.gaveUp.attempts}` : ''})`;
    default:
      return s.status;
  }
};

const FAST = { initialDelayMs: 5, maxDelayMs: 20 };

describe('reconnect against the simulator', () => {
  let sim: RealtimeSimulator;
  let client: RealtimeClient;
  let statuses: string[];
  let errors: RealtimeError[];
  let turns: Turn[];
  beforeEach(async () => {
    sim = await new RealtimeSimulator({ realtimeFactor: 20 }).start();
    client = new RealtimeClient({ url: sim.url, apiKey: 'test', reconnect: reconnecting(FAST), session: { instructions: 'Be brief.' } });
    statuses = [];
    errors = [];
    turns = [];
    client.status$.subscribe((s) => statuses.push(describeStatus(s)));
    client.errors$.subscribe((e) => errors.push(e));
    client.turns$.subscribe((t) => turns.push(t));
  });
  afterEach(async () => {
    client.dispose();
    await sim.stop();
  });

  const turnDone = () => firstValueFrom(client.turns$.pipe(filter((t) => t.phase === 'done')));
  const reconnected = () => firstValueFrom(client.status$.pipe(filter((s) => s.status === 'connected' && s.reconnected !== undefined)));

  it('a drop mid-response: reconnects, restores the session and the conversation, interrupts the lost response, drops stale audio', async () => {
    const first = sim.nextConnection();
    await client.connect();
    const conn1 = await first;
    const answered = turnDone();
    client.send(userMessage('hello'));
    client.send(createResponse());
    expect(await answered).toMatchObject({ phase: 'done', status: 'completed' });

    // the second response is lost with the connection
    const ends: string[] = [];
    client.responses$.subscribe((r) => r.done$.subscribe((e) => ends.push(`${e.status} ${e.reason ?? ''}`)));
    const started = firstValueFrom(client.turns$.pipe(filter((t) => t.phase === 'started')));
    client.send(userMessage('tell me a story'));
    client.send(createResponse());
    const lost = await started;
    const second = sim.nextConnection();
    const back = reconnected();
    const dropAt = Date.now();
    const firstEventOfNewSession = firstValueFrom(client.events$.pipe(filter((e) => e.type === 'session.created')));
    // the new session acknowledges the session update and the three replayed items
    const replayedBack = firstValueFrom(client.events$.pipe(filter((e) => e.type === 'session.updated' || e.type === 'conversation.item.done'), take(4), toArray()));
    conn1.drop();
    await firstValueFrom(client.status$.pipe(filter((s) => s.status === 'reconnecting')));
    expect(client.send(appendAudio(new Uint8Array(960)))).toBe(false); // stale by the time a new session exists
    const restored = await back;
    await firstEventOfNewSession;
    const recoveryMs = Date.now() - dropAt;
    process.stdout.write(`reconnect: drop -> first event of the new session in ${recoveryMs} ms; statuses ${statuses.join(' > ')}\n`);

    expect(restored).toEqual({ status: 'connected', reconnected: { attempt: 1, restored: 3, droppedAudio: 1 } });
    expect(turns).toContainEqual({ phase: 'interrupted', responseId: lost.responseId, reason: 'connection-lost' });
    expect(ends).toEqual(['interrupted connection-lost']); // its own streams ended with it
    expect(statuses.slice(-4)).toEqual(['connected', 'reconnecting#1(1006 abnormal)', 'connecting', 'connected(reconnected#1, restored 3)']);
    expect(errors).toContainEqual(expect.objectContaining({ code: 'RT_ERR_DROPPED', commandType: 'input_audio_buffer.append' }));

    // the simulator's new session: configured again, holding the replayed items in order, and no audio
    const conn2 = await second;
    await replayedBack;
    const received = conn2.session.received.map((e) => (e as { type: string }).type);
    expect(received.slice(0, 4)).toEqual(['session.update', 'conversation.item.create', 'conversation.item.create', 'conversation.item.create']);
    expect(received).not.toContain('input_audio_buffer.append');
    expect(conn2.session.received[0]).toMatchObject({ session: { instructions: 'Be brief.' } });
    const texts = conn2.session.conversation.all.map((i) => [(i as { role?: string }).role, ((i as { content?: Array<{ text?: string }> }).content ?? [])[0]?.text]);
    expect(texts).toEqual([
      ['user', 'hello'],
      ['assistant', expect.stringContaining('You said: hello')],
      ['user', 'tell me a story'],
    ]);

    // and the conversation goes on
    const next = turnDone();
    client.send(userMessage('again'));
    client.send(createResponse());
    expect(await next).toMatchObject({ status: 'completed' });
  });

  it.each([
    [1011, 'server'],
    [1012, 'server'],
    [1001, 'going-away'],
  ] as const)('close %i (%s) is retried', async (code, kind) => {
    const first = sim.nextConnection();
    await client.connect();
    const back = reconnected();
    (await first).close(code, 'bye');
    await back;
    expect(statuses).toContain(`reconnecting#1(${code} ${kind})`);
  });

  it.each([
    [4000, 'beta-shape'],
    [1008, 'policy'],
  ] as const)('close %i (%s) is not retried', async (code, kind) => {
    const first = sim.nextConnection();
    await client.connect();
    const down = firstValueFrom(client.status$.pipe(filter((s) => s.status === 'disconnected')));
    (await first).close(code, 'no');
    expect(await down).toMatchObject({ status: 'disconnected', code, kind, recoverable: false });
    expect(statuses.some((s) => s.startsWith('reconnecting'))).toBe(false);
  });

  it('401 on the way back: gives up at once (a key problem does not go away by retrying)', async () => {
    const first = sim.nextConnection();
    await client.connect();
    sim.rejectUpgrades(401);
    const down = firstValueFrom(client.status$.pipe(filter((s) => s.status === 'disconnected')));
    (await first).drop();
    expect(await down).toMatchObject({ status: 'disconnected', httpStatus: 401, kind: 'auth', gaveUp: { attempts: 1 } });
  });

  it('gives up after maxAttempts for one outage, and says so', async () => {
    client.dispose();
    client = new RealtimeClient({ url: sim.url, apiKey: 'test', reconnect: reconnecting({ ...FAST, maxAttempts: 3 }) });
    const seen: string[] = [];
    client.status$.subscribe((s) => seen.push(describeStatus(s)));
    const first = sim.nextConnection();
    await client.connect();
    sim.rejectUpgrades(503);
    const down = firstValueFrom(client.status$.pipe(filter((s) => s.status === 'disconnected')));
    (await first).drop();
    expect(await down).toMatchObject({ kind: 'server-unavailable', gaveUp: { attempts: 3 } });
    expect(seen.filter((s) => s.startsWith('reconnecting'))).toEqual(['reconnecting#1(1006 abnormal)', 'reconnecting#2(503 server-unavailable)', 'reconnecting#3(503 server-unavailable)']);
  });

  it('close() while reconnecting stops trying', async () => {
    client.dispose();
    client = new RealtimeClient({ url: sim.url, apiKey: 'test', reconnect: reconnecting({ initialDelayMs: 60_000, maxDelayMs: 60_000 }) });
    const first = sim.nextConnection();
    await client.connect();
    const waiting = firstValueFrom(client.status$.pipe(filter((s) => s.status === 'reconnecting')));
    (await first).drop();
    await waiting;
    client.close();
    expect(client.status).toMatchObject({ status: 'disconnected', kind: 'aborted' });
    expect(sim.connections).toHaveLength(1); // no attempt was made, and no timer is left (jest would hang)
  });

  it('without reconnect, a drop is the end (the default)', async () => {
    client.dispose();
    client = new RealtimeClient({ url: sim.url, apiKey: 'test' });
    const first = sim.nextConnection();
    await client.connect();
    const down = firstValueFrom(client.status$.pipe(filter((s) => s.status === 'disconnected')));
    (await first).drop();
    expect(await down).toMatchObject({ code: 1006, recoverable: true });
    expect(client.status.status).toBe('disconnected');
  });
});

describe('reconnect with a server that asks to wait', () => {
  let server: Loopback;
  beforeAll(async () => (server = await startLoopback()));
  afterAll(() => server.close());

  it("429 with retry-after: the next attempt waits at least that long", async () => {
    const client = new RealtimeClient({ url: server.url, apiKey: 'test', reconnect: reconnecting(FAST) });
    const statuses: ConnectionStatus[] = [];
    client.status$.subscribe((s) => statuses.push(s));
    const first = server.accept();
    await client.connect();
    server.refuseWith(429, { 'Retry-After': '0.2' });
    const twoAttempts = firstValueFrom(client.status$.pipe(filter((s) => s.status === 'reconnecting'), take(2), toArray()));
    (await first).socket.terminate();
    const [, second] = await twoAttempts;
    expect(second).toMatchObject({ status: 'reconnecting', attempt: 2, cause: { httpStatus: 429, kind: 'rate-limited', retryAfterMs: 200 } });
    expect((second as { delayMs: number }).delayMs).toBeGreaterThanOrEqual(200);
    server.refuseWith(undefined);
    const back = server.accept();
    await firstValueFrom(client.status$.pipe(filter((s) => s.status === 'connected')));
    await back;
    client.dispose();
  });
});

export type { SimConnection };
