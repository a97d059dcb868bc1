import type { SocketEvent } from '../../lib/index';
import { fromWebSocket } from '../../lib/index';
import { FakeSocket } from '../helpers/FakeSocket';

const record = () => {
  const events: Array<Omit<SocketEvent, 'socket' | 'error'> & { kind: string }> = [];
  let completed = false;
  return {
    events,
    get completed() {
      return completed;
    },
    observer: {
      next: (e: SocketEvent) => {
        const { kind } = e;
        if (kind === 'socket') events.push({ kind });
        else if (kind === 'error') events.push({ kind, message: e.message } as never);
        else events.push(e);
      },
      complete: () => (completed = true),
    },
  };
};

describe('fromWebSocket', () => {
  it('turns socket events into values and completes after close, without closing the socket again', () => {
    const socket = new FakeSocket();
    const r = record();
    fromWebSocket(() => socket).subscribe(r.observer);
    socket.fire('open');
    socket.deliver({ type: 'x' });
    socket.fire('message', { data: new Uint8Array([1]) });
    socket.fire('close', { code: 1001, reason: 'bye', wasClean: true });
    expect(r.events).toEqual([
      { kind: 'socket' },
      { kind: 'open' },
      { kind: 'message', data: '{"type":"x"}', binary: false },
      { kind: 'message', data: new Uint8Array([1]), binary: true },
      { kind: 'close', code: 1001, reason: 'bye', wasClean: true },
    ]);
    expect(r.completed).toBe(true);
    expect(socket.closes).toEqual([]);
    expect(socket.listenerCount()).toBe(0);
  });

  it('closes the socket exactly once after an error, and stops listening', () => {
    const socket = new FakeSocket();
    const r = record();
    fromWebSocket(() => socket).subscribe(r.observer);
    socket.fire('error', { message: 'boom' });
    socket.fire('close', { code: 1006 });
    expect(r.events).toEqual([{ kind: 'socket' }, { kind: 'error', message: 'boom' }]);
    expect(socket.closes).toEqual([[1000, undefined]]);
    expect(socket.listenerCount()).toBe(0);
  });

  it('closes with the requested code when unsubscribed, keeps only an error sink until the socket has closed', () => {
    const socket = new FakeSocket();
    const closing = { code: 4001, reason: 'done here' };
    const sub = fromWebSocket(() => socket, closing).subscribe();
    socket.fire('open');
    sub.unsubscribe();
    expect(socket.closes).toEqual([[4001, 'done here']]);
    expect(socket.listenerCount('message')).toBe(0);
    expect(socket.listenerCount('open')).toBe(0);
    expect(socket.listenerCount('error')).toBe(1);
    expect(() => socket.fire('error', { message: 'late' })).not.toThrow();
    socket.fire('close', { code: 4001 });
    expect(socket.listenerCount()).toBe(0);
  });

  it('reports an exception thrown by close() at teardown instead of swallowing it', () => {
    const socket = new FakeSocket();
    socket.close = () => {
      throw new Error('close exploded');
    };
    const seen: unknown[] = [];
    const sub = fromWebSocket(() => socket, { code: 1000 }, false, (e) => seen.push(e)).subscribe();
    expect(() => sub.unsubscribe()).not.toThrow();
    expect(seen).toEqual([new Error('close exploded')]);
  });

  it('gives a ws protocol error its close code (1007 for invalid UTF-8)', () => {
    const socket = new FakeSocket();
    const events: SocketEvent[] = [];
    fromWebSocket(() => socket).subscribe((e) => events.push(e));
    socket.fire('open');
    socket.fire('error', { error: Object.assign(new Error('Invalid UTF-8 sequence'), { code: 'WS_ERR_INVALID_UTF8' }), message: 'Invalid UTF-8 sequence' });
    expect(events[2]).toMatchObject({ kind: 'error', closeCode: 1007 });
  });

  it('turns a throwing factory into an error event, not a stream error', () => {
    const r = record();
    fromWebSocket(() => {
      throw new Error('no sockets today');
    }).subscribe(r.observer);
    expect(r.events).toEqual([{ kind: 'error', message: 'no sockets today' }]);
    expect(r.completed).toBe(true);
  });

  it('closes a socket that an async factory delivers after unsubscription', async () => {
    const socket = new FakeSocket();
    let deliver: (s: FakeSocket) => void = () => undefined;
    const sub = fromWebSocket(() => new Promise<FakeSocket>((resolve) => (deliver = resolve))).subscribe();
    sub.unsubscribe();
    deliver(socket);
    await Promise.resolve();
    await Promise.resolve();
    expect(socket.closes).toEqual([[1000, undefined]]);
    socket.fire('close', { code: 1006 });
    expect(socket.listenerCount()).toBe(0);
  });

  it('reports a rejecting async factory as an error event', async () => {
    const r = record();
    fromWebSocket(() => Promise.reject(new Error('proxy down'))).subscribe(r.observer);
    await new Promise((resolve) => setImmediate(resolve));
    expect(r.events).toEqual([{ kind: 'error', message: 'proxy down' }]);
  });
});
