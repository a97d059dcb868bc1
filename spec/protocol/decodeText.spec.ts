import * as E from 'fp-ts/Either';
import { FrameFailure, decodeServerText, decodeText, decodeWarningOf } from '../../lib/protocol/decodeServerEvent';

describe('decodeText: decodeServerText without the Either', () => {
  const frames = [
    '{"type":"input_audio_buffer.cleared","event_id":"e1"}',
    '{"type":"beta.future_event","event_id":"e2","x":1}',
    '{"type":"response.output_text.delta","event_id":"bad","response_id":"r","item_id":"i","output_index":0,"content_index":0.5,"delta":"x"}',
    '{"type":"mcp_list_tools.in_progress","item_id":"mcpl_1"}',
    '{"type":',
    '[1,2]',
    '{"event_id":"no type"}',
  ];

  it('returns the event itself for a valid, unknown or drifted frame, and a FrameFailure otherwise; decodeServerText is its Either', () => {
    for (const raw of frames) {
      const plain = decodeText(raw);
      const either = decodeServerText(raw);
      if (plain instanceof FrameFailure) expect(either).toEqual(E.left(plain.failure));
      else expect(either).toEqual(E.right(plain));
    }
    expect(decodeText(frames[0] as string)).toEqual({ type: 'input_audio_buffer.cleared', event_id: 'e1' });
    expect((decodeText(frames[2] as string) as FrameFailure).failure.code).toBe('RT_ERR_SHAPE');
    expect((decodeText(frames[4] as string) as FrameFailure).failure.code).toBe('RT_ERR_JSON');
    expect((decodeText(frames[5] as string) as FrameFailure).failure.code).toBe('RT_ERR_NOT_OBJECT');
    expect((decodeText(frames[6] as string) as FrameFailure).failure.code).toBe('RT_ERR_NO_TYPE');
  });

  it('a drifted frame carries its warning; a valid one none', () => {
    const valid = decodeText(frames[0] as string);
    const drifted = decodeText(frames[3] as string);
    expect(drifted).not.toBeInstanceOf(FrameFailure);
    expect(decodeWarningOf(drifted as object)?.paths).toEqual(['/event_id']);
    expect(decodeWarningOf(valid as object)).toBeUndefined();
  });
});
