/**
 * Marble helpers: a session file as a cold observable with one event per frame, and expected
 * emissions placed at chosen frames.
 */
import * as E from 'fp-ts/Either';
import { TestScheduler } from 'rxjs/testing';
import type { AnyServerEvent } from '../../lib/index';
import { decodeServerEvent } from '../../lib/index';
import { sessionLines } from './corpus';

/** The marble key of frame i (one character, never a marble control character or a digit). */
export const key = (i: number): string => String.fromCharCode(0x100 + i);

export const newScheduler = (): TestScheduler => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

export interface SessionMarbles {
  readonly marbles: string;
  readonly values: Record<string, AnyServerEvent>;
  readonly events: AnyServerEvent[];
  /** The frames at which events of this type arrive. */
  indexesOf(type: string): number[];
}

export function sessionMarbles(file: string): SessionMarbles {
  const events = sessionLines(file).map((line) => {
    const r = decodeServerEvent(line);
    if (E.isLeft(r)) throw new Error(r.left.message);
    return r.right;
  });
  return {
    marbles: events.map((_, i) => key(i)).join(''),
    values: Object.fromEntries(events.map((e, i) => [key(i), e])),
    events,
    indexesOf: (type) => events.flatMap((e, i) => (e.type === type ? [i] : [])),
  };
}

/** Expected marbles of `length` frames with one value at each given frame. */
export function emissionsAt<T>(length: number, at: ReadonlyArray<readonly [number, T]>, end = ''): { marbles: string; values: Record<string, T> } {
  const frames = Array.from({ length }, () => '-');
  const values: Record<string, T> = {};
  for (const [i, value] of at) {
    frames[i] = key(i);
    values[key(i)] = value;
  }
  return { marbles: frames.join('') + end, values };
}

/** `n` zero bytes of audio as base64. */
export const zeros = (n: number): string => Buffer.alloc(n).toString('base64');
