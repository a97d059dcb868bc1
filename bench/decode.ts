/**
 * Micro-benchmarks: decoding `response.output_audio.delta` frames (20 ms of 24 kHz PCM16 each)
 * with `decodeServerEvent`, against plain `JSON.parse` of the same frames; and decoding their
 * base64 audio: `decodeBase64` (into a buffer of its own, as the library hands out, after its
 * checks of length, padding and alphabet), against Node's pooled `Buffer.from(text, 'base64')`
 * (what the floor does) and a bare `Buffer.allocUnsafeSlow` + `write` (the same allocation
 * without the checks).
 */
import { audio, core } from './lib';

const { decodeServerEvent } = core;
const { decodeBase64 } = audio;
import type { SuiteResult } from './harness';
import { interleave, median, ratiosAgainst } from './harness';

const frames = (count: number): string[] => {
  const audio = Buffer.alloc(960);
  return Array.from({ length: count }, (_, i) => {
    for (let j = 0; j < audio.length; j++) audio[j] = (i * 31 + j * 7) & 0xff;
    return JSON.stringify({
      type: 'response.output_audio.delta',
      event_id: `event_${i.toString(36).padStart(21, '0')}`,
      response_id: 'resp_CCXHw0UJld10EzIUXQCNh',
      item_id: 'item_CCXHwGjjDUfOXbiySlK7i',
      output_index: 0,
      content_index: 0,
      delta: audio.toString('base64'),
    });
  });
};

export async function decodeSuite(opts: { frames?: number; rounds?: number } = {}): Promise<SuiteResult> {
  const input = frames(opts.frames ?? 20_000);
  let sink = 0;
  const timed = (f: (s: string) => unknown) => () => {
    const start = process.hrtime.bigint();
    for (const frame of input) if (f(frame)) sink++;
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const deltas = input.map((frame) => (JSON.parse(frame) as { delta: string }).delta);
  const timedDeltas = (f: (s: string) => unknown) => () => {
    const start = process.hrtime.bigint();
    for (const delta of deltas) if (f(delta)) sink++;
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const samples = await interleave(
    [
      { name: 'JSON.parse', run: timed((s) => JSON.parse(s)) },
      { name: 'decodeServerEvent', run: timed((s) => decodeServerEvent(s)) },
      { name: 'base64: Buffer.from (pooled)', run: timedDeltas((s) => Buffer.from(s, 'base64')) },
      {
        name: 'base64: allocUnsafeSlow + write (no checks)',
        run: timedDeltas((s) => {
          const b = Buffer.allocUnsafeSlow((s.length / 4) * 3);
          return b.write(s, 'base64');
        }),
      },
      { name: 'base64: decodeBase64 (own buffer, checked)', run: timedDeltas((s) => decodeBase64(s)) },
    ],
    opts.rounds ?? 15,
  );
  const medians = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
  if (sink === 0) throw new Error('nothing decoded');
  return {
    suite: 'decode: response.output_audio.delta (20 ms PCM16 frames)',
    unit: `ms per ${input.length} frames`,
    rounds: opts.rounds ?? 15,
    medians,
    samples,
    ratios: {
      'decodeServerEvent / JSON.parse': (medians['decodeServerEvent'] ?? NaN) / (medians['JSON.parse'] ?? NaN),
      ...ratiosAgainst(Object.fromEntries(Object.entries(medians).filter(([k]) => k.startsWith('base64'))), 'base64: Buffer.from (pooled)'),
    },
    notes: { goal: 'decodeServerEvent / JSON.parse <= 1.3' },
  };
}
