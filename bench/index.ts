/**
 * `npm run bench`: every benchmark suite, tables on stdout, raw figures in bench/results/.
 * `npm run bench -- decode inbound` runs only the named suites.
 */
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

async function main(): Promise<void> {
  const chosen = process.argv.slice(2);
  const unknown = chosen.filter((name) => !(name in suites));
  if (unknown.length > 0) throw new Error(`unknown suite(s): ${unknown.join(', ')}; choose from ${Object.keys(suites).join(', ')}`);
  const m = machine();
  console.log(`openai-realtime-rx benchmarks · node ${m.node} · ${m.cpus}× ${m.cpu} · ${m.date}\n`);
  const results: SuiteResult[] = [];
  const started = Date.now();
  for (const [name, suite] of Object.entries(suites)) {
    if (chosen.length > 0 && !chosen.includes(name)) continue;
    const result = await suite();
    results.push(result);
    console.log(`## ${result.suite}\n(${result.unit}${result.rounds > 1 ? `, median of ${result.rounds} interleaved rounds` : ''})\n`);
    console.log(table(Object.entries(result.medians).map(([label, value]) => ({ measure: label, value }))));
    if (Object.keys(result.ratios).length > 0) {
      console.log();
      console.log(table(Object.entries(result.ratios).map(([label, value]) => ({ ratio: label, value }))));
    }
    if (result.details && result.details.length > 0) console.log(`\n${table(result.details)}`);
    if (result.notes) console.log(`\n${JSON.stringify(result.notes)}`);
    console.log();
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
