/**
 * Bundle size: esbuild browser bundles (minified, gzip -9) of the reactive core and of the facade,
 * from the built package as a user's bundler sees it, against the peer's OpenAIRealtimeWebSocket.
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { SuiteResult } from './harness';

const root = path.resolve(__dirname, '..');

async function size(source: string): Promise<{ min: number; gzip: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rx-bundle-'));
  try {
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(root, path.join(dir, 'node_modules', 'openai-realtime-rx'), 'dir');
    fs.writeFileSync(path.join(dir, 'entry.mjs'), source);
    const result = await esbuild.build({
      entryPoints: [path.join(dir, 'entry.mjs')],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
      nodePaths: [path.join(root, 'node_modules')],
    });
    const code = result.outputFiles[0]?.text ?? '';
    return { min: code.length / 1024, gzip: zlib.gzipSync(code, { level: 9 }).length / 1024 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function bundleSuite(): Promise<SuiteResult> {
  if (!fs.existsSync(path.join(root, 'dist', 'esm', 'index.js'))) throw new Error('run npm run build first');
  const entries = {
    'core: RealtimeClient': "export { RealtimeClient } from 'openai-realtime-rx';",
    'core + operators and commands': "export { RealtimeClient, ofType, userMessage, createResponse, appendAudio, functionCallOutput } from 'openai-realtime-rx';",
    'facade: OpenAIRealtimeWebSocket': "export { OpenAIRealtimeWebSocket } from 'openai-realtime-rx';",
    'peer: OpenAIRealtimeWebSocket': "export { OpenAIRealtimeWebSocket } from '@openai/agents-realtime';",
  };
  const medians: Record<string, number> = {};
  for (const [name, source] of Object.entries(entries)) {
    const { min, gzip } = await size(source);
    medians[`${name} (min KB)`] = min;
    medians[`${name} (gzip KB)`] = gzip;
  }
  const peer = medians['peer: OpenAIRealtimeWebSocket (gzip KB)'] ?? NaN;
  return {
    suite: 'browser bundle size (esbuild --minify, gzip -9)',
    unit: 'KB',
    rounds: 1,
    medians,
    samples: {},
    ratios: {
      'core / peer (gzip)': (medians['core: RealtimeClient (gzip KB)'] ?? NaN) / peer,
      'facade / peer (gzip)': (medians['facade: OpenAIRealtimeWebSocket (gzip KB)'] ?? NaN) / peer,
    },
    notes: { goal: 'core bundle <= 15 KB gzipped' },
  };
}
