import type { Observable } from 'rxjs';
import { BehaviorSubject } from 'rxjs';
import { Cell } from '../../lib/streams/Cell';
import { newScheduler } from '../helpers/marbles';

// The Cell stands in for a BehaviorSubject (status$, backpressure$): each scenario runs on both
// and must read the same.

interface Source<T> {
  readonly value: T;
  next(value: T): void;
  complete(): void;
  asObservable(): Observable<T>;
}

const both = <T>(initial: T): Array<[string, () => Source<T>]> => [
  ['Cell', () => new Cell<T>(initial)],
  ['BehaviorSubject', () => new BehaviorSubject<T>(initial)],
];

describe.each(both('a'))('%s', (_name, make) => {
  it('replays the current value to each new subscriber, then is hot', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const source = make();
      cold('-b-c-d|').subscribe({ next: (v) => source.next(v), complete: () => source.complete() });
      expectObservable(source.asObservable()).toBe('ab-c-d|');
      expectObservable(source.asObservable(), '--^-!').toBe('--bc-');
      expectObservable(source.asObservable(), '-------^').toBe('-------|');
    });
  });

  it('keeps the value set by a subscriber in reaction to another, and delivers it to everyone', () => {
    const source = make();
    const seen: string[] = [];
    source.asObservable().subscribe((v) => {
      seen.push(`first ${v}`);
      if (v === 'b') source.next('c');
    });
    source.asObservable().subscribe((v) => seen.push(`second ${v}`));
    source.next('b');
    expect(source.value).toBe('c');
    expect(seen).toEqual(['first a', 'second a', 'first b', 'first c', 'second c', 'second b']);
  });

  it('stops delivering to a subscriber that unsubscribed', () => {
    const source = make();
    const seen: string[] = [];
    const sub = source.asObservable().subscribe((v) => seen.push(v));
    source.next('b');
    sub.unsubscribe();
    source.next('c');
    expect(seen).toEqual(['a', 'b']);
    expect(source.value).toBe('c');
  });
});

it('returns the same Observable every time', () => {
  const cell = new Cell(0);
  expect(cell.asObservable()).toBe(cell.asObservable());
});
