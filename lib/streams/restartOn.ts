import type { Observable, OperatorFunction, Subscriber, Subscription } from 'rxjs';
import { Observable as Obs } from 'rxjs';

/**
 * Apply a stateful operator afresh after each signal of `boundary$` (it is subscribed to anew, and
 * rxjs operators keep their state per subscription): the operator's state (the
 * transcripts in progress, an audio byte carried over) is dropped at each boundary, so state never
 * outlives what it belongs to. `RealtimeClient` restarts its substreams' operators when a
 * connection ends, so nothing of one connection leaks into the next or accumulates across them.
 *
 * An error of the operator, the source or the boundary ends the result. When the source
 * completes, the current stage finishes its work (values a `delay` still holds, a `toArray`'s
 * array) and the result completes after it; a boundary that completes changes nothing.
 *
 * @example
 * ```ts
 * import { restartOn, transcriptUpdates } from 'openai-realtime-rx';
 * const transcripts$ = events$.pipe(restartOn(connectionEnded$, transcriptUpdates()));
 * ```
 */
export function restartOn<T, R>(boundary$: Observable<unknown>, operator: OperatorFunction<T, R>): OperatorFunction<T, R> {
  return (source) =>
    new Obs<R>((subscriber) => {
      // the current stage's inputs, fed directly (no Subject on the hot path); an operator may
      // subscribe to its source more than once
      let inputs: Array<Subscriber<T>> = [];
      let stage: Subscription | undefined;
      let stageDone = false;
      let sourceDone = false;
      const start = (): void => {
        stage?.unsubscribe();
        inputs = [];
        stageDone = false;
        const own = inputs;
        const feed = new Obs<T>((s) => {
          own.push(s);
          return () => {
            const i = own.indexOf(s);
            if (i >= 0) own.splice(i, 1);
          };
        });
        stage = operator(feed).subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => subscriber.error(error),
          complete: () => {
            stageDone = true;
            if (sourceDone) subscriber.complete();
          },
        });
      };
      start();
      const boundaries = boundary$.subscribe({ next: () => start(), error: (error: unknown) => subscriber.error(error) });
      const upstream = source.subscribe({
        next: (value) => {
          const current = inputs;
          if (current.length === 1) current[0]?.next(value);
          else for (const s of [...current]) s.next(value);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          // no more stages: the current one finishes its work (a delay, a toArray), then the result completes
          sourceDone = true;
          boundaries.unsubscribe();
          if (stageDone) subscriber.complete();
          else for (const s of [...inputs]) s.complete();
        },
      });
      return () => {
        boundaries.unsubscribe();
        upstream.unsubscribe();
        stage?.unsubscribe();
      };
    });
}
