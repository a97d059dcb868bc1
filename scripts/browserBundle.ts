/**
 * Bundle a browser script that imports `openai-realtime-rx` (and its subpaths) the way a user's
 * bundler would, but from the TypeScript sources, so no build is needed: the subpaths resolve to
 * lib/, and the package.json `browser` field's swaps apply (the browser platform; no Node socket,
 * so no `ws`). Used by the browser tests, the web demo and the screenshot script.
 */
import * as esbuild from 'esbuild';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');

const packageFromSources: esbuild.Plugin = {
  name: 'openai-realtime-rx-from-sources',
  setup(build) {
    build.onResolve({ filter: /^openai-realtime-rx(\/[a-z]+)?$/ }, (args) => {
      const sub = args.path.slice('openai-realtime-rx'.length);
      return { path: path.join(root, 'lib', sub === '' ? 'index.ts' : `${sub.slice(1)}/index.ts`) };
    });
    build.onResolve({ filter: /\/defaultPlatform\.js$/ }, (args) => ({ path: path.join(args.resolveDir, path.dirname(args.path), 'defaultPlatform.browser.ts') }));
    build.onResolve({ filter: /\/nodeSocket\.js$/ }, () => ({ path: 'nodeSocket', namespace: 'empty' }));
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {}', loader: 'js' }));
  },
};

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
    plugins: [packageFromSources],
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error(`browserBundle(${entry}): esbuild produced no output`);
  return out.text;
}
