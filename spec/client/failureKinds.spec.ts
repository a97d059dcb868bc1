/**
 * The close and failure taxonomy (issue #9): every row of the FailureKind table in
 * lib/client/failureKinds.ts, the HTTP statuses of a refused upgrade with their `retry-after`,
 * and the `disconnected` status a close produces.
 */
import type { FailureKind } from '../../lib/client/failureKinds';
import { classifyClose, classifyUpgrade, isRecoverable, parseRetryAfter } from '../../lib/client/failureKinds';
import { closedStatus } from '../../lib/client/ConnectionStatus';

/** A fixed clock: Thu, 03 Dec 2026 08:00:00 GMT. */
const NOW = Date.UTC(2026, 11, 3, 8, 0, 0);

describe('classifyClose', () => {
  it.each<[number, FailureKind, boolean]>([
    [1000, 'normal', false],
    [1001, 'going-away', true],
    [1002, 'protocol', false],
    [1003, 'protocol', false],
    [1005, 'abnormal', true],
    [1006, 'abnormal', true],
    [1007, 'protocol', false],
    [1008, 'policy', false],
    [1009, 'protocol', false],
    [1010, 'protocol', false],
    [1011, 'server', true],
    [1012, 'server', true],
    [1013, 'server', true],
    [1014, 'server', true],
    [1015, 'tls', false],
    [4000, 'beta-shape', false],
    [4001, 'application', false],
    [4999, 'application', false],
    [3000, 'unknown', false],
    [999, 'unknown', false],
  ])('close %i is %s (recoverable: %s)', (code, kind, recoverable) => {
    expect(classifyClose(code)).toEqual({ kind, recoverable });
  });

  it.each([1004, 1016, 2999, 3999, 5000, 0, -1, 1000.5, Number.NaN])('an unassigned code %p is unknown and not recoverable', (code) => {
    expect(classifyClose(code)).toEqual({ kind: 'unknown', recoverable: false });
  });

  it('never carries a retryAfterMs', () => {
    for (const code of [1000, 1001, 1006, 1011, 4000, 4001]) expect(classifyClose(code)).not.toHaveProperty('retryAfterMs');
  });
});

describe('isRecoverable', () => {
  it.each<[FailureKind, boolean]>([
    ['normal', false],
    ['going-away', true],
    ['abnormal', true],
    ['protocol', false],
    ['policy', false],
    ['server', true],
    ['tls', false],
    ['beta-shape', false],
    ['application', false],
    ['auth', false],
    ['not-found', false],
    ['rate-limited', true],
    ['server-unavailable', true],
    ['rejected', false],
    ['network', true],
    ['timeout', true],
    ['aborted', false],
    ['config', false],
    ['unknown', false],
  ])('%s: %s', (kind, recoverable) => {
    expect(isRecoverable(kind)).toBe(recoverable);
  });
});

describe('classifyUpgrade', () => {
  it.each<[number, FailureKind, boolean]>([
    [401, 'auth', false],
    [403, 'auth', false],
    [404, 'not-found', false],
    [408, 'server-unavailable', true],
    [429, 'rate-limited', true],
    [500, 'server-unavailable', true],
    [502, 'server-unavailable', true],
    [503, 'server-unavailable', true],
    [504, 'server-unavailable', true],
    [400, 'rejected', false],
    [418, 'rejected', false],
    [302, 'rejected', false],
  ])('HTTP %i without retry-after is %s (recoverable: %s)', (status, kind, recoverable) => {
    expect(classifyUpgrade(status, undefined, NOW)).toEqual({ kind, recoverable });
  });

  it.each<[string, string | undefined, number | undefined]>([
    ['whole seconds', '2', 2000],
    ['zero seconds', '0', 0],
    ['seconds with surrounding spaces', '  7 ', 7000],
    ['fractional seconds', '1.5', 1500],
    ['fractional seconds rounded to the ms', '0.0004', 0],
    ['an HTTP date 30 s ahead of now', new Date(NOW + 30_000).toUTCString(), 30_000],
    ['an HTTP date in the past (clamped to 0)', new Date(NOW - 60_000).toUTCString(), 0],
    ['an invalid value', 'soon', undefined],
    ['an empty header', '', undefined],
  ])('429 with retry-after as %s', (_, header, retryAfterMs) => {
    const expected = retryAfterMs === undefined ? { kind: 'rate-limited', recoverable: true } : { kind: 'rate-limited', recoverable: true, retryAfterMs };
    expect(classifyUpgrade(429, header, NOW)).toEqual(expected);
  });

  it('keeps a 503 retry-after too', () => {
    expect(classifyUpgrade(503, '120', NOW)).toEqual({ kind: 'server-unavailable', recoverable: true, retryAfterMs: 120_000 });
  });

  it('uses the injected now for an HTTP date, not the wall clock', () => {
    const date = new Date(NOW + 5_000).toUTCString();
    expect(classifyUpgrade(429, date, NOW)).toMatchObject({ retryAfterMs: 5_000 });
    expect(classifyUpgrade(429, date, NOW + 2_000)).toMatchObject({ retryAfterMs: 3_000 });
  });
});

describe('parseRetryAfter', () => {
  it.each<[string | undefined, number | undefined]>([
    [undefined, undefined],
    ['3', 3000],
    ['3.25', 3250],
    ['\t10\n', 10_000],
    ['86400', 86_400_000],
    ['1e3', undefined],
    ['0x10', undefined],
    ['5s', undefined],
    ['abc', undefined],
    ['', undefined],
  ])('%p is %p ms', (header, ms) => {
    expect(parseRetryAfter(header, NOW)).toBe(ms);
  });

  // RFC 9110 §10.2.3: Retry-After is an HTTP-date or delay-seconds (1*DIGIT). V8's Date.parse
  // reads these malformed numbers as dates in 2001, which would make a 429 say "retry now".
  it.each(['-5', '-1', '+1', '1.', '.5'])('a malformed delay %p is invalid, not a date in the past (retry now)', (header) => {
    expect(parseRetryAfter(header, NOW)).toBeUndefined();
    expect(classifyUpgrade(429, header, NOW)).toEqual({ kind: 'rate-limited', recoverable: true });
  });

  it('reads an IMF-fixdate relative to now, and clamps a past date to 0', () => {
    expect(parseRetryAfter('Thu, 03 Dec 2026 08:01:00 GMT', NOW)).toBe(60_000);
    expect(parseRetryAfter('Thu, 03 Dec 2026 07:00:00 GMT', NOW)).toBe(0);
  });
});

describe('closedStatus', () => {
  it.each<[number, string, boolean, FailureKind, boolean]>([
    [1000, '', true, 'normal', false],
    [1001, 'max duration', true, 'going-away', true],
    [1006, '', false, 'abnormal', true],
    [1007, 'invalid payload', true, 'protocol', false],
    [1011, 'internal error', false, 'server', true],
    [4000, 'invalid_request_error.beta_api_shape_disabled', true, 'beta-shape', false],
    [4321, 'app', true, 'application', false],
    [3000, 'x', true, 'unknown', false],
  ])('close %i %p (clean: %s) is %s, recoverable %s, keeping the code as it is', (code, reason, wasClean, kind, recoverable) => {
    expect(closedStatus(code, reason, wasClean)).toEqual({ status: 'disconnected', code, reason, wasClean, kind, recoverable });
  });
});
