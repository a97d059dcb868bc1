/**
 * recordSession: both directions as JSON lines with monotonic timestamps, keys never written,
 * audio kept or elided to {bytes, sha256}; recordToFile and the CLI's --record.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { filter, firstValueFrom } from 'rxjs';
import { decodeBase64 } from '../../lib/audio/base64';
import { writeWav } from '../../lib/audio/index';
import type { RecordedFrame } from '../../lib/index';
import { OpenAIRealtimeWebSocket, RealtimeClient, appendAudio, createResponse, elideAudio, parseRecording, recordSession, redactSecrets, updateSession, userMessage } from '../../lib/index';
import { recordToFile } from '../../lib/node/index';
import { RealtimeSimulator, tone } from '../../lib/testing/index';

const KEY = 'sk-proj-TESTKEY0123456789abcdefSECRET';
let sim: RealtimeSimulator;
let client: RealtimeClient;
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rx-record-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  client?.dispose();
  await sim?.stop();
});

const start = async () => {
  sim = await new RealtimeSimulator({ realtimeFactor: Infinity, transcribe: () => 'What is the weather in Paris?' }).start();
  client = new RealtimeClient({ url: sim.url, apiKey: KEY });
};
const done = () => firstValueFrom(client.events$.pipe(filter((e) => e.type === 'response.done')));

/** A short conversation: a text turn, then a spoken one (1.5 s of "speech" through the VAD). */
async function converse(): Promise<{ inputMs: number }> {
  const created = firstValueFrom(client.events$.pipe(filter((e) => e.type === 'session.created')));
  await client.connect();
  await created;
  client.send(updateSession({ audio: { input: { transcription: { model: 'whisper-1' } } } }));
  let reply = done();
  client.send(userMessage('Hello there'));
  client.send(createResponse());
  await reply;
  reply = done();
  const speech = new Uint8Array([...tone(0, 300, 24000, 0), ...tone(220, 1500, 24000, 0.3), ...tone(0, 400, 24000, 0)]);
  for (let i = 0; i < speech.length; i += 960) client.send(appendAudio(speech.subarray(i, i + 960)));
  await reply;
  return { inputMs: speech.length / 48 };
}

const frames = (lines: string[]): readonly RecordedFrame[] => {
  const parsed = parseRecording(lines.join(''));
  if (!('frames' in parsed)) throw new Error(`line ${parsed.line}: ${parsed.error}`);
  return parsed.frames;
};

