/**
 * Bundle size: esbuild browser bundles (minified, gzip -9) from the built package as a user's
 * bundler sees it (through its `exports` and `browser` maps): every browser-safe entry point
 * (`.`, `./audio`, `./browser` when present, ...; from scripts/entries.mjs), the reactive core
 * alone, the facade alone, and the peer's OpenAIRealtimeWebSocket.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORE_GZIP_GOAL_KB, FACADE_GZIP_GOAL_KB, bundleCases, bundleSize } from '../scripts/bundleSize.mjs';
import type { SuiteResult } from './harness';

const root = path.resolve(__dirname, '..');

export async function bundleSuite(): Promise<SuiteResult> {
  if (!fs.existsSync(path.join(root, 'dist', 'esm', 'index.js'))) throw new Error('run npm run build first');
  const cases = [
    ...bundleCases(),
    { name: 'core + operators and commands', source: "export { RealtimeClient, ofType, userMessage, createResponse, appendAudio, functionCallOutput } from 'openai-realtime-rx';" },
    { name: 'peer: OpenAIRealtimeWebSocket', source: "export { OpenAIRealtimeWebSocket } from '@openai/agents-realtime';" },
  ];
  const medians: Record<string, number> = {};
  for (const { name, source } of cases) {
    const { min, gzip } = await bundleSize(source, { root, from: 'dist' });
    medians[`${name} (min KB)`] = min / 1024;
    medians[`${name} (gzip KB)`] = gzip / 1024;
  }
  const gzip = (name: string) => medians[`${name} (gzip KB)`] ?? NaN;
  const peer = gzip('peer: OpenAIRealtimeWebSocket');
  return {
    suite: 'browser bundle size (esbuild --minify, gzip -9)',
    unit: 'KB',
    rounds: 1,
    medians,
    samples: {},
    ratios: {
      'core / peer (gzip)': gzip('core: RealtimeClient') / peer,
      'facade / peer (gzip)': gzip('facade: OpenAIRealtimeWebSocket') / peer,
      [`core / goal of ${CORE_GZIP_GOAL_KB} KB (gzip)`]: gzip('core: RealtimeClient') / CORE_GZIP_GOAL_KB,
    },
    goals: [
      { goal: 'bundle: core RealtimeClient (KB gzip)', value: gzip('core: RealtimeClient'), target: CORE_GZIP_GOAL_KB, direction: '<=' },
      { goal: 'bundle: facade OpenAIRealtimeWebSocket (KB gzip)', value: gzip('facade: OpenAIRealtimeWebSocket'), target: FACADE_GZIP_GOAL_KB, direction: '<=' },
    ],
  };
}
