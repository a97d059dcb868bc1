import { Hub } from '../../lib/streams/Hub';
import { newScheduler } from '../helpers/marbles';

describe('Hub', () => {
  it('delivers each value to every subscriber, in subscription order', () => {
    const hub = new Hub<number>();
    const seen: string[] = [];
    hub.asObservable().subscribe((n) => seen.push(`a${n}`));
    hub.asObservable().subscribe((n) => seen.push(`b${n}`));
    hub.next(1);
    hub.next(2);
    expect(seen).toEqual(['a1', 'b1', 'a2', 'b2']);
  });

  it('is hot: a late subscriber gets only later values, and observed says whether anyone listens', () => {
    newScheduler().run(({ cold, expectObservable, flush }) => {
      const hub = new Hub<string>();
      cold('-a-b-c-d|').subscribe({ next: (v) => hub.next(v), complete: () => hub.complete() });
      expectObservable(hub.asObservable(), '---^--!').toBe('-----c-');
      expect(hub.observed).toBe(false);
      flush();
      expect(hub.observed).toBe(false);
    });
  });

  it('walks a snapshot: a subscriber added during a value hears the next one; one removed during a value is skipped', () => {
    const hub = new Hub<number>();
    const seen: string[] = [];
    let late = false;
    const second: { unsubscribe: () => void } = { unsubscribe: () => undefined };
    hub.asObservable().subscribe((n) => {
      seen.push(`first${n}`);
      if (!late) {
        late = true;
        hub.asObservable().subscribe((m) => seen.push(`late${m}`));
        second.unsubscribe();
      }
    });
    const sub = hub.asObservable().subscribe((n) => seen.push(`second${n}`));
    second.unsubscribe = () => sub.unsubscribe();
    hub.next(1);
    hub.next(2);
    expect(seen).toEqual(['first1', 'first2', 'late2']);
  });

  it('a throwing subscriber does not stop the others (the error is reported as unhandled, as with a Subject)', () => {
    jest.useFakeTimers();
    try {
      const hub = new Hub<number>();
      const seen: number[] = [];
      hub.asObservable().subscribe(() => {
        throw new Error('listener bug');
      });
      hub.asObservable().subscribe((n) => seen.push(n));
      hub.next(7);
      expect(seen).toEqual([7]);
      expect(() => jest.runOnlyPendingTimers()).toThrow('listener bug');
    } finally {
      jest.useRealTimers();
    }
  });

  it('complete and error reach current and later subscribers, and end the deliveries', () => {
    const completed = new Hub<number>();
    const events: string[] = [];
    completed.asObservable().subscribe({ next: (n) => events.push(`n${n}`), complete: () => events.push('done') });
    completed.complete();
    completed.next(1);
    completed.asObservable().subscribe({ complete: () => events.push('late done') });
    expect(events).toEqual(['done', 'late done']);

    const failed = new Hub<number>();
    const errors: unknown[] = [];
    failed.asObservable().subscribe({ error: (e: unknown) => errors.push(e) });
    failed.error('boom');
    failed.complete();
    failed.asObservable().subscribe({ error: (e: unknown) => errors.push(`late ${String(e)}`) });
    expect(errors).toEqual(['boom', 'late boom']);
  });
});
