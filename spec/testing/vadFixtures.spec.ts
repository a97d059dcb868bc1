import * as fs from 'node:fs';
import * as path from 'node:path';
import { filter, firstValueFrom } from 'rxjs';
import type { AnyServerEvent } from '../../lib/index';
import { RealtimeClient, appendAudio, updateSession } from '../../lib/index';
import { pcm16ToBytes, readWav, resample } from '../../lib/audio/index';
import { RealtimeSimulator, tone } from '../../lib/testing/index';

/**
 * The simulator's VAD against real speech: espeak-ng at -20, -30 and -40 dBFS, clean and over
 * -50 dBFS white noise, with pauses between words (spec/fixtures/audio/vad, made by
 * scripts/makeVadFixtures.sh). Each file must be exactly one user turn, its start and stop within
 * 100 ms of the speech the script padded.
 */
const dir = path.join(__dirname, '../fixtures/audio/vad');
interface Manifest {
  readonly text: string;
  readonly speechStartMs: number;
  readonly speechEndMs: number;
  readonly files: ReadonlyArray<{ readonly file: string; readonly levelDbfs: number; readonly noiseDbfs: number | null }>;
}
const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;

type Ev = AnyServerEvent & Record<string, unknown>;

let sim: RealtimeSimulator;
let client: RealtimeClient;
afterEach(async () => {
  client?.dispose();
  await sim?.stop();
});

/** Connect, configure, feed 24 kHz PCM16 in 20 ms appends, and collect every event until the feed is processed. */
async function run(audio: Uint8Array, turnDetection: { type: string } & Record<string, unknown>, transcribe?: () => string): Promise<Ev[]> {
  sim = await new RealtimeSimulator({ realtimeFactor: Infinity, ...(transcribe ? { transcribe } : {}) }).start();
  client = new RealtimeClient({ url: sim.url, apiKey: 'test-key' });
  const events: Ev[] = [];
  client.events$.subscribe((e) => events.push(e));
  const created = firstValueFrom(client.events$.pipe(filter((e) => e.type === 'session.created')));
  await client.connect();
  await created;
  const updated = firstValueFrom(client.events$.pipe(filter((e) => e.type === 'session.updated')));
  client.send(updateSession({ type: 'transcription', audio: { input: { transcription: { model: 'gpt-4o-transcribe' }, turn_detection: turnDetection } } }));
  await updated;
  for (let i = 0; i < audio.length; i += 960) client.send(appendAudio(audio.subarray(i, i + 960)));
  // frames are handled in order: the answer to this one comes after every append was heard
  const marker = firstValueFrom(client.events$.pipe(filter((e) => e.type === 'error')));
  client.send({ type: 'conversation.item.retrieve', item_id: 'end_of_feed' });
  await marker;
  return events;
}

const fixture24k = (file: string): Uint8Array => {
  const wav = readWav(new Uint8Array(fs.readFileSync(path.join(dir, file))));
  if (wav._tag === 'Left') throw new Error(wav.left.message);
  expect(wav.right.sampleRate).toBe(16000);
  return pcm16ToBytes(resample(wav.right.samples, 16000, 24000));
};

describe('the simulator hears real speech (VAD fixtures)', () => {
  it('makes each fixture exactly one user turn, start and stop within 100 ms of the speech', async () => {
    const rows: string[] = ['| level (dBFS) | noise (dBFS) | turns expected | turns detected | start error (ms) | stop error (ms) |', '|---|---|---|---|---|---|'];
    const results: Array<{ file: string; turns: number; startError: number; stopError: number; transcript: unknown }> = [];
    for (const f of manifest.files) {
      const events = await run(fixture24k(f.file), { type: 'server_vad' }, () => manifest.text);
      client.dispose();
      await sim.stop();
      const starts = events.filter((e) => e.type === 'input_audio_buffer.speech_started');
      const stops = events.filter((e) => e.type === 'input_audio_buffer.speech_stopped');
      // audio_start_ms includes the 300 ms prefix padding, audio_end_ms the 200 ms of silence
      const startError = starts.length ? Number(starts[0]!['audio_start_ms']) + 300 - manifest.speechStartMs : NaN;
      const stopError = stops.length ? Number(stops[stops.length - 1]!['audio_end_ms']) - 200 - manifest.speechEndMs : NaN;
      const transcript = events.find((e) => e.type === 'conversation.item.input_audio_transcription.completed')?.['transcript'];
      results.push({ file: f.file, turns: Math.max(starts.length, stops.length), startError, stopError, transcript });
      rows.push(`| ${f.levelDbfs} | ${f.noiseDbfs ?? 'none'} | 1 | ${Math.max(starts.length, stops.length)} | ${startError} | ${stopError} |`);
    }
    console.log(`VAD fixtures (speech ${manifest.speechStartMs}–${manifest.speechEndMs} ms, "${manifest.text}"):\n${rows.join('\n')}`);
    for (const r of results) {
      expect({ file: r.file, turns: r.turns, startOk: Math.abs(r.startError) <= 100, stopOk: Math.abs(r.stopError) <= 100, transcript: r.transcript }).toEqual({
        file: r.file,
        turns: 1,
        startOk: true,
        stopOk: true,
        transcript: manifest.text,
      });
    }
  });

  it('without a registered text the transcription states the duration heard, never words', async () => {
    const events = await run(fixture24k('speech-30-noise-50.wav'), { type: 'server_vad' });
    const completed = events.find((e) => e.type === 'conversation.item.input_audio_transcription.completed');
    // the committed turn runs from the padded start to the end of the silence
    expect(completed?.['transcript']).toMatch(/^\(\d+\.\d seconds of speech\)$/);
  });
});

