// Dual build with plain tsc: CommonJS (dist/cjs, used by Node for both require and import, since
// fp-ts and io-ts have no `exports` map and break under Node's native ESM) and ESM (dist/esm, for
// bundlers). One .d.ts per source file in each.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');

rmSync('dist', { recursive: true, force: true });
const run = (...args) => execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', ...args], { stdio: 'inherit' });

run('--outDir', 'dist/cjs', '--module', 'nodenext', '--moduleResolution', 'nodenext');
run('--outDir', 'dist/esm', '--module', 'esnext', '--moduleResolution', 'bundler');

mkdirSync('dist/cjs', { recursive: true });
writeFileSync('dist/cjs/package.json', JSON.stringify({ type: 'commonjs' }) + '\n');
writeFileSync('dist/esm/package.json', JSON.stringify({ type: 'module', sideEffects: false }) + '\n');
console.log('built dist/cjs and dist/esm');
