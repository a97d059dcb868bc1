/**
 * `openai-realtime-rx talk`: a Node audio pipeline. Streams a WAV file to the API as user speech
 * in 20 ms chunks, and writes the spoken reply as a WAV file (and its transcript as text).
 */
import { filter, firstValueFrom, take, timeout } from 'rxjs';
import { RealtimeClient, appendAudio, commitAudio, createResponse, updateSession } from '../index.js';
import { encodeG711 } from '../audio/g711.js';
import { pcm16FromBytes, pcm16ToBytes } from '../audio/pcm.js';
import { SUPPORTED_RATES, resample } from '../audio/resampler.js';
import type { WavEncoding } from '../audio/wav.js';
import { writeWav } from '../audio/wav.js';
import { readSpeech, writeAtomically } from './files.js';
import { RealtimeSimulator } from '../testing/index.js';
import { CliError } from './CliError.js';
import type { SessionRecorder } from '../index.js';
import { RECORD_HELP, RECORD_OPTIONS, startRecording, stopRecording } from './record.js';
import { Output } from './Output.js';
import { parseArgs } from 'node:util';
import { HELP_OPTION, strictly } from './args.js';

export const TALK_HELP = `Usage: openai-realtime-rx talk --in in.wav --out reply.wav [--out-rate HZ] [--out-format pcm16|pcmu|pcma] [--transcript reply.txt] [--live] [--record FILE]

Sends a WAV file as user speech, in 20 ms chunks, then writes the assistant's spoken reply as a
mono WAV file. Any WAV the audio module reads will do: 8/16/24/32-bit integer or 32/64-bit float,
G.711, any number of channels (mixed to mono), at 8, 16, 22.05, 24, 32, 44.1 or 48 kHz
(resampled to 24 kHz with an anti-aliased resampler; other rates are interpolated).

Options:
  --in FILE          the WAV file to send (required)
  --out FILE         where to write the reply audio (required)
  --out-rate HZ      the reply's sample rate (default 24000; 8000 with --out-format pcmu/pcma)
  --out-format F     pcm16 (default), pcmu (G.711 μ-law) or pcma (G.711 A-law)
  --transcript FILE  also write the reply's transcript
  --instructions T   the assistant's instructions
  --live             talk to the real OpenAI Realtime API (needs OPENAI_API_KEY)
${RECORD_HELP}  -h, --help         show this help
`;

const CHUNK_MS = 20;

export async function talk(argv: string[], out = new Output()): Promise<void> {
  const { values } = strictly('talk', () => parseArgs({ args: argv, options: { ...HELP_OPTION, ...RECORD_OPTIONS,
    in: { type: 'string' },
    out: { type: 'string' },
    transcript: { type: 'string' },
    'out-rate': { type: 'string' },
    'out-format': { type: 'string' },
    instructions: { type: 'string' },
    live: { type: 'boolean' },
  }, strict: true }));
  if (values.help) return void out.line(TALK_HELP);
  if (!values.in) throw new CliError('talk needs --in FILE (see: openai-realtime-rx talk --help)');
  if (!values.out) throw new CliError('talk needs --out FILE (see: openai-realtime-rx talk --help)');
  const speech = readSpeech(values.in);
  const outFormat = (values['out-format'] ?? 'pcm16') as WavEncoding;
  if (!['pcm16', 'pcmu', 'pcma'].includes(outFormat)) throw new CliError(`talk: --out-format must be pcm16, pcmu or pcma, not ${outFormat}`);
  const outRate = values['out-rate'] === undefined ? (outFormat === 'pcm16' ? 24000 : 8000) : Number(values['out-rate']);
  if (!SUPPORTED_RATES.includes(outRate)) throw new CliError(`talk: --out-rate must be one of ${SUPPORTED_RATES.join(', ')}, not ${values['out-rate']}`);
  const apiKey = process.env['OPENAI_API_KEY'];
  if (values.live && !apiKey) throw new CliError('--live needs the OPENAI_API_KEY environment variable');
  const pcm = pcm16ToBytes(speech);

  const sim = values.live ? undefined : await new RealtimeSimulator({ realtimeFactor: Infinity, transcribe: (_, ms) => `(${(ms / 1000).toFixed(1)} seconds of audio from ${values.in})` }).start();
  const client = new RealtimeClient({ apiKey: values.live ? apiKey : 'talk-key', ...(sim ? { url: sim.url } : { model: 'gpt-realtime' }) });
  client.errors$.subscribe((e) => out.line(`  ! ${e.code}: ${e.message}`));
  let recorder: SessionRecorder | undefined;
  try {
    recorder = startRecording(client, values, apiKey);
    await client.connect();
    client.send(
      updateSession({
        output_modalities: ['audio'],
        ...(values.instructions ? { instructions: values.instructions } : {}),
        audio: { input: { turn_detection: null, transcription: { model: 'gpt-4o-mini-transcribe' } }, output: { format: { type: 'audio/pcm', rate: 24000 } } },
      }),
    );
    const step = 24 * 2 * CHUNK_MS;
    let sent = 0;
    for (let i = 0; i < pcm.length; i += step) {
      client.send(appendAudio(pcm.subarray(i, i + step)));
      sent += Math.min(step, pcm.length - i) / 48;
      out.status(`sent ${Math.round(sent)} ms`);
    }
    out.line(`sent ${values.in}: ${(pcm.length / 48000).toFixed(2)} s in ${Math.ceil(pcm.length / step)} chunks of ${CHUNK_MS} ms`);
    const chunks: Uint8Array[] = [];
    let received = 0;
    let transcript = '';
    const audio = client.audio$.subscribe((chunk) => {
      chunks.push(chunk.data);
      received += chunk.durationMs;
      out.status(`received ${Math.round(received)} ms`);
    });
    client.transcripts$.pipe(filter((t) => t.source === 'output_audio')).subscribe((t) => (transcript = t.text));
    const done = firstValueFrom(client.turns$.pipe(filter((t) => t.phase === 'done'), take(1), timeout(120_000)));
    client.send(commitAudio());
    client.send(createResponse());
    const turn = await done;
    audio.unsubscribe();
    const reply = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((at, c) => (reply.set(c, at), at + c.length), 0);
    const samples = resample(pcm16FromBytes(reply), 24000, outRate);
    writeAtomically(values.out, writeWav(outFormat === 'pcm16' ? samples : encodeG711(samples, outFormat), outRate, outFormat));
    if (values.transcript) writeAtomically(values.transcript, `${transcript}\n`);
    out.line(`reply: ${(received / 1000).toFixed(2)} s of audio -> ${values.out} (${outFormat}, ${outRate} Hz)${values.transcript ? `, transcript -> ${values.transcript}` : ''} (${turn.phase === 'done' ? String(turn.status) : ''})`);
    out.line(`assistant: ${transcript}`);
  } finally {
    stopRecording(recorder, out, values.record);
    client.dispose();
    await sim?.stop();
  }
}
