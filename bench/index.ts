/**
 * `npm run bench`: every benchmark suite, tables on stdout, raw figures in bench/results/.
 * `npm run bench -- decode inbound` runs only the named suites.
 *
 * Each suite runs in a child process of its own, so that no suite inherits another's heap,
 * compiled code or pending garbage: a heap per idle session measured after the socket suites
 * read 2 KB more than the same build measured alone. The parent prints the goals table of all.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { audioSuite } from './audio';
import { bundleSuite } from './bundle';
import { decodeSuite } from './decode';
import type { SuiteResult } from './harness';
import { machine, met, table, writeResults } from './harness';
import { inboundSuite, latencySuite } from './inbound';
import { memorySuite } from './memory';
import { nodeStreamsSuite } from './nodeStreams';
import { pipelineSuite } from './pipeline';
import { outboundSuite } from './outbound';
import { stallSuite } from './stall';

const suites: Record<string, () => Promise<SuiteResult>> = {
  decode: () => decodeSuite(),
  pipeline: () => pipelineSuite(),
  inbound: () => inboundSuite(),
  latency: () => latencySuite(),
  outbound: () => outboundSuite(),
  memory: () => memorySuite(),
  bundle: () => bundleSuite(),
  stall: () => stallSuite(),
  nodeStreams: () => nodeStreamsSuite(),
  audio: () => audioSuite(),
};

/** Print one suite's tables. */
function print(result: SuiteResult): void {
  const over = result.aggregate === 'pooled' ? 'the samples of' : 'median of';
  console.log(`## ${result.suite}\n(${result.unit}${result.rounds > 1 ? `, ${over} ${result.rounds} interleaved rounds` : ''})\n`);
  console.log(table(Object.entries(result.medians).map(([label, value]) => ({ measure: label, value }))));
  if (Object.keys(result.ratios).length > 0) {
    console.log();
    console.log(table(Object.entries(result.ratios).map(([label, value]) => ({ ratio: label, value }))));
  }
  if (result.details && result.details.length > 0) console.log(`\n${table(result.details)}`);
  if (result.notes) console.log(`\n${JSON.stringify(result.notes)}`);
  console.log();
}

/** Run one suite in a child process (same Node flags); it prints its tables and writes its result to a file. */
async function runIsolated(name: string): Promise<SuiteResult> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rx-bench-')), 'result.json');
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, __filename, name], { stdio: 'inherit', env: { ...process.env, RX_BENCH_RESULT: out } });
    child.on('error', reject).on('exit', resolve);
  });
  if (code !== 0 || !fs.existsSync(out)) throw new Error(`bench suite ${name} failed (exit ${code})`);
  const result = JSON.parse(fs.readFileSync(out, 'utf8')) as SuiteResult;
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return result;
}

async function main(): Promise<void> {
  const chosen = process.argv.slice(2);
  const unknown = chosen.filter((name) => !(name in suites));
  if (unknown.length > 0) throw new Error(`unknown suite(s): ${unknown.join(', ')}; choose from ${Object.keys(suites).join(', ')}`);
  const resultFile = process.env['RX_BENCH_RESULT'];
  if (resultFile !== undefined) {
    // a child: run the one suite named, print it, hand the result to the parent
    const result = await suites[chosen[0] as string]!();
    print(result);
    fs.writeFileSync(resultFile, JSON.stringify(result));
    return;
  }
  const m = machine();
  console.log(`openai-realtime-rx benchmarks · node ${m.node} · ${m.cpus}× ${m.cpu} · ${m.date}\n`);
  const results: SuiteResult[] = [];
  const started = Date.now();
  for (const name of Object.keys(suites)) {
    if (chosen.length > 0 && !chosen.includes(name)) continue;
    results.push(await runIsolated(name));
  }
  const goals = results.flatMap((r) => r.goals ?? []);
  if (goals.length > 0) {
    console.log('## goals (issue #15): the figures of this run\n');
    console.log(table(goals.map((g) => ({ goal: g.goal, measured: g.value, target: `${g.direction} ${g.target}`, met: met(g) ? 'yes' : 'NO' }))));
    console.log();
  }
  console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s; results written to ${writeResults(results)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
