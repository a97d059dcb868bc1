/**
 * Session rollover: before the server's maximum duration, at a turn boundary, the client opens a
 * new session, restores it, switches to it, and closes the old one (make before break).
 */
import { filter, firstValueFrom } from 'rxjs';
import type { RealtimeError } from '../../lib/index';
import { OpenAIRealtimeWebSocket, RealtimeClient, appendAudio, createResponse, reconnecting, userMessage } from '../../lib/index';
import { RealtimeSimulator } from '../../lib/testing';

let sim: RealtimeSimulator;
let client: RealtimeClient;
afterEach(async () => {
  client.dispose();
  await sim.stop();
});

const rolledOver = () => firstValueFrom(client.status$.pipe(filter((s) => s.status === 'connected' && s.rolledOver !== undefined)));

it('rolls over to a restored new session, then closes the old one with 1000; the conversation goes on', async () => {
  sim = await new RealtimeSimulator({ realtimeFactor: Infinity }).start();
  client = new RealtimeClient({ url: sim.url, apiKey: 'test', session: { instructions: 'Be brief.', output_modalities: ['text'] }, reconnect: reconnecting({ rolloverAfterMs: 30 }) });
  const errors: RealtimeError[] = [];
  client.errors$.subscribe((e) => errors.push(e));
  const first = sim.nextConnection();
  await client.connect();
  const answered = firstValueFrom(client.turns$.pipe(filter((t) => t.phase === 'done')));
  client.send(userMessage('hello'));
  client.send(createResponse());
  await answered;
  const second = sim.nextConnection();
  const status = await rolledOver();
  expect(status).toEqual({ status: 'connected', rolledOver: { restored: 2 } });
  expect(await (await first).closed).toEqual({ code: 1000, reason: 'session rolled over' });
  const conn2 = await second;
  // the new session got the configuration and the conversation before anything else
  await firstValueFrom(client.events$.pipe(filter(() => conn2.session.conversation.all.length === 2)));
  expect(conn2.session.received.map((e) => (e as { type: string }).type).slice(0, 3)).toEqual(['session.update', 'conversation.item.create', 'conversation.item.create']);
  expect(conn2.session.received[0]).toMatchObject({ session: { instructions: 'Be brief.' } });
  // and the conversation goes on in it
  const next = firstValueFrom(client.turns$.pipe(filter((t) => t.phase === 'done')));
  client.send(userMessage('again'));
  client.send(createResponse());
  expect(await next).toMatchObject({ status: 'completed' });
  // the session in use now (the client may have rolled over again since, restoring it each time) holds all of it
  const current = sim.connections[sim.connections.length - 1];
  expect(current?.session.conversation.all.length).toBe(4);
  expect(errors).toEqual([]);
});

it('never mid-response: a rollover that falls due during a response waits for its end', async () => {
  sim = await new RealtimeSimulator({ realtimeFactor: 20 }).start();
  client = new RealtimeClient({ url: sim.url, apiKey: 'test', reconnect: reconnecting({ rolloverAfterMs: 5 }) });
  const order: string[] = [];
  client.turns$.subscribe((t) => order.push(`turn ${t.phase}`));
  client.status$.subscribe((s) => s.status === 'connected' && s.rolledOver && order.push('rolled over'));
  await client.connect();
  client.send(userMessage('tell me a story'));
  client.send(createResponse());
  await rolledOver();
  expect(order).toEqual(['turn started', 'turn done', 'rolled over']);
});

it('if the new session cannot open, the current one carries on, with a warning', async () => {
  sim = await new RealtimeSimulator({ realtimeFactor: Infinity }).start();
  client = new RealtimeClient({ url: sim.url, apiKey: 'test', reconnect: reconnecting({ rolloverAfterMs: 5 }) });
  await client.connect();
  sim.rejectUpgrades(503);
  const warning = await firstValueFrom(client.errors$.pipe(filter((e) => e.code === 'RT_WARN_ROLLOVER')));
  expect(warning).toMatchObject({ _tag: 'ClientWarning', severity: 'warning' });
  expect(client.status.status).toBe('connected');
  sim.rejectUpgrades(undefined);
  const answered = firstValueFrom(client.turns$.pipe(filter((t) => t.phase === 'done')));
  client.send(userMessage('still there?'));
  client.send(createResponse());
  expect(await answered).toMatchObject({ status: 'completed' });
});

it('the facade rolls over too: its connectionState names the new socket, and it stays connected', async () => {
  sim = await new RealtimeSimulator({ realtimeFactor: Infinity }).start();
  const transport = new OpenAIRealtimeWebSocket({ url: sim.url, reconnect: { rolloverAfterMs: 20 } });
  client = transport.client;
  const changes: string[] = [];
  transport.on('connection_change', (s) => changes.push(s));
  await transport.connect({ apiKey: 'test' });
  const before = transport.connectionState.websocket;
  await rolledOver();
  expect(transport.status).toBe('connected');
  expect(transport.connectionState.websocket).not.toBe(before);
  expect(changes).toEqual(['connecting', 'connected']); // a rollover is no disconnection
});

it('end to end: a conversation survives two drops and one rollover; the last session holds it all, in order, and no stale audio', async () => {
  sim = await new RealtimeSimulator({ realtimeFactor: Infinity }).start();
  client = new RealtimeClient({ url: sim.url, apiKey: 'test', session: { output_modalities: ['text'] }, reconnect: reconnecting({ initialDelayMs: 5, maxDelayMs: 20, rolloverAfterMs: 400 }) });
  const turn = async (text: string) => {
    const done = firstValueFrom(client.turns$.pipe(filter((t) => t.phase === 'done')));
    client.send(userMessage(text));
    client.send(createResponse());
    expect(await done).toMatchObject({ status: 'completed' });
  };
  const drop = async () => {
    const back = firstValueFrom(client.status$.pipe(filter((s) => s.status === 'connected' && s.reconnected !== undefined)));
    const waiting = firstValueFrom(client.status$.pipe(filter((s) => s.status === 'reconnecting')));
    sim.dropAll();
    await waiting;
    expect(client.send(appendAudio(new Uint8Array(960)))).toBe(false); // stale: never sent anywhere
    await back;
  };
  await client.connect();
  await turn('one');
  await drop();
  await turn('two');
  await drop();
  await turn('three');
  await rolledOver();
  await turn('four');
  const last = sim.connections[sim.connections.length - 1];
  const texts = (last?.session.conversation.all ?? []).map((i) => ((i as { content?: Array<{ text?: string }> }).content ?? [])[0]?.text ?? '');
  expect(texts.filter((_, i) => i % 2 === 0)).toEqual(['one', 'two', 'three', 'four']);
  expect(texts.filter((_, i) => i % 2 === 1).every((t) => t.startsWith('You said: '))).toBe(true);
  expect(sim.connections.length).toBeGreaterThanOrEqual(4);
  for (const c of sim.connections.slice(1)) expect(c.session.received.some((e) => (e as { type: string }).type === 'input_audio_buffer.append')).toBe(false);
});
