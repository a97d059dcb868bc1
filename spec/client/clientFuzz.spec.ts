/**
 * A fuzz of the whole client (issue #9, "add one that drives the whole client"): valid server
 * events from the fixtures, each marked with a unique event_id, interleaved with garbage
 * (truncated JSON, binary-looking text, wrong types, huge strings, deep nesting, random bytes as
 * text, known types with broken essentials, the invalid corpus, binary frames), delivered through
 * a fake socket to a connected RealtimeClient, then to an OpenAIRealtimeWebSocket.
 *
 * Reproducible: a seeded PRNG (FUZZ_SEED in the environment picks another seed).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import type { Observable } from 'rxjs';
import { config as rxConfig } from 'rxjs';
import type { RealtimeError } from '../../lib/index';
import { RealtimeClient, decodeServerEvent, decodeServerFrame, isServerEventType } from '../../lib/index';
import { decodeBase64 } from '../../lib/audio/base64';
import { corpusPath, invalidFrames, sessionFiles, sessionLines } from '../helpers/corpus';
import { FakeSocket } from '../helpers/FakeSocket';
import { harness } from '../facade/harness';

const SEED = Number(process.env['FUZZ_SEED'] ?? 0x5eed9);
const FRAMES = 20_000;
const MARK = 'fzv_';

/** mulberry32: a small, fast, seeded PRNG. */
const prng = (seed: number) => {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)] as T };
};

type Json = Record<string, unknown>;

const walk = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : d.name.endsWith('.json') ? [path.join(dir, d.name)] : []));

/**
 * Every fixture event that decodes cleanly as a known type (no drift warning), except audio deltas
 * whose text is not base64 (OpenAI's example says "Base64EncodedAudioDelta"): the audio layer
 * refuses those (an AudioError), like the APP rows of the invalid corpus, used as garbage here.
 */
const validSeeds: Json[] = [
  ...walk(corpusPath('server-events')).map((f) => fs.readFileSync(f, 'utf8')),
  ...sessionFiles('.jsonl').flatMap((f) => sessionLines(f)),
]
  .map((text) => JSON.parse(text) as Json)
  .filter((v) => {
    const r = decodeServerFrame(JSON.stringify(v));
    const audioOk = v['type'] !== 'response.output_audio.delta' || decodeBase64(v['delta'] as string) !== undefined;
    return E.isRight(r) && r.right.warning === undefined && isServerEventType(r.right.event.type) && audioOk;
  });

/** A known type whose essentials fail: the envelope or the id the library relies on is of the wrong type. */
const breakEssentials = (seed: Json, n: number): Json => {
  const type = seed['type'] as string;
  if (type === 'error') return { ...seed, event_id: `g${n}`, error: 'not an object' };
  if (type.startsWith('mcp_list_tools.')) return { ...seed, event_id: `g${n}`, item_id: 42 };
  return { ...seed, event_id: 12_345 + n };
};

