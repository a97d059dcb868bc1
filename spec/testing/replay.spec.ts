/**
 * Record a session against the simulator, then replay it: the same client code gets the same
 * streams from the ReplayServer; a client that departs gets a divergence report naming the line.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { filter, firstValueFrom } from 'rxjs';
import type { RealtimeClient } from '../../lib/index';
import { RealtimeClient as Client, appendAudio, createResponse, parseRecording, userMessage } from '../../lib/index';
import { recordToFile } from '../../lib/node/index';
import { RealtimeSimulator, ReplayDivergenceError, ReplayServer, replay, tone } from '../../lib/testing/index';

const KEY = 'sk-proj-REPLAYKEY0123456789abcdef';
const SESSION = { audio: { input: { transcription: { model: 'whisper-1' } } } } as const;
let dir: string;
let elided: string;
let kept: string;
let recorded: Observed;
let recordedMs: number;

interface Observed {
  readonly transcripts: string[];
  readonly audioBytes: number;
  readonly turns: string[];
}

/** The app under test: a text turn, then a spoken one; what its streams showed. */
async function conversation(client: RealtimeClient, opts: { text?: string; skipAudio?: boolean; extra?: boolean } = {}): Promise<Observed> {
  const observed = { transcripts: [] as string[], audioBytes: 0, turns: [] as string[] };
  client.transcripts$.pipe(filter((t) => t.done)).subscribe((t) => observed.transcripts.push(`${t.source}: ${t.text}`));
  client.audio$.subscribe((chunk) => (observed.audioBytes += chunk.data.length));
  client.turns$.subscribe((t) => t.phase === 'done' && observed.turns.push(`${t.responseId} ${String(t.status)}`));
  const done = () => firstValueFrom(client.events$.pipe(filter((e) => e.type === 'response.done')));
  let reply = done();
  client.send(userMessage(opts.text ?? 'Hello there'));
  client.send(createResponse());
  await reply;
  if (opts.skipAudio) return observed;
  reply = done();
  const speech = new Uint8Array([...tone(0, 300, 24000, 0), ...tone(220, 1000, 24000, 0.3), ...tone(0, 400, 24000, 0)]);
  for (let i = 0; i < speech.length; i += 960) client.send(appendAudio(speech.subarray(i, i + 960)));
  await reply;
  if (opts.extra) client.send({ type: 'input_audio_buffer.clear' });
  return observed;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rx-replay-'));
  elided = path.join(dir, 'elided.jsonl');
  kept = path.join(dir, 'kept.jsonl');
  // recorded at a tenth of real time, so that the real-time replay below has gaps to keep
  const sim = await new RealtimeSimulator({ realtimeFactor: 10, transcribe: () => 'What is the weather in Paris?' }).start();
  const client = new Client({ url: sim.url, apiKey: KEY, session: SESSION });
  const a = recordToFile(client, elided, { audio: 'elide' });
  const b = recordToFile(client, kept);
  const connected = firstValueFrom(client.events$.pipe(filter((e) => e.type === 'session.updated')));
  const begun = performance.now();
  await client.connect();
  await connected;
  recorded = await conversation(client);
  recordedMs = performance.now() - begun;
  a.stop();
  b.stop();
  client.dispose();
  await sim.stop();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Replay with the client connected and session.updated seen, as the recording began. */
const replaying = (file: string, body: (c: RealtimeClient, server: ReplayServer) => Promise<unknown>, options: Parameters<typeof replay>[2] = {}) =>
  replay(
    file,
    async (client, server) => {
      const updated = firstValueFrom(client.events$.pipe(filter((e) => e.type === 'session.updated')));
      await client.connect();
      await updated;
      await body(client, server);
    },
    { client: { session: SESSION }, connect: false, ...options },
  );

/** The replay's rejection (a test failure if it resolved). */
const divergenceOf = (run: Promise<unknown>): Promise<ReplayDivergenceError> =>
  run.then(
    () => Promise.reject(new Error('the replay did not diverge')),
    (e: unknown) => {
      if (e instanceof ReplayDivergenceError) return e;
      throw e;
    },
  );

describe('replay', () => {
  it('the recording has no key, and both directions', () => {
    for (const file of [elided, kept]) {
      const text = fs.readFileSync(file, 'utf8');
      expect(text).not.toContain(KEY);
      expect(text).not.toMatch(/authorization/i);
      const parsed = parseRecording(text);
      if (!('frames' in parsed)) throw new Error(parsed.error);
      expect(parsed.frames.filter((f) => f.dir === 'out')[0]?.event).toMatchObject({ type: 'session.update', session: SESSION });
    }
  });

  it('gives the same streams as the recorded session, in virtual time (elided audio: silence of the same length)', async () => {
    for (const file of [elided, kept]) {
      let observed: Observed | undefined;
      const result = await replaying(file, async (client) => (observed = await conversation(client)));
      expect(observed).toEqual(recorded);
      process.stdout.write(`replay of ${path.basename(file)} (${result.frames} frames, ${fs.statSync(file).size} bytes): ${result.elapsedMs.toFixed(0)} ms in virtual time; recorded in ${recordedMs.toFixed(0)} ms\n`);
    }
    expect(recorded.audioBytes).toBeGreaterThan(0);
    expect(recorded.transcripts).toContain('input_audio: What is the weather in Paris?');
  });

  it('keeps the recorded gaps in real time', async () => {
    const result = await replaying(elided, (client) => conversation(client), { timing: 'real' });
    process.stdout.write(`real-time replay: ${result.elapsedMs.toFixed(0)} ms (recorded ${recordedMs.toFixed(0)} ms)\n`);
    expect(result.elapsedMs).toBeGreaterThan(recordedMs * 0.6);
  });

  it('reports a client that sends a different message, naming the line, the field and both values', async () => {
    const error = await divergenceOf(replaying(elided, (client) => conversation(client, { text: 'Goodbye' })));
    expect(error.divergence).toMatchObject({ kind: 'field', path: 'item.content.0.text' });
    const firstLines = error.message.split('\n')[0];
    expect(firstLines).toMatch(/^Replay of elided\.jsonl diverged at line \d+: conversation\.item\.create differs at item\.content\.0\.text: expected "Hello there", received "Goodbye"\.$/);
    process.stdout.write(`divergence report:\n${error.message}\n`);
  });

  it('reports another event type, an event the client never sends, and one too many', async () => {
    const wrongType = await divergenceOf(
      replaying(elided, async (client) => {
        client.send(createResponse());
        await firstValueFrom(client.events$.pipe(filter((e) => e.type === 'response.done')));
      }),
    );
    expect(wrongType.message).toMatch(/^Replay of elided\.jsonl diverged at line \d+: expected the client to send conversation\.item\.create, received response\.create\.\n {2}expected: \{"type":"conversation\.item\.create"/);

    const missing = await divergenceOf(replaying(elided, (client) => conversation(client, { skipAudio: true })));
    expect(missing.divergence.kind).toBe('missing');
    expect(missing.message).toMatch(/diverged at line \d+: the client never sent input_audio_buffer\.append \(\d+ recorded client events left unsent\)\./);

    const extra = await divergenceOf(replaying(elided, (client, server) => conversation(client, { extra: true }).then(() => server.diverged)));
    expect(extra.message).toMatch(/the client sent input_audio_buffer\.clear after the recording's last client event \(line \d+\)\./);
  });

  it('times out waiting for a client event the body never sends, while the body waits for a reply', async () => {
    const started = performance.now();
    const timedOut = await divergenceOf(
      replaying(
        elided,
        async (client) => {
          // waits for a response it never asked for: only the timeout ends this
          await firstValueFrom(client.events$.pipe(filter((e) => e.type === 'response.done')));
        },
        { timeoutMs: 200 },
      ),
    );
    expect(timedOut.divergence.kind).toBe('timeout');
    expect(timedOut.message).toMatch(/waited 200 ms for the client to send conversation\.item\.create; it sent nothing\./);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('ReplayServer alone: a recording must have frames, and a bad line is named', () => {
    expect(() => new ReplayServer([])).toThrow('ReplayServer: the recording has no frames.');
    const bad = path.join(dir, 'bad.jsonl');
    fs.writeFileSync(bad, '{"t":0,"dir":"in","event":{"type":"session.created"}}\n{"t":1}\n');
    expect(() => ReplayServer.fromFile(bad)).toThrow(/bad\.jsonl line 2: not a frame/);
  });
});
