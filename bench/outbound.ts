/**
 * Outbound: N chunks of 20 ms audio (960 bytes) sent as fast as possible; throughput in audio
 * bytes per second up to the generator's acknowledgement of the last one.
 */
import type { ContenderName } from './contenders';
import { contenders } from './contenders';
import type { SuiteResult } from './harness';
import { interleave, median, pairedRatios } from './harness';
import { startLoadGenerator } from './loadGenerator';

export async function outboundSuite(opts: { chunks?: number; rounds?: number } = {}): Promise<SuiteResult> {
  const chunks = opts.chunks ?? 3000;
  const rounds = opts.rounds ?? 9;
  const gen = await startLoadGenerator('server.ts');
  const audio = new Uint8Array(960).map((_, i) => (i * 31) & 0xff);
  try {
    const run = (name: ContenderName) => async () => {
      const c = await contenders[name](gen.url);
      const acked = new Promise<number>((resolve) => c.onControl('bench.ack', () => resolve(performance.now())));
      c.control({ type: 'bench.expect', appends: chunks });
      const start = performance.now();
      for (let i = 0; i < chunks; i++) c.sendAudio(audio);
      const end = await acked;
      await c.close();
      return (chunks * 960) / ((end - start) / 1000) / 1e6;
    };
    const names = Object.keys(contenders) as ContenderName[];
    const samples = await interleave(names.map((name) => ({ name, run: run(name) })), rounds);
    const medians = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
    const floor = medians['floor (raw ws)'] ?? NaN;
    const peer = medians['peer: OpenAIRealtimeWebSocket'] ?? NaN;
    // time per append relative to the floor, round by round: the floor's throughput over ours
    const times = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.map((mbps) => 1 / mbps)]));
    const timeRatios = pairedRatios(times, 'floor (raw ws)');
    const time = (name: ContenderName) => timeRatios[`${name} / floor (raw ws) (paired)`] ?? NaN;
    return {
      suite: `outbound: ${chunks} appends of 20 ms audio, as fast as possible`,
      unit: 'MB of audio per second (higher is better)',
      rounds,
      medians,
      samples,
      ratios: {
        ...Object.fromEntries(Object.entries(timeRatios).map(([k, v]) => [`time: ${k}`, v])),
        ...Object.fromEntries(Object.entries(medians).flatMap(([k, v]) => [[`throughput: ${k} / floor`, v / floor], [`throughput: ${k} / peer`, v / peer]])),
      },
      goals: [
        { goal: 'outbound time: OpenAIRealtimeWebSocket.sendAudio / floor', value: time('ours: OpenAIRealtimeWebSocket'), target: 1.05, direction: '<=' },
        { goal: 'outbound time: RealtimeClient.send(appendAudio) / floor', value: time('RealtimeClient.audio$'), target: 1.05, direction: '<=' },
      ],
    };
  } finally {
    await gen.stop();
  }
}
