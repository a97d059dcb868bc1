import { map } from 'rxjs';
import type { InterruptedTurn, Turn } from '../../lib/index';
import { rateLimits, turns, usage } from '../../lib/index';
import { emissionsAt, newScheduler, sessionMarbles } from '../helpers/marbles';

describe('turns', () => {
  it('reports each response starting and finishing, with the cancellation by barge-in (04-interrupted-turn)', () => {
    const s = sessionMarbles('04-interrupted-turn.jsonl');
    const expected = emissionsAt(s.events.length, [
      [6, 'started resp_CT7xq9OAefREl6GnguhLP'],
      [25, 'done resp_CT7xq9OAefREl6GnguhLP cancelled turn_detected 289'],
      [32, 'started resp_C2OiaumuKPAkluGJRoL59'],
      [53, 'done resp_C2OiaumuKPAkluGJRoL59 completed - 380'],
    ]);
    newScheduler().run(({ cold, expectObservable }) => {
      const view = map((t: Exclude<Turn, InterruptedTurn>) =>
        t.phase === 'started' ? `started ${t.responseId}` : `done ${t.responseId} ${t.status} ${t.reason ?? '-'} ${t.usage?.total_tokens}`,
      );
      expectObservable(cold(s.marbles, s.values).pipe(turns(), view)).toBe(expected.marbles, expected.values);
    });
  });
});

describe('usage', () => {
  it('reports token usage in camelCase when a response is done (01-text-turn)', () => {
    const s = sessionMarbles('01-text-turn.jsonl');
    const done = s.events[17] as { response: { usage: { input_token_details: unknown; output_token_details: unknown } } };
    const expected = emissionsAt(s.events.length, [
      [
        17,
        {
          responseId: 'resp_CZwR5pP9O9fDI6OczLvpG',
          inputTokens: 142,
          outputTokens: 8,
          totalTokens: 150,
          inputTokensDetails: done.response.usage.input_token_details,
          outputTokensDetails: done.response.usage.output_token_details,
        },
      ],
    ]);
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold(s.marbles, s.values).pipe(usage())).toBe(expected.marbles, expected.values);
    });
  });
});

describe('rateLimits', () => {
  it('passes each rate limit update on (01-text-turn)', () => {
    const s = sessionMarbles('01-text-turn.jsonl');
    const update = s.events[18] as { rate_limits: unknown[] };
    expect(update.rate_limits.length).toBeGreaterThan(0);
    const expected = emissionsAt(s.events.length, [[18, update.rate_limits]]);
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold(s.marbles, s.values).pipe(rateLimits())).toBe(expected.marbles, expected.values);
    });
  });
});
