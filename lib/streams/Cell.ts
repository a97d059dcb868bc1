import type { Observable } from 'rxjs';
import { Observable as Obs } from 'rxjs';
import { Hub } from './Hub.js';

/**
 * A value that changes, as a hot Observable that replays the current value to each new
 * subscriber: what an rxjs `BehaviorSubject` does for a state that never errors (the client's
 * connection status, the send-buffer state), on a {@link Hub}, so that the core carries no
 * `Subject`. Setting a value while one is being delivered behaves as with a `BehaviorSubject`: the
 * newer value is delivered to every subscriber at once, and it is the one the cell keeps.
 *
 * After `complete()`, every subscriber completes, and so does every later one, at once (with no
 * value replayed, as a completed `BehaviorSubject`).
 *
 * @example
 * ```ts
 * const status = new Cell('idle');
 * status.asObservable().subscribe((s) => console.log(s)); // logs idle
 * status.next('busy'); // logs busy
 * status.value; // 'busy'
 * ```
 *
 * @internal
 */
export class Cell<T> {
  #value: T;
  readonly #hub = new Hub<T>();
  #observable: Observable<T> | undefined;

  constructor(initial: T) {
    this.#value = initial;
  }

  /** The current value. */
  get value(): T {
    return this.#value;
  }

  /** Keep `value`, and deliver it to every current subscriber. */
  next(value: T): void {
    this.#value = value;
    this.#hub.next(value);
  }

  /** Complete every subscriber; later subscribers complete at once. */
  complete(): void {
    this.#hub.complete();
  }

  /** The values as an Observable, the current one first (the same instance every time). */
  asObservable(): Observable<T> {
    return (this.#observable ??= new Obs<T>((subscriber) => {
      this.#hub.asObservable().subscribe(subscriber);
      if (!subscriber.closed) subscriber.next(this.#value);
    }));
  }
}
