import { map } from 'rxjs';
import { ofType } from '../../lib/index';
import { emissionsAt, newScheduler, sessionMarbles } from '../helpers/marbles';

describe('ofType', () => {
  it('keeps only the named types (01-text-turn)', () => {
    const s = sessionMarbles('01-text-turn.jsonl');
    const expected = emissionsAt(s.events.length, [
      [8, 'The'],
      [9, ' capital'],
      [10, ' of France'],
      [11, ' is'],
      [12, ' Paris.'],
    ]);
    newScheduler().run(({ cold, expectObservable }) => {
      const deltas = cold(s.marbles, s.values).pipe(
        ofType('response.output_text.delta'),
        map((e) => e.delta),
      );
      expectObservable(deltas).toBe(expected.marbles, expected.values);
    });
  });

  it('accepts several types', () => {
    const s = sessionMarbles('01-text-turn.jsonl');
    const expected = emissionsAt(s.events.length, [
      [4, 'response.created'],
      [17, 'response.done'],
    ]);
    newScheduler().run(({ cold, expectObservable }) => {
      const out = cold(s.marbles, s.values).pipe(
        ofType('response.created', 'response.done'),
        map((e) => e.type),
      );
      expectObservable(out).toBe(expected.marbles, expected.values);
    });
  });
});
