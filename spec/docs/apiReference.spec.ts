/**
 * The generated API reference (docs/api, `npm run docs`) covers every entry point: typedoc's
 * entry points are the ones scripts/entries.mjs lists, so a new entry cannot be left out of it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENTRIES } from '../../scripts/entries.mjs';

const root = path.resolve(__dirname, '../..');

test('typedoc documents exactly the entry points of scripts/entries.mjs, and docs/api has a page for each', () => {
  const config = JSON.parse(fs.readFileSync(path.join(root, 'typedoc.json'), 'utf8')) as { entryPoints: string[] };
  expect([...config.entryPoints].sort()).toEqual(ENTRIES.map((e) => `lib/${e.source}.ts`).sort());
  for (const e of ENTRIES) {
    const folder = e.subpath === '.' ? 'index' : e.subpath.slice(2);
    expect(fs.existsSync(path.join(root, 'docs', 'api', folder))).toBe(true);
  }
});
