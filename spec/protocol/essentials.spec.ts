import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { ServerEventType } from '../../lib/index';
import { decodeServerEvent, decodeServerFrame, decodeWarningOf, serverEventCodecs } from '../../lib/index';
import type { EssentialSpec } from '../../lib/protocol/essentials';
import { essentialCodec, pickEssentials, serverEventEssentials } from '../../lib/protocol/essentials';
import { jsonFiles } from '../helpers/corpus';

const types = Object.keys(serverEventCodecs) as ServerEventType[];

/** The paths a spec keeps, `/a/b` style. */
const pathsOf = (spec: EssentialSpec, prefix = ''): string[] =>
  Object.entries(spec).flatMap(([key, leaf]) => (leaf === true || leaf instanceof t.Type ? [`${prefix}/${key}`] : pathsOf(leaf, `${prefix}/${key}`)));

const examples = ['server-events', 'server-events/synthesized', 'server-events/synthesized/minimal'].flatMap((dir) =>
  jsonFiles(dir).map(([file, text]) => [`${dir}/${file}`, JSON.parse(text) as Record<string, unknown> & { type: string }] as const),
);

describe('the essentials table', () => {
  it('has an entry for every server event type, and an essential codec for each', () => {
    expect(Object.keys(serverEventEssentials).sort()).toEqual([...types].sort());
    for (const type of types) expect(essentialCodec(type)).toBeDefined();
    expect(essentialCodec('future.event')).toBeUndefined();
  });

  it('keeps the envelope: type always, event_id except where OpenAI\'s SDK makes it optional', () => {
    const withoutEventId = types.filter((type) => !('event_id' in serverEventEssentials[type]));
    expect(withoutEventId.sort()).toEqual(['error', 'mcp_list_tools.completed', 'mcp_list_tools.failed', 'mcp_list_tools.in_progress']);
    for (const type of types) expect(serverEventEssentials[type]['type']).toBe(true);
  });

  it('names exactly what the streams, the facade and the commands read (the documented table)', () => {
    const table = Object.fromEntries(types.map((type) => [type, pathsOf(serverEventEssentials[type]).filter((p) => p !== '/type' && p !== '/event_id')]));
    expect(table['response.done']).toEqual(['/response/id', '/response/status', '/response/usage', '/response/audio/output/format']);
    expect(table['response.created']).toEqual(['/response/id', '/response/status', '/response/audio/output/format']);
    expect(table['session.updated']).toEqual(['/session/tracing', '/session/audio/input/turn_detection/interrupt_response', '/session/audio/output/format']);
    expect(table['response.output_audio.delta']).toEqual(['/response_id', '/item_id', '/content_index', '/output_index', '/delta']);
    expect(table['response.output_text.delta']).toEqual(['/response_id', '/item_id', '/content_index', '/delta']);
    expect(table['mcp_list_tools.in_progress']).toEqual(['/item_id']);
    expect(table['conversation.item.added']).toEqual(['/item', '/previous_item_id']);
    expect(table['error']).toEqual(['/error']);
    expect(table['rate_limits.updated']).toEqual(['/rate_limits']);
    expect(table['input_audio_buffer.speech_started']).toEqual(['/item_id']);
  });

  it('is picked from the full codecs: a field the full codec lacks is refused when the table is built', () => {
    const full = t.type({ type: t.literal('x'), a: t.partial({ b: t.string }) });
    expect(() => pickEssentials(full, { type: true, nope: true }, 'x')).toThrow('essentials: x has no field "nope"');
    expect(() => pickEssentials(full, { a: { c: true } }, 'x')).toThrow('essentials: x.a has no field "c"');
    expect(() => pickEssentials(full, { type: { deeper: true } }, 'x')).toThrow(/not an object codec/);
    const picked = pickEssentials(full, { a: { b: true } }, 'x');
    expect(picked.is({ a: { b: 's' }, type: 7 })).toBe(true);
    expect(picked.is({ a: { b: 1 } })).toBe(false);
    expect(picked.is({ a: {} })).toBe(true); // optional stays optional
    expect(picked.is({})).toBe(false); // required stays required
  });

  it.each(examples)('%s: is looser than the full codec (what the full codec accepts, the essentials accept)', (_, value) => {
    const full = serverEventCodecs[value.type as ServerEventType] as t.Mixed | undefined;
    const essentials = essentialCodec(value.type);
    if (full === undefined || essentials === undefined) return;
    if (full.is(value)) expect(essentials.is(value)).toBe(true);
    // identity codecs: decode agrees with is and returns its input
    const decoded = essentials.decode(value);
    expect(E.isRight(decoded) && decoded.right).toBe(essentials.is(value) ? value : false);
  });
});

