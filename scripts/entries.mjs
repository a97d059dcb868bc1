/**
 * The package's entry points, in one place. The build (scripts/build.mjs), the `exports` map and
 * `files` of package.json, the node10 stub folders, the API report and the package tests all
 * derive from this list: adding an entry point (`./node`, `./browser`, `./angular`) is one line
 * here, then `npm run build`, which rewrites package.json's `exports` and `files` to match.
 */

/** @type {readonly import('./entries.d.mts').Entry[]} */
export const ENTRIES = [
  { subpath: '.', source: 'index', node: false, audience: 'the core: clients, decode/encode, codecs, operators, commands, errors (browser-safe)' },
  { subpath: './audio', source: 'audio/index', node: false, audience: 'pure audio utilities (browser-safe)' },
  { subpath: './testing', source: 'testing/index', node: true, audience: 'the embedded Realtime API simulator (Node)' },
  { subpath: './node', source: 'node/index', node: true, audience: 'Node streams for audio pipelines' },
  { subpath: './browser', source: 'browser/index', node: false, audience: 'the browser: microphone$, an AudioWorklet player with the played position' },
  { subpath: './angular', source: 'angular/index', node: false, audience: 'Angular: provideRealtime, RealtimeService with signals' },
];

/** The command line, CommonJS only; the bin (bin/openai-realtime-rx.js) loads it. */
export const CLI = 'cli/main';

/** Files shipped beside dist/ and the stub folders. */
export const EXTRA_FILES = ['bin', 'README.md', 'LICENSE', 'CHANGELOG.md'];

const js = (format, source) => `./dist/${format}/${source}.js`;
const dts = (format, source) => `./dist/${format}/${source}.d.ts`;

/** The stub folder of a subpath, for TypeScript's node10 resolution and tools without `exports` support. */
export const stubFolder = (subpath) => (subpath === '.' ? undefined : subpath.slice(2));

/**
 * The package.json fields derived from ENTRIES. Node (`node`, both require and import) gets the
 * CommonJS build, since fp-ts and io-ts have no `exports` map and break under Node's native ESM;
 * bundlers (`import`) get the ES modules; every branch names its own types. A Node-only entry
 * (`node: true`) has the CommonJS build only.
 */
export function packageFields() {
  const exports = {};
  for (const { subpath, source, node } of ENTRIES) {
    exports[subpath] = node
      ? { types: dts('cjs', source), default: js('cjs', source) }
      : {
          node: { types: dts('cjs', source), default: js('cjs', source) },
          import: { types: dts('esm', source), default: js('esm', source) },
          default: { types: dts('cjs', source), default: js('cjs', source) },
        };
  }
  exports['./package.json'] = './package.json';
  const stubs = ENTRIES.map((e) => stubFolder(e.subpath)).filter((f) => f !== undefined);
  return { exports, files: ['dist', ...stubs, ...EXTRA_FILES] };
}

/** The package.json written into a stub folder: `main` and `types` pointing into dist/cjs. */
export const stubPackage = ({ source, node }) => ({
  main: `.${js('cjs', source)}`,
  ...(node ? {} : { module: `.${js('esm', source)}` }),
  types: `.${dts('cjs', source)}`,
  sideEffects: false,
});