describe('recordSession', () => {
  it('writes both directions, one JSON line per frame, with monotonic timestamps; the key never appears', async () => {
    await start();
    const lines: string[] = [];
    const rec = recordSession(client, (line) => lines.push(line));
    await converse();
    rec.stop();
    const all = frames(lines);
    expect(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
    expect(rec.frames).toBe(lines.length);
    expect(all[0]).toMatchObject({ dir: 'in', event: { type: 'session.created' } });
    expect(all.filter((f) => f.dir === 'out').map((f) => f.event.type).slice(0, 4)).toEqual(['session.update', 'conversation.item.create', 'response.create', 'input_audio_buffer.append']);
    expect(all.map((f) => f.event.type)).toEqual(expect.arrayContaining(['input_audio_buffer.speech_started', 'response.output_audio.delta', 'response.done']));
    for (let i = 1; i < all.length; i++) expect(all[i]!.t).toBeGreaterThanOrEqual(all[i - 1]!.t);
    // the server's frames as the client received them, the client's as it sent them
    expect(all.filter((f) => f.dir === 'out').map((f) => f.event.type)).toEqual(sim.connections[0]!.session.received.map((e) => e['type']));
    const text = lines.join('');
    expect(text).not.toContain(KEY);
    expect(text).not.toMatch(/authorization|sk-proj/i);
    // stopped: nothing more is written
    client.send(userMessage('after'));
    expect(lines.length).toBe(rec.frames);
  });

  it('keeps audio payloads by default, or elides them to {bytes, sha256}; the size per minute of conversation', async () => {
    await start();
    const kept: string[] = [];
    const elided: string[] = [];
    const a = recordSession(client, (line) => kept.push(line));
    const b = recordSession(client, (line) => elided.push(line), { audio: 'elide' });
    const { inputMs } = await converse();
    b.stop();
    a.stop();
    const keptFrames = frames(kept);
    const elidedFrames = frames(elided);
    expect(elidedFrames.map((f) => f.event.type)).toEqual(keptFrames.map((f) => f.event.type));
    let outputMs = 0;
    keptFrames.forEach((f, i) => {
      const e = elidedFrames[i]!.event;
      const field = f.event.type === 'input_audio_buffer.append' ? 'audio' : f.event.type === 'response.output_audio.delta' ? 'delta' : undefined;
      if (!field) return expect(e).toEqual(f.event);
      const bytes = decodeBase64(String(f.event[field]))!;
      if (f.dir === 'in') outputMs += bytes.length / 48;
      expect(e[field]).toEqual({ bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    });
    const size = (lines: string[]) => lines.reduce((n, l) => n + Buffer.byteLength(l), 0);
    const minutes = (inputMs + outputMs) / 60000;
    const perMinute = (lines: string[]) => Math.round(size(lines) / minutes / 1024);
    process.stdout.write(
      `recording size: ${(inputMs / 1000).toFixed(1)} s of user audio + ${(outputMs / 1000).toFixed(1)} s of assistant audio (${kept.length} frames): ` +
        `${size(kept)} bytes with audio (${perMinute(kept)} KB per minute of conversation), ${size(elided)} bytes elided (${perMinute(elided)} KB per minute)\n`,
    );
    expect(size(elided)).toBeLessThan(size(kept) / 5);
  });

  it('cuts keys, bearer tokens, credential fields and given secrets out of every line', () => {
    expect(redactSecrets({ type: 'x', text: `my key is ${KEY} ok`, nested: [{ Authorization: 'Bearer abcdefghijklmnop' }], note: 'Bearer abcdefghijklmnop', other: 'hunter2-longer' }, ['hunter2-longer'])).toEqual({
      type: 'x',
      text: 'my key is [redacted] ok',
      nested: [{ Authorization: '[redacted]' }],
      note: '[redacted]',
      other: '[redacted]',
    });
    expect(elideAudio({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_audio', audio: 'AAAA' }] } })).toEqual({
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', content: [{ type: 'input_audio', audio: { bytes: 3, sha256: createHash('sha256').update(new Uint8Array(3)).digest('hex') } }] },
    });
    expect(parseRecording('{"t":0,"dir":"in","event":{"type":"a"}}\n\nnot json\n')).toMatchObject({ line: 3 });
  });

  it('records a message the user typed with a key in it, without the key', async () => {
    await start();
    const lines: string[] = [];
    const rec = recordSession({ client }, (line) => lines.push(line), { secrets: ['my-own-secret-word'] });
    await client.connect();
    const reply = done();
    client.send(userMessage(`here is ${KEY} and my-own-secret-word`));
    client.send(createResponse());
    await reply;
    rec.stop();
    const text = lines.join('');
    expect(text).toContain('here is [redacted] and [redacted]');
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('my-own-secret-word');
  });

  it('records the facade through its client', async () => {
    await start();
    const facade = new OpenAIRealtimeWebSocket({ url: sim.url });
    const lines: string[] = [];
    const rec = recordSession(facade, (line) => lines.push(line));
    await facade.connect({ apiKey: KEY, model: 'gpt-realtime' });
    const reply = firstValueFrom(facade.client.events$.pipe(filter((e) => e.type === 'response.done')));
    facade.sendMessage('hello from the facade', {}); // the facade asks for the response itself
    await reply;
    rec.stop();
    facade.close();
    const all = frames(lines);
    expect(all.find((f) => f.dir === 'out' && f.event.type === 'conversation.item.create')?.event).toMatchObject({ item: { content: [{ text: 'hello from the facade' }] } });
    expect(all.filter((f) => f.dir === 'out').map((f) => f.event.type)).toEqual(expect.arrayContaining(['session.update', 'conversation.item.create', 'response.create']));
    expect(all.map((f) => `${f.dir} ${f.event.type}`)).toContain('in response.done');
    expect(lines.join('')).not.toContain(KEY);
  });

  it('a sink that throws (a full disk) stops the recording, is reported once, and the session goes on', async () => {
    await start();
    const lines: string[] = [];
    const reported: unknown[] = [];
    const full = new Error('ENOSPC: no space left on device');
    const rec = recordSession(
      client,
      (line) => {
        if (lines.length === 3) throw full;
        lines.push(line);
      },
      { onError: (e) => reported.push(e) },
    );
    await converse(); // the whole conversation still happens
    expect(reported).toEqual([full]);
    expect(rec.failure).toBe(full);
    expect(rec.frames).toBe(3);
    expect(lines).toHaveLength(3);
    rec.stop(); // idempotent after a failure
  });

  it('recordToFile on a device that is full (/dev/full): the first write fails, the recording stops and says why, the session goes on', async () => {
    await start();
    const reported: unknown[] = [];
    const rec = recordToFile(client, '/dev/full', { onError: (e) => reported.push(e) });
    await converse();
    expect(reported).toHaveLength(1);
    expect((rec.failure as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expect(rec.frames).toBe(0);
    rec.stop();
  });

  it('recordToFile throws at once when the file cannot be opened (a folder)', async () => {
    await start();
    const file = path.join(dir, 'not-a-file');
    fs.mkdirSync(file);
    expect(() => recordToFile(client, file)).toThrow(/EISDIR/);
  });

  it('recordToFile appends the lines to a file, complete when stopped', async () => {
    await start();
    const file = path.join(dir, 'session.jsonl');
    const rec = recordToFile(client, file, { audio: 'elide' });
    await converse();
    rec.stop();
    const parsed = parseRecording(fs.readFileSync(file, 'utf8'));
    expect('frames' in parsed && parsed.frames.length).toBe(rec.frames);
    expect(fs.readFileSync(file, 'utf8')).not.toContain(KEY);
  });
});

describe('--record', () => {
  const root = path.resolve(__dirname, '../..');
  const run = (args: string[], env: NodeJS.ProcessEnv) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'lib', 'cli', 'main.ts'), ...args], { cwd: root, env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      ),
    );

  it('transcribe --record writes the session, with the audio elided on request and no key', async () => {
    const input = path.join(dir, 'speech.wav');
    fs.writeFileSync(input, writeWav(new Uint8Array([...tone(0, 300, 16000, 0), ...tone(300, 800, 16000, 0.3), ...tone(0, 300, 16000, 0)]), 16000));
    const file = path.join(dir, 'transcribe.jsonl');
    const { code, stdout } = await run(['transcribe', '--in', input, '--record', file, '--record-audio', 'elide'], { OPENAI_API_KEY: KEY });
    expect(code).toBe(0);
    expect(stdout).toMatch(/recorded \d+ frames to .*transcribe\.jsonl/);
    const text = fs.readFileSync(file, 'utf8');
    const parsed = parseRecording(text);
    if (!('frames' in parsed)) throw new Error(parsed.error);
    expect(parsed.frames.map((f) => f.event.type)).toEqual(expect.arrayContaining(['session.created', 'session.update', 'input_audio_buffer.append', 'conversation.item.input_audio_transcription.completed']));
    expect(parsed.frames.find((f) => f.event.type === 'input_audio_buffer.append')?.event['audio']).toMatchObject({ bytes: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(text).not.toContain(KEY);
  }, 60_000);

  it('refuses a bad --record-audio with one clear line', async () => {
    const { code, stderr } = await run(['demo', '--record', path.join(dir, 'x.jsonl'), '--record-audio', 'maybe'], {});
    expect(code).toBe(2);
    expect(stderr).toMatch(/--record-audio takes keep or elide, not maybe/);
  }, 60_000);
});
