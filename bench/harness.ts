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
  readonly medians: Record<string, number>;
  readonly samples: Record<string, number[]>;
  readonly ratios: Record<string, number>;
  /** An extra table (one row per contender), printed after the ratios. */
  readonly details?: Array<Record<string, string | number>>;
  readonly notes?: Record<string, unknown>;
}

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
    for (const c of contenders) {
      collect();
      samples[c.name]?.push(await c.run());
    }
  }
  return samples;
}

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
