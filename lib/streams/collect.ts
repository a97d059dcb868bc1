import type { OperatorFunction } from 'rxjs';
import { Observable } from 'rxjs';

/**
 * Map each value with a total function and drop the `undefined` results, in one pass (one
 * subscriber per value instead of the two a `map` + `filter` pair costs).
 *
 * @param project - a function that returns a value to emit, or `undefined` to skip.
 *
 * @example
 * ```ts
 * import { of } from 'rxjs';
 * import { collect } from 'openai-realtime-rx';
 * of(1, 2, 3, 4).pipe(collect((n) => (n % 2 === 0 ? n * 10 : undefined))); // 20, 40
 * ```
 */
export const collect =
  <A, B>(project: (value: A) => B | undefined): OperatorFunction<A, B> =>
  (source) =>
    new Observable<B>((subscriber) =>
      source.subscribe({
        next: (value) => {
          const out = project(value);
          if (out !== undefined) subscriber.next(out);
        },
        error: (e: unknown) => subscriber.error(e),
        complete: () => subscriber.complete(),
      }),
    );
