/**
 * `openai-realtime-rx demo`: a short voice-agent conversation through the reactive API, against
 * the embedded simulator (or the real API with `--live`): a tool round trip, streamed audio and
 * transcript, a barge-in by simulated user speech with the truncation it causes, and a summary.
 */
import type { Observable } from 'rxjs';
import { Subject, filter, firstValueFrom, take, timeout } from 'rxjs';
import type { Interruption, ToolCall } from '../index.js';
import { RealtimeClient, appendAudio, bargeIn, createResponse, functionCallOutput, ofType, updateSession, userMessage } from '../index.js';
import { RealtimeSimulator, tone } from '../testing/index.js';
import { CliError } from './CliError.js';
import type { SessionRecorder } from '../index.js';
import { RECORD_HELP, RECORD_OPTIONS, startRecording, stopRecording } from './record.js';
import { Output } from './Output.js';
import { parseArgs } from 'node:util';
import { HELP_OPTION, strictly } from './args.js';

export const DEMO_HELP = `Usage: openai-realtime-rx demo [--live] [--speed N] [--record FILE]

Runs a short voice-agent conversation through RealtimeClient and prints what happens:
a tool round trip, the assistant's transcript and audio as they stream, an interruption
by simulated user speech (and the truncation it causes), and a summary.

Options:
  --live      talk to the real OpenAI Realtime API (needs OPENAI_API_KEY)
  --speed N   how much faster than real time the simulator streams audio (default 10)
${RECORD_HELP}  -h, --help  show this help
`;

const WEATHER_TOOL = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'The current weather in a city.',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

const runTool = (call: ToolCall): string => {
  const { city } = JSON.parse(call.arguments || '{}') as { city?: string };
  return JSON.stringify({ city: city ?? 'unknown', forecast: 'sunny', temperature: '21 °C' });
};

interface Stats {
  events: number;
  audioMs: number;
  latencies: number[];
}

/**
 * Follow the next response that starts: stream its transcript (when `live` is set), count its
 * audio, and resolve with its status, transcript and audio length when it is done.
 */
function nextResponse(client: RealtimeClient, out: Output, stats: Stats, show: boolean): Promise<{ status: string; reason?: string; text: string; audioMs: number }> {
  const requestedAt = Date.now();
  let id: string | undefined;
  let audioMs = 0;
  let text = '';
  let firstAudio = true;
  return new Promise((resolve, reject) => {
    const subs = [
      client.turns$.subscribe((turn) => {
        if (turn.phase === 'started' && id === undefined) {
          id = turn.responseId;
          if (show) out.beginStream('  assistant: ');
        } else if (turn.phase === 'done' && turn.responseId === id) {
          subs.forEach((sub) => sub.unsubscribe());
          clearTimeout(timer);
          if (show) out.endStream(turn.status !== 'completed' ? `  [${String(turn.status)}${turn.reason ? `: ${turn.reason}` : ''}]` : '');
          resolve({ status: String(turn.status), ...(turn.reason ? { reason: turn.reason } : {}), text, audioMs });
        }
      }),
      client.transcripts$.pipe(filter((t) => t.source !== 'input_audio' && t.responseId === id)).subscribe((t) => {
        text = t.text;
        if (show && !t.done) out.stream(t.delta);
      }),
      client.audio$.pipe(filter((chunk) => chunk.responseId === id)).subscribe((chunk) => {
        if (firstAudio) stats.latencies.push(Date.now() - requestedAt);
        firstAudio = false;
        audioMs += chunk.durationMs;
        stats.audioMs += chunk.durationMs;
        out.status(`audio: ${Math.round(audioMs)} ms received`);
      }),
    ];
    const timer = setTimeout(() => {
      subs.forEach((sub) => sub.unsubscribe());
      reject(new Error('timed out waiting for a response'));
    }, 60_000);
  });
}

const within = <T>(source: Observable<T>, ms: number, what: string): Promise<T> =>
  firstValueFrom(source.pipe(take(1), timeout({ first: ms, with: () => Promise.reject(new Error(`timed out waiting for ${what}`)) })));

