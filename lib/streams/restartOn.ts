import type { Observable, OperatorFunction, Subscription } from 'rxjs';
import { Observable as Obs, Subject } from 'rxjs';

/**
 * Apply a stateful operator afresh after each signal of `boundary$` (it is subscribed to anew, and
 * rxjs operators keep their state per subscription): the operator's state (the
 * transcripts in progress, an audio byte carried over) is dropped at each boundary, so state never
 * outlives what it belongs to. `RealtimeClient` restarts its substreams' operators when a
 * connection ends, so nothing of one connection leaks into the next or accumulates across them.
 *
 * An error of the operator ends the result; a completion of the source completes it.
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
      let input = new Subject<T>();
      let stage: Subscription | undefined;
      const start = (): void => {
        stage?.unsubscribe();
        input = new Subject<T>();
        stage = operator(input).subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => subscriber.error(error),
        });
      };
      start();
      const boundaries = boundary$.subscribe(() => start());
      const upstream = source.subscribe({
        next: (value) => input.next(value),
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          input.complete();
          subscriber.complete();
        },
      });
      return () => {
        boundaries.unsubscribe();
        upstream.unsubscribe();
        stage?.unsubscribe();
      };
    });
}
