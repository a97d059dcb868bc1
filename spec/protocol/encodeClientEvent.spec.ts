import * as E from 'fp-ts/Either';
import type { ClientEvent, EncodeFailure } from '../../lib/index';
import { encodeClientEvent, formatFailure } from '../../lib/index';

const left = (event: unknown): EncodeFailure => {
  const r = encodeClientEvent(event as ClientEvent);
  if (E.isRight(r)) throw new Error(`expected a failure, got ${r.right}`);
  return r.left;
};

describe('encodeClientEvent', () => {
  it('serialises a valid event as given, extra keys included', () => {
    const event = { type: 'conversation.item.truncate', item_id: 'i', content_index: 0, audio_end_ms: 120, event_id: 'c1' } as const;
    expect(encodeClientEvent(event)).toEqual(E.right(JSON.stringify(event)));
    const withExtra = { type: 'response.create', response: { instructions: 'x', future_flag: true } };
    expect(encodeClientEvent(withExtra as ClientEvent)).toEqual(E.right(JSON.stringify(withExtra)));
  });

  it('refuses an unknown or missing type', () => {
    expect(left({ type: 'response.audio.delta' })).toMatchObject({ code: 'RT_ERR_UNKNOWN_COMMAND', type: 'response.audio.delta' });
    expect(left({ item_id: 'x' }).code).toBe('RT_ERR_UNKNOWN_COMMAND');
    expect(left(null).code).toBe('RT_ERR_UNKNOWN_COMMAND');
    expect(left('session.update').code).toBe('RT_ERR_UNKNOWN_COMMAND');
  });

  it('refuses a known type with bad fields, naming them', () => {
    const failure = left({ type: 'conversation.item.truncate', item_id: 'i', content_index: 0, audio_end_ms: 12.5 });
    expect(failure).toEqual({
      _tag: 'EncodeFailure',
      code: 'RT_ERR_COMMAND_SHAPE',
      type: 'conversation.item.truncate',
      message: 'conversation.item.truncate: /audio_end_ms expected integer, got 12.5',
      issues: [{ path: '/audio_end_ms', expected: 'integer', actual: '12.5' }],
    });
    expect(formatFailure(failure)).toBe(
      'RT_ERR_COMMAND_SHAPE conversation.item.truncate\n  /audio_end_ms: expected integer, got 12.5',
    );
  });

  it('requires session.type in session.update, as the GA API does', () => {
    expect(left({ type: 'session.update', session: { instructions: 'x' } }).issues[0]?.path).toBe('/session/type');
  });

  it('reports a value JSON cannot hold instead of throwing', () => {
    const cyclic: Record<string, unknown> = { type: 'response.create', response: { metadata: {} } };
    ((cyclic['response'] as Record<string, unknown>)['metadata'] as Record<string, unknown>)['self'] = cyclic;
    expect(left(cyclic).code).toBe('RT_ERR_COMMAND_JSON');
    expect(left({ type: 'response.create', response: { metadata: { n: BigInt(1) } } }).code).toBe('RT_ERR_COMMAND_JSON');
  });
});
