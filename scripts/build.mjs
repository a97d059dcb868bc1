// The package build, driven by the entry list in scripts/entries.mjs:
// 1. tsc: CommonJS (dist/cjs, used by Node for both require and import, since fp-ts and
//    io-ts have no `exports` map and break under Node's native ESM) and ES modules (dist/esm, for
//    bundlers); one .d.ts per source file in dist/cjs, and in dist/esm one per entry point that
//    re-exports them; no source maps (the sources are not shipped).
// 2. prune: keep only the files an entry point (or the CLI, or a `browser` field target) reaches
//    through its imports, so the tarball carries nothing unreachable.
// 3. write a stub folder per subpath entry (e.g. audio/package.json) for TypeScript's node10
//    resolution and tools that ignore `exports`, and sync package.json's `exports` and `files`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { CLI, ENTRIES, packageFields, stubFolder, stubPackage } from './entries.mjs';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);

rmSync('dist', { recursive: true, force: true });
const run = (...args) => execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', ...args], { stdio: 'inherit' });
// the declarations keep their TSDoc (editors show it); the JavaScript drops comments, which are
// most of its size and which the .d.ts files already carry
run('--outDir', 'dist/cjs', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--emitDeclarationOnly');
run('--outDir', 'dist/cjs', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--declaration', 'false', '--removeComments');
run('--outDir', 'dist/esm', '--module', 'esnext', '--moduleResolution', 'bundler', '--declaration', 'false', '--removeComments');
// One set of declarations: each ES module entry's .d.ts (an ES module, as dist/esm/package.json says)
// re-exports the CommonJS declarations, so both builds share one set of types (no duplicate class
// identities) and the tarball carries the large inferred codec types once.
for (const { source, node } of ENTRIES) {
  if (node) continue;
  const from = path.relative(path.dirname(`dist/esm/${source}`), `dist/cjs/${source}`).split(path.sep).join('/');
  writeFileSync(`dist/esm/${source}.d.ts`, `export * from '${from}.js';\n`);
}

// ---- prune what no entry point reaches ----
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const roots = [
  ...ENTRIES.flatMap(({ source, node }) => (node ? ['cjs'] : ['cjs', 'esm']).map((f) => `dist/${f}/${source}`)),
  ...Object.values(pkg.browser ?? {}).filter((t) => typeof t === 'string').map((t) => path.normalize(t).replace(/\.js$/, '')),
];
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']+)["']/gm;
const reached = new Set();
const visit = (file) => {
  if (reached.has(file) || !existsSync(file)) return;
  reached.add(file);
  for (const [, spec] of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
    const target = path.join(path.dirname(file), spec).replace(/\.js$/, '');
    visit(file.endsWith('.d.ts') ? `${target}.d.ts` : `${target}.js`);
  }
};
for (const base of roots) {
  visit(`${base}.js`);
  visit(`${base}.d.ts`);
}
visit(`dist/cjs/${CLI}.js`);
let pruned = 0;
const prune = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      prune(file);
      if (readdirSync(file).length === 0) rmSync(file, { recursive: true });
    } else if (!reached.has(file)) {
      rmSync(file);
      pruned++;
    }
  }
};
prune('dist');

writeFileSync('dist/cjs/package.json', JSON.stringify({ type: 'commonjs' }) + '\n');
writeFileSync('dist/esm/package.json', JSON.stringify({ type: 'module', sideEffects: false }) + '\n');

// ---- node10 stub folders ----
for (const entry of ENTRIES) {
  const folder = stubFolder(entry.subpath);
  if (folder === undefined) continue;
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder);
  writeFileSync(path.join(folder, 'package.json'), JSON.stringify(stubPackage(entry), null, 2) + '\n');
}

// ---- package.json follows the entry list ----
const fields = packageFields();
if (JSON.stringify(pkg.exports) !== JSON.stringify(fields.exports) || JSON.stringify(pkg.files) !== JSON.stringify(fields.files)) {
  const text = readFileSync('package.json', 'utf8');
  writeFileSync('package.json', JSON.stringify({ ...pkg, ...fields }, null, 2) + '\n');
  console.log(`package.json: exports and files now follow scripts/entries.mjs${text.endsWith('\n') ? '' : ''}`);
}
console.log(`built dist/cjs and dist/esm: ${reached.size} files reached from ${ENTRIES.length} entry points and the CLI (${pruned} unreached files pruned)`);
