import type { Subscription } from 'rxjs';
import { Subject } from 'rxjs';

const NONE: readonly unknown[] = Object.freeze([]);
const NOBODY = Object.freeze({ delivered: false, errors: NONE });
const DELIVERED = Object.freeze({ delivered: true, errors: NONE });

/**
 * A listener: any function of the event's arguments.
 *
 * @example
 * ```ts
 * const log: Listener = (...args: never[]) => console.log(args);
 * ```
 */
export type Listener = (...args: never[]) => void;

interface Entry {
  readonly listener: Listener;
  readonly subscription: Subscription;
}

/**
 * `on` / `off` / `once` / `emit` over one rxjs `Subject` per event name: synchronous delivery in
 * registration order, in browsers and Node alike (no `node:events`).
 *
 * A listener that throws does not stop the others: every listener runs, and the exceptions come
 * back to the emitting call site (`emit` rethrows the first; `dispatch` returns them all), so
 * the owner decides whether they reject a `connect()` or become `error` events. Emitting `error`
 * with no listener is not an exception.
 *
 * @example
 * ```ts
 * import { Emitter } from 'openai-realtime-rx';
 * const events = new Emitter();
 * events.on('audio', (chunk: ArrayBuffer) => play(chunk));
 * events.emit('audio', new ArrayBuffer(8));
 * ```
 */
export class Emitter {
  private readonly subjects = new Map<string, Subject<readonly unknown[]>>();
  private readonly entries = new Map<string, Entry[]>();
  private caught: unknown[] | undefined;

  /** Add a listener; returns this emitter, for chaining. */
  on(name: string, listener: Listener): this {
    return this.add(name, listener, false);
  }

  /** Add a listener that is removed before its first call. */
  once(name: string, listener: Listener): this {
    return this.add(name, listener, true);
  }

  /** Remove the most recently added registration of `listener` for `name`. */
  off(name: string, listener: Listener): this {
    const list = this.entries.get(name);
    const i = list ? list.map((e) => e.listener).lastIndexOf(listener) : -1;
    if (list && i >= 0) {
      list[i]?.subscription.unsubscribe();
      list.splice(i, 1);
    }
    return this;
  }

  /** Call every listener of `name`; rethrow the first exception after all have run. Returns whether any listener existed. */
  emit(name: string, ...args: unknown[]): boolean {
    const { delivered, errors } = this.dispatch(name, args);
    if (errors.length > 0) throw errors[0];
    return delivered;
  }

  /** Call every listener of `name` and return the exceptions instead of throwing. */
  dispatch(name: string, args: readonly unknown[]): { delivered: boolean; errors: readonly unknown[] } {
    const subject = this.subjects.get(name);
    if (subject === undefined || !subject.observed) return NOBODY;
    const errors = this.deliver(subject, args);
    return errors === NONE ? DELIVERED : { delivered: true, errors };
  }

  /**
   * The hot path: call the listeners of `name`, if any; returns the exceptions (a shared empty
   * array when there are none, so nothing is allocated per event).
   */
  deliverTo(name: string, args: readonly unknown[]): readonly unknown[] {
    const subject = this.subjects.get(name);
    return subject === undefined || !subject.observed ? NONE : this.deliver(subject, args);
  }

  private deliver(subject: Subject<readonly unknown[]>, args: readonly unknown[]): readonly unknown[] {
    const outer = this.caught;
    this.caught = undefined;
    try {
      subject.next(args);
      return this.caught ?? NONE;
    } finally {
      this.caught = outer;
    }
  }

  /** How many listeners `name` has. */
  listenerCount(name: string): number {
    return this.entries.get(name)?.length ?? 0;
  }

  private add(name: string, listener: Listener, once: boolean): this {
    let subject = this.subjects.get(name);
    if (subject === undefined) this.subjects.set(name, (subject = new Subject()));
    const list = this.entries.get(name) ?? [];
    this.entries.set(name, list);
    const entry: Entry = {
      listener,
      subscription: subject.subscribe((args) => {
        if (once) this.remove(name, entry);
        try {
          (listener as (...a: unknown[]) => void)(...args);
        } catch (error) {
          (this.caught ??= []).push(error);
        }
      }),
    };
    list.push(entry);
    return this;
  }

  private remove(name: string, entry: Entry): void {
    entry.subscription.unsubscribe();
    const list = this.entries.get(name);
    const i = list ? list.indexOf(entry) : -1;
    if (list && i >= 0) list.splice(i, 1);
  }
}
