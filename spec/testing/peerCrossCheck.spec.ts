/**
 * Cross-check: OpenAI's own transport (`@openai/agents-realtime` 0.20.0 OpenAIRealtimeWebSocket)
 * completes a text turn, a server-VAD audio turn and a tool turn against the simulator, with no
 * error events. If the simulator drifted from the GA protocol, OpenAI's client would say so.
 */
import { OpenAIRealtimeWebSocket as PeerTransport } from '@openai/agents-realtime';
import { RealtimeSimulator, tone } from '../../lib/testing/index';

let sim: RealtimeSimulator;
let peer: PeerTransport;
let errors: unknown[];
let raw: Array<{ type: string } & Record<string, unknown>>;

beforeEach(async () => {
  sim = await new RealtimeSimulator({ realtimeFactor: Infinity, transcribe: () => 'Tell me something nice.' }).start();
  peer = new PeerTransport({ url: sim.url });
  errors = [];
  raw = [];
  peer.on('error', (e) => errors.push(e));
  peer.on('*', (e) => raw.push(e as { type: string }));
});

afterEach(async () => {
  peer.close();
  await sim.stop();
});

const turnDone = () => new Promise<{ response: { output: unknown[] } }>((resolve) => peer.once('turn_done', (e) => resolve(e as never)));

describe("OpenAI's transport against the simulator", () => {
  it('completes a text turn', async () => {
    await peer.connect({ apiKey: 'sk-test', initialSessionConfig: { outputModalities: ['text'] } });
    const done = turnDone();
    const deltas: string[] = [];
    peer.on('output_text_delta', (e) => deltas.push(e.delta));
    peer.sendMessage('hello', {});
    const turn = await done;
    expect(deltas.join('')).toBe('You said: hello This is the simulator, so my answer is short.');
    expect(turn.response.output).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('completes a server-VAD audio turn', async () => {
    await peer.connect({
      apiKey: 'sk-test',
      initialSessionConfig: { audio: { input: { turnDetection: { type: 'server_vad' } } } },
    });
    const done = turnDone();
    let audioBytes = 0;
    peer.on('audio', (e) => (audioBytes += e.data.byteLength));
    const speech = new Uint8Array([...tone(0, 300, 24000, 0), ...tone(200, 700, 24000, 0.3), ...tone(0, 400, 24000, 0)]);
    for (let i = 0; i < speech.length; i += 960) peer.sendAudio(speech.slice(i, i + 960).buffer);
    await done;
    const types = raw.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['input_audio_buffer.speech_started', 'input_audio_buffer.speech_stopped', 'input_audio_buffer.committed', 'conversation.item.input_audio_transcription.completed', 'response.output_audio.delta']));
    expect(audioBytes).toBeGreaterThan(48_000);
    expect(errors).toEqual([]);
  });

  it('completes a tool turn', async () => {
    await peer.connect({
      apiKey: 'sk-test',
      initialSessionConfig: {
        outputModalities: ['text'],
        tools: [{ type: 'function', name: 'get_weather', description: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false }, strict: true }],
      },
    });
    const call = new Promise<{ callId: string; name: string; arguments: string; id?: string }>((resolve) => peer.once('function_call', (e) => resolve(e as never)));
    const first = turnDone();
    peer.sendMessage('get_weather for Paris please', {});
    const c = await call;
    expect(c).toMatchObject({ name: 'get_weather', arguments: '{"city":"Paris"}' });
    await first;
    const second = turnDone();
    const deltas: string[] = [];
    peer.on('output_text_delta', (e) => deltas.push(e.delta));
    peer.sendFunctionCallOutput(c as never, JSON.stringify({ forecast: 'rain' }), true);
    await second;
    expect(deltas.join('')).toBe('According to get_weather: forecast rain.');
    expect(errors).toEqual([]);
  });
});
