/**
 * The facade with `reconnect` on, as the transport of OpenAI's own RealtimeSession: a drop
 * mid-conversation, and the session carries on (its next tool round trip works on the new
 * server session, which holds the replayed conversation).
 */
import { RealtimeAgent, RealtimeSession, tool } from '@openai/agents-realtime';
import { OpenAIRealtimeWebSocket } from '../../lib/index';
import { RealtimeSimulator } from '../../lib/testing';

let sim: RealtimeSimulator;
beforeEach(async () => (sim = await new RealtimeSimulator({ realtimeFactor: Infinity }).start()));
afterEach(() => sim.stop());

it('RealtimeSession keeps going over a reconnect: the next tool call round trip works', async () => {
  const calls: string[] = [];
  const getWeather = tool({
    name: 'get_weather',
    description: 'The weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
    strict: true,
    execute: (input: unknown) => {
      const { city } = input as { city: string };
      calls.push(city);
      return JSON.stringify({ city, forecast: 'sunny' });
    },
  });
  const agent = new RealtimeAgent({ name: 'Assistant', instructions: 'Use your tools.', tools: [getWeather] });
  const transport = new OpenAIRealtimeWebSocket({ url: sim.url, reconnect: { initialDelayMs: 5, maxDelayMs: 20 } });
  const changes: string[] = [];
  transport.on('connection_change', (s) => changes.push(s));
  const errors: unknown[] = [];
  const session = new RealtimeSession(agent, { transport, config: { outputModalities: ['text'] } });
  session.on('error', (e) => errors.push(e));
  const answered = () => new Promise<void>((resolve) => transport.once('turn_done', () => resolve()));
  /** A turn that calls the tool, then the answer that uses its output. */
  const toolRoundTrip = async (city: string) => {
    const first = answered();
    session.sendMessage(`What is the weather in ${city}? Please use get_weather.`);
    await first;
    await answered();
  };

  const firstConnection = sim.nextConnection();
  await session.connect({ apiKey: 'sk-test' });
  await toolRoundTrip('Paris');
  expect(calls).toEqual(['Paris']);

  const secondConnection = sim.nextConnection();
  const back = new Promise<void>((resolve) => transport.client.status$.subscribe((s) => s.status === 'connected' && s.reconnected && resolve()));
  (await firstConnection).drop();
  await back;
  expect(transport.status).toBe('connected');
  expect(changes).toEqual(['connecting', 'connected', 'connecting', 'connected']);

  await toolRoundTrip('Rome');
  expect(calls).toEqual(['Paris', 'Rome']);
  const conn2 = await secondConnection;
  // the new session was configured again and got the earlier conversation before the new question
  const types = conn2.session.received.map((e) => (e as { type: string }).type);
  expect(types[0]).toBe('session.update');
  expect(types.indexOf('conversation.item.create')).toBeGreaterThan(0);
  expect(conn2.session.conversation.all.length).toBeGreaterThan(4);
  expect(session.history.some((item) => item.type === 'function_call' && (item as { arguments?: string }).arguments === '{"city":"Rome"}')).toBe(true);
  expect(errors).toEqual([]);
  session.close();
});
