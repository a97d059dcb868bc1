/**
 * safeCause (issue #9, finding 4): what a socket or factory reported, made safe to keep on an
 * error: never a socket, request or event object, never the key, in any rendering.
 */
import * as util from 'node:util';
import { safeCause } from '../../lib/client/safeCause';

const KEY = 'sk-canary-7f3e9a1b2c4d5e6f';

/** Every way an error is commonly rendered. */
const renderings = (value: unknown): string[] => [
  util.inspect(value, { depth: Infinity, showHidden: true }),
  util.inspect(value, { depth: Infinity }),
  util.format('%o', value),
  String(value),
  JSON.stringify(value) ?? '',
  value instanceof Error ? `${value.name} ${value.message} ${value.stack ?? ''}` : '',
];

const expectNoKey = (value: unknown): void => {
  for (const text of renderings(value)) expect(text).not.toContain(KEY);
};

/** A request and socket as `ws`/`http` hold them: the handshake text carries the key. */
const socketLike = () => {
  const req = { _header: `GET /v1/realtime HTTP/1.1\r\nAuthorization: Bearer ${KEY}\r\n\r\n`, headers: { authorization: `Bearer ${KEY}` } };
  const socket: Record<string, unknown> = { readyState: 3, url: 'wss://api.openai.com/v1/realtime', _req: req, protocol: '' };
  socket['self'] = socket; // sockets are cyclic
  return socket;
};

const kTarget = Symbol('kTarget');
const kType = Symbol('kType');
const kError = Symbol('kError');
const kMessage = Symbol('kMessage');

/** Shaped like ws's ErrorEvent: symbol-keyed fields behind getters, the socket as its target. */
class FakeErrorEvent {
  [kTarget]: unknown;
  [kType]: string;
  [kError]: unknown;
  [kMessage]: string;
  constructor(target: unknown, error: unknown, message: string) {
    this[kTarget] = target;
    this[kType] = 'error';
    this[kError] = error;
    this[kMessage] = message;
  }
  get target(): unknown {
    return this[kTarget];
  }
  get type(): string {
    return this[kType];
  }
  get error(): unknown {
    return this[kError];
  }
  get message(): string {
    return this[kMessage];
  }
}

const KEPT = ['code', 'errno', 'syscall', 'address', 'port', 'status', 'retryAfterMs'];

/** A new plain Error: only a message, a stack, maybe a name, and primitive kept fields. */
const expectPlainError = (value: unknown): Error => {
  expect(value).toBeInstanceOf(Error);
  const error = value as Error;
  expect(Object.getPrototypeOf(error)).toBe(Error.prototype);
  expect(Object.getOwnPropertySymbols(error)).toEqual([]);
  for (const key of Object.getOwnPropertyNames(error)) {
    expect(['message', 'stack', 'name', ...KEPT]).toContain(key);
    const v = (error as unknown as Record<string, unknown>)[key];
    expect(v === null || (typeof v !== 'object' && typeof v !== 'function')).toBe(true);
  }
  return error;
};

