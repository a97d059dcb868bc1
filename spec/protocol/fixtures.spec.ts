import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROTOCOL_DIR, verdictTable } from '../helpers/corpus';

const root = path.resolve(__dirname, '../..');
const script = path.join(root, 'scripts', 'syncFixtures.mjs');

/** Every file under `dir` (recursively) whose name matches `pattern`. */
const filesUnder = (dir: string, pattern: RegExp): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : filesUnder(full, pattern);
    return pattern.test(entry.name) ? [full] : [];
  });

const runSync = (env: Record<string, string>): string =>
  execFileSync(process.execPath, [script], { env: { ...process.env, ...env }, encoding: 'utf8' });

describe('protocol fixtures', () => {
  it('live inside the repository', () => {
    expect(path.relative(root, PROTOCOL_DIR)).toBe(path.join('spec', 'fixtures', 'protocol'));
    expect(fs.existsSync(path.join(PROTOCOL_DIR, 'README.md'))).toBe(true);
  });

  it('are the only protocol data that specs, benches and the library read: no path leads to the sibling shared folder', () => {
    const outside = ['..', 'shared'].join('/');
    const offenders = ['spec', 'bench', 'lib']
      .flatMap((dir) => filesUnder(path.join(root, dir), /\.(ts|mjs|js|cjs)$/))
      .filter((file) => fs.readFileSync(file, 'utf8').includes(outside));
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });

  it('have a verdict table whose rows are all well formed', () => {
    for (const row of verdictTable()) {
      expect(row.file).toMatch(/^(\d\d|x\d\d)-[\w.-]+\.txt$/);
      expect(['ERROR', 'UNKNOWN', 'INVALID', 'ACCEPT', 'APP', 'DRIFT']).toContain(row.verdict);
      expect(row.note).not.toMatch(/TODO/);
    }
  });
});

describe('npm run fixtures:sync', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fixtures-sync-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('says so and exits 0 when there is no shared corpus', () => {
    const out = runSync({ PROTOCOL_SRC: path.join(tmp, 'absent'), FIXTURES_DIR: path.join(tmp, 'fixtures') });
    expect(out).toMatch(/no shared corpus/);
    expect(fs.existsSync(path.join(tmp, 'fixtures'))).toBe(false);
  });

  it('copies new frames and adds their INDEX verdicts to the table, keeping existing rows and our own frames', () => {
    const source = path.join(tmp, 'shared');
    const target = path.join(tmp, 'fixtures');
    fs.mkdirSync(path.join(source, 'invalid'), { recursive: true });
    fs.mkdirSync(path.join(target, 'invalid'), { recursive: true });
    fs.writeFileSync(path.join(source, 'catalogue.json'), '[]\n');
    fs.writeFileSync(path.join(source, 'invalid', '01-old.txt'), '{');
    fs.writeFileSync(path.join(source, 'invalid', '58-new.txt'), '{"type":1}');
    fs.writeFileSync(
      path.join(source, 'invalid', 'INDEX.md'),
      ['| file | bytes | verdict | what |', '|---|---|---|---|', '| `01-old.txt` | 1 | ERROR | x |', '| `58-new.txt` | 10 | ERROR | y |', ''].join('\n'),
    );
    fs.writeFileSync(path.join(target, 'invalid', '01-old.txt'), '{');
    fs.writeFileSync(path.join(target, 'invalid', 'x01-ours.txt'), '{}');
    const ours = [
      { file: '01-old.txt', verdict: 'ERROR', note: 'our note' },
      { file: 'x01-ours.txt', verdict: 'ACCEPT', note: 'ours' },
    ];
    fs.writeFileSync(path.join(target, 'invalid', 'verdicts.json'), JSON.stringify(ours));

    const out = runSync({ PROTOCOL_SRC: source, FIXTURES_DIR: target });

    expect(out).toMatch(/58-new\.txt \(ERROR\)/);
    expect(fs.readFileSync(path.join(target, 'invalid', '58-new.txt'), 'utf8')).toBe('{"type":1}');
    expect(fs.readFileSync(path.join(target, 'catalogue.json'), 'utf8')).toBe('[]\n');
    expect(fs.existsSync(path.join(target, 'invalid', 'INDEX.md'))).toBe(false);
    expect(fs.readFileSync(path.join(target, 'invalid', 'x01-ours.txt'), 'utf8')).toBe('{}');
    const table = JSON.parse(fs.readFileSync(path.join(target, 'invalid', 'verdicts.json'), 'utf8')) as Array<{ file: string; verdict: string; note: string }>;
    expect(table.map((r) => [r.file, r.verdict])).toEqual([
      ['01-old.txt', 'ERROR'],
      ['58-new.txt', 'ERROR'],
      ['x01-ours.txt', 'ACCEPT'],
    ]);
    expect(table[0]?.note).toBe('our note');
    expect(table[1]?.note).toMatch(/TODO/);

    // a second run finds nothing to do
    expect(runSync({ PROTOCOL_SRC: source, FIXTURES_DIR: target })).toMatch(/3 unchanged/);
  });
});
