/** Self time per function in a V8 .cpuprofile: `npx tsx bench/topFunctions.ts FILE [N]`. */
import * as fs from 'node:fs';

interface Profile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

const profile = JSON.parse(fs.readFileSync(process.argv[2] ?? '', 'utf8')) as Profile;
const limit = Number(process.argv[3] ?? 40);
const time = new Map<number, number>();
profile.samples.forEach((id, i) => time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const self = new Map<string, number>();
let total = 0;
for (const node of profile.nodes) {
  const t = time.get(node.id) ?? 0;
  total += t;
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules\/)?/, '')}:${lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + t);
}
for (const [key, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
  console.log(`${(t / 1000).toFixed(1).padStart(8)} ms ${((100 * t) / total).toFixed(1).padStart(5)}%  ${key}`);
}
