/**
 * `openai-realtime-rx transcribe`: a transcription session over a WAV file. The file is streamed
 * faster than real time (paced by the connection, never dropped), the server's voice detection
 * cuts it into segments, and each segment's transcript is written with its timing.
 */
import { parseArgs } from 'node:util';
import { filter, firstValueFrom, take, timeout } from 'rxjs';
import { pcm16ToBytes } from '../audio/pcm.js';
import { RealtimeClient, appendAudio, clearAudio } from '../index.js';
import { RealtimeSimulator } from '../testing/index.js';
import { HELP_OPTION, strictly } from './args.js';
import { CliError } from './CliError.js';
import type { SessionRecorder } from '../index.js';
import { RECORD_HELP, RECORD_OPTIONS, startRecording, stopRecording } from './record.js';
import { readSpeech, writeAtomically } from './files.js';
import { Output } from './Output.js';

export const TRANSCRIBE_HELP = `Usage: openai-realtime-rx transcribe --in speech.wav [--out transcript.txt|transcript.jsonl] [--live] [--record FILE]

Transcribes a WAV file in a transcription session: the file is sent as fast as the connection
takes it, the server's voice detection cuts it into segments, and each segment is printed (and
written with --out) with its start and end in the file. Any WAV the audio module reads will do.

Options:
  --in FILE     the WAV file to transcribe (required)
  --out FILE    write the transcript: .jsonl for one JSON object per segment
                ({item_id, start_ms, end_ms, text}), anything else for text lines
  --live        use the real OpenAI Realtime API (needs OPENAI_API_KEY)
${RECORD_HELP}  -h, --help    show this help
`;

const CHUNK_MS = 20;
const BYTES_PER_MS = 48; // 24 kHz PCM16
/** Keep the socket's send buffer below this while streaming: faster than real time, never dropped. */
const PACE_BYTES = 256 * 1024;

/** One transcribed segment of the file. */
interface Segment {
  item_id: string;
  start_ms?: number;
  end_ms?: number;
  text?: string;
}

const clock = (ms: number | undefined): string => {
  if (ms === undefined) return '--:--.-';
  const s = ms / 1000;
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${(s % 60).toFixed(1).padStart(4, '0')}`;
};

export async function transcribe(argv: string[], out = new Output()): Promise<void> {
  const { values } = strictly('transcribe', () => parseArgs({ args: argv, options: { ...HELP_OPTION, ...RECORD_OPTIONS, in: { type: 'string' }, out: { type: 'string' }, live: { type: 'boolean' } }, strict: true }));
  if (values.help) return void out.line(TRANSCRIBE_HELP);
  if (!values.in) throw new CliError('transcribe needs --in FILE (see: openai-realtime-rx transcribe --help)');
  const pcm = pcm16ToBytes(readSpeech(values.in));
  const apiKey = process.env['OPENAI_API_KEY'];
  if (values.live && !apiKey) throw new CliError('--live needs the OPENAI_API_KEY environment variable');

  const sim = values.live ? undefined : await new RealtimeSimulator({ realtimeFactor: Infinity, transcribe: (_, ms) => `(${(ms / 1000).toFixed(1)} seconds of speech)` }).start();
  const client = new RealtimeClient({
    apiKey: values.live ? apiKey : 'transcribe-key',
    ...(sim ? { url: sim.url } : {}),
    session: {
      type: 'transcription',
      audio: { input: { format: { type: 'audio/pcm', rate: 24000 }, transcription: { model: 'gpt-4o-mini-transcribe' }, turn_detection: { type: 'server_vad', silence_duration_ms: 500 } } },
    },
  });
  const segments = new Map<string, Segment>();
  const segment = (id: string): Segment => segments.get(id) ?? (segments.set(id, { item_id: id }), segments.get(id) as Segment);
  client.errors$.subscribe((e) => out.line(`  ! ${e.code}: ${e.message}`));
  client.events$.subscribe((e) => {
    const ev = e as { type: string; item_id?: string; audio_start_ms?: number; audio_end_ms?: number; transcript?: string };
    if (ev.item_id === undefined) return;
    if (ev.type === 'input_audio_buffer.speech_started') segment(ev.item_id).start_ms = ev.audio_start_ms;
    else if (ev.type === 'input_audio_buffer.speech_stopped') segment(ev.item_id).end_ms = ev.audio_end_ms;
    else if (ev.type === 'conversation.item.input_audio_transcription.completed') {
      const s = segment(ev.item_id);
      s.text = ev.transcript ?? '';
      out.line(`[${clock(s.start_ms)} – ${clock(s.end_ms)}] ${s.text}`);
    } else if (ev.type === 'conversation.item.input_audio_transcription.failed') segment(ev.item_id).text = '';
  });
  let recorder: SessionRecorder | undefined;
  try {
    recorder = startRecording(client, values, apiKey);
    await client.connect();
    // the file, then a second of silence so that the voice detection closes the last segment
    const audio = new Uint8Array(pcm.length + 1000 * BYTES_PER_MS);
    audio.set(pcm);
    const step = BYTES_PER_MS * CHUNK_MS;
    const totalMs = pcm.length / BYTES_PER_MS;
    for (let i = 0; i < audio.length; i += step) {
      while (client.bufferedAmount > PACE_BYTES) await new Promise((resolve) => setTimeout(resolve, 5));
      if (!client.send(appendAudio(audio.subarray(i, i + step)))) throw new CliError('the connection refused audio; see the errors above');
      if (i % (step * 50) === 0) out.status(`sent ${Math.min(100, Math.round((i / BYTES_PER_MS / totalMs) * 100))}% of ${(totalMs / 1000).toFixed(1)} s`);
    }
    // once the server has cleared the buffer, it has processed every append before it
    const cleared = firstValueFrom(client.events$.pipe(filter((e) => e.type === 'input_audio_buffer.cleared'), take(1), timeout(60_000)));
    client.send(clearAudio());
    await cleared;
    const pending = () => [...segments.values()].filter((s) => s.text === undefined && s.end_ms !== undefined).length;
    if (pending() > 0) {
      await firstValueFrom(
        client.events$.pipe(
          filter(() => pending() === 0),
          take(1),
          timeout(60_000),
        ),
      );
    }
    const done = [...segments.values()].filter((s) => s.text !== undefined);
    out.line(`transcribed ${values.in}: ${(totalMs / 1000).toFixed(2)} s in ${done.length} segment(s)`);
    if (values.out) {
      const text = values.out.endsWith('.jsonl')
        ? done.map((s) => JSON.stringify({ item_id: s.item_id, start_ms: s.start_ms ?? null, end_ms: s.end_ms ?? null, text: s.text })).join('\n') + '\n'
        : done.map((s) => `[${clock(s.start_ms)} – ${clock(s.end_ms)}] ${s.text}`).join('\n') + '\n';
      writeAtomically(values.out, text);
      out.line(`transcript -> ${values.out}`);
    }
  } finally {
    stopRecording(recorder, out, values.record);
    client.dispose();
    await sim?.stop();
  }
}
