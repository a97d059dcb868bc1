import * as esbuild from 'esbuild';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/**
 * What a user's bundler does with the package, done from the TypeScript sources: the package's
 * subpaths resolve to lib/, and the `browser` field's swaps apply (the browser platform, no Node
 * socket, no `ws`).
 */
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

/** Bundle a page script (spec/browser/pages/<name>.ts) for the browser, in memory. */
export async function bundlePage(name: string): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.join(__dirname, '..', 'pages', `${name}.ts`)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
    sourcemap: 'inline',
    plugins: [packageFromSources],
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error(`bundlePage(${name}): esbuild produced no output`);
  return out.text;
}
