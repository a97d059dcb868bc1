import { Emitter } from '../../lib/facade/Emitter';

describe('Emitter', () => {
  it('calls listeners in registration order with the emitted arguments', () => {
    const e = new Emitter();
    const calls: unknown[][] = [];
    e.on('x', (...args: never[]) => calls.push(['a', ...args]));
    e.on('x', (...args: never[]) => calls.push(['b', ...args]));
    expect(e.emit('x', 1, 2)).toBe(true);
    expect(e.emit('y')).toBe(false);
    expect(calls).toEqual([
      ['a', 1, 2],
      ['b', 1, 2],
    ]);
  });

  it('once removes the listener before its call (a re-entrant emit does not call it again)', () => {
    const e = new Emitter();
    let calls = 0;
    e.once('x', () => {
      calls++;
      e.emit('x');
    });
    e.emit('x');
    e.emit('x');
    expect(calls).toBe(1);
    expect(e.listenerCount('x')).toBe(0);
  });

  it('off removes the most recent registration of a listener; one removed during an emission is skipped, one added hears the next', () => {
    const e = new Emitter();
    const calls: string[] = [];
    const b = () => calls.push('b');
    const added = () => calls.push('added');
    let changed = false;
    e.on('x', () => {
      calls.push('a');
      if (!changed) {
        changed = true;
        e.off('x', b);
        e.on('x', added);
      }
    });
    e.on('x', b);
    e.on('x', b);
    e.emit('x');
    expect(calls).toEqual(['a', 'b']); // the second registration of b was removed before its turn
    calls.length = 0;
    e.emit('x');
    expect(calls).toEqual(['a', 'b', 'added']);
  });

  it('a throwing listener does not stop the others: dispatch returns every exception, emit rethrows the first', () => {
    const e = new Emitter();
    const calls: string[] = [];
    e.on('x', () => {
      throw new Error('one');
    });
    e.on('x', () => calls.push('ran'));
    e.on('x', () => {
      throw new Error('two');
    });
    const { delivered, errors } = e.dispatch('x', []);
    expect(delivered).toBe(true);
    expect(errors.map((x) => (x as Error).message)).toEqual(['one', 'two']);
    expect(() => e.emit('x')).toThrow('one');
    expect(calls).toEqual(['ran', 'ran']);
    expect(e.deliverTo('nobody', [])).toHaveLength(0);
  });

  it('exceptions of a nested emission stay with it', () => {
    const e = new Emitter();
    e.on('inner', () => {
      throw new Error('inner');
    });
    let nested: readonly unknown[] = [];
    e.on('outer', () => {
      nested = e.deliverTo('inner', []);
    });
    expect(e.deliverTo('outer', [])).toHaveLength(0);
    expect(nested).toHaveLength(1);
  });
});
