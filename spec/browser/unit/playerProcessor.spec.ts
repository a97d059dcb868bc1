/**
 * The player's audio-thread half, run in Node: the processor definition takes its base class and
 * registerProcessor as arguments, so a fake port and a loop of 128-frame render quanta exercise
 * the jitter buffer, gapless rendering, the reported positions, clear and underruns exactly.
 */
import type { PlayerCommand, PlayerReport } from '../../../lib/browser/worklets/playerProcessor';
import { definePlayerProcessor } from '../../../lib/browser/worklets/playerProcessor';
import type { WorkletProcessorClass } from '../../../lib/browser/worklets/workletScope';

interface Processor {
  process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean;
}

function player(startFrames: number, reportFrames: number, maxFrames?: number, reports: PlayerReport[] = []) {
  let onmessage: ((e: { data: PlayerCommand }) => void) | null = null;
  const port = {
    postMessage: (m: PlayerReport) => reports.push(structuredClone(m)),
    set onmessage(f: ((e: { data: PlayerCommand }) => void) | null) {
      onmessage = f;
    },
  };
  const Base = class {
    readonly port = port as unknown as MessagePort;
  } as unknown as WorkletProcessorClass;
  let Ctor: (new (o: { processorOptions?: unknown }) => Processor) | undefined;
  definePlayerProcessor(Base, (_name, c) => (Ctor = c as unknown as typeof Ctor), 'test');
  const processor = new Ctor!({ processorOptions: { startFrames, reportFrames, maxFrames } });
  const rendered: number[] = [];
  return {
    reports,
    rendered,
    send: (c: PlayerCommand) => onmessage?.({ data: c }),
    /** Render `n` quanta of 128 frames into a stereo output; keeps channel 0. */
    render(n: number) {
      for (let i = 0; i < n; i++) {
        const out = [new Float32Array(128), new Float32Array(128)];
        processor.process([], [out]);
        expect(out[1]).toEqual(out[0]);
        rendered.push(...out[0]!);
      }
    },
  };
}

const ramp = (from: number, n: number) => Float32Array.from({ length: n }, (_, i) => (from + i) / 10_000);
const push = (itemId: string, samples: Float32Array): PlayerCommand => ({ type: 'push', itemId, contentIndex: 0, samples });
const positions = (reports: PlayerReport[]) => reports.filter((r): r is Extract<PlayerReport, { type: 'position' }> => r.type === 'position');

test('an item waits for its start threshold, then plays its segments back to back without a gap', () => {
  const p = player(300, 128);
  p.send(push('a', ramp(1, 200)));
  p.render(2);
  expect(p.rendered.every((x) => x === 0)).toBe(true); // 200 < 300 buffered: silence, nothing counted
  expect(p.reports).toEqual([]);
  p.send(push('a', ramp(201, 200)));
  p.render(4); // 400 frames, then silence
  expect(p.rendered.slice(256, 656)).toEqual(Array.from(ramp(1, 400))); // continuous across the segment edge
  expect(p.rendered.slice(656).every((x) => x === 0)).toBe(true);
  expect(positions(p.reports).at(-1)?.position).toEqual({ itemId: 'a', contentIndex: 0, frames: 400 });
  expect(p.reports.filter((r) => r.type === 'underrun')).toEqual([{ type: 'underrun', itemId: 'a' }]); // no end announced
});

test('an announced end starts a short item below the threshold and reports its final position', () => {
  const p = player(10_000, 1000);
  p.send(push('a', ramp(1, 100)));
  p.send({ type: 'end', itemId: 'a' });
  p.render(1);
  expect(p.rendered.slice(0, 100)).toEqual(Array.from(ramp(1, 100)));
  p.render(1);
  expect(p.reports).toEqual([
    { type: 'position', position: { itemId: 'a', contentIndex: 0, frames: 100 }, ended: true },
  ]);
});

test('positions are reported every reportFrames while playing, counting only frames rendered', () => {
  const p = player(0, 256);
  p.send(push('a', ramp(1, 1280)));
  p.render(10);
  expect(positions(p.reports).map((r) => r.position.frames)).toEqual([256, 512, 768, 1024, 1280]);
});

test('a new item ends the previous one: its final position, then the new item from zero', () => {
  const p = player(0, 10_000);
  p.send(push('a', ramp(1, 100)));
  p.send(push('b', ramp(1001, 100)));
  p.render(2);
  expect(p.rendered.slice(0, 200)).toEqual([...Array.from(ramp(1, 100)), ...Array.from(ramp(1001, 100))]);
  expect(positions(p.reports)[0]).toEqual({ type: 'position', position: { itemId: 'a', contentIndex: 0, frames: 100 }, ended: true });
});

test('clear drops what is queued and answers with the frames rendered so far', () => {
  const p = player(0, 10_000);
  p.send(push('a', ramp(1, 5000)));
  p.render(3);
  p.send({ type: 'clear' });
  expect(p.reports.at(-1)).toEqual({ type: 'cleared', position: { itemId: 'a', contentIndex: 0, frames: 384 } });
  p.render(2);
  expect(p.rendered.slice(384).every((x) => x === 0)).toBe(true);
  p.send({ type: 'clear' });
  expect(p.reports.at(-1)).toEqual({ type: 'cleared', position: null });
});

test('an end for an item that has no audio is not remembered (no unbounded set)', () => {
  const p = player(300, 128);
  p.send({ type: 'end', itemId: 'never' });
  p.send(push('never', ramp(1, 100)));
  p.render(1);
  expect(p.rendered.every((x) => x === 0)).toBe(true); // still waits for the threshold
});

test('the queue is bounded: past maxFrames the oldest segments are dropped and counted', () => {
  const reports: PlayerReport[] = [];
  const p = player(0, 10_000, 1000, reports);
  p.send(push('a', ramp(1, 600)));
  p.send(push('a', ramp(601, 600)));
  expect(reports).toEqual([{ type: 'dropped', frames: 600 }]);
  p.render(5);
  expect(p.rendered.slice(0, 600)).toEqual(Array.from(ramp(601, 600))); // the newest audio plays
});
