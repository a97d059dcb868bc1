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
  readonly once: boolean;
  /** Set when the registration is removed, so that an emission already under way skips it. */
  removed: boolean;
}

/**
 * `on` / `off` / `once` / `emit`: synchronous delivery in registration order, in browsers and
 * Node alike (no `node:events`). Each event name has an array of registrations, replaced (never
 * changed in place) when one is added or removed, so an emission walks a snapshot: a listener
 * added during an emission hears the next one, and one removed during an emission is skipped.
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
  private readonly entries = new Map<string, readonly Entry[]>();
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
    const list = this.entries.get(name) ?? [];
    for (let i = list.length - 1; i >= 0; i--) {
      const entry = list[i] as Entry;
      if (entry.listener === listener) {
        this.remove(name, entry);
        break;
      }
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
    const list = this.entries.get(name);
    if (list === undefined || list.length === 0) return NOBODY;
    const errors = this.deliver(name, list, args);
    return errors === NONE ? DELIVERED : { delivered: true, errors };
  }

  /**
   * The hot path: call the listeners of `name`, if any; returns the exceptions (a shared empty
   * array when there are none, so nothing is allocated per event).
   */
  deliverTo(name: string, args: readonly unknown[]): readonly unknown[] {
    const list = this.entries.get(name);
    return list === undefined || list.length === 0 ? NONE : this.deliver(name, list, args);
  }

  private deliver(name: string, list: readonly Entry[], args: readonly unknown[]): readonly unknown[] {
    const outer = this.caught;
    this.caught = undefined;
    try {
      for (let i = 0; i < list.length; i++) {
        const entry = list[i] as Entry;
        if (entry.removed) continue;
        if (entry.once) this.remove(name, entry);
        try {
          const listener = entry.listener as (...a: unknown[]) => void;
          if (args.length === 1) listener(args[0]);
          else listener(...args);
        } catch (error) {
          (this.caught ??= []).push(error);
        }
      }
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
    // concat, not a spread: the new list is exactly as long as it needs to be (as in Hub)
    this.entries.set(name, (this.entries.get(name) ?? []).concat({ listener, once, removed: false }));
    return this;
  }

  private remove(name: string, entry: Entry): void {
    entry.removed = true;
    const rest = (this.entries.get(name) ?? []).filter((e) => e !== entry);
    if (rest.length > 0) this.entries.set(name, rest);
    else this.entries.delete(name);
  }
}
