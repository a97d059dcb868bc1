/**
 * `npm run bench`: every benchmark suite, tables on stdout, raw figures in bench/results/.
 */
import { decodeSuite } from './decode';
import type { SuiteResult } from './harness';
import { machine, table, writeResults } from './harness';

async function main(): Promise<void> {
  const m = machine();
  console.log(`openai-realtime-rx benchmarks · node ${m.node} · ${m.cpus}× ${m.cpu} · ${m.date}\n`);
  const results: SuiteResult[] = [];
  for (const suite of [decodeSuite]) {
    const result = await suite();
    results.push(result);
    console.log(`## ${result.suite} (${result.unit}, median of ${result.rounds} interleaved rounds)\n`);
    console.log(table(Object.entries(result.medians).map(([name, value]) => ({ contender: name, median: value }))));
    console.log();
    console.log(table(Object.entries(result.ratios).map(([name, value]) => ({ ratio: name, value }))));
    if (result.notes) console.log(`\n${JSON.stringify(result.notes)}`);
    console.log();
  }
  console.log(`results written to ${writeResults(results)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
