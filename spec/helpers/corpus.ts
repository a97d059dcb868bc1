/**
 * Read-only access to the protocol fixtures in `spec/fixtures/protocol/` (see its README.md for
 * provenance; `npm run fixtures:sync` refreshes them). Nothing outside the repository is read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const PROTOCOL_DIR = path.resolve(__dirname, '../fixtures/protocol');

export const corpusPath = (...parts: string[]): string => path.join(PROTOCOL_DIR, ...parts);

/** The `.json` files of a corpus folder, as `[fileName, text]`. */
export const jsonFiles = (dir: string): Array<[string, string]> =>
  fs
    .readdirSync(corpusPath(dir))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f, fs.readFileSync(corpusPath(dir, f), 'utf8')]);

export interface CatalogueEntry {
  readonly direction: 'server' | 'client';
  readonly type: string;
  readonly ga: boolean;
  readonly required: readonly string[];
}

export const catalogue = (): CatalogueEntry[] =>
  JSON.parse(fs.readFileSync(corpusPath('catalogue.json'), 'utf8')) as CatalogueEntry[];

export type Verdict = 'ERROR' | 'UNKNOWN' | 'INVALID' | 'DRIFT' | 'ACCEPT' | 'APP';

/** One row of `invalid/verdicts.json`: the handling we expect for one malformed frame. */
export interface VerdictRow {
  readonly file: string;
  readonly verdict: Verdict;
  /** For INVALID rows the first failing path the decoder must name; for DRIFT rows, the first drifting path. */
  readonly path?: string;
  readonly note: string;
}

export interface InvalidFrame extends VerdictRow {
  readonly bytes: Buffer;
}

export const verdictTable = (): VerdictRow[] =>
  JSON.parse(fs.readFileSync(corpusPath('invalid', 'verdicts.json'), 'utf8')) as VerdictRow[];

/** Every malformed frame with the verdict our table gives it. */
export const invalidFrames = (): InvalidFrame[] =>
  verdictTable().map((row) => ({ ...row, bytes: fs.readFileSync(corpusPath('invalid', row.file)) }));

/** One line of a session file: a server event (`.jsonl`) or `{dir, event}` (`.timeline.jsonl`). */
export const sessionLines = (file: string): string[] =>
  fs
    .readFileSync(corpusPath('sessions', file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');

export const sessionFiles = (suffix: '.timeline.jsonl' | '.jsonl'): string[] =>
  fs
    .readdirSync(corpusPath('sessions'))
    .filter((f) => f.endsWith(suffix) && (suffix === '.timeline.jsonl' || !f.endsWith('.timeline.jsonl')))
    .sort();
