/**
 * responseStreams: one stream set per response, split from the client's substreams, each ending
 * with its response. Marble-tested from the recorded function-call session (two responses: a tool
 * call, then spoken audio with its transcript).
 */
import * as E from 'fp-ts/Either';
import type { Observable } from 'rxjs';
import { Subject, filter, map, merge, mergeMap } from 'rxjs';
import type { AnyServerEvent, ResponseStream, Turn } from '../../lib/index';
import { audioChunks, responseStreams, toolCalls, transcriptUpdates, turns } from '../../lib/index';
import { collect } from '../../lib/streams/collect';
import { emissionsAt, newScheduler, sessionMarbles } from '../helpers/marbles';

const sourcesOf = (events$: Observable<AnyServerEvent>) => ({
  turns$: events$.pipe(turns()),
  audio$: events$.pipe(
    audioChunks(),
    collect((r) => (E.isRight(r) ? r.right : undefined)),
  ),
  transcripts$: events$.pipe(transcriptUpdates()),
  toolCalls$: events$.pipe(toolCalls()),
});

/** What a subscriber of each response sees, as text at the frame it happens. */
const view = (r: ResponseStream) =>
  merge(
    r.toolCalls$.pipe(map((c) => `${r.id} call ${c.name} ${c.arguments}`)),
    r.transcript$.pipe(
      filter((t) => t.done),
      map((t) => `${r.id} said "${t.text}"`),
    ),
    r.done$.pipe(map((e) => `${r.id} ${e.status} ${e.usage?.total_tokens ?? '-'}`)),
  );

describe('responseStreams', () => {
  it('splits a session into its responses, each ending with its response.done (03-function-call-turn)', () => {
    const s = sessionMarbles('03-function-call-turn.jsonl');
    const [callDone] = s.indexesOf('response.output_item.done');
    const [done1, done2] = s.indexesOf('response.done');
    const [said] = s.indexesOf('response.output_audio_transcript.done');
    const idAt = (i: number | undefined) => (s.events[i ?? 0] as { response: { id: string } }).response.id;
    const [r1, r2] = [idAt(done1), idAt(done2)];
    const transcript = (s.events[said ?? 0] as { transcript: string }).transcript;
    const call = s.events[callDone ?? 0] as { item: { name: string; arguments: string } };
    const usage = (i: number | undefined) => (s.events[i ?? 0] as { response: { usage?: { total_tokens?: number } } }).response.usage?.total_tokens ?? '-';
    const expected = emissionsAt(s.events.length, [
      [callDone ?? 0, `${r1} call ${call.item.name} ${call.item.arguments}`],
      [done1 ?? 0, `${r1} completed ${usage(done1)}`],
      [said ?? 0, `${r2} said "${transcript}"`],
      [done2 ?? 0, `${r2} completed ${usage(done2)}`],
    ]);
    newScheduler().run(({ hot, expectObservable }) => {
      const events$ = hot(s.marbles, s.values);
      expectObservable(responseStreams(sourcesOf(events$)).pipe(mergeMap(view))).toBe(expected.marbles, expected.values);
    });
  });

  it('routes each audio chunk to its own response only', () => {
    const s = sessionMarbles('03-function-call-turn.jsonl');
    const counts: Record<string, number> = {};
    newScheduler().run(({ hot }) => {
      responseStreams(sourcesOf(hot(s.marbles, s.values))).subscribe((r) => r.audio$.subscribe(() => (counts[r.id] = (counts[r.id] ?? 0) + 1)));
    });
    expect(Object.values(counts)).toEqual([s.indexesOf('response.output_audio.delta').length]);
  });

  it('ends a response the connection took with it as interrupted, and completes its streams', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const turns$ = cold<Turn>('a--b-|', {
        a: { phase: 'started', responseId: 'r1', response: { id: 'r1' } } as Turn,
        b: { phase: 'interrupted', responseId: 'r1', reason: 'connection-lost' },
      });
      const none = cold<never>('------|');
      const out = responseStreams({ turns$, audio$: none, transcripts$: none, toolCalls$: none }).pipe(mergeMap((r) => r.done$.pipe(map((e) => `${r.id} ${e.status} ${e.reason}`))));
      expectObservable(out).toBe('---x-|', { x: 'r1 interrupted connection-lost' });
    });
  });

  it('tracks at most maxOpen responses: the oldest is ended past it', () => {
    const turns$ = new Subject<Turn>();
    const none = new Subject<never>();
    const ends: string[] = [];
    responseStreams({ turns$, audio$: none, transcripts$: none, toolCalls$: none }, 2).subscribe((r) => r.done$.subscribe((e) => ends.push(`${r.id} ${e.status}`)));
    for (const id of ['a', 'b', 'c']) turns$.next({ phase: 'started', responseId: id, response: { id } });
    expect(ends).toEqual(['a interrupted']);
    turns$.complete();
    expect(ends).toEqual(['a interrupted', 'b interrupted', 'c interrupted']);
  });
});
