import * as E from 'fp-ts/Either';
import type { DecodeFailure } from '../../lib/index';
import { decodeServerEvent, decodeServerFrame, decodeWarningOf, formatFailure, isServerEventType } from '../../lib/index';
import { MAX_RAW_CHARS } from '../../lib/protocol/failures';
import type { InvalidFrame } from '../helpers/corpus';
import * as fs from 'node:fs';
import { corpusPath, invalidFrames } from '../helpers/corpus';

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

describe('malformed frames in invalid/, with the verdicts of invalid/verdicts.json', () => {
  it('has one row per frame file, and the 57 frames of the shared corpus', () => {
    const files = fs.readdirSync(corpusPath('invalid')).filter((f) => f.endsWith('.txt')).sort();
    expect(frames.map((f) => f.file).sort()).toEqual(files);
    expect(frames.filter((f) => /^\d\d-/.test(f.file))).toHaveLength(57);
    for (const frame of frames) expect(frame.note.length).toBeGreaterThan(0);
  });

  it('keeps the meaning of the 57 shared frames: only three INVALID frames become DRIFT, each saying why', () => {
    const shared = frames.filter((f) => /^\d\d-/.test(f.file));
    const count = (v: string) => shared.filter((f) => f.verdict === v).length;
    expect([count('ERROR'), count('UNKNOWN'), count('INVALID'), count('DRIFT'), count('ACCEPT'), count('APP')]).toEqual([23, 6, 13, 3, 9, 3]);
    for (const frame of shared.filter((f) => f.verdict === 'DRIFT')) expect(frame.note).toMatch(/Changed from INVALID/);
    expect(frames.filter((f) => f.file.startsWith('x')).every((f) => f.note.startsWith('project frame'))).toBe(true);
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

  describe('DRIFT: delivered as the known type, with a warning naming the drifting paths', () => {
    it.each(frames.filter((f) => f.verdict === 'DRIFT').map((f) => [f.file, f] as const))('%s', (_, frame) => {
      const parsed = JSON.parse(frame.bytes.toString('utf8')) as { type: string; event_id?: unknown };
      const { fromBytes, fromText } = decodeBoth(frame);
      for (const result of [fromBytes, fromText]) {
        if (E.isLeft(result)) throw new Error(formatFailure(result.left));
        expect(isServerEventType(result.right.type)).toBe(true);
        // the frame as it arrived: unknown and drifting fields kept
        expect(Object.keys(result.right)).toEqual(Object.keys(parsed));
        const warning = decodeWarningOf(result.right);
        if (warning === undefined) throw new Error('expected a drift warning');
        expect(warning).toMatchObject({ _tag: 'DecodeWarning', code: 'RT_WARN_DRIFT', severity: 'warning', type: parsed.type });
        expect(warning.eventId).toBe(typeof parsed.event_id === 'string' ? parsed.event_id : undefined);
        expect(warning.paths[0]).toBe(frame.path);
        expect(warning.paths).toEqual(warning.issues.map((i) => i.path));
        expect(warning.message).toContain(frame.path);
      }
      const framed = decodeServerFrame(frame.bytes);
      if (E.isLeft(framed)) throw new Error(framed.left.message);
      expect(framed.right.warning?.paths[0]).toBe(frame.path);
      expect(formatFailure(framed.right.warning!)).toMatch(/^RT_WARN_DRIFT /);
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
          expect(decodeWarningOf(result.right)).toBeUndefined();
        }
      },
    );
  });

  it('names the exact failing path given in the table, for an essential field', () => {
    const invalid = frames.filter((f) => f.verdict === 'INVALID');
    expect(invalid.length).toBeGreaterThan(0);
    for (const frame of invalid) {
      expect([frame.file, leftOf(decodeServerEvent(frame.bytes)).issues[0]?.path]).toEqual([frame.file, frame.path]);
    }
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
