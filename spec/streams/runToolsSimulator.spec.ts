/**
 * runTools end to end: a real RealtimeClient against the embedded simulator, whose reply policy
 * calls the tools; what the simulator received is the wire.
 */
import * as t from 'io-ts';
import { Observable, filter, firstValueFrom } from 'rxjs';
import type { AnyServerEvent, RealtimeError, ToolEvent, ToolSet, RealtimeClient } from '../../lib/index';
import { appendAudio, createResponse, ofType, runTools, tool, toolDefinitions, updateSession, userMessage } from '../../lib/index';
import type { RealtimeSimulator, ReplyPolicy, SimConnection } from '../../lib/testing/index';
import { tone } from '../../lib/testing/index';
import { startSimulatorSession } from '../helpers/simulatorSession';

let sim: RealtimeSimulator;
let client: RealtimeClient;
let conn: SimConnection;
let errors: RealtimeError[];

/** The model: after tool outputs, it reads them back; "both" calls two tools in one response; otherwise it calls the tool the user names. */
const policy: ReplyPolicy = ({ conversation, userText }) => {
  const last = conversation[conversation.length - 1];
  if (last?.type === 'function_call_output') {
    const outputs = conversation.filter((i) => i.type === 'function_call_output').slice(-2).map((i) => String(i['output']));
    return { text: `Results: ${outputs.join(' | ')}` };
  }
  const text = userText ?? '';
  if (text.includes('both')) return [{ toolCall: { name: 'get_weather', arguments: { city: 'Paris' } } }, { toolCall: { name: 'get_time', arguments: { zone: 'CET' } } }];
  if (text.includes('slow')) return { toolCall: { name: 'slow_search', arguments: { q: 'x' } } };
  if (text.includes('broken')) return { toolCall: { name: 'broken', arguments: {} } };
  if (text.includes('invalid')) return { toolCall: { name: 'get_weather', arguments: '{"city": 42' } };
  if (text.includes('wrong type')) return { toolCall: { name: 'get_weather', arguments: { city: 42 } } };
  if (text.includes('weather')) return { toolCall: { name: 'get_weather', arguments: { city: 'Paris' } } };
  return { text: 'OK.' };
};

const start = async () => {
  ({ sim, client, conn, errors } = await startSimulatorSession({ realtimeFactor: Infinity, replyPolicy: policy, transcribe: () => 'Never mind.' }));
};

afterEach(async () => {
  client?.dispose();
  await sim?.stop();
});

const next = (type: string, where: (e: Record<string, unknown>) => boolean = () => true): Promise<AnyServerEvent & Record<string, unknown>> =>
  firstValueFrom(client.events$.pipe(filter((e) => e.type === type && where(e as unknown as Record<string, unknown>))));
/** The response.done of the answer that reads the tool results back. */
const answer = () => next('response.done', (e) => JSON.stringify(e['response']).includes('Results:'));
const wire = () => conn.session.received.map((e) => (e['type'] === 'conversation.item.create' ? `item ${String((e['item'] as Record<string, unknown>)['type'])}` : String(e['type'])));
const outputsSent = () =>
  conn.session.received.filter((e) => e['type'] === 'conversation.item.create' && (e['item'] as Record<string, unknown>)['type'] === 'function_call_output').map((e) => String((e['item'] as Record<string, unknown>)['output']));

const weather = tool({
  description: 'The weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  args: t.type({ city: t.string }),
  handler: ({ city }) => Promise.resolve({ city, temperature_c: 18 }),
});
const tools: ToolSet = {
  get_weather: weather,
  get_time: { description: 'The time in a zone', parameters: { type: 'object', properties: { zone: { type: 'string' } } }, handler: () => '12:00' },
  broken: { handler: () => Promise.reject(new Error('the weather service is down')) },
};

const ask = (text: string) => {
  client.send(userMessage(text));
  client.send(createResponse());
};

