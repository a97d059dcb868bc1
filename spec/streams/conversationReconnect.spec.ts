/**
 * conversation(client) across a real reconnect: the simulator drops the connection, the client
 * restores the session and replays the conversation, and the state shows one conversation.
 */
import { filter, firstValueFrom } from 'rxjs';
import type { ConversationState } from '../../lib/index';
import { RealtimeClient, conversation, createResponse, reconnecting, userMessage } from '../../lib/index';
import { RealtimeSimulator } from '../../lib/testing';

let sim: RealtimeSimulator;
let client: RealtimeClient;
afterEach(async () => {
  client?.dispose();
  await sim?.stop();
});

const lines = (s: ConversationState) => s.items.map((i) => `${i.role}: ${i.text}`);

it('after a drop and a restore the replayed items are matched, not shown twice, and the conversation goes on', async () => {
  sim = await new RealtimeSimulator({ realtimeFactor: Infinity }).start();
  client = new RealtimeClient({ url: sim.url, apiKey: 'test', reconnect: reconnecting({ initialDelayMs: 5, maxDelayMs: 20 }), session: { output_modalities: ['text'] } });
  const state$ = conversation(client);
  const states: ConversationState[] = [];
  state$.subscribe((s) => states.push(s));
  const answered = (n: number) => firstValueFrom(state$.pipe(filter((s) => s.items.filter((i) => i.role === 'assistant' && i.status === 'completed').length === n)));

  const first = sim.nextConnection();
  await client.connect();
  const conn1 = await first;
  let done = answered(1);
  client.send(userMessage('hello'));
  client.send(createResponse());
  const before = lines(await done);

  const second = sim.nextConnection();
  const replayed = firstValueFrom(client.events$.pipe(filter((e) => e.type === 'conversation.item.done')));
  conn1.drop();
  await firstValueFrom(client.status$.pipe(filter((s) => s.status === 'connected' && s.reconnected !== undefined)));
  const conn2 = await second;
  await replayed;
  expect(conn2.session.received.filter((e) => e['type'] === 'conversation.item.create')).toHaveLength(2); // the restore replayed both items

  done = answered(2);
  client.send(userMessage('again'));
  client.send(createResponse());
  const after = lines(await done);
  expect(before).toEqual(['user: hello', 'assistant: You said: hello This is the simulator, so my answer is short.']);
  expect(after).toEqual([...before, 'user: again', 'assistant: You said: again This is the simulator, so my answer is short.']);
  // at no point was an item shown twice
  expect(states.every((s) => new Set(s.items.map((i) => i.id)).size === s.items.length && s.items.length <= 4)).toBe(true);
});
