import type { Subscriber } from 'rxjs';
import { Observable } from 'rxjs';

/**
 * A hot multicast source for the inbound hot path: what an rxjs `Subject` does for values that
 * never error, at a third of the cost per value. `Subject.next` allocates a closure per value
 * (its error context) and iterates a copy of its observers; here the subscriber list is an array
 * replaced on every subscribe and unsubscribe (copy on write), so `next` is a plain loop over a
 * snapshot: a subscriber added or removed while a value is delivered takes effect from the next
 * value, as with a `Subject`.
 *
 * After `complete()` (or `error(e)`), every subscriber is completed (or errored), and so is every
 * later subscriber, at once.
 *
 * @example
 * ```ts
 * const hub = new Hub<number>();
 * const values$ = hub.asObservable();
 * values$.subscribe((n) => console.log(n));
 * hub.next(1); // logs 1
 * ```
 *
 * @internal
 */
export class Hub<T> {
  #subscribers: ReadonlyArray<Subscriber<T>> = [];
  /** How it ended: `complete()`, or `error(e)` (as `{ error: e }`). */
  #ended: { error?: unknown } | undefined;
  /** Made on the first `asObservable()`: a hub nobody reads costs no Observable and no closure. */
  #observable: Observable<T> | undefined;

  /** Whether anyone subscribes (so a caller can skip building a value nobody would get). */
  get observed(): boolean {
    return this.#subscribers.length > 0;
  }

  /** Deliver a value to every current subscriber, in subscription order. */
  next(value: T): void {
    const subscribers = this.#subscribers;
    for (let i = 0; i < subscribers.length; i++) (subscribers[i] as Subscriber<T>).next(value);
  }

  /** Complete every subscriber; later subscribers complete at once. */
  complete(): void {
    if (this.#ended !== undefined) return;
    this.#ended = {};
    const subscribers = this.#subscribers;
    this.#subscribers = [];
    for (const s of subscribers) s.complete();
  }

  /** Error every subscriber; later subscribers get the error at once. */
  error(error: unknown): void {
    if (this.#ended !== undefined) return;
    this.#ended = { error };
    const subscribers = this.#subscribers;
    this.#subscribers = [];
    for (const s of subscribers) s.error(error);
  }

  /** The values as an Observable (the same instance every time). */
  asObservable(): Observable<T> {
    return (this.#observable ??= new Observable<T>((subscriber) => this.#subscribe(subscriber)));
  }

  #subscribe(subscriber: Subscriber<T>): (() => void) | undefined {
    const ended = this.#ended;
    if (ended !== undefined) {
      if ('error' in ended) subscriber.error(ended.error);
      else subscriber.complete();
      return undefined;
    }
    // concat, not a spread: the new array is exactly as long as it needs to be (a spread or a
    // push gives it room for 17, which each idle session would carry)
    this.#subscribers = this.#subscribers.concat(subscriber);
    return () => {
      this.#subscribers = this.#subscribers.filter((s) => s !== subscriber);
    };
  }
}
