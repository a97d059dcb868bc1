import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import * as fs from 'node:fs';
import type { ClientEvent } from '../../lib/index';
import { clientEventCodec, decodeServerFrame, encodeClientEvent, isServerEventType } from '../../lib/index';
import { MAX_ISSUES, MAX_RAW_CHARS } from '../../lib/protocol/failures';
import { clientEvent } from '../helpers/arbitraries';
import { corpusPath, jsonFiles, sessionFiles, sessionLines } from '../helpers/corpus';

describe('client events', () => {
  it('round-trip through encode and the client codecs', () => {
    fc.assert(
      fc.property(clientEvent, (event: ClientEvent) => {
        const encoded = encodeClientEvent(event);
        if (E.isLeft(encoded)) throw new Error(encoded.left.message);
        const parsed: unknown = JSON.parse(encoded.right);
        const codec = clientEventCodec(event.type);
        expect(codec?.decode(parsed)).toEqual(E.right(event));
        expect(parsed).toEqual(event);
      }),
      { numRuns: 1000 },
    );
  });
});

// Valid frames to mutate: every server example and every session line.
const seeds: string[] = [
  ...jsonFiles('server-events').map(([, text]) => JSON.stringify(JSON.parse(text))),
  ...sessionFiles('.jsonl').flatMap((f) => sessionLines(f)),
];

const jsonValue = fc.jsonValue({ maxDepth: 3 });

/** A valid frame with one top-level field replaced by a random JSON value, or removed. */
const fieldMutation = fc
  .tuple(fc.constantFrom(...seeds), fc.nat(), fc.option(jsonValue, { nil: undefined }))
  .map(([seed, n, value]) => {
    const frame = JSON.parse(seed) as Record<string, unknown>;
    const keys = Object.keys(frame);
    const key = keys[n % keys.length] as string;
    if (value === undefined) delete frame[key];
    else frame[key] = value;
    return JSON.stringify(frame);
  });

const truncation = fc.tuple(fc.constantFrom(...seeds), fc.nat()).map(([seed, n]) => seed.slice(0, n % (seed.length + 1)));

const byteFlip = fc
  .tuple(fc.constantFrom(...seeds), fc.nat(), fc.integer({ min: 0, max: 255 }))
  .map(([seed, n, byte]) => {
    const bytes = Buffer.from(seed);
    bytes[n % bytes.length] = byte;
    return bytes;
  });

const deepNesting = fc.tuple(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom('[', '{"a":')).map(([depth, open]) => {
  const close = open === '[' ? ']' : '}';
  return `{"type":"conversation.item.added","event_id":"e","item":${open.repeat(depth)}1${close.repeat(depth)}}`;
});

const hugeString = fc
  .tuple(fc.constantFrom('delta', 'type', 'event_id', 'item_id'), fc.integer({ min: 10_000, max: 300_000 }))
  .map(([key, length]) => {
    const frame = JSON.parse(seeds[0] as string) as Record<string, unknown>;
    frame[key] = 'x'.repeat(length);
    return JSON.stringify(frame);
  });

const frame = fc.oneof(
  fieldMutation,
  truncation,
  byteFlip,
  deepNesting,
  hugeString,
  fc.uint8Array({ maxLength: 512 }),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  jsonValue.map((v) => JSON.stringify(v)),
  fc.record({ type: fc.string(), event_id: fc.anything() }).map((v) => JSON.stringify(v) ?? ''),
);

describe('decodeServerEvent under fuzzing', () => {
  it('never throws and always returns a bounded Either, over 10,000 random and mutated frames', () => {
    const codes = new Set(['RT_ERR_FRAME', 'RT_ERR_UTF8', 'RT_ERR_JSON', 'RT_ERR_NOT_OBJECT', 'RT_ERR_NO_TYPE', 'RT_ERR_SHAPE']);
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(frame, (data) => {
        const result = decodeServerFrame(data);
        const tag = E.isLeft(result) ? result.left.code : result.right.warning ? 'RT_WARN_DRIFT' : 'Right';
        seen.set(tag, (seen.get(tag) ?? 0) + 1);
        if (E.isLeft(result)) {
          expect(codes.has(result.left.code)).toBe(true);
          expect(result.left.raw.length).toBeLessThanOrEqual(MAX_RAW_CHARS + 32);
        } else {
          expect(typeof result.right.event.type).toBe('string');
          const { warning } = result.right;
          if (warning) {
            expect(isServerEventType(result.right.event.type)).toBe(true);
            expect(warning.paths.length).toBeGreaterThan(0);
            expect(warning.paths.length).toBeLessThanOrEqual(MAX_ISSUES);
          }
        }
      }),
      { numRuns: 10_000 },
    );
    // the generator reached every branch that matters
    for (const tag of ['Right', 'RT_WARN_DRIFT', 'RT_ERR_JSON', 'RT_ERR_NOT_OBJECT', 'RT_ERR_NO_TYPE', 'RT_ERR_SHAPE', 'RT_ERR_UTF8']) {
      expect(seen.get(tag) ?? 0).toBeGreaterThan(0);
    }
  });

  it('sorts 100,000 mutated valid frames into delivered, drifted and failed, never throwing', () => {
    // Field mutations of real frames, at every depth: the frames closest to server drift. Each is
    // either delivered (maybe with a warning) or a shape failure; a warning never names an
    // essential path, and a failure always does (checked in essentials.spec.ts on the examples).
    const nested = fc
      .tuple(fc.constantFrom(...seeds), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.option(jsonValue, { nil: undefined }))
      .map(([seed, picks, value]) => {
        const root = JSON.parse(seed) as Record<string, unknown>;
        let node: Record<string, unknown> = root;
        for (const [depth, n] of picks.entries()) {
          const keys = Object.keys(node);
          if (keys.length === 0) break;
          const key = keys[n % keys.length] as string;
          const child = node[key];
          if (depth < picks.length - 1 && typeof child === 'object' && child !== null) {
            node = child as Record<string, unknown>;
            continue;
          }
          if (value === undefined) delete node[key];
          else node[key] = value;
          break;
        }
        return JSON.stringify(root);
      });
    const tally = { delivered: 0, drifted: 0, failed: 0 };
    fc.assert(
      fc.property(nested, (data) => {
        const result = decodeServerFrame(data);
        if (E.isLeft(result)) {
          tally.failed++;
          expect(result.left.code).toMatch(/^RT_ERR_(SHAPE|NO_TYPE)$/);
        } else if (result.right.warning) tally.drifted++;
        else tally.delivered++;
      }),
      { numRuns: 100_000 },
    );
    expect(tally.delivered + tally.drifted + tally.failed).toBe(100_000);
    for (const count of Object.values(tally)) expect(count).toBeGreaterThan(1000);
  }, 120_000);

  it('reads the seeds from the fixtures in the repository', () => {
    expect(fs.existsSync(corpusPath('server-events', 'response.done.json'))).toBe(true);
    expect(seeds.length).toBeGreaterThan(100);
  });
});
