/**
 * Bundle a browser script that imports `openai-realtime-rx` (and its subpaths) the way a user's
 * bundler would, but from the TypeScript sources, so no build is needed: the bundle size check's
 * `sourcesPlugin` resolves the subpaths to lib/ and applies package.json's `browser` field (the
 * browser platform; no Node socket, so no `ws`). Used by the browser tests, the web demo and the
 * screenshot script.
 */
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { sourcesPlugin } from './bundleSize.mjs';

const root = path.resolve(__dirname, '..');

/** The bundled script (ES module, for current browsers) of `entry`, in memory. */
export async function browserBundle(entry: string, options: { minify?: boolean } = {}): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
    minify: options.minify === true,
    sourcemap: options.minify === true ? false : 'inline',
    plugins: [sourcesPlugin(root)],
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error(`browserBundle(${entry}): esbuild produced no output`);
  return out.text;
}
