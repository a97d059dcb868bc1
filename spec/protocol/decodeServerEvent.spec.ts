import * as E from 'fp-ts/Either';
import type { DecodeFailure } from '../../lib/index';
import { decodeServerEvent, decodeWarningOf, formatFailure } from '../../lib/index';
import { MAX_RAW_CHARS } from '../../lib/protocol/failures';

const left = (data: Parameters<typeof decodeServerEvent>[0]): DecodeFailure => {
  const r = decodeServerEvent(data);
  if (E.isRight(r)) throw new Error('expected a failure');
  return r.left;
};

const delta = {
  type: 'response.output_audio.delta',
  event_id: 'event_1',
  response_id: 'resp_1',
  item_id: 'item_1',
  output_index: 0,
  content_index: 0,
  delta: 'AAAA',
};

describe('decodeServerEvent', () => {
  it('returns the parsed event, with unknown fields kept', () => {
    const r = decodeServerEvent(JSON.stringify({ ...delta, obfuscation: 'x', future: { a: 1 } }));
    expect(r).toEqual(E.right({ ...delta, obfuscation: 'x', future: { a: 1 } }));
  });

  it('accepts text, a Buffer, an ArrayBuffer and a typed array alike', () => {
    const text = JSON.stringify(delta);
    const bytes = Buffer.from(text);
    const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    for (const input of [text, bytes, arrayBuffer, new Uint8Array(arrayBuffer)]) {
      expect(decodeServerEvent(input)).toEqual(E.right(delta));
    }
  });

  it('reports a frame that is not text or bytes, whatever it is', () => {
    for (const input of [undefined, null, 42, {}, [], Symbol('x'), () => 1] as unknown[]) {
      expect(left(input as string).code).toBe('RT_ERR_FRAME');
    }
  });

  it('passes a well-formed unknown event through as it arrived', () => {
    const unknown = { type: 'response.reasoning.delta', event_id: 'e', anything: [1, 2] };
    expect(decodeServerEvent(JSON.stringify(unknown))).toEqual(E.right(unknown));
  });

  it('does not treat Object.prototype names as event types', () => {
    for (const type of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const r = decodeServerEvent(JSON.stringify({ type, event_id: 'e' }));
      expect(r).toEqual(E.right({ type, event_id: 'e' }));
    }
  });

  it('keeps the last of duplicate keys, as JSON.parse does', () => {
    const r = decodeServerEvent('{"type":"error","type":"input_audio_buffer.cleared","event_id":"e"}');
    expect(E.isRight(r) && r.right.type).toBe('input_audio_buffer.cleared');
  });

  it('describes a shape failure as data', () => {
    const failure = left(JSON.stringify({ ...delta, output_index: '0', content_index: 0.5 }));
    expect(failure).toEqual({
      _tag: 'DecodeFailure',
      code: 'RT_ERR_SHAPE',
      type: 'response.output_audio.delta',
      message: 'response.output_audio.delta: /output_index expected integer, got "0"',
      issues: [
        { path: '/output_index', expected: 'integer', actual: '"0"' },
        { path: '/content_index', expected: 'integer', actual: '0.5' },
      ],
      raw: JSON.stringify({ ...delta, output_index: '0', content_index: 0.5 }),
      value: { ...delta, output_index: '0', content_index: 0.5 },
    });
  });

  it('names nested paths without io-ts member indexes', () => {
    const failure = left(
      JSON.stringify({
        type: 'conversation.item.added',
        event_id: 'e',
        item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 5 }] },
      }),
    );
    expect(failure.issues.map((i) => i.path)).toEqual(['/item/content/0/text']);
  });

  it('names nested drifting paths the same way, in a warning rather than a failure', () => {
    const r = decodeServerEvent(
      JSON.stringify({
        type: 'response.done',
        event_id: 'e',
        response: { output: [{ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 5 }] }] },
      }),
    );
    if (E.isLeft(r)) throw new Error(r.left.message);
    expect(decodeWarningOf(r.right)?.paths).toEqual(['/response/output/0/content/0/text']);
  });

  it('cuts the raw text and the type to a bounded length', () => {
    const failure = left(`{"type":"${'t'.repeat(5000)}", "event_id": 1, "oops"}`);
    expect(failure.code).toBe('RT_ERR_JSON');
    expect(failure.raw).toMatch(/…\(\+\d+ chars\)$/);
    expect(failure.raw.length).toBeLessThanOrEqual(MAX_RAW_CHARS + 20);
  });

  it('formats a failure for people, separately from the data', () => {
    const failure = left('{"type":"conversation.item.deleted","event_id":"e"}');
    expect(formatFailure(failure)).toBe(
      [
        'RT_ERR_SHAPE conversation.item.deleted',
        '  /item_id: expected string, got undefined',
        '  raw: {"type":"conversation.item.deleted","event_id":"e"}',
      ].join('\n'),
    );
    expect(formatFailure(left('{'))).toMatch(/^RT_ERR_JSON frame is not JSON \(.+\)\n {2}raw: \{$/);
  });

  it('survives 10,000 levels of nesting in a free-form field and in the frame itself', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    expect(left(deep).code).toBe('RT_ERR_NOT_OBJECT');
    const r = decodeServerEvent(`{"type":"session.updated","event_id":"e","session":{"tools":[{"type":"function","name":"f","parameters":{"a":${'{"a":'.repeat(9_999)}1${'}'.repeat(10_000)}}]}}`);
    expect(E.isRight(r)).toBe(true);
  });
});
