/**
 * restartOn (issue #9, finding 8): a stateful operator starts afresh at each boundary signal, so
 * per-connection state never outlives its connection.
 */
import type { OperatorFunction } from 'rxjs';
import { delay, map, merge, mergeMap, of, scan, switchMap, take, throwError, timer, toArray } from 'rxjs';
import { restartOn } from '../../lib/streams/restartOn';
import { newScheduler } from '../helpers/marbles';

/** A running sum: the simplest stateful operator. */
const sum: OperatorFunction<number, number> = scan((acc, n) => acc + n, 0);

const values = { a: 1, b: 2, c: 3, d: 4, e: 5 };

describe('restartOn', () => {
  it('passes the operator through when there is no boundary', () => {
    newScheduler().run(({ hot, expectObservable }) => {
      const source = hot('-a-b-c-|', values);
      const boundary = hot('-------');
      expectObservable(source.pipe(restartOn(boundary, sum))).toBe('-x-y-z-|', { x: 1, y: 3, z: 6 });
    });
  });

  it('resets the state of a scan at each boundary signal', () => {
    newScheduler().run(({ hot, expectObservable }) => {
      const source = hot('-a-b-c-d-e-|', values);
      const boundary = hot('----x---x---');
      //                   sums: 1, 3 | 3, 7 | 5
      expectObservable(source.pipe(restartOn(boundary, sum))).toBe('-p-q-r-s-t-|', { p: 1, q: 3, r: 3, s: 7, t: 5 });
    });
  });

  it('resets on back-to-back boundaries and on a boundary in the same frame as a value (boundary first)', () => {
    newScheduler().run(({ hot, expectObservable }) => {
      const boundary = hot('--xx-x--');
      const source = hot('-a--b(c)-|', values);
      // subscribed to boundary first: at frame 5 the reset lands before c
      expectObservable(source.pipe(restartOn(boundary, sum))).toBe('-p--q(r)-|', { p: 1, q: 2, r: 3 });
    });
  });

  it('drops the timers of the previous stage at a boundary (an operator with pending inner work)', () => {
    newScheduler().run(({ hot, expectObservable }) => {
      const source = hot('-a------|', values);
      const boundary = hot('---x----');
      // each value emits 4 frames later; the boundary at 3 cancels it
      const delayed: OperatorFunction<number, number> = mergeMap((n) => timer(4).pipe(map(() => n)));
      expectObservable(source.pipe(restartOn(boundary, delayed))).toBe('--------|');
    });
  });

  it('completes when the source completes, and stops listening to the boundary', () => {
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-a-b-|', values);
      const boundary = hot('--x-----x--');
      expectObservable(source.pipe(restartOn(boundary, sum))).toBe('-p-q-|', { p: 1, q: 2 });
      expectSubscriptions(source.subscriptions).toBe('^----!');
      expectSubscriptions(boundary.subscriptions).toBe('^----!');
    });
  });

  it("drops a stage at a boundary without completing it, and emits the last stage's final values (toArray) before completing with the source", () => {
    newScheduler().run(({ hot, expectObservable }) => {
      const source = hot('-a-b-c-|', values);
      const boundary = hot('----x---');
      expectObservable(source.pipe(restartOn(boundary, toArray()))).toBe('-------(q|)', { q: [3] });
    });
  });

  it('an operator that completes by itself does not complete the result: the next boundary starts it again', () => {
    newScheduler().run(({ hot, expectObservable }) => {
      const source = hot('-a-b-c-d-|', values);
      const boundary = hot('------x---');
      expectObservable(source.pipe(restartOn(boundary, take(1)))).toBe('-a-----d-|', values);
    });
  });

  it('completes at once on an empty source', () => {
    newScheduler().run(({ cold, hot, expectObservable }) => {
      expectObservable(cold<number>('|').pipe(restartOn(hot('-x-'), sum))).toBe('|');
    });
  });

  it('errors when the operator errors, and tears down the source and the boundary', () => {
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-a-b-c-|', values);
      const boundary = hot('--------');
      const failing: OperatorFunction<number, number> = mergeMap((n) => (n === 2 ? throwError(() => 'boom') : of(n * 10)));
      expectObservable(source.pipe(restartOn(boundary, failing))).toBe('-p-#', { p: 10 }, 'boom');
      expectSubscriptions(source.subscriptions).toBe('^--!');
      expectSubscriptions(boundary.subscriptions).toBe('^--!');
    });
  });

  it('errors when the source errors', () => {
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-a-#', values, 'lost');
      const boundary = hot('-----');
      expectObservable(source.pipe(restartOn(boundary, sum))).toBe('-p-#', { p: 1 }, 'lost');
      expectSubscriptions(boundary.subscriptions).toBe('^--!');
    });
  });

  it('errors when the boundary errors (never an unhandled error), and tears down the source', () => {
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-a-b-c-|', values);
      const boundary = hot('--#', undefined, 'boundary failed');
      expectObservable(source.pipe(restartOn(boundary, sum))).toBe('-p#', { p: 1 }, 'boundary failed');
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });

  it("with no boundary it behaves as the operator itself: values the operator emits after the source completed (delay) are not lost", () => {
    newScheduler().run(({ hot, expectObservable }) => {
      const source = hot('-a-b|', values);
      const boundary = hot('------');
      expectObservable(source.pipe(delay(2))).toBe('---a-(b|)', values);
      expectObservable(source.pipe(restartOn(boundary, delay(2)))).toBe('---a-(b|)', values);
    });
  });

  it('does not end when the boundary completes: the current stage keeps its state', () => {
    newScheduler().run(({ hot, expectObservable }) => {
      const source = hot('-a-b-c-|', values);
      const boundary = hot('--x|');
      expectObservable(source.pipe(restartOn(boundary, sum))).toBe('-p-q-r-|', { p: 1, q: 2, r: 5 });
    });
  });

  it('unsubscribing tears down the source, the boundary and the inner stage', () => {
    newScheduler().run(({ hot, cold, expectObservable, expectSubscriptions }) => {
      const source = hot('-a--b--c--|', values);
      const boundary = hot('---x------');
      // each stage holds a subscription to an inner cold observable for every value
      const inner = cold('-i------', { i: 0 });
      const stage: OperatorFunction<number, number> = switchMap((n) => inner.pipe(map(() => n)));
      expectObservable(source.pipe(restartOn(boundary, stage)), '^-----!').toBe('--a--b', values);
      expectSubscriptions(source.subscriptions).toBe('^-----!');
      expectSubscriptions(boundary.subscriptions).toBe('^-----!');
      // a's inner is cut by the boundary at 3, b's inner by the unsubscription at 6
      expectSubscriptions(inner.subscriptions).toBe(['-^-!', '----^-!']);
    });
  });

  it('each subscriber gets its own stages', () => {
    newScheduler().run(({ hot, expectObservable }) => {
      const source = hot('-a-b-c-|', values);
      const boundary = hot('----x---');
      const result = source.pipe(restartOn(boundary, sum));
      expectObservable(result).toBe('-p-q-r-|', { p: 1, q: 3, r: 3 });
      expectObservable(result, '--^----').toBe('---q-r-|', { q: 2, r: 3 });
    });
  });
});

describe('restartOn with an operator that subscribes to its source twice', () => {
  it('feeds every subscription of the stage', () => {
    newScheduler().run(({ hot, expectObservable }) => {
      const source = hot('-a----b----|', values);
      const boundary = hot('------------');
      const twice: OperatorFunction<number, number> = (s) => merge(s, s.pipe(map((n) => n * 10)));
      expectObservable(source.pipe(restartOn(boundary, twice))).toBe('-(aA)-(bB)-|', { ...values, A: 10, B: 20 });
    });
  });
});
