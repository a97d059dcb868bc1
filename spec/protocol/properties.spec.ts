import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import * as fs from 'node:fs';
import type { ClientEvent } from '../../lib/index';
import { clientEventCodec, decodeServerEvent, encodeClientEvent } from '../../lib/index';
import { MAX_RAW_CHARS } from '../../lib/protocol/failures';
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
        const result = decodeServerEvent(data);
        const tag = E.isLeft(result) ? result.left.code : 'Right';
        seen.set(tag, (seen.get(tag) ?? 0) + 1);
        if (E.isLeft(result)) {
          expect(codes.has(result.left.code)).toBe(true);
          expect(result.left.raw.length).toBeLessThanOrEqual(MAX_RAW_CHARS + 32);
        } else {
          expect(typeof result.right.type).toBe('string');
        }
      }),
      { numRuns: 10_000 },
    );
    // the generator reached every branch that matters
    for (const tag of ['Right', 'RT_ERR_JSON', 'RT_ERR_NOT_OBJECT', 'RT_ERR_NO_TYPE', 'RT_ERR_SHAPE', 'RT_ERR_UTF8']) {
      expect(seen.get(tag) ?? 0).toBeGreaterThan(0);
    }
  });

  it('reads the seeds from the shared corpus in place', () => {
    expect(fs.existsSync(corpusPath('server-events', 'response.done.json'))).toBe(true);
    expect(seeds.length).toBeGreaterThan(100);
  });
});