/** Replace every field the spec does not keep by a value of the wrong kind. */
const corrupt = (value: unknown, spec: EssentialSpec, junk: unknown): unknown => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    const leaf = spec[key];
    out[key] = leaf === undefined ? junk : leaf === true || leaf instanceof t.Type ? field : corrupt(field, leaf, junk);
  }
  return out;
};

describe('two-tier decoding of every OpenAI example with its non-essential fields broken', () => {
  const cases = examples
    .filter(([, v]) => v.type in serverEventCodecs)
    .flatMap(([name, v]) => [7, 'drift', [], { drift: true }].map((junk) => [`${name} with ${JSON.stringify(junk)}`, v, junk] as const));

  it.each(cases)('%s is delivered, with a warning exactly when something drifted', (_, value, junk) => {
    const broken = corrupt(value, serverEventEssentials[value.type as ServerEventType], junk) as Record<string, unknown>;
    const r = decodeServerFrame(JSON.stringify(broken));
    if (E.isLeft(r)) throw new Error(`${r.left.message}`);
    expect(r.right.event).toEqual(broken);
    const full = serverEventCodecs[value.type as ServerEventType] as t.Mixed;
    expect(r.right.warning === undefined).toBe(full.is(broken));
    for (const path of r.right.warning?.paths ?? []) {
      // every drifting path lies outside the essentials
      const essential = pathsOf(serverEventEssentials[value.type as ServerEventType]);
      expect(essential.some((p) => path === p || path.startsWith(`${p}/`))).toBe(false);
    }
  });
});

describe('decodeServerEvent, decodeServerFrame and decodeWarningOf', () => {
  const drifted = '{"type":"input_audio_buffer.speech_started","event_id":"e1","item_id":"i1","audio_start_ms":"soon"}';

  it('agree: the same event, the same warning', () => {
    const a = decodeServerEvent(drifted);
    const b = decodeServerFrame(drifted);
    if (E.isLeft(a) || E.isLeft(b)) throw new Error('expected Right');
    expect(b.right.event).toEqual(a.right);
    expect(b.right.warning).toEqual(decodeWarningOf(a.right));
    expect(b.right.warning).toEqual({
      _tag: 'DecodeWarning',
      code: 'RT_WARN_DRIFT',
      severity: 'warning',
      type: 'input_audio_buffer.speech_started',
      eventId: 'e1',
      message: 'input_audio_buffer.speech_started: delivered, but /audio_start_ms expected integer, got "soon"',
      paths: ['/audio_start_ms'],
      issues: [{ path: '/audio_start_ms', expected: 'integer', actual: '"soon"' }],
    });
  });

  it('give no warning for a valid or an unknown event', () => {
    for (const text of ['{"type":"input_audio_buffer.cleared","event_id":"e"}', '{"type":"future.event"}']) {
      const r = decodeServerFrame(text);
      expect(E.isRight(r) && r.right).toEqual({ event: JSON.parse(text) });
    }
  });

  it('fail on the essentials, naming the essential paths only', () => {
    const r = decodeServerEvent('{"type":"input_audio_buffer.speech_started","event_id":"e1","audio_start_ms":"soon"}');
    expect(E.isLeft(r) && r.left.issues.map((i) => i.path)).toEqual(['/item_id']);
  });

  it('keep a bounded event_id in the warning', () => {
    const r = decodeServerFrame(`{"type":"input_audio_buffer.cleared","event_id":"${'e'.repeat(10_000)}","x":1}`);
    expect(E.isRight(r) && r.right.warning).toBeUndefined();
    const long = decodeServerFrame(`{"type":"input_audio_buffer.speech_started","event_id":"${'e'.repeat(10_000)}","item_id":"i"}`);
    if (E.isLeft(long)) throw new Error('expected Right');
    expect(long.right.warning?.eventId?.length).toBeLessThan(200);
  });
});
