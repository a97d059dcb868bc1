/**
 * The two validation backends side by side: the Node build (generated guards, io-ts explaining
 * failures) and the browser build (the generated schema and its interpreter, no io-ts) must give
 * the same verdict and the same field issues on every fixture event (server and client), on the
 * invalid frames, and on systematic corruptions of each (every field, nested ones too, removed,
 * set to null, set to a value of the wrong type); and `decodeServerEvent`, `decodeServerFrame`
 * and `encodeClientEvent` built on either must return the same results.
 */
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as browser from '../../lib/protocol/eventValidation.browser';
import * as node from '../../lib/protocol/eventValidation';
import { clientEventCodecs } from '../../lib/protocol/clientEvents';
import { serverEventCodecs } from '../../lib/protocol/serverEvents';
import type * as DecodeModule from '../../lib/protocol/decodeServerEvent';
import type * as EncodeModule from '../../lib/protocol/encodeClientEvent';
import { UNKNOWN, VALID } from '../../lib/protocol/verdict';
import { invalidFrames, jsonFiles, sessionFiles, sessionLines } from '../helpers/corpus';

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

const unique = (values: unknown[]): unknown[] => [...new Map(values.map((v) => [JSON.stringify(v), v])).values()];

const timeline = sessionFiles('.timeline.jsonl').flatMap((f) => sessionLines(f).map((line) => JSON.parse(line) as { dir: string; event: unknown }));

const serverSeeds = unique([
  ...['server-events', 'server-events/synthesized', 'server-events/synthesized/minimal'].flatMap((dir) => jsonFiles(dir).map(([, text]) => JSON.parse(text) as unknown)),
  ...sessionFiles('.jsonl').flatMap((f) => sessionLines(f).map((line) => JSON.parse(line) as unknown)),
  ...timeline.filter((l) => l.dir === 'server').map((l) => l.event),
]);
const clientSeeds = unique([
  ...['client-events', 'client-events/variants', 'client-events/synthesized/minimal'].flatMap((dir) => jsonFiles(dir).map(([, text]) => JSON.parse(text) as unknown)),
  ...timeline.filter((l) => l.dir === 'client').map((l) => l.event),
]);
const invalid = invalidFrames().map((f) => parse(f.bytes.toString('utf8')));

