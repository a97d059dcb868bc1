/**
 * Which change paid how much: builds of the package side by side in one process, each fed the
 * pipeline suite's frames in-process (its setups, on each build), interleaved round by round with
 * a forced GC before each round, in an order that rotates from round to round; CPU time (steadier
 * than wall time on a shared machine) and heap bytes per frame, each against the floor
 * (`JSON.parse` + pooled `Buffer.from` base64) of the same round. Needs this checkout's build too.
 *
 *   git worktree add --detach /tmp/before <commit> && (cd /tmp/before && ln -s "$PWD/node_modules" . && npm run build)
 *   node --expose-gc --import tsx bench/compareBuilds.ts before=/tmp/before now=.
 */
import * as path from 'node:path';
import type * as Core from '../lib/index';
import { heapAllocated } from './gc';
import { median } from './harness';
import type { Setup } from './pipeline';
import { setups, setupsFor } from './pipeline';
import { responseFrames } from './server';

const frames = Array.from({ length: 200 }, (_, r) => responseFrames(r % 100)).flat();

/** One contender of the pipeline suite, ready to be fed all frames (its audio goes nowhere). */
const ready = async (setup: Setup | undefined): Promise<() => void> => {
  if (setup === undefined) throw new Error('bench/pipeline.ts has no such setup');
  const receiver = await setup(() => undefined);
  return () => receiver.deliver(frames);
};

async function main(): Promise<void> {
  const builds = process.argv.slice(2).map((arg) => {
    const [label, dir] = arg.includes('=') ? (arg.split('=') as [string, string]) : [arg, arg];
    return { label, dir: path.resolve(dir) };
  });
  if (builds.length === 0) throw new Error('usage: bench/compareBuilds.ts label=<checkout with dist/> ...');
  const runs: Record<string, () => void> = { floor: await ready(setups['floor (JSON.parse + Buffer base64)']) };
  for (const { label, dir } of builds) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const build = setupsFor(require(path.join(dir, 'dist', 'cjs', 'index.js')) as typeof Core);
    runs[`${label}: client`] = await ready(build['RealtimeClient.audio$']);
    runs[`${label}: facade`] = await ready(build['ours: OpenAIRealtimeWebSocket']);
  }
  const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
  const cpu: Record<string, number[]> = {};
  const rounds = Number(process.env['ROUNDS'] ?? 25);
  const entries = Object.entries(runs);
  for (let r = 0; r <= rounds; r++) {
    // the order rotates each round: whoever runs right after another pays or gains from it
    // (caches, the collector), and measured in a fixed order the same build read 0.1 apart
    for (let k = 0; k < entries.length; k++) {
      const [name, run] = entries[(r + k) % entries.length] as [string, () => void];
      gc();
      const start = process.cpuUsage();
      run();
      const used = process.cpuUsage(start);
      if (r > 0) (cpu[name] ??= []).push((used.user + used.system) / 1000); // round 0 warms up
    }
  }
  const heap: Record<string, number> = {};
  for (const [name, run] of Object.entries(runs)) {
    gc();
    heap[name] = await heapAllocated(() => Promise.resolve(run()));
  }
  const floor = cpu['floor'] ?? [];
  console.log(`${frames.length} frames in-process, ${rounds} rounds\n`);
  console.log('| contender | CPU ms (median) | CPU / floor (paired) | heap bytes / frame | heap / floor |');
  console.log('|---|---|---|---|---|');
  for (const [name, samples] of Object.entries(cpu)) {
    const paired = median(samples.map((x, i) => x / (floor[i] ?? NaN)));
    console.log(`| ${name} | ${median(samples).toFixed(1)} | ${paired.toFixed(2)} | ${Math.round((heap[name] ?? NaN) / frames.length)} | ${((heap[name] ?? NaN) / (heap['floor'] ?? NaN)).toFixed(2)} |`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
