/**
 * A key that must never appear in anything an app can print: every value handed to a spec's
 * `scan` is rendered the ways apps render errors, and each rendering is searched for the key.
 */
import { randomBytes } from 'node:crypto';
import * as util from 'node:util';

export const CANARY_KEY = `sk-canary-${randomBytes(12).toString('hex')}`;

const renderings = (value: unknown): string[] => {
  const out = [util.inspect(value, { depth: Infinity, showHidden: true, getters: true }), util.inspect(value, { depth: Infinity })];
  try {
    out.push(JSON.stringify(value) ?? '');
  } catch {
    out.push('(not JSON)');
  }
  out.push(String(value));
  if (value instanceof Error) out.push(value.stack ?? '', util.inspect(value.cause, { depth: Infinity, showHidden: true }));
  return out;
};

/** Collects renderings of everything scanned; `hits` lists the ones that show the key. */
export class KeyScanner {
  scanned = 0;
  readonly hits: string[] = [];

  scan(value: unknown): void {
    for (const text of renderings(value)) {
      this.scanned++;
      if (text.includes(CANARY_KEY)) this.hits.push(text.slice(0, 300));
    }
  }
}
