/**
 * `npm ci` installs exactly what package-lock.json records, and refuses a lockfile that misses a
 * dependency. Native packages ship one optional package per platform (@swc/core-*, esbuild's
 * @esbuild/*, @unrs/resolver-binding-*): the lockfile must hold all of them, not only the ones of
 * the machine that wrote it, or `npm ci` fails elsewhere.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
type Entry = { version?: string; optionalDependencies?: Record<string, string>; dependencies?: Record<string, string> };
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { lockfileVersion: number; packages: Record<string, Entry> };

/** Where Node would find `name` from the package installed at `at`: its own node_modules, then each parent's. */
const resolves = (at: string, name: string): boolean => {
  for (let dir = at; ; dir = dir.replace(/\/?node_modules\/(@[^/]+\/)?[^/]+$/, '')) {
    if (lock.packages[`${dir ? `${dir}/` : ''}node_modules/${name}`]) return true;
    if (dir === '') return false;
  }
};

describe('package-lock.json', () => {
  it('records every optional (per-platform) dependency of every package, so `npm ci` works on any platform', () => {
    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(2);
    const missing: string[] = [];
    let optional = 0;
    for (const [at, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        optional++;
        if (!resolves(at, name)) missing.push(`${at || '(root)'} -> ${name}`);
      }
    }
    expect(missing).toEqual([]);
    expect(optional).toBeGreaterThan(20);
  });

  it('holds the native packages of the major platforms', () => {
    const names = Object.keys(lock.packages);
    for (const pattern of [/@swc\/core-darwin-arm64$/, /@swc\/core-win32-x64-msvc$/, /@esbuild\/darwin-arm64$/, /@esbuild\/win32-x64$/, /@unrs\/resolver-binding-darwin-arm64$/]) {
      expect(names.filter((n) => pattern.test(n))).toHaveLength(1);
    }
  });
});
