// Refreshes spec/fixtures/protocol/ (or $FIXTURES_DIR) from the shared corpus in ../shared/protocol
// (or $PROTOCOL_SRC).
//
// The tests read only the fixtures; the shared folder is where new examples and malformed frames
// appear first. This script copies the data files the tests use, and adds a row to
// invalid/verdicts.json for every malformed frame that INDEX.md lists but the table lacks (with
// the INDEX verdict, flagged for review). It never deletes anything, never rewrites an existing
// verdict (the table is ours), and never touches the project's own frames (`x??-*.txt`).
// With no shared folder it says so and exits 0: a fresh clone needs nothing outside itself.
//
//   npm run fixtures:sync            copy and report
//   npm run fixtures:sync -- --check report what would change, write nothing (exit 1 if stale)
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = resolve(process.env.PROTOCOL_SRC ?? join(root, '..', 'shared', 'protocol'));
const target = resolve(process.env.FIXTURES_DIR ?? join(root, 'spec', 'fixtures', 'protocol'));
const check = process.argv.includes('--check');

/** The folders the tests read, and which files of each. */
const FOLDERS = [
  ['.', /^catalogue\.json$/],
  ['server-events', /\.json$/],
  ['server-events/synthesized', /\.json$/],
  ['server-events/synthesized/minimal', /\.json$/],
  ['client-events', /\.json$/],
  ['client-events/synthesized/minimal', /\.json$/],
  ['client-events/variants', /\.json$/],
  ['sessions', /\.jsonl$/],
  ['invalid', /^\d\d-.*\.txt$/],
];

const VERDICTS = new Set(['ERROR', 'UNKNOWN', 'INVALID', 'ACCEPT', 'APP']);

if (!existsSync(source)) {
  console.log(`fixtures:sync: no shared corpus at ${source}; nothing to refresh (the committed fixtures are used as they are).`);
  process.exit(0);
}

const report = { added: [], updated: [], unchanged: 0, localOnly: [], verdictsAdded: [], indexMissing: [] };

for (const [folder, pattern] of FOLDERS) {
  const from = join(source, folder);
  const to = join(target, folder);
  if (!existsSync(from)) {
    console.log(`fixtures:sync: ${folder}/ is missing in ${source}; skipped`);
    continue;
  }
  const upstream = readdirSync(from).filter((f) => pattern.test(f));
  for (const file of upstream) {
    const src = join(from, file);
    const dst = join(to, file);
    const bytes = readFileSync(src);
    if (!existsSync(dst)) report.added.push(join(folder, file));
    else if (!readFileSync(dst).equals(bytes)) report.updated.push(join(folder, file));
    else {
      report.unchanged += 1;
      continue;
    }
    if (!check) {
      mkdirSync(to, { recursive: true });
      // write the bytes, not a copy with its mode: the shared folder is read-only
      writeFileSync(dst, bytes);
    }
  }
  if (existsSync(to)) {
    const local = readdirSync(to).filter((f) => pattern.test(f) && !upstream.includes(f));
    report.localOnly.push(...local.map((f) => join(folder, f)));
  }
}

// Malformed frames listed in INDEX.md but not yet in our verdict table.
const indexPath = join(source, 'invalid', 'INDEX.md');
const tablePath = join(target, 'invalid', 'verdicts.json');
if (existsSync(indexPath)) {
  const table = existsSync(tablePath) ? JSON.parse(readFileSync(tablePath, 'utf8')) : [];
  const known = new Set(table.map((row) => row.file));
  const rows = [...readFileSync(indexPath, 'utf8').matchAll(/^\|\s*`([^`]+\.txt)`\s*\|[^|]*\|\s*([A-Z]+)\s*\|/gm)];
  for (const [, file, verdict] of rows) {
    if (known.has(file)) continue;
    if (!VERDICTS.has(verdict)) {
      console.log(`fixtures:sync: ${file} has verdict ${verdict} in INDEX.md, which the table does not know; not added`);
      continue;
    }
    if (!existsSync(join(source, 'invalid', file))) report.indexMissing.push(file);
    table.push({ file, verdict, note: 'TODO: added by fixtures:sync with the verdict INDEX.md gives; check it and write a note' });
    report.verdictsAdded.push(`${file} (${verdict})`);
  }
  if (report.verdictsAdded.length > 0 && !check) {
    table.sort((a, b) => a.file.localeCompare(b.file));
    writeFileSync(tablePath, JSON.stringify(table, null, 2) + '\n');
  }
}

const rel = relative(root, source) || source;
const list = (label, items) => items.length > 0 && console.log(`${label} (${items.length}):\n  ${items.join('\n  ')}`);
console.log(`fixtures:sync from ${rel}${check ? ' (check only, nothing written)' : ''}: ${report.unchanged} unchanged`);
list(check ? 'would add' : 'added', report.added);
list(check ? 'would update' : 'updated', report.updated);
list(check ? 'verdict rows to add' : 'verdict rows added from INDEX.md (review their notes)', report.verdictsAdded);
list('listed in INDEX.md but missing as a file', report.indexMissing);
list('only in the fixtures (kept)', report.localOnly);
const stale = report.added.length + report.updated.length + report.verdictsAdded.length;
if (check && stale > 0) process.exit(1);