describe('runTools against the simulator', () => {
  it('declares the tools from the same object, runs one call, sends its output and one response.create', async () => {
    await start();
    client.send(updateSession({ type: 'realtime', tools: toolDefinitions(tools) }));
    const events: ToolEvent[] = [];
    runTools(client, tools).subscribe((e) => events.push(e));
    const done = answer();
    ask('What is the weather in Paris?');
    const final = await done;
    expect((conn.session.session['tools'] as Array<{ name: string }>).map((x) => x.name)).toEqual(['get_weather', 'get_time', 'broken']);
    expect(events.map((e) => `${e.kind} ${e.call.name}`)).toEqual(['started get_weather', 'output get_weather']);
    expect(outputsSent()).toEqual(['{"city":"Paris","temperature_c":18}']);
    expect(wire()).toEqual(['session.update', 'item message', 'response.create', 'item function_call_output', 'response.create']);
    expect(JSON.stringify(final['response'])).toContain('Results: {\\"city\\":\\"Paris\\",\\"temperature_c\\":18}');
    expect(errors).toEqual([]);
  });

  it('two parallel calls of one response: both outputs in output_index order, then one response.create', async () => {
    await start();
    const slowFirst: ToolSet = { ...tools, get_weather: { handler: () => new Promise((resolve) => setTimeout(() => resolve('rain'), 30)) } };
    const events: ToolEvent[] = [];
    runTools(client, slowFirst).subscribe((e) => events.push(e));
    const done = answer();
    ask('Weather and time, both please.');
    await done;
    // get_time finished first, but get_weather (output_index 0) is sent first
    expect(events.map((e) => `${e.kind} ${e.call.name} ${e.call.outputIndex}`)).toEqual(['started get_weather 0', 'started get_time 1', 'output get_time 1', 'output get_weather 0']);
    expect(outputsSent()).toEqual(['rain', '12:00']);
    expect(wire()).toEqual(['item message', 'response.create', 'item function_call_output', 'item function_call_output', 'response.create']);
  });

  it('a failing tool: {"error": …} goes to the model and an error value is emitted; the client is unharmed', async () => {
    await start();
    const events: ToolEvent[] = [];
    runTools(client, tools).subscribe((e) => events.push(e));
    const done = answer();
    ask('Call the broken tool.');
    await done;
    expect(events.at(-1)).toMatchObject({ kind: 'error', error: 'the weather service is down', output: '{"error":"the weather service is down"}' });
    expect(outputsSent()).toEqual(['{"error":"the weather service is down"}']);
    expect(client.status.status).toBe('connected');
    expect(errors).toEqual([]);
  });

  it('invalid arguments (not JSON, or failing the codec) become an error output; the handler does not run', async () => {
    await start();
    let ran = 0;
    const counted: ToolSet = { get_weather: { ...weather, handler: (args: { city: string }) => (ran++, args.city) } };
    const events: ToolEvent[] = [];
    runTools(client, counted).subscribe((e) => events.push(e));
    let done = answer();
    ask('Weather with invalid JSON.');
    await done;
    done = answer();
    ask('Weather with the wrong type.');
    await done;
    expect(ran).toBe(0);
    const outputs = outputsSent().map((o) => (JSON.parse(o) as { error: string }).error);
    expect(outputs[0]).toMatch(/^invalid arguments: not JSON/);
    expect(outputs[1]).toMatch(/^invalid arguments: .*city/);
    expect(events.map((e) => e.kind)).toEqual(['error', 'error']);
  });

  it('a slow tool is cancelled by barge-in: its signal aborts, nothing is sent for it, no response.create', async () => {
    await start();
    const timeline: string[] = [];
    let t0 = 0;
    const at = (what: string) => timeline.push(`${what} at t+${(performance.now() - t0).toFixed(2)} ms`);
    // subscribed before runTools, so it sees speech_started first
    client.events$.pipe(ofType('input_audio_buffer.speech_started')).subscribe(() => {
      t0 = performance.now();
      timeline.push('barge-in (speech_started received) at t');
    });
    let aborted!: () => void;
    const abortSeen = new Promise<void>((resolve) => (aborted = resolve));
    const slow: ToolSet = {
      slow_search: {
        handler: (_args: unknown, ctx) =>
          new Promise((resolve) => {
            ctx.signal.addEventListener('abort', () => {
              at(`signal aborted (${String(ctx.signal.reason)})`);
              aborted();
            });
            setTimeout(() => resolve('found it'), 60_000).unref();
          }),
      },
    };
    const events: ToolEvent[] = [];
    runTools(client, slow).subscribe((e) => events.push(e));
    const started = next('response.done');
    ask('Run the slow search.');
    await started;
    const speech = next('input_audio_buffer.speech_started');
    const userTurnAnswered = next('response.done', (e) => JSON.stringify(e['response']).includes('OK.'));
    const audio = tone(220, 600, 24000, 0.3);
    for (let i = 0; i < audio.length; i += 960) client.send(appendAudio(audio.subarray(i, i + 960)));
    const silence = tone(0, 500, 24000, 0);
    for (let i = 0; i < silence.length; i += 960) client.send(appendAudio(silence.subarray(i, i + 960)));
    await speech;
    await abortSeen;
    await userTurnAnswered; // the user's new turn was answered: anything the tool would have sent is on the wire by now
     
    console.log(`cancellation timeline:\n  ${timeline.join('\n  ')}\n  function_call_output on the wire: ${outputsSent().length}`);
    expect(events.map((e) => (e.kind === 'cancelled' ? `cancelled ${e.reason}` : e.kind))).toEqual(['started', 'cancelled barge-in']);
    expect(outputsSent()).toEqual([]);
    expect(wire().filter((w) => w === 'response.create')).toEqual(['response.create']); // only the one that asked
    expect(timeline[1]).toMatch(/^signal aborted \(barge-in\) at t\+\d+\.\d\d ms$/);
  });

  it('an Observable handler is unsubscribed when the connection drops', async () => {
    await start();
    let unsubscribed = false;
    const hanging: ToolSet = { slow_search: { handler: () => new Observable<string>(() => () => (unsubscribed = true)) } };
    const events: ToolEvent[] = [];
    runTools(client, hanging).subscribe((e) => events.push(e));
    const started = next('response.done');
    ask('Run the slow search.');
    await started;
    expect(events.map((e) => e.kind)).toEqual(['started']);
    client.close();
    expect(unsubscribed).toBe(true);
    expect(events.at(-1)).toMatchObject({ kind: 'cancelled', reason: 'disconnected' });
    expect(outputsSent()).toEqual([]);
  });
});