const typeOf = (u: unknown): string | undefined => {
  const type = typeof u === 'object' && u !== null ? (u as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type : undefined;
};

type Path = ReadonlyArray<string | number>;

/** Every path to a field or element of a value (arrays: their first three elements). */
const pathsOf = (value: unknown, prefix: Path = []): Path[] => {
  if (typeof value !== 'object' || value === null) return [];
  const keys: Array<string | number> = Array.isArray(value) ? value.map((_, i) => i).slice(0, 3) : Object.keys(value);
  return keys.flatMap((k) => [[...prefix, k], ...pathsOf((value as Record<string | number, unknown>)[k], [...prefix, k])]);
};

const REMOVE = Symbol('remove');

/** A copy of `value` with the value at `path` replaced (or removed). */
const replaceAt = (value: unknown, path: Path, next: (old: unknown) => unknown): unknown => {
  if (path.length === 0) return next(value);
  const [head, ...rest] = path as [string | number, ...Path];
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<string | number, unknown>;
  const inner = replaceAt(copy[head], rest, next);
  if (inner === REMOVE) {
    if (Array.isArray(copy)) (copy as unknown[]).splice(head as number, 1);
    else delete copy[head];
  } else {
    copy[head] = inner;
  }
  return copy;
};

/** A value of another JSON kind than `old`. */
const wrongType = (old: unknown): unknown => {
  if (typeof old === 'string') return 7;
  if (typeof old === 'number') return String(old);
  if (typeof old === 'boolean') return 'true';
  if (Array.isArray(old)) return { length: old.length };
  if (old === null) return 0;
  return [old];
};

/** Each field (nested too) removed, set to null, set to a wrong type; numbers also made fractional, strings unknown values. */
const corruptions = (seed: unknown): unknown[] =>
  pathsOf(seed).flatMap((path) => [
    replaceAt(seed, path, () => REMOVE),
    replaceAt(seed, path, () => null),
    replaceAt(seed, path, wrongType),
    replaceAt(seed, path, (old) => (typeof old === 'number' ? old + 0.5 : typeof old === 'string' ? `${old}?` : {})),
  ]);

type Check = (type: string, u: Record<string, unknown>) => unknown;

/** Both backends' verdicts on `u` (looked up by its `type`), asserted equal; the verdict, or undefined without a string type. */
const agree = (u: unknown, nodeCheck: Check, browserCheck: Check): unknown => {
  const type = typeOf(u);
  if (type === undefined) return undefined;
  const verdict = nodeCheck(type, u as Record<string, unknown>);
  expect({ u, verdict: browserCheck(type, u as Record<string, unknown>) }).toStrictEqual({ u, verdict });
  return verdict;
};

const kinds = (verdicts: unknown[]) => ({
  valid: verdicts.filter((v) => v === VALID).length,
  drift: verdicts.filter((v) => typeof v === 'object' && (v as { drift: boolean }).drift).length,
  failure: verdicts.filter((v) => typeof v === 'object' && !(v as { drift: boolean }).drift).length,
});

describe('the browser validation backend agrees with the Node one', () => {
  it('on every server fixture event and every invalid frame', () => {
    const verdicts = [...serverSeeds, ...invalid].map((u) => agree(u, node.checkServerEvent, browser.checkServerEvent));
    expect([...new Set(serverSeeds.map(typeOf))]).toEqual(expect.arrayContaining(Object.keys(serverEventCodecs)));
    const k = kinds(verdicts);
    expect(k.valid).toBeGreaterThan(100);
    expect(k.drift + k.failure).toBeGreaterThan(0);
  });

  it('on every client fixture event', () => {
    const verdicts = clientSeeds.map((u) => agree(u, node.checkClientEvent, browser.checkClientEvent));
    expect([...new Set(clientSeeds.map(typeOf))]).toEqual(expect.arrayContaining(Object.keys(clientEventCodecs)));
    expect(kinds(verdicts).valid).toBeGreaterThan(clientSeeds.length / 2);
  });

  it('on every field of every server fixture event removed, nulled, or of the wrong type', () => {
    const verdicts = serverSeeds.flatMap((seed) => corruptions(seed).map((u) => agree(u, node.checkServerEvent, browser.checkServerEvent)));
    const k = kinds(verdicts);
    expect(verdicts.length).toBeGreaterThan(5000);
    // the corruptions reach every verdict
    for (const n of Object.values(k)) expect(n).toBeGreaterThan(200);
  });

  it('on every field of every client fixture event removed, nulled, or of the wrong type', () => {
    const verdicts = clientSeeds.flatMap((seed) => corruptions(seed).map((u) => agree(u, node.checkClientEvent, browser.checkClientEvent)));
    const k = kinds(verdicts);
    expect(verdicts.length).toBeGreaterThan(500);
    expect(k.valid).toBeGreaterThan(50);
    expect(k.failure).toBeGreaterThan(200);
  });

  it('on corruptions stacked at random, with values JSON cannot carry (sparse arrays, NaN, dates)', () => {
    const junk = fc.oneof(
      fc.constantFrom<unknown>(undefined, NaN, Infinity, -0, 2 ** 53, new Date(0), Object.create(null) as unknown, 'inf', 'message', 'completed', { type: 'nope' }, [{}]),
      // eslint-disable-next-line no-sparse-arrays
      fc.constantFrom<unknown>([, 1], [, { type: 'input_text' }]),
      fc.jsonValue({ maxDepth: 2 }),
    );
    const stacked = (seeds: unknown[]) =>
      fc.tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), junk, fc.boolean()), { minLength: 1, maxLength: 4 })).map(([seed, steps]) =>
        steps.reduce<unknown>((value, [n, v, remove]) => {
          const paths = pathsOf(value);
          return paths.length === 0 ? value : replaceAt(value, paths[n % paths.length]!, () => (remove ? REMOVE : v));
        }, seed),
      );
    fc.assert(fc.property(stacked(serverSeeds), (u) => void agree(u, node.checkServerEvent, browser.checkServerEvent)), { numRuns: 1500 });
    fc.assert(fc.property(stacked(clientSeeds), (u) => void agree(u, node.checkClientEvent, browser.checkClientEvent)), { numRuns: 800 });
  });

  it('is swapped in by package.json for browser and React Native builds (ES modules and CommonJS)', () => {
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as Record<'browser' | 'react-native', Record<string, string | false>>;
    for (const field of ['browser', 'react-native'] as const) {
      for (const build of ['esm', 'cjs']) {
        expect(pkg[field][`./dist/${build}/protocol/eventValidation.js`]).toBe(`./dist/${build}/protocol/eventValidation.browser.js`);
      }
    }
  });

  it('on the known server event types and the fields each declares', () => {
    expect(browser.serverEventTypes).toEqual(node.serverEventTypes);
    expect(node.serverEventTypes).toEqual(Object.keys(serverEventCodecs));
    for (const type of [...node.serverEventTypes, 'response.audio.delta', '__proto__', 'toString']) {
      expect({ type, fields: browser.serverEventFields(type) }).toEqual({ type, fields: node.serverEventFields(type) });
    }
    expect(browser.serverEventFields('input_audio_buffer.cleared')).toEqual(['type', 'event_id']);
  });

  it('on unknown types, names only found on Object.prototype, and non-objects', () => {
    for (const type of ['response.audio.delta', '__proto__', 'constructor', 'toString', '']) {
      expect(browser.checkServerEvent(type, { type })).toBe(UNKNOWN);
      expect(node.checkServerEvent(type, { type })).toBe(UNKNOWN);
      expect(browser.checkClientEvent(type, { type })).toBe(UNKNOWN);
      expect(node.checkClientEvent(type, { type })).toBe(UNKNOWN);
    }
    const arrayish = Object.assign([], { type: 'response.cancel' });
    expect(browser.checkClientEvent('response.cancel', arrayish)).toStrictEqual(node.checkClientEvent('response.cancel', arrayish));
    expect(browser.checkClientEvent('response.cancel', arrayish)).not.toBe(VALID);
  });
});