const utf8 = new TextDecoder('utf-8', { fatal: true });
const isUtf8 = (bytes: Buffer): boolean => {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

type Expect = 'failure' | 'unknown' | 'drift' | 'binary' | 'app';

/** The invalid corpus frames that can travel as text, with what each must produce. */
const corpusGarbage: Array<{ text: string; expect: Expect; file: string }> = invalidFrames()
  .filter((f) => isUtf8(f.bytes) && f.verdict !== 'ACCEPT')
  .map((f) => ({
    file: f.file,
    text: f.bytes.toString('utf8'),
    expect: f.verdict === 'ERROR' || f.verdict === 'INVALID' ? 'failure' : f.verdict === 'UNKNOWN' ? 'unknown' : f.verdict === 'DRIFT' ? 'drift' : 'app',
  }));

type Frame = { kind: 'valid'; data: string; id: string; type: string } | { kind: 'garbage'; data: string | ArrayBuffer; expect: Expect; category: string };

/** The reproducible frame sequence: about half valid, half garbage of every category. */
function frames(seed: number, count: number): Frame[] {
  const r = prng(seed);
  const out: Frame[] = [];
  const textOf = (n: number) => JSON.stringify({ ...r.pick(validSeeds), event_id: `t${n}` });
  const garbage: Array<(n: number) => Frame> = [
    (n) => {
      const text = textOf(n);
      return { kind: 'garbage', category: 'truncated JSON', expect: 'failure', data: text.slice(0, r.int(text.length)) };
    },
    () => {
      const length = r.int(300);
      let s = r.next() < 0.3 ? '{' : '';
      for (let i = 0; i < length; i++) s += String.fromCharCode(r.int(256));
      // a lone digit string would be valid JSON (a number): still not an event, still a failure
      return { kind: 'garbage', category: 'binary-looking text', expect: 'failure', data: s };
    },
    () => {
      const bytes = Buffer.alloc(1 + r.int(400));
      for (let i = 0; i < bytes.length; i++) bytes[i] = r.int(256);
      return { kind: 'garbage', category: 'random bytes as text', expect: 'failure', data: bytes.toString('utf8') };
    },
    (n) => {
      const values: unknown[] = [null, 42, -1.5, true, 'response.done', [], [{ type: 'response.done' }], {}, { type: 42 }, { type: null }, { type: ['response.done'] }, { type: { t: 1 } }, { event_id: `g${n}` }, { Type: 'response.done' }];
      return { kind: 'garbage', category: 'wrong types', expect: 'failure', data: JSON.stringify(r.pick(values)) };
    },
    (n) => {
      const size = 50_000 + r.int(250_000);
      const variants: Array<[string, Expect]> = [
        ['x'.repeat(size), 'failure'],
        [JSON.stringify('y'.repeat(size)), 'failure'],
        [JSON.stringify({ type: `fuzz.${'z'.repeat(size)}`, event_id: `g${n}` }), 'unknown'],
        [JSON.stringify({ type: 'fuzz.huge', event_id: `g${n}`, blob: 'w'.repeat(size) }), 'unknown'],
        [`{"type":"response.output_text.delta","delta":"${'v'.repeat(size)}`, 'failure'],
      ];
      const [data, expect] = r.pick(variants);
      return { kind: 'garbage', category: 'huge strings', expect, data };
    },
    (n) => {
      const depth = 1 + r.int(20_000);
      const variants: Array<[string, Expect]> = [
        ['['.repeat(depth) + ']'.repeat(depth), 'failure'],
        ['{"a":'.repeat(depth) + '1' + '}'.repeat(depth), 'failure'],
        ['['.repeat(depth), 'failure'],
        [`{"type":"fuzz.deep","event_id":"g${n}","x":${'['.repeat(depth)}${']'.repeat(depth)}}`, 'unknown'],
      ];
      const [data, expect] = r.pick(variants);
      return { kind: 'garbage', category: 'deep nesting', expect, data };
    },
    (n) => ({ kind: 'garbage', category: 'broken essentials', expect: 'failure', data: JSON.stringify(breakEssentials(r.pick(validSeeds), n)) }),
    () => {
      const f = r.pick(corpusGarbage);
      return { kind: 'garbage', category: `corpus ${f.file}`, expect: f.expect, data: f.text };
    },
    () => {
      const bytes = new Uint8Array(1 + r.int(64)).map(() => r.int(256));
      return { kind: 'garbage', category: 'binary frame', expect: 'binary', data: bytes.buffer };
    },
  ];
  for (let n = 0; n < count; n++) {
    if (r.next() < 0.5) {
      const seedEvent = r.pick(validSeeds);
      const id = `${MARK}${n}`;
      out.push({ kind: 'valid', id, type: seedEvent['type'] as string, data: JSON.stringify({ ...seedEvent, event_id: id }) });
    } else {
      out.push(r.pick(garbage)(n));
    }
  }
  return out;
}

const FUZZ = frames(SEED, FRAMES);

/** Records rxjs errors that no one handled (a throwing subscriber), instead of crashing later. */
let unhandled: unknown[];
let previousOnUnhandled: typeof rxConfig.onUnhandledError;
beforeEach(() => {
  unhandled = [];
  previousOnUnhandled = rxConfig.onUnhandledError;
  rxConfig.onUnhandledError = (e) => unhandled.push(e);
});
afterEach(() => {
  rxConfig.onUnhandledError = previousOnUnhandled;
});

describe(`the client fuzz (seed ${SEED}, ${FRAMES} frames)`, () => {
  it('has valid seeds of many types, and every category of garbage', () => {
    expect(new Set(validSeeds.map((s) => s['type'])).size).toBeGreaterThanOrEqual(40);
    const categories = new Set(FUZZ.flatMap((f) => (f.kind === 'garbage' ? [f.category.startsWith('corpus') ? 'corpus' : f.category] : [])));
    expect([...categories].sort()).toEqual(
      ['binary frame', 'binary-looking text', 'broken essentials', 'corpus', 'deep nesting', 'huge strings', 'random bytes as text', 'truncated JSON', 'wrong types'].sort(),
    );
    const valid = FUZZ.filter((f) => f.kind === 'valid').length;
    expect(valid).toBeGreaterThan(FRAMES * 0.45);
    expect(valid).toBeLessThan(FRAMES * 0.55);
  });

  it('its broken-essential frames are essential failures (RT_ERR_SHAPE), not drift', () => {
    for (const [n, s] of validSeeds.entries()) {
      const r = decodeServerEvent(JSON.stringify(breakEssentials(s, n)));
      expect(E.isLeft(r) && r.left.code).toBe('RT_ERR_SHAPE');
    }
  });

  it('is reproducible: the same seed gives the same frames', () => {
    const again = frames(SEED, 200);
    expect(again.map((f) => (typeof f.data === 'string' ? f.data : Buffer.from(f.data).toString('hex')))).toEqual(
      FUZZ.slice(0, 200).map((f) => (typeof f.data === 'string' ? f.data : Buffer.from(f.data).toString('hex'))),
    );
  });
});

interface Watched {
  count: number;
  errored: unknown;
  completed: boolean;
}

const watch = (source: Observable<unknown>): Watched => {
  const w: Watched = { count: 0, errored: undefined, completed: false };
  source.subscribe({ next: () => void w.count++, error: (e: unknown) => void (w.errored = e ?? 'error'), complete: () => void (w.completed = true) });
  return w;
};

describe('RealtimeClient under the fuzz', () => {
  let client: RealtimeClient;
  afterEach(() => client.dispose());

  it('delivers every valid frame once and in order, one failure per garbage frame, and stays connected with every substream alive', async () => {
    client = new RealtimeClient();
    const socket = new FakeSocket();
    socket.autoOpen = true;
    await client.connect({ apiKey: 'ek_fuzz', url: 'ws://127.0.0.1:1', createWebSocket: () => socket });
    expect(client.status.status).toBe('connected');

    const events: Array<{ type: string; id: unknown }> = [];
    const errors: RealtimeError[] = [];
    client.events$.subscribe((e) => events.push({ type: e.type, id: (e as { event_id?: unknown }).event_id }));
    client.errors$.subscribe((e) => errors.push(e));
    const statuses: string[] = [];
    client.status$.subscribe((s) => statuses.push(s.status));
    const streams = {
      audio$: watch(client.audio$),
      transcripts$: watch(client.transcripts$),
      toolCalls$: watch(client.toolCalls$),
      items$: watch(client.items$),
      turns$: watch(client.turns$),
      usage$: watch(client.usage$),
      rateLimits$: watch(client.rateLimits$),
      frames$: watch(client.frames$),
      events$: watch(client.events$),
      errors$: watch(client.errors$),
    };

    const thrown: Array<[number, unknown]> = [];
    const violations: string[] = [];
    const validIds: string[] = [];
    const violation = (n: number, frame: Frame, what: string) => {
      if (violations.length < 20) violations.push(`#${n} ${frame.kind === 'valid' ? `valid ${frame.type}` : frame.category}: ${what}`);
    };

    for (const [n, frame] of FUZZ.entries()) {
      const e0 = events.length;
      const r0 = errors.length;
      try {
        socket.fire('message', { data: frame.data });
      } catch (e) {
        thrown.push([n, e]);
      }
      const got = events.slice(e0);
      const errs = errors.slice(r0);
      const tags = errs.map((e) => `${e._tag}:${e.code}`).join(',');
      if (frame.kind === 'valid') {
        validIds.push(frame.id);
        if (got.length !== 1 || got[0]?.id !== frame.id) violation(n, frame, `events ${JSON.stringify(got)}`);
        const expected = frame.type === 'error' ? 'ServerError' : undefined;
        if (!(errs.length === (expected ? 1 : 0) && errs.every((e) => e._tag === expected))) violation(n, frame, `errors ${tags}`);
        continue;
      }
      const ok =
        frame.expect === 'failure'
          ? got.length === 0 && errs.length === 1 && errs[0]?._tag === 'DecodeFailure'
          : frame.expect === 'unknown'
            ? got.length === 1 && !isServerEventType(got[0]!.type) && errs.length === 0
            : frame.expect === 'drift'
              ? got.length === 1 && isServerEventType(got[0]!.type) && errs[0]?._tag === 'DecodeWarning' && errs.slice(1).every((e) => e._tag === 'ServerError') && errs.length <= 2
              : frame.expect === 'binary'
                ? got.length === 0 && errs.length === 1 && errs[0]?.code === 'RT_ERR_BINARY_FRAME'
                : got.length === 1 && errs.length <= 1 && errs.every((e) => e._tag === 'AudioError');
      if (!ok) violation(n, frame, `expected ${frame.expect}, got events ${got.map((g) => g.type.slice(0, 60)).join(',') || '-'} errors ${tags || '-'}`);
    }

    expect(thrown).toEqual([]);
    expect(violations).toEqual([]);
    expect(events.map((e) => e.id).filter((id) => typeof id === 'string' && id.startsWith(MARK))).toEqual(validIds);
    expect(unhandled).toEqual([]);
    expect(client.status.status).toBe('connected');
    expect(statuses).toEqual(['connected']);
    for (const [name, w] of Object.entries(streams)) {
      expect([name, w.errored, w.completed]).toEqual([name, undefined, false]);
    }
    expect(streams.audio$.count).toBeGreaterThan(0);
    expect(streams.items$.count).toBeGreaterThan(0);
    expect(streams.turns$.count).toBeGreaterThan(0);

    // still alive: a whole text turn after the fuzz comes out of transcripts$ and turns$
    const before = { transcripts: streams.transcripts$.count, turns: streams.turns$.count, usage: streams.usage$.count };
    for (const line of sessionLines('01-text-turn.jsonl')) socket.fire('message', { data: line });
    expect(streams.transcripts$.count).toBeGreaterThan(before.transcripts);
    expect(streams.turns$.count).toBeGreaterThan(before.turns);
    expect(streams.usage$.count).toBeGreaterThan(before.usage);
    expect(client.status.status).toBe('connected');
  }, 120_000);
});

describe('OpenAIRealtimeWebSocket under the fuzz', () => {
  it("its '*' listener sees every valid event once and in order; nothing throws; it stays connected", async () => {
    const warned: string[] = [];
    const logged: unknown[][] = [];
    const h = harness({ logger: { warn: (m) => void warned.push(m), error: (...args: unknown[]) => void logged.push(args) } });
    await h.connected();
    const star: unknown[] = [];
    let errorEvents = 0;
    h.T.on('*', (e: { event_id?: unknown }) => star.push(e?.event_id));
    h.T.on('error', () => void errorEvents++);
    const socket = h.sockets[h.sockets.length - 1]!;

    const thrown: Array<[number, unknown]> = [];
    const validIds: string[] = [];
    for (const [n, frame] of FUZZ.entries()) {
      if (frame.kind === 'valid') validIds.push(frame.id);
      try {
        socket.fire('message', { data: frame.data });
      } catch (e) {
        thrown.push([n, e]);
      }
    }

    expect(thrown).toEqual([]);
    expect(star.filter((id) => typeof id === 'string' && id.startsWith(MARK))).toEqual(validIds);
    expect(h.T.status).toBe('connected');
    expect(h.T.client.status.status).toBe('connected');
    expect(unhandled).toEqual([]);
    expect(logged).toEqual([]);
    // every failure and binary frame became an error event (and a few valid frames too: server errors, bad audio)
    expect(errorEvents).toBeGreaterThanOrEqual(FUZZ.filter((f) => f.kind === 'garbage' && (f.expect === 'failure' || f.expect === 'binary')).length);
    h.T.close();
  }, 120_000);
});
