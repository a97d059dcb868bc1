/**
 * The public surface is deliberate: every entry point's export names and kinds are recorded in
 * spec/package/api-report/<entry>.txt, and any difference fails here. To change the API on
 * purpose, run `npm run api-report` and commit the updated report with the change, so that the
 * review shows what was added or removed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENTRIES } from '../../scripts/entries.mjs';
import { reportOf } from './apiReport';

const dir = path.join(__dirname, 'api-report');
const reportFile = (subpath: string) => path.join(dir, `${subpath === '.' ? 'index' : subpath.slice(2)}.txt`);
const update = process.env['UPDATE_API_REPORT'] === '1';

describe('the API report', () => {
  it.each(ENTRIES.map((e) => [e.subpath, e.source]))('of %s matches the committed report', (subpath, source) => {
    const actual = reportOf(source);
    const file = reportFile(subpath);
    if (update) {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(file, actual);
    }
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (committed !== actual) {
      const was = new Set(committed.split('\n').filter(Boolean));
      const now = new Set(actual.split('\n').filter(Boolean));
      const diff = [...[...was].filter((l) => !now.has(l)).map((l) => `- ${l}`), ...[...now].filter((l) => !was.has(l)).map((l) => `+ ${l}`)];
      throw new Error(
        `The public API of '${subpath}' (lib/${source}.ts) differs from ${path.relative(process.cwd(), file)}:\n${diff.join('\n')}\n\n` +
          'Every exported name is a semver promise. If this change is deliberate, run `npm run api-report` and commit the updated report with it.',
      );
    }
  }, 60_000);
});
