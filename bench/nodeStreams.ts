/**
 * Node streams: the overhead of `audioWritable` against calling `client.send(appendAudio(chunk))`
 * directly. N chunks of 20 ms audio go to the load generator (bench/server.ts), which answers once
 * the N-th append has arrived; the figure is the time to that answer. Both contenders use one
 * RealtimeClient with a send-buffer mark high enough that nothing is dropped or held, so the
 * difference is the stream's own cost (Writable machinery, framing, stats). A third contender
 * adds conversion (8 kHz μ-law in, 24 kHz PCM16 out) to show what decoding and resampling cost.
 */
import { once } from 'node:events';
import { encodeMuLaw } from '../lib/audio/g711';
import { tone } from '../lib/audio/tone';
import { core, node } from './lib';
import type { SuiteResult } from './harness';
import { interleave, median } from './harness';
import { startLoadGenerator } from './loadGenerator';

const { RealtimeClient, appendAudio } = core;
const { audioWritable } = node;

const MIB = 1024 * 1024;

export async function nodeStreamsSuite(opts: { chunks?: number; rounds?: number } = {}): Promise<SuiteResult> {
  const chunks = opts.chunks ?? 3000;
  const rounds = opts.rounds ?? 7;
  const gen = await startLoadGenerator('server.ts');
  const pcm = tone(440, 20, 24000, 0.3); // 960 bytes
  const ulaw = encodeMuLaw(tone(440, 20, 8000, 0.3)); // 160 bytes, becomes 960
  try {
    const connected = async () => {
      const client = new RealtimeClient({ url: gen.url, apiKey: 'bench', maxBufferedBytes: 256 * MIB });
      await client.connect();
      const acked = new Promise<number>((resolve) => client.events$.subscribe((e) => e.type === 'bench.ack' && resolve(performance.now())));
      client.sendRaw({ type: 'bench.expect', appends: chunks } as { type: string });
      return { client, acked };
    };
    const direct = async () => {
      const { client, acked } = await connected();
      const start = performance.now();
      for (let i = 0; i < chunks; i++) client.send(appendAudio(pcm));
      const ms = (await acked) - start;
      client.dispose();
      return ms;
    };
    const writable = (input: 'pcm16' | 'pcmu') => async () => {
      const { client, acked } = await connected();
      const mic = audioWritable(client, { inputFormat: input === 'pcm16' ? { encoding: 'pcm16', rate: 24000 } : 'pcmu' });
      const chunk = Buffer.from(input === 'pcm16' ? pcm : ulaw);
      const start = performance.now();
      for (let i = 0; i < chunks; i++) if (!mic.write(chunk)) await once(mic, 'drain');
      mic.end();
      const ms = (await acked) - start;
      client.dispose();
      return ms;
    };
    const samples = await interleave(
      [
        { name: 'client.send(appendAudio)', run: direct },
        { name: 'audioWritable (PCM16 24 kHz, as is)', run: writable('pcm16') },
        { name: 'audioWritable (μ-law 8 kHz → PCM16 24 kHz)', run: writable('pcmu') },
      ],
      rounds,
    );
    const medians = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
    const base = medians['client.send(appendAudio)'] ?? NaN;
    return {
      suite: `node streams: ${chunks} appends of 20 ms audio through audioWritable vs client.send`,
      unit: 'ms to the last append’s acknowledgement (lower is better)',
      rounds,
      medians,
      samples,
      ratios: Object.fromEntries(Object.entries(medians).filter(([k]) => k !== 'client.send(appendAudio)').map(([k, v]) => [`${k} / client.send`, v / base])),
      notes: { goal: 'audioWritable (as is) / client.send <= 1.10' },
    };
  } finally {
    await gen.stop();
  }
}
