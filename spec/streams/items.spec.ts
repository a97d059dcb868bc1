import { map } from 'rxjs';
import type { ItemEvent } from '../../lib/index';
import { itemEvents } from '../../lib/index';
import { emissionsAt, newScheduler, sessionMarbles } from '../helpers/marbles';

const view = map((e: ItemEvent) => {
  switch (e.phase) {
    case 'deleted':
      return `deleted ${e.itemId}`;
    case 'truncated':
      return `truncated ${e.itemId} at ${e.audioEndMs}ms`;
    default:
      return `${e.phase} ${e.itemId} ${e.item.type} ${e.item.status ?? '-'} after ${e.previousItemId === undefined ? '?' : String(e.previousItemId)}`;
  }
});

describe('itemEvents', () => {
  it('follows items through added, done and truncated (04-interrupted-turn)', () => {
    const s = sessionMarbles('04-interrupted-turn.jsonl');
    const truncated = s.events[27] as { audio_end_ms: number };
    const prev = (i: number) => String((s.events[i] as { previous_item_id?: unknown }).previous_item_id);
    const expected = emissionsAt(s.events.length, [
      [4, `added item_CIGLpDakI3wK5bwMk7vwW message completed after ${prev(4)}`],
      [5, `done item_CIGLpDakI3wK5bwMk7vwW message completed after ${prev(5)}`],
      [8, `added item_CQz00fT93kxluiCLBIq6T message in_progress after ${prev(8)}`],
      [24, `done item_CQz00fT93kxluiCLBIq6T message incomplete after ${prev(24)}`],
      [27, `truncated item_CQz00fT93kxluiCLBIq6T at ${truncated.audio_end_ms}ms`],
      [30, `added item_CF0ggdLIvCyGyMYLcPbjk message completed after ${prev(30)}`],
      [31, `done item_CF0ggdLIvCyGyMYLcPbjk message completed after ${prev(31)}`],
      [34, `added item_CLlIIG9TfVEqVfhgbyMva message in_progress after ${prev(34)}`],
      [52, `done item_CLlIIG9TfVEqVfhgbyMva message completed after ${prev(52)}`],
    ]);
    expect(truncated.audio_end_ms).toBeGreaterThan(0);
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold(s.marbles, s.values).pipe(itemEvents(), view)).toBe(expected.marbles, expected.values);
    });
  });

  it('reports deletions and retrievals (retrieved items have no position)', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const source = cold('ab', {
        a: { type: 'conversation.item.deleted', event_id: 'e1', item_id: 'gone' },
        b: { type: 'conversation.item.retrieved', event_id: 'e2', item: { id: 'x', type: 'message', role: 'user', content: [] } },
      });
      expectObservable(source.pipe(itemEvents(), view)).toBe('ab', { a: 'deleted gone', b: 'retrieved x message - after ?' });
    });
  });
});
