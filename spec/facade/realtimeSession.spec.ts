/**
 * Compatibility: OpenAI's own RealtimeSession (`@openai/agents-realtime` 0.20.0) runs on this
 * package's OpenAIRealtimeWebSocket as its transport, against a scripted loopback server, and
 * completes a tool round trip.
 */
import { RealtimeAgent, RealtimeSession, tool } from '@openai/agents-realtime';
import { OpenAIRealtimeWebSocket } from '../../lib/index';
import type { Loopback, Peer } from '../helpers/loopback';
import { startLoopback } from '../helpers/loopback';

let server: Loopback;
beforeEach(async () => (server = await startLoopback()));
afterEach(() => server.close());

/** A minimal scripted model: calls the weather tool for the first question, then answers with its output. */
async function playModel(peer: Peer): Promise<{ toolOutput: string }> {
  let n = 0;
  const id = (prefix: string) => `${prefix}_${++n}`;
  const expectFrame = async (type: string) => {
    for (;;) {
      const frame = await peer.next();
      if (frame['type'] === type) return frame;
    }
  };
  const respond = (frames: Array<Record<string, unknown>>) => {
    for (const f of frames) peer.send({ event_id: id('event'), ...f });
  };

  await expectFrame('session.update');
  respond([{ type: 'session.created', session: { type: 'realtime', id: 'sess_1', tracing: null } }]);
  const question = await expectFrame('conversation.item.create');
  respond([{ type: 'conversation.item.added', previous_item_id: null, item: { id: 'user_1', type: 'message', role: 'user', status: 'completed', content: (question['item'] as { content: unknown }).content } }]);
  await expectFrame('response.create');

  const call = { id: 'call_item_1', type: 'function_call', status: 'completed', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' };
  respond([
    { type: 'response.created', response: { id: 'resp_1', status: 'in_progress', output: [] } },
    { type: 'response.output_item.added', response_id: 'resp_1', output_index: 0, item: { ...call, status: 'in_progress', arguments: '' } },
    { type: 'response.function_call_arguments.done', response_id: 'resp_1', item_id: call.id, output_index: 0, call_id: 'call_1', name: 'get_weather', arguments: call.arguments },
    { type: 'response.output_item.done', response_id: 'resp_1', output_index: 0, item: call },
    { type: 'response.done', response: { id: 'resp_1', status: 'completed', output: [call], usage: { input_tokens: 10, output_tokens: 5 } } },
  ]);

  const output = await expectFrame('conversation.item.create');
  const toolOutput = (output['item'] as { output: string }).output;
  expect(output['item']).toMatchObject({ type: 'function_call_output', call_id: 'call_1' });
  await expectFrame('response.create');

  const answer = `It is ${JSON.parse(toolOutput).forecast} in Paris.`;
  const message = { id: 'msg_1', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: answer }] };
  respond([
    { type: 'response.created', response: { id: 'resp_2', status: 'in_progress', output: [] } },
    { type: 'response.output_item.added', response_id: 'resp_2', output_index: 0, item: { ...message, status: 'in_progress', content: [] } },
    { type: 'response.output_text.delta', response_id: 'resp_2', item_id: 'msg_1', output_index: 0, content_index: 0, delta: answer },
    { type: 'response.output_text.done', response_id: 'resp_2', item_id: 'msg_1', output_index: 0, content_index: 0, text: answer },
    { type: 'response.output_item.done', response_id: 'resp_2', output_index: 0, item: message },
    { type: 'response.done', response: { id: 'resp_2', status: 'completed', output: [message], usage: { input_tokens: 20, output_tokens: 8 } } },
  ]);
  return { toolOutput };
}

describe('RealtimeSession from @openai/agents-realtime over this transport', () => {
  it('completes a tool round trip and ends with the assistant answer in its history', async () => {
    const calls: unknown[] = [];
    const getWeather = tool({
      name: 'get_weather',
      description: 'The weather in a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
      strict: true,
      execute: (input: unknown) => {
        calls.push(input);
        return JSON.stringify({ forecast: 'sunny' });
      },
    });
    const agent = new RealtimeAgent({ name: 'Assistant', instructions: 'Use tools.', tools: [getWeather] });
    const session = new RealtimeSession(agent, { transport: new OpenAIRealtimeWebSocket({ url: server.url }) });
    const errors: unknown[] = [];
    session.on('error', (e) => errors.push(e));
    const agentEnds: string[] = [];
    const finished = new Promise<void>((resolve) =>
      session.on('agent_end', (_ctx, _agent, text) => {
        agentEnds.push(text);
        if (agentEnds.length === 2) resolve();
      }),
    );

    const peer = server.accept();
    await session.connect({ apiKey: 'sk-test-key' });
    const model = playModel(await peer);
    session.sendMessage('What is the weather in Paris?');
    const { toolOutput } = await model;
    await finished;

    expect(calls).toEqual([{ city: 'Paris' }]);
    expect(JSON.parse(toolOutput)).toEqual({ forecast: 'sunny' });
    expect(errors).toEqual([]);
    const last = session.history[session.history.length - 1];
    expect(last).toMatchObject({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'It is sunny in Paris.' }] });
    expect(agentEnds[1]).toBe('It is sunny in Paris.');
    expect(session.usage.totalTokens).toBe(43);
    session.close();
  });
});