export async function demo(argv: string[], out = new Output()): Promise<void> {
  const { values } = strictly('demo', () => parseArgs({ args: argv, options: { ...HELP_OPTION, ...RECORD_OPTIONS, live: { type: 'boolean' }, speed: { type: 'string' } }, strict: true }));
  if (values.help) return void out.line(DEMO_HELP);
  const speed = values.speed === undefined ? 10 : Number(values.speed);
  if (!Number.isFinite(speed) || speed <= 0) throw new CliError(`--speed must be a positive number, not "${String(values.speed)}"`);
  const live = values.live === true;
  const apiKey = process.env['OPENAI_API_KEY'];
  if (live && !apiKey) throw new CliError('--live needs the OPENAI_API_KEY environment variable');

  const sim = live ? undefined : await new RealtimeSimulator({ realtimeFactor: speed, transcribe: () => 'Stop, that is enough, thank you.' }).start();
  const client = new RealtimeClient({ apiKey: live ? apiKey : 'demo-key', ...(sim ? { url: sim.url } : { model: 'gpt-realtime' }) });
  const stats: Stats = { events: 0, audioMs: 0, latencies: [] };
  client.events$.subscribe(() => stats.events++);
  client.errors$.subscribe((e) => {
    if (e._tag !== 'ServerError' || e.severity !== 'benign') out.line(`  ! ${e.code}: ${e.message}`);
  });
  // Barge-in: a real app plays audio in real time, so the user heard less than the app received.
  // bargeIn truncates the assistant's item at what was played: the player's reports (`played$`)
  // or, as here without a player, the time since the item's first audio. Subscribed before
  // connecting, it knows whether the session's turn detection cancels responses by itself.
  const interruptions = new Subject<Interruption>();
  bargeIn(client).subscribe(interruptions);
  const begun = Date.now();
  let recorder: SessionRecorder | undefined;
  try {
    recorder = startRecording(client, values, apiKey);
    out.line(`openai-realtime-rx demo: a voice agent ${sim ? `against the embedded simulator at ${sim.url}` : 'against the OpenAI Realtime API'}`);
    await client.connect();
    client.send(
      updateSession({
        instructions: 'You are a helpful voice assistant. Use get_weather for weather questions.',
        output_modalities: ['audio'],
        tools: [WEATHER_TOOL],
        audio: {
          input: { transcription: { model: 'gpt-4o-mini-transcribe' }, turn_detection: { type: 'server_vad', create_response: true, interrupt_response: true } },
          output: { voice: 'marin' },
        },
      }),
    );
    await within(client.events$.pipe(ofType('session.updated')), 10_000, 'session.updated');

    out.line('\n1. A tool round trip');
    const question = 'What is the weather in Paris? Please use get_weather.';
    out.line(`  you: ${question}`);
    const call = within(client.toolCalls$, 20_000, 'the tool call');
    const firstTurn = nextResponse(client, out, stats, false);
    client.send(userMessage(question));
    client.send(createResponse());
    const toolCall = await call;
    await firstTurn;
    const output = runTool(toolCall);
    out.line(`  tool call: ${toolCall.name}(${toolCall.arguments}) -> ${output}`);
    const answer = nextResponse(client, out, stats, true);
    client.send(functionCallOutput(toolCall.callId, output));
    client.send(createResponse());
    out.line(`  audio: ${Math.round((await answer).audioMs)} ms received`);

    out.line('\n2. An interruption by the user');
    out.line('  you: Tell me a story.');
    const story = nextResponse(client, out, stats, true);
    let received = 0;
    const counting = client.audio$.subscribe((chunk) => (received += chunk.durationMs));
    const enoughAudio = within(client.audio$.pipe(filter(() => received >= 1500)), 30_000, 'story audio');
    const truncated = within(client.events$.pipe(ofType('conversation.item.truncated')), 40_000, 'conversation.item.truncated');
    const interruption = within(interruptions, 40_000, 'the interruption');
    client.send(userMessage('Tell me a story.'));
    client.send(createResponse());
    await enoughAudio;
    counting.unsubscribe();
    // The user talks over the assistant. Server VAD hears it and cancels the response; bargeIn
    // truncates the assistant's item at what was played (see above).
    const heard = within(client.transcripts$.pipe(filter((x) => x.source === 'input_audio' && x.done)), 10_000, 'the user transcript');
    const reply = nextResponse(client, out, stats, false);
    const speech = new Uint8Array([...tone(220, 600, 24000, 0.3), ...tone(0, 500, 24000, 0)]);
    for (let i = 0; i < speech.length; i += 960) client.send(appendAudio(speech.subarray(i, i + 960)));
    const snapshot = await interruption;
    const cut = await story;
    const t = await truncated;
    out.line(`  audio: ${Math.round(snapshot.receivedMs)} ms received before the user spoke; ${t.audio_end_ms} ms of it played`);
    out.line(`  speech_started -> response ${cut.status}${cut.reason ? ` (${cut.reason})` : ''}; truncated ${t.item_id} at ${t.audio_end_ms} ms`);
    out.line(`  you (transcribed): ${(await heard).text}`);
    const second = await reply;
    out.line(`  assistant: ${second.text}`);
    out.line(`  audio: ${Math.round(second.audioMs)} ms received`);

    out.line('\n3. Summary');
    const avg = stats.latencies.length ? Math.round(stats.latencies.reduce((a, b) => a + b, 0) / stats.latencies.length) : 0;
    out.line(`  server events: ${stats.events}`);
    out.line(`  audio received: ${(stats.audioMs / 1000).toFixed(1)} s`);
    out.line(`  first-audio latency: ${avg} ms on average over ${stats.latencies.length} responses`);
    out.line(`  wall time: ${((Date.now() - begun) / 1000).toFixed(1)} s`);
  } finally {
    stopRecording(recorder, out, values.record);
    client.dispose();
    await sim?.stop();
  }
}
