import { toolCalls } from '../../lib/index';
import { emissionsAt, newScheduler, sessionMarbles } from '../helpers/marbles';

describe('toolCalls', () => {
  it('emits the completed function call once, when its output item is done (03-function-call-turn)', () => {
    const s = sessionMarbles('03-function-call-turn.jsonl');
    const expected = emissionsAt(
      s.events.length,
      [
        [
          17,
          {
            name: 'get_weather',
            callId: 'call_OCexUjmkWHX7QKKP',
            arguments: '{"location":"Paris, France"}',
            itemId: 'item_CZ0tW8jw9H6X9qhT2ov5R',
            responseId: 'resp_CqhP7bgKl5SfcAIaASSWH',
            outputIndex: 0,
          },
        ],
      ],
      '|',
    );
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold(`${s.marbles}|`, s.values).pipe(toolCalls())).toBe(expected.marbles, expected.values);
    });
  });

  it('skips a call cut off by an interruption', () => {
    const done = (status: string) => ({
      type: 'response.output_item.done',
      event_id: 'e',
      response_id: 'r',
      output_index: 0,
      item: { id: 'f', type: 'function_call', status, call_id: 'c', name: 'n', arguments: '{"a":' },
    });
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('ab', { a: done('incomplete'), b: done('completed') }).pipe(toolCalls())).toBe('-b', {
        b: { name: 'n', callId: 'c', arguments: '{"a":', itemId: 'f', responseId: 'r', outputIndex: 0 },
      });
    });
  });
});
