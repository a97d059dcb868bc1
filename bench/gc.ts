/**
 * Garbage-collection and allocation figures for the benchmarks.
 *
 * - GC count and time: every `gc` performance entry (one per scavenge or mark-compact, with its
 *   duration) is kept and later attributed to the measured round whose time window contains it.
 *   Cheap enough to stay on during the timed rounds.
 * - Bytes allocated: V8 has no cumulative "allocated" counter, but `v8.GCProfiler` reports the used
 *   heap before and after every GC; what was allocated between two GCs is the used heap before the
 *   second minus the used heap after the first. Summed over a round (plus the growth after the last
 *   GC) that is every byte allocated on the V8 heap in it. Buffer/ArrayBuffer contents live outside
 *   the V8 heap and are not counted (their small wrapper objects are). The profiler costs a little
 *   at each GC, so it runs in an extra, untimed round per contender.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import * as v8 from 'node:v8';

export interface Window {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** Collect `gc` entries from now on; `attribute` sums them per window once the rounds are over. */
export function watchGc(): { attribute(windows: readonly Window[]): Promise<Record<string, { count: number; ms: number; elapsed: number }>>; stop(): void } {
  const entries: Array<{ startTime: number; duration: number }> = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) entries.push({ startTime: e.startTime, duration: e.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    attribute: async (windows) => {
      await new Promise((resolve) => setImmediate(resolve));
      for (const e of observer.takeRecords()) entries.push({ startTime: e.startTime, duration: e.duration });
      const out: Record<string, { count: number; ms: number; elapsed: number }> = {};
      for (const w of windows) {
        const acc = (out[w.name] ??= { count: 0, ms: 0, elapsed: 0 });
        acc.elapsed += w.end - w.start;
        for (const e of entries) {
          if (e.startTime >= w.start && e.startTime < w.end) {
            acc.count++;
            acc.ms += e.duration;
          }
        }
      }
      return out;
    },
    stop: () => observer.disconnect(),
  };
}

/** Bytes allocated on the V8 heap while `run` runs (see the file comment). */
export async function heapAllocated(run: () => Promise<unknown>): Promise<number> {
  const profiler = new v8.GCProfiler();
  const before = v8.getHeapStatistics().used_heap_size;
  profiler.start();
  await run();
  const after = v8.getHeapStatistics().used_heap_size;
  const stats = profiler.stop().statistics;
  let allocated = 0;
  let previous = before;
  for (const s of stats) {
    allocated += s.beforeGC.heapStatistics.usedHeapSize - previous;
    previous = s.afterGC.heapStatistics.usedHeapSize;
  }
  return allocated + (after - previous);
}
