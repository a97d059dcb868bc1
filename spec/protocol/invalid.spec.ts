import * as E from 'fp-ts/Either';
import type { DecodeFailure } from '../../lib/index';
import { decodeServerEvent, isServerEventType } from '../../lib/index';
import { MAX_RAW_CHARS } from '../../lib/protocol/failures';
import type { InvalidFrame } from '../helpers/corpus';
import { invalidFrames } from '../helpers/corpus';

const frames = invalidFrames();

const isUtf8 = (bytes: Buffer): boolean => Buffer.from(bytes.toString('utf8')).equals(bytes);

/** Decode a frame as bytes and, where the bytes are valid UTF-8 (a text frame can only carry that), as text. */
const decodeBoth = (frame: InvalidFrame) => {
  const fromBytes = decodeServerEvent(frame.bytes);
  const fromText = isUtf8(frame.bytes) ? decodeServerEvent(frame.bytes.toString('utf8')) : fromBytes;
  return { fromBytes, fromText };
};

const leftOf = <A>(r: E.Either<DecodeFailure, A>): DecodeFailure => {
  if (E.isRight(r)) throw new Error(`expected a decode failure, got ${JSON.stringify(r.right).slice(0, 200)}`);
  return r.left;
};

describe('malformed frames from invalid/INDEX.md', () => {
  it('covers all 57 frames of the index', () => {
    expect(frames).toHaveLength(57);
  });

  describe('ERROR: a decode failure that is not about a known type', () => {
    it.each(frames.filter((f) => f.verdict === 'ERROR').map((f) => [f.file, f] as const))('%s', (_, frame) => {
      const { fromBytes, fromText } = decodeBoth(frame);
      for (const failure of [leftOf(fromBytes), leftOf(fromText)]) {
        expect(['RT_ERR_UTF8', 'RT_ERR_JSON', 'RT_ERR_NOT_OBJECT', 'RT_ERR_NO_TYPE']).toContain(failure.code);
        expect(failure.issues).toEqual([]);
        expect(failure.value).toBeUndefined();
        expect(failure.raw.length).toBeLessThanOrEqual(MAX_RAW_CHARS + 32);
      }
    });
  });

  describe('UNKNOWN: passed on as an unknown event', () => {
    it.each(frames.filter((f) => f.verdict === 'UNKNOWN').map((f) => [f.file, f] as const))('%s', (_, frame) => {
      const { fromBytes } = decodeBoth(frame);
      if (E.isLeft(fromBytes)) throw new Error(fromBytes.left.message);
      expect(isServerEventType(fromBytes.right.type)).toBe(false);
      expect(fromBytes.right).toEqual(JSON.parse(frame.bytes.toString('utf8')));
    });
  });

  describe('INVALID: a shape failure naming the type and the failing path', () => {
    it.each(frames.filter((f) => f.verdict === 'INVALID').map((f) => [f.file, f] as const))('%s', (_, frame) => {
      const { fromBytes, fromText } = decodeBoth(frame);
      const parsed = JSON.parse(frame.bytes.toString('utf8')) as { type: string };
      for (const failure of [leftOf(fromBytes), leftOf(fromText)]) {
        expect(failure.code).toBe('RT_ERR_SHAPE');
        expect(failure.type).toBe(parsed.type);
        expect(failure.issues.length).toBeGreaterThan(0);
        expect(failure.issues[0]?.path).toMatch(/^\/\w/);
        // the raw object still travels with the failure, for catch-all listeners (compared by
        // its envelope: jest's deep equality would recurse 10,000 levels into frame 49)
        expect(failure.value?.type).toBe(parsed.type);
        expect(failure.value?.event_id).toBe((parsed as { event_id?: unknown }).event_id);
        expect(Object.keys(failure.value ?? {})).toEqual(Object.keys(parsed));
      }
    });
  });

  describe('ACCEPT and APP: decoded as their known type', () => {
    it.each(frames.filter((f) => f.verdict === 'ACCEPT' || f.verdict === 'APP').map((f) => [f.file, f] as const))(
      '%s',
      (_, frame) => {
        const { fromBytes, fromText } = decodeBoth(frame);
        for (const result of [fromBytes, fromText]) {
          if (E.isLeft(result)) throw new Error(result.left.message);
          expect(isServerEventType(result.right.type)).toBe(true);
        }
      },
    );
  });

  it('names the exact failing paths', () => {
    const paths = Object.fromEntries(
      frames
        .filter((f) => f.verdict === 'INVALID')
        .map((f) => [f.file.slice(0, 2), leftOf(decodeServerEvent(f.bytes)).issues.map((i) => i.path)[0]]),
    );
    expect(paths).toEqual({
      '20': '/output_index',
      '21': '/delta',
      '22': '/response_id',
      '23': '/event_id',
      '24': '/event_id',
      '25': '/content_index',
      '26': '/audio_start_ms',
      '27': '/audio_end_ms',
      '42': '/error',
      '43': '/error',
      '44': '/item/content',
      '45': '/item',
      '46': '/response/status',
      '47': '/session',
      '48': '/rate_limits',
      '49': '/item/content/0',
    });
  });

  it('keeps the 1 MiB audio and transcript deltas intact', () => {
    for (const prefix of ['51-', '52-']) {
      const frame = frames.find((f) => f.file.startsWith(prefix));
      if (!frame) throw new Error(`missing ${prefix}`);
      const result = decodeServerEvent(frame.bytes);
      if (E.isLeft(result)) throw new Error(result.left.message);
      const expected = (JSON.parse(frame.bytes.toString('utf8')) as { delta: string }).delta;
      expect((result.right as { delta: string }).delta).toBe(expected);
      expect(expected.length).toBeGreaterThan(400_000);
    }
  });

  it('does not let a __proto__ key reach Object.prototype', () => {
    const frame = frames.find((f) => f.file.startsWith('40-'));
    if (!frame) throw new Error('missing 40-');
    const result = decodeServerEvent(frame.bytes);
    expect(E.isRight(result)).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(E.isRight(result) ? result.right : null)).toBe(Object.prototype);
  });

  it('keeps a 100 kB unknown type whole in the event, but never in a failure', () => {
    const frame = frames.find((f) => f.file.startsWith('19-'));
    if (!frame) throw new Error('missing 19-');
    const result = decodeServerEvent(frame.bytes);
    if (E.isLeft(result)) throw new Error(result.left.message);
    expect(result.right.type.length).toBeGreaterThan(90_000);
    const broken = decodeServerEvent(`{"type":"${'y'.repeat(100_000)}"`);
    expect(leftOf(broken).raw.length).toBeLessThan(MAX_RAW_CHARS + 32);
  });
});
