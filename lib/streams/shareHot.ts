import type { MonoTypeOperatorFunction } from 'rxjs';
import { Observable } from 'rxjs';
import { Hub } from './Hub.js';

/**
 * Multicast a hot source to every subscriber through one subscription, made on the first
 * subscriber and ended after the last (reference counting). The substreams of a
 * `RealtimeClient` use it, so one derivation (one base64 decode per audio chunk) serves all of
 * their subscribers.
 *
 * It is rxjs `share()` without the reset notifiers, which the client's substreams do not need,
 * and without `share`'s dependency on rxjs's `innerFrom` (promise, iterable and stream
 * conversion), which keeps the browser bundle small.
 *
 * @example
 * ```ts
 * import { shareHot } from 'openai-realtime-rx';
 * const chunks$ = client.events$.pipe(audioChunks(), shareHot());
 * ```
 */
export function shareHot<T>(): MonoTypeOperatorFunction<T> {
  return (source) => {
    let subject: Hub<T> | undefined;
    let connection: { unsubscribe(): void } | undefined;
    let count = 0;
    return new Observable<T>((subscriber) => {
      count++;
      const hub = (subject ??= new Hub<T>());
      const inner = hub.asObservable().subscribe(subscriber);
      connection ??= source.subscribe({ next: (value) => hub.next(value), error: (e: unknown) => hub.error(e), complete: () => hub.complete() });
      return () => {
        inner.unsubscribe();
        if (--count === 0) {
          const c = connection;
          connection = undefined;
          subject = undefined;
          c?.unsubscribe();
        }
      };
    });
  };
}