// --- the decoder and the encoder on either backend ------------------------------------------------

/** A result with the event it carries (a Right's, or a failure's `value`) replaced by its keys. */
const shallow = (result: unknown): unknown => {
  const r = result as { _tag: string; left?: Record<string, unknown>; right?: unknown };
  const keys = (v: unknown) => (typeof v === 'object' && v !== null ? Object.keys(v) : v);
  if (r._tag === 'Left') return { ...r, left: { ...r.left, value: keys(r.left?.value) } };
  const right = r.right as { event?: unknown } | undefined;
  return { ...r, right: typeof right === 'object' && right !== null && 'event' in right ? { ...right, event: keys(right.event) } : keys(right) };
};

/**
 * Deep equality of two results. Jest's equality cannot compare an own `__proto__` key (which
 * JSON.parse creates), nor walk the 10,000-deep fixture: there the events are compared by their keys.
 */
const expectSame = (label: string, received: unknown, expected: unknown): void => {
  if (label.includes('"__proto__"') || label.length > 10_000) expect({ label, received: shallow(received) }).toStrictEqual({ label, received: shallow(expected) });
  else expect({ label, received }).toStrictEqual({ label, received: expected });
};

type Protocol = {
  decode: typeof DecodeModule;
  encode: typeof EncodeModule;
};

/** The decoder and the encoder loaded afresh, on the browser backend (as package.json's `browser` field swaps it) or the Node one. */
const load = (backend: 'browser' | 'node'): Protocol => {
  let loaded: Protocol | undefined;
  jest.isolateModules(() => {
    if (backend === 'browser') jest.doMock('../../lib/protocol/eventValidation', () => jest.requireActual<typeof browser>('../../lib/protocol/eventValidation.browser'));
    loaded = {
      decode: jest.requireActual<typeof DecodeModule>('../../lib/protocol/decodeServerEvent'),
      encode: jest.requireActual<typeof EncodeModule>('../../lib/protocol/encodeClientEvent'),
    };
  });
  jest.dontMock('../../lib/protocol/eventValidation');
  return loaded!;
};

describe('decodeServerEvent, decodeServerFrame and encodeClientEvent give the same results on either backend', () => {
  const browserBuild = load('browser');
  const nodeBuild = load('node');

  it('really loads two backends', () => {
    // the browser build explains without io-ts: its modules hold no codec
    const text = fs.readFileSync(require.resolve('../../lib/protocol/eventValidation.browser'), 'utf8');
    const imports = text.split('\n').filter((line) => line.startsWith('import '));
    expect(imports.length).toBeGreaterThan(2);
    expect(imports.join('\n')).not.toMatch(/io-ts|fp-ts|serverEvents|clientEvents|essentials|guards/);
    expect(browserBuild.decode.decodeServerEvent).not.toBe(nodeBuild.decode.decodeServerEvent);
  });

  it('on every server frame: fixtures, invalid frames, and corruptions', () => {
    const texts = [
      ...serverSeeds.map((u) => JSON.stringify(u)),
      ...invalidFrames().map((f) => f.bytes.toString('utf8')),
      ...serverSeeds.flatMap((seed) => corruptions(seed).filter((_, i) => i % 3 === 0).map((u) => JSON.stringify(u))),
    ];
    let warned = 0;
    for (const text of texts) {
      const b = browserBuild.decode.decodeServerFrame(text);
      const n = nodeBuild.decode.decodeServerFrame(text);
      expectSame(text, b, n);
      expectSame(text, browserBuild.decode.decodeServerEvent(text), nodeBuild.decode.decodeServerEvent(text));
      if (n._tag === 'Right' && n.right.warning) warned++;
    }
    expect(warned).toBeGreaterThan(100);
  });

  it('on bytes as well as text', () => {
    for (const f of invalidFrames()) expectSame(f.bytes.toString('utf8'), browserBuild.decode.decodeServerEvent(f.bytes), nodeBuild.decode.decodeServerEvent(f.bytes));
  });

  it('on every client event: fixtures and corruptions, and non-events', () => {
    const events: unknown[] = [...clientSeeds, ...clientSeeds.flatMap(corruptions), null, 1, 'x', [], {}, { type: 'nope' }, { type: 7 }];
    let failed = 0;
    for (const event of events) {
      const n = nodeBuild.encode.encodeClientEvent(event as never);
      expectSame(String(JSON.stringify(event)), browserBuild.encode.encodeClientEvent(event as never), n);
      if (n._tag === 'Left') failed++;
    }
    expect(failed).toBeGreaterThan(200);
  });
});
