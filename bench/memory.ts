/**
 * Memory: heap growth over 1,000,000 inbound events in one session, and heap per idle session
 * with 1,000 sessions open at once (the simulator runs in a child process). Needs --expose-gc.
 */
import { filter, firstValueFrom } from 'rxjs';
import WebSocket from 'ws';
import { core } from './lib';

const { OpenAIRealtimeWebSocket, RealtimeClient } = core;
import type { SuiteResult } from './harness';
import { startLoadGenerator } from './loadGenerator';

/** Issue #15's goals: heap per idle session, and "flat" over a million events as a tolerance. */
const IDLE_KB = 10;
const FLAT_MB = 1;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** The heap once it stops shrinking (what earlier work left to free is freed), at most 3 s. */
const steadyHeapMB = async (): Promise<number> => {
  let last = heapMB();
  for (let waited = 0; waited < 3000; waited += 100) {
    await sleep(100);
    const now = heapMB();
    if (now > last - 0.05) return Math.min(now, last);
    last = now;
  }
  return last;
};

const gc = (): void => {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run the benchmarks with node --expose-gc');
  collect();
  collect();
};
const heapMB = () => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

export async function memorySuite(opts: { events?: number; sessions?: number } = {}): Promise<SuiteResult> {
  const events = opts.events ?? 1_000_000;
  const sessions = opts.sessions ?? 1000;
  const medians: Record<string, number> = {};

  let growth = Infinity;

  // 1. one session, a million events, the typical subscribers attached
  const gen = await startLoadGenerator('server.ts');
  try {
    let closing = false;
    const client = new RealtimeClient({ url: gen.url, apiKey: 'bench' });
    await client.connect();
    let audioBytes = 0;
    let transcript = 0;
    client.audio$.subscribe((c) => (audioBytes += c.data.byteLength));
    client.transcripts$.subscribe((t) => (transcript += t.delta.length));
    client.turns$.subscribe();
    const responses = Math.ceil(events / 71);
    // warm up (JIT, lazily built structures), then measure
    let seen = 0;
    client.events$.subscribe(() => seen++);
    client.status$.subscribe((s) => {
      if (s.status === 'disconnected' && !closing) throw new Error(`the load generator went away (close ${String(s.code)})`);
    });
    const warm = firstValueFrom(client.events$.pipe(filter(() => seen >= 71 * 100)));
    client.sendRaw({ type: 'bench.flood', responses: 100 } as { type: string });
    await warm;
    const before = heapMB();
    seen = 0;
    const all = firstValueFrom(client.events$.pipe(filter(() => seen >= responses * 71)));
    client.sendRaw({ type: 'bench.flood', responses } as { type: string });
    await all;
    const after = heapMB();
    growth = after - before;
    medians['heap growth over 1M events (MB)'] = growth;
    medians['events received'] = seen;
    closing = true;
    client.dispose();
    void audioBytes;
    void transcript;
  } finally {
    await gen.stop();
  }

  // 2. many idle sessions against the simulator (in its own process); the baseline is a plain
  // `ws` client per session, since part of every session's heap is its socket
  const sim = await startLoadGenerator('simServer.ts');
  try {
    // Each contender opens a session and closes it; the bench keeps only the session objects (no
    // closure per session of its own, so that nothing but the contender's own heap is counted).
    interface Contender<S> {
      readonly label: string;
      open(): Promise<S>;
      close(session: S): void;
    }
    const contender = <S>(c: Contender<S>) => c as Contender<unknown>;
    const contenders = [
      contender<WebSocket>({
        label: 'raw ws (baseline)',
        open: async () => {
          const ws = new WebSocket(sim.url, { headers: { Authorization: 'Bearer bench' } });
          await new Promise<void>((resolve, reject) => {
            const created = (data: Buffer): void => {
              if ((JSON.parse(data.toString()) as { type?: string }).type !== 'session.created') return;
              ws.off('message', created).off('error', reject);
              resolve();
            };
            ws.on('error', reject).on('message', created);
          });
          return ws;
        },
        close: (ws) => ws.close(),
      }),
      contender<InstanceType<typeof RealtimeClient>>({
        label: 'RealtimeClient',
        open: async () => {
          const c = new RealtimeClient({ url: sim.url, apiKey: 'bench' });
          const created = firstValueFrom(c.events$.pipe(filter((e) => e.type === 'session.created')));
          await c.connect();
          await created;
          return c;
        },
        close: (c) => c.dispose(),
      }),
      contender<InstanceType<typeof OpenAIRealtimeWebSocket>>({
        label: 'OpenAIRealtimeWebSocket',
        open: async () => {
          const t = new OpenAIRealtimeWebSocket({ url: sim.url });
          const created = new Promise<void>((resolve) => t.once('session.created', () => resolve()));
          await t.connect({ apiKey: 'bench' });
          await created;
          return t;
        },
        close: (t) => t.close(),
      }),
    ];
    const openAll = async (c: Contender<unknown>, n: number) => {
      const open: unknown[] = [];
      for (let i = 0; i < n; i += 50) open.push(...(await Promise.all(Array.from({ length: Math.min(50, n - i) }, () => c.open()))));
      return open;
    };
    // Closed sessions are freed only once their sockets' close handshakes end (1,000 at once take
    // a while): wait for the heap to come back to where it was (at most 10 s), so no contender is
    // measured while the one before it is still being freed. What stays is reported per session.
    const closeAll = async (c: Contender<unknown>, open: unknown[], before: number): Promise<number> => {
      open.forEach((session) => c.close(session));
      open.length = 0;
      let now = heapMB();
      for (let waited = 0; now > before + 0.1 && waited < 10_000; waited += 100) {
        await sleep(100);
        now = heapMB();
      }
      return now - before;
    };
    // warm up every contender (JIT code, module-level caches), so none pays another's first use
    for (const c of contenders) await closeAll(c, await openAll(c, 50), heapMB());
    const perSession: Record<string, number> = {};
    const retained: Record<string, number> = {};
    for (const c of contenders) {
      const before = await steadyHeapMB();
      const open = await openAll(c, sessions);
      const after = heapMB();
      perSession[c.label] = ((after - before) * 1024) / sessions;
      retained[c.label] = ((await closeAll(c, open, before)) * 1024) / sessions;
    }
    const raw = perSession['raw ws (baseline)'] ?? 0;
    for (const [label, kb] of Object.entries(perSession)) {
      medians[`${label}: heap per idle session (KB)`] = kb;
      if (label !== 'raw ws (baseline)') medians[`${label}: above the raw socket (KB)`] = kb - raw;
    }
    for (const [label, kb] of Object.entries(retained)) medians[`${label}: retained per session after close (KB)`] = kb;
  } finally {
    await sim.stop();
  }
  return {
    suite: `memory: ${events.toLocaleString('en')} inbound events in one session; ${sessions} idle sessions`,
    unit: 'MB / KB as labelled (after forced GC)',
    rounds: 1,
    medians,
    samples: {},
    ratios: {},
    goals: [
      { goal: 'memory: heap growth over 1M events (MB; flat = at most 1)', value: growth, target: FLAT_MB, direction: '<=' },
      { goal: 'memory: RealtimeClient heap per idle session (KB)', value: medians['RealtimeClient: heap per idle session (KB)'] ?? NaN, target: IDLE_KB, direction: '<=' },
      { goal: 'memory: OpenAIRealtimeWebSocket heap per idle session (KB)', value: medians['OpenAIRealtimeWebSocket: heap per idle session (KB)'] ?? NaN, target: IDLE_KB, direction: '<=' },
    ],
    notes: {
      goals: `heap flat over 1M events (growth <= ${FLAT_MB} MB); <= ${IDLE_KB} KB heap per idle session (${sessions} sessions)`,
      flat: growth <= FLAT_MB,
      idleWithinGoal: {
        RealtimeClient: (medians['RealtimeClient: heap per idle session (KB)'] ?? Infinity) <= IDLE_KB,
        OpenAIRealtimeWebSocket: (medians['OpenAIRealtimeWebSocket: heap per idle session (KB)'] ?? Infinity) <= IDLE_KB,
      },
    },
  };
}
