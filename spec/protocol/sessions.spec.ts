import * as E from 'fp-ts/Either';
import type { ClientEvent } from '../../lib/index';
import { decodeServerEvent, encodeClientEvent, formatFailure, isServerEventType } from '../../lib/index';
import { sessionFiles, sessionLines } from '../helpers/corpus';

describe('realistic sessions', () => {
  it('has five sequences to check', () => {
    expect(sessionFiles('.jsonl')).toHaveLength(5);
    expect(sessionFiles('.timeline.jsonl')).toHaveLength(5);
  });

  it.each(sessionFiles('.jsonl'))('%s decodes end to end with no failure and no unknown type', (file) => {
    const lines = sessionLines(file);
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      const result = decodeServerEvent(line);
      if (E.isLeft(result)) throw new Error(formatFailure(result.left));
      expect(isServerEventType(result.right.type)).toBe(true);
    }
  });

  it.each(sessionFiles('.timeline.jsonl'))('%s: every client event encodes, except the deliberately bad one', (file) => {
    const refused: string[] = [];
    for (const line of sessionLines(file)) {
      const { dir, event } = JSON.parse(line) as { dir: 'client' | 'server'; event: ClientEvent };
      if (dir !== 'client') continue;
      const result = encodeClientEvent(event);
      if (E.isLeft(result)) refused.push(result.left.code);
    }
    // 05-errors-then-recovery sends a client frame without `type` on purpose
    expect(refused).toEqual(file.startsWith('05-') ? ['RT_ERR_UNKNOWN_COMMAND'] : []);
  });
});