describe('safeCause', () => {
  describe('returns a clean report as the same object', () => {
    it('a plain Error with primitive fields', () => {
      const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect', address: '127.0.0.1', port: 1 });
      expect(safeCause(error, KEY)).toBe(error);
    });

    it('an Error subclass with primitive fields and no symbols', () => {
      const error = new TypeError('bad');
      expect(safeCause(error, KEY)).toBe(error);
    });

    it('a plain object with primitive fields', () => {
      const report = { message: 'refused', status: 503 };
      expect(safeCause(report, KEY)).toBe(report);
    });

    it('a null-prototype object with primitive fields', () => {
      const report = Object.assign(Object.create(null) as Record<string, unknown>, { message: 'x', code: 'E' });
      expect(safeCause(report, KEY)).toBe(report);
    });

    it('a clean report without a secret', () => {
      const error = new Error('plain');
      expect(safeCause(error, undefined)).toBe(error);
    });
  });

  describe('rebuilds anything that holds an object', () => {
    it('an Error with a socket-like field: a new Error, with the primitive fields kept', () => {
      const error = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', errno: -104, syscall: 'read', socket: socketLike(), request: { headers: { authorization: `Bearer ${KEY}` } } });
      const safe = expectPlainError(safeCause(error, KEY));
      expect(safe).not.toBe(error);
      expect(safe.message).toBe('socket hang up');
      expect(safe).toMatchObject({ code: 'ECONNRESET', errno: -104, syscall: 'read' });
      expect(safe).not.toHaveProperty('socket');
      expect(safe).not.toHaveProperty('request');
      expectNoKey(safe);
    });

    it('a plain object holding a socket: a new Error with its message and all seven kept fields', () => {
      const report = { message: 'Unexpected server response: 429', status: 429, retryAfterMs: 2000, code: 'E429', errno: 1, syscall: 'upgrade', address: '10.0.0.1', port: 443, target: socketLike() };
      const safe = expectPlainError(safeCause(report, KEY));
      expect(safe.message).toBe('Unexpected server response: 429');
      expect(safe).toMatchObject({ status: 429, retryAfterMs: 2000, code: 'E429', errno: 1, syscall: 'upgrade', address: '10.0.0.1', port: 443 });
      expectNoKey(safe);
    });

    it('drops kept-named fields that are not primitives', () => {
      const report = { message: 'm', code: { nested: KEY }, status: [401], port: () => KEY, errno: 5 };
      const safe = expectPlainError(safeCause(report, KEY));
      expect(safe).not.toHaveProperty('code');
      expect(safe).not.toHaveProperty('status');
      expect(safe).not.toHaveProperty('port');
      expect(safe).toHaveProperty('errno', 5);
      expectNoKey(safe);
    });

    it('a ws-like ErrorEvent (symbol fields behind getters): the inner error message, without the event or its target', () => {
      const inner = Object.assign(new Error('Unexpected server response: 401'), { code: 'WS_ERR_UNEXPECTED_RESPONSE' });
      const event = new FakeErrorEvent(socketLike(), inner, 'outer message');
      // the event itself leaks the key when inspected
      expect(util.inspect(event, { depth: Infinity, showHidden: true })).toContain(KEY);
      const safe = expectPlainError(safeCause(event, KEY));
      expect(safe.message).toBe('Unexpected server response: 401');
      expect(safe).toHaveProperty('code', 'WS_ERR_UNEXPECTED_RESPONSE');
      expect(safe).not.toHaveProperty('target');
      expectNoKey(safe);
    });

    it('an ErrorEvent without an inner error: its own message', () => {
      const event = new FakeErrorEvent(socketLike(), undefined, `handshake failed for Bearer ${KEY}`);
      const safe = expectPlainError(safeCause(event, KEY));
      expect(safe.message).toBe('handshake failed for Bearer ***');
      expectNoKey(safe);
    });

    it('an ErrorEvent with neither: a generic message', () => {
      const event = new FakeErrorEvent(socketLike(), undefined, undefined as unknown as string);
      expect(expectPlainError(safeCause(event, KEY)).message).toBe('WebSocket error');
    });

    it('an Error subclass holding the socket behind a symbol key', () => {
      class SocketError extends Error {
        [kTarget] = socketLike();
      }
      const error = new SocketError('closed');
      const safe = expectPlainError(safeCause(error, KEY));
      expect(safe.message).toBe('closed');
      expectNoKey(safe);
    });

    it('an Error holding a socket in a non-enumerable or accessor property', () => {
      const hidden = Object.defineProperty(new Error('hidden'), 'socket', { value: socketLike(), enumerable: false });
      const accessor = Object.defineProperty(new Error('accessor'), 'target', { get: () => socketLike(), enumerable: false });
      for (const error of [hidden, accessor]) {
        const safe = expectPlainError(safeCause(error, KEY));
        expect(safe.message).toBe(error.message);
        expectNoKey(safe);
      }
    });

    it('an Error with an object cause', () => {
      const error = new Error('outer', { cause: socketLike() });
      const safe = expectPlainError(safeCause(error, KEY));
      expect(safe).not.toHaveProperty('cause');
      expectNoKey(safe);
    });

    it('keeps a custom name', () => {
      const error = Object.assign(new RangeError('too far'), { target: socketLike() });
      expect(expectPlainError(safeCause(error, KEY)).name).toBe('RangeError');
    });
  });

  describe('redacts the key', () => {
    it('in the message (and so in the stack)', () => {
      const error = new Error(`bad protocol openai-insecure-api-key.${KEY}`);
      const safe = expectPlainError(safeCause(error, KEY));
      expect(safe).not.toBe(error);
      expect(safe.message).toBe('bad protocol openai-insecure-api-key.***');
      expect(safe.stack).toContain('openai-insecure-api-key.***');
      expectNoKey(safe);
    });

    it('in the stack only', () => {
      const error = new Error('fine');
      error.stack = `Error: fine\n    at connect (wss://x/?key=${KEY})`;
      const safe = expectPlainError(safeCause(error, KEY));
      expect(safe.message).toBe('fine');
      expectNoKey(safe);
    });

    it('in a kept string field', () => {
      const report = { message: 'm', address: `user:${KEY}@host`, code: KEY };
      const safe = expectPlainError(safeCause(report, KEY));
      expect(safe).toMatchObject({ address: 'user:***@host', code: '***' });
      expectNoKey(safe);
    });

    it('in any other primitive field (dropped)', () => {
      const report = Object.assign(new Error('m'), { detail: `Bearer ${KEY}` });
      const safe = expectPlainError(safeCause(report, KEY));
      expect(safe).not.toHaveProperty('detail');
      expectNoKey(safe);
    });

    it('in the name of an error', () => {
      const error = Object.assign(new Error('m'), { name: `Err ${KEY}` });
      const safe = expectPlainError(safeCause(error, KEY));
      expect(safe.name).toBe('Err ***');
      expectNoKey(safe);
    });
  });

  describe('primitives', () => {
    it.each<[unknown]>([[undefined], [null], [42], [true], [0n], [Symbol.for('x')]])('%p passes through', (value) => {
      expect(safeCause(value, KEY)).toBe(value);
    });

    it('a string is redacted', () => {
      expect(safeCause(`Authorization: Bearer ${KEY}`, KEY)).toBe('Authorization: Bearer ***');
      expect(safeCause('no secret here', KEY)).toBe('no secret here');
    });

    it('a string is kept as it is without a secret, or with one too short to redact', () => {
      expect(safeCause('abc', undefined)).toBe('abc');
      expect(safeCause('abc', 'abc')).toBe('abc');
    });
  });

  it('never leaves the key in any rendering, for every kind of report', () => {
    const reports: unknown[] = [
      new FakeErrorEvent(socketLike(), new Error(`x ${KEY}`), KEY),
      Object.assign(new Error(KEY), { socket: socketLike() }),
      { message: KEY, target: socketLike(), code: KEY, port: KEY },
      Object.assign(new Error('m'), { [kTarget]: socketLike() }),
      new Error('m', { cause: new FakeErrorEvent(socketLike(), undefined, KEY) }),
      `x${KEY}x`,
    ];
    for (const report of reports) expectNoKey(safeCause(report, KEY));
  });
});
