/**
 * LogThrottle (issue #9, finding 9): at most one log line per key per window; the lines held back
 * are counted onto the next line that goes out. Driven by an injected clock.
 */
import { LogThrottle } from '../../lib/facade/LogThrottle';

const clock = (start = 5_000) => {
  const state = { t: start };
  return { now: () => state.t, advance: (ms: number) => void (state.t += ms) };
};

describe('LogThrottle', () => {
  it('lets the first line of a key through with nothing held', () => {
    const c = clock();
    expect(new LogThrottle(1000, c.now).take('audio')).toBe(0);
  });

  it('holds back the lines of a key within the window, and hands their count to the next line after it', () => {
    const c = clock();
    const throttle = new LogThrottle(1000, c.now);
    expect(throttle.take('audio')).toBe(0);
    for (let i = 0; i < 5; i++) {
      c.advance(100);
      expect(throttle.take('audio')).toBeUndefined();
    }
    c.advance(500); // t = 1000 after the first line: the window is over
    expect(throttle.take('audio')).toBe(5);
    c.advance(1);
    expect(throttle.take('audio')).toBeUndefined();
  });

  it('the window runs from the last line that went out, not from the held ones', () => {
    const c = clock();
    const throttle = new LogThrottle(1000, c.now);
    throttle.take('k');
    c.advance(999);
    expect(throttle.take('k')).toBeUndefined();
    c.advance(1);
    expect(throttle.take('k')).toBe(1);
    c.advance(999);
    expect(throttle.take('k')).toBeUndefined();
    c.advance(1);
    expect(throttle.take('k')).toBe(1);
  });

  it('resets the held count once it has been handed out', () => {
    const c = clock();
    const throttle = new LogThrottle(1000, c.now);
    throttle.take('k');
    throttle.take('k');
    throttle.take('k');
    c.advance(1000);
    expect(throttle.take('k')).toBe(2);
    c.advance(5000);
    expect(throttle.take('k')).toBe(0);
  });

  it('keeps keys apart', () => {
    const c = clock();
    const throttle = new LogThrottle(1000, c.now);
    expect(throttle.take('audio')).toBe(0);
    expect(throttle.take('response.done')).toBe(0);
    expect(throttle.take('audio')).toBeUndefined();
    expect(throttle.take('audio')).toBeUndefined();
    expect(throttle.take('response.done')).toBeUndefined();
    c.advance(1000);
    expect(throttle.take('response.done')).toBe(1);
    expect(throttle.take('audio')).toBe(2);
  });

  it('keys named like Object.prototype members are ordinary keys', () => {
    const c = clock();
    const throttle = new LogThrottle(1000, c.now);
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(throttle.take(key)).toBe(0);
      expect(throttle.take(key)).toBeUndefined();
    }
  });

  it('a line per window at most, for a key taken on every tick', () => {
    const c = clock(0);
    const throttle = new LogThrottle(10_000, c.now);
    const out: number[] = [];
    for (let t = 0; t < 60_000; t += 20) {
      const held = throttle.take('audio');
      if (held !== undefined) out.push(held);
      c.advance(20);
    }
    // 60 s of 20 ms events: lines at 0, 10 s, ..., 50 s; each later one counts the 499 held before it
    expect(out).toEqual([0, 499, 499, 499, 499, 499]);
  });

  it('a zero window lets every line through', () => {
    const c = clock();
    const throttle = new LogThrottle(0, c.now);
    expect([throttle.take('k'), throttle.take('k'), throttle.take('k')]).toEqual([0, 0, 0]);
  });

  it('defaults to a 10 s window on Date.now()', () => {
    const spy = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    try {
      const throttle = new LogThrottle();
      expect(throttle.take('k')).toBe(0);
      spy.mockReturnValue(1_009_999);
      expect(throttle.take('k')).toBeUndefined();
      spy.mockReturnValue(1_010_000);
      expect(throttle.take('k')).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('LogThrottle and a clock that steps back', () => {
  it('lets the next line through instead of silencing the key until the clock catches up', () => {
    let now = 1_000_000;
    const throttle = new LogThrottle(10_000, () => now);
    expect(throttle.take('k')).toBe(0);
    now -= 3_600_000; // an NTP step back by an hour
    expect(throttle.take('k')).toBe(0);
    expect(throttle.take('k')).toBeUndefined();
  });
});
