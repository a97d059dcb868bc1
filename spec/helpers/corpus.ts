/**
 * Read-only access to the shared protocol corpus (`../shared/protocol`), used in place.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const PROTOCOL_DIR = path.resolve(__dirname, '../../../shared/protocol');

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

export type Verdict = 'ERROR' | 'UNKNOWN' | 'INVALID' | 'ACCEPT' | 'APP';

export interface InvalidFrame {
  readonly file: string;
  readonly verdict: Verdict;
  readonly bytes: Buffer;
}

/** Every malformed frame with the verdict `invalid/INDEX.md` gives it. */
export const invalidFrames = (): InvalidFrame[] => {
  const index = fs.readFileSync(corpusPath('invalid', 'INDEX.md'), 'utf8');
  const rows = [...index.matchAll(/^\| `([^`]+\.txt)` \| \d+ \| (ERROR|UNKNOWN|INVALID|ACCEPT|APP) \|/gm)];
  return rows.map(([, file, verdict]) => ({
    file: file as string,
    verdict: verdict as Verdict,
    bytes: fs.readFileSync(corpusPath('invalid', file as string)),
  }));
};

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
