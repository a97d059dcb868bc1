/**
 * Which change paid how much: builds of the package side by side in one process, each fed the
 * pipeline suite's frames in-process, interleaved round by round with a forced GC before each
 * round, in an order that rotates from round to round; CPU time (steadier than wall time on a shared machine) and heap bytes per frame, each
 * against the floor (`JSON.parse` + pooled `Buffer.from` base64) of the same round.
 *
 *   git worktree add --detach /tmp/before <commit> && (cd /tmp/before && ln -s "$PWD/node_modules" . && npm run build)
 *   node --expose-gc --import tsx bench/compareBuilds.ts before=/tmp/before now=.
 */
import * as path from 'node:path';
import type * as Core from '../lib/index';
import { heapAllocated } from './gc';
import { median } from './harness';
import { responseFrames } from './server';

/** A socket that is open at once and hands each frame to its message listeners synchronously. */
class InProcessSocket {
  readyState = 1;
  bufferedAmount = 0;
  private readonly listeners: Record<string, Array<(event: object) => void>> = {};
  addEventListener(type: string, listener: (event: object) => void): void {
    (this.listeners[type] ??= []).push(listener);
  }
  removeEventListener(): void {}
  send(): void {}
  close(): void {
    this.readyState = 3;
    for (const l of this.listeners['close'] ?? []) l({ code: 1000, reason: '', wasClean: true });
  }
  deliver(data: string): void {
    for (const l of this.listeners['message'] ?? []) l({ data });
  }
}

const frames = Array.from({ length: 200 }, (_, r) => responseFrames(r % 100)).flat();

async function client(lib: typeof Core): Promise<() => void> {
  const c = new lib.RealtimeClient({ apiKey: 'bench' });
  c.audio$.subscribe(() => undefined);
  const socket = new InProcessSocket();
  await c.connect({ url: 'ws://in-process', createWebSocket: () => socket, skipOpenEvent: true });
  return () => frames.forEach((f) => socket.deliver(f));
}

async function facade(lib: typeof Core): Promise<() => void> {
  let socket: InProcessSocket | undefined;
  const t = new lib.OpenAIRealtimeWebSocket({ url: 'ws://in-process', createWebSocket: () => (socket = new InProcessSocket()), skipOpenEventListeners: true });
  t.on('audio', () => undefined);
  await t.connect({ apiKey: 'bench' });
  return () => frames.forEach((f) => socket?.deliver(f));
}

async function main(): Promise<void> {
  const builds = process.argv.slice(2).map((arg) => {
    const [label, dir] = arg.includes('=') ? (arg.split('=') as [string, string]) : [arg, arg];
    return { label, dir: path.resolve(dir) };
  });
  if (builds.length === 0) throw new Error('usage: bench/compareBuilds.ts label=<checkout with dist/> ...');
  const runs: Record<string, () => void> = {
    floor: () => {
      for (const f of frames) {
        const e = JSON.parse(f) as { type: string; delta?: string };
        if (e.type === 'response.output_audio.delta') Buffer.from(e.delta ?? '', 'base64');
      }
    },
  };
  for (const { label, dir } of builds) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lib = require(path.join(dir, 'dist', 'cjs', 'index.js')) as typeof Core;
    runs[`${label}: client`] = await client(lib);
    runs[`${label}: facade`] = await facade(lib);
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
