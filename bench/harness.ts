/**
 * A small benchmark harness: contenders run interleaved (A B C A B C …) so that noise on a shared
 * machine hits them alike; medians and ratios against baselines from the same run; results
 * written as JSON to bench/results/.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Contender {
  readonly name: string;
  /** One measured round; returns the elapsed milliseconds (or whatever the unit of the suite is). */
  readonly run: () => number | Promise<number>;
}

export interface SuiteResult {
  readonly suite: string;
  readonly unit: string;
  readonly rounds: number;
  /** How the rounds are summed up in `medians` (default: the median of the rounds). */
  readonly aggregate?: 'median' | 'pooled';
  readonly medians: Record<string, number>;
  readonly samples: Record<string, number[]>;
  readonly ratios: Record<string, number>;
  /** An extra table (one row per contender), printed after the ratios. */
  readonly details?: Array<Record<string, string | number>>;
  /** The goals this suite checks (issue #15), each with the figure measured in this run. */
  readonly goals?: readonly Goal[];
  readonly notes?: Record<string, unknown>;
}

/** A goal and the figure of this run: met when `value` is on the right side of `target`. */
export interface Goal {
  readonly goal: string;
  readonly value: number;
  readonly target: number;
  /** `<=`: lower is better (times, sizes, ratios of costs); `>=`: higher is better. */
  readonly direction: '<=' | '>=';
}

export const met = (g: Goal): boolean => (g.direction === '<=' ? g.value <= g.target : g.value >= g.target);

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

export const percentile = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
};

/**
 * A full collection before each round (when node runs with --expose-gc, as `npm run bench` does),
 * so that no contender pays for the garbage the one before it left behind.
 */
const collect = (): void => (globalThis as { gc?: () => void }).gc?.();

/** Run the contenders interleaved for `rounds` rounds (after one warm-up round each). */
export async function interleave(contenders: readonly Contender[], rounds: number): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = Object.fromEntries(contenders.map((c) => [c.name, []]));
  for (const c of contenders) {
    collect();
    await c.run();
  }
  for (let r = 0; r < rounds; r++) {
    // each round starts one contender further on, so that no contender always runs first (after
    // the load generator's idle spell) or always right after the slowest
    for (let i = 0; i < contenders.length; i++) {
      const c = contenders[(i + r) % contenders.length] as Contender;
      collect();
      samples[c.name]?.push(await c.run());
    }
  }
  return samples;
}

/**
 * Paired ratios: in each round, each contender's sample over the baseline's sample of the same
 * round, and the median of those. Contenders of one round run back to back, so a slow spell on
 * this shared machine that spans a round inflates both sides of its ratio alike; the ratio of
 * medians (`ratiosAgainst`) does not cancel it. The warm-up round is not in `samples`.
 */
export const pairedRatios = (samples: Record<string, number[]>, baseline: string): Record<string, number> => {
  const base = samples[baseline] ?? [];
  return Object.fromEntries(
    Object.entries(samples).map(([k, v]) => [`${k} / ${baseline} (paired)`, median(v.map((x, i) => x / (base[i] ?? NaN)))]),
  );
};

/** Ratios of each contender's median against a baseline's median (>1 means slower/larger). */
export const ratiosAgainst = (medians: Record<string, number>, baseline: string): Record<string, number> =>
  Object.fromEntries(Object.entries(medians).map(([k, v]) => [`${k} / ${baseline}`, v / (medians[baseline] ?? NaN)]));

export const table = (rows: Array<Record<string, string | number>>): string => {
  const cols = Object.keys(rows[0] ?? {});
  const cell = (v: string | number) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(3)) : v);
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c] ?? '').length)));
  const line = (vals: string[]) => '| ' + vals.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ') + ' |';
  return [line(cols), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(cols.map((c) => cell(r[c] ?? ''))))].join('\n');
};

export const machine = () => ({
  node: process.version,
  platform: `${os.platform()} ${os.arch()}`,
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  date: new Date().toISOString(),
});

/**
 * Write one run's results to bench/results/<timestamp>.json (ignored by git; a release keeps one run
 * as bench/baseline/<version>.json) and return the path.
 */
export function writeResults(results: readonly SuiteResult[], extra: Record<string, unknown> = {}): string {
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({ machine: machine(), ...extra, results }, null, 2) + '\n');
  return file;
}