describe('turn detection settings are honoured', () => {
  const silence = (ms: number) => tone(0, ms, 24000, 0);
  const speech = (ms: number, amplitude = 0.3) => tone(220, ms, 24000, amplitude);
  const cat = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((p) => [...p]));
  const turns = (events: Ev[]) => events.filter((e) => e.type.startsWith('input_audio_buffer.speech_')).map((e) => `${e.type.slice(26)}@${String(e['audio_start_ms'] ?? e['audio_end_ms'])}`);

  it('threshold: speech 10 dB above silence is heard at threshold 0.1 and not at 0.5', async () => {
    // RMS 0.001 (-60 dBFS) over digital silence (the -70 dBFS floor): margins 7.2 and 12 dB
    const quiet = cat(silence(500), speech(600, 0.001 * Math.SQRT2), silence(500));
    expect(turns(await run(quiet, { type: 'server_vad', threshold: 0.1 }))).toEqual(['started@200', 'stopped@1300']);
    client.dispose();
    await sim.stop();
    expect(turns(await run(quiet, { type: 'server_vad', threshold: 0.5 }))).toEqual([]);
  });

  it('prefix_padding_ms and silence_duration_ms set the reported bounds', async () => {
    const audio = cat(silence(500), speech(600), silence(700));
    expect(turns(await run(audio, { type: 'server_vad', prefix_padding_ms: 100, silence_duration_ms: 500 }))).toEqual(['started@400', 'stopped@1600']);
  });

  it('adapts to a steady background: a hum 20 dB louder than before is not speech after a while', async () => {
    // the floor climbs 5 dB/s while nobody speaks; a 220 Hz hum at -40 dBFS RMS, then speech on top
    const hum = (ms: number) => tone(220, ms, 24000, 0.01 * Math.SQRT2);
    const mixed = (ms: number) => {
      const a = hum(ms);
      const b = tone(700, ms, 24000, 0.2);
      const out = new Int16Array(a.length / 2);
      const va = new Int16Array(a.buffer, a.byteOffset, a.length / 2);
      const vb = new Int16Array(b.buffer, b.byteOffset, b.length / 2);
      for (let i = 0; i < out.length; i++) out[i] = (va[i] as number) + (vb[i] as number);
      return new Uint8Array(out.buffer);
    };
    const events = await run(cat(hum(6000), mixed(600), hum(1000)), { type: 'server_vad' });
    expect(turns(events)).toEqual(['started@5700', 'stopped@6800']);
  });

  it('semantic_vad: the eagerness sets the silence that ends a turn (low 800, auto 500, high 250 ms)', async () => {
    // two bursts 400 ms apart: one turn when eagerness waits longer than that, two when it does not
    const audio = cat(silence(400), speech(300), silence(400), speech(300), silence(1000));
    expect(turns(await run(audio, { type: 'semantic_vad', eagerness: 'low' }))).toEqual(['started@100', 'stopped@2200']);
    client.dispose();
    await sim.stop();
    expect(turns(await run(audio, { type: 'semantic_vad', eagerness: 'auto' }))).toEqual(['started@100', 'stopped@1900']);
    client.dispose();
    await sim.stop();
    expect(turns(await run(audio, { type: 'semantic_vad', eagerness: 'high' }))).toEqual(['started@100', 'stopped@950', 'started@800', 'stopped@1650']);
  });
});
