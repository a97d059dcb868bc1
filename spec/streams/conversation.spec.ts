import { BehaviorSubject, Subject, map, takeLast, tap } from 'rxjs';
import type { AnyServerEvent, ConnectionStatus, ConversationState } from '../../lib/index';
import { conversation, conversationState } from '../../lib/index';
import { key, newScheduler, sessionMarbles, zeros } from '../helpers/marbles';

/** One line per item: `id role|type status "text" audioMs [call] [truncated]`. */
const summary = (s: ConversationState): string[] => [
  ...(s.dropped > 0 ? [`(${s.dropped} dropped)`] : []),
  ...s.items.map((i) =>
    [
      i.id,
      i.role ?? i.type,
      i.status ?? '-',
      JSON.stringify(i.text),
      `${Math.round(i.audioMs)}ms`,
      ...(i.call ? [`call ${i.call.name ?? ''}(${i.call.arguments ?? ''}) -> ${i.call.output ?? '?'}`] : []),
      ...(i.responseId ? [`from ${i.responseId}`] : []),
      ...(i.truncated ? [`truncated at ${i.truncated.audioEndMs}ms`] : []),
    ].join(' '),
  ),
];

/**
 * Marbles over a whole session file: the state after its last frame (the source completes there),
 * and how many states it went through (one per event that changed what is shown, plus the start).
 */
function finalState(file: string, states: number): string[] {
  const s = sessionMarbles(file);
  let last: string[] = [];
  let count = 0;
  newScheduler().run(({ cold, expectObservable }) => {
    const out = cold(`${s.marbles}|`, s.values).pipe(
      conversationState(),
      tap(() => count++),
      map(summary),
      tap((v) => (last = v)),
    );
    expectObservable(out.pipe(takeLast(1), map(() => 'x'))).toBe(`${'-'.repeat(s.events.length)}(x|)`, { x: 'x' });
  });
  expect(count).toBe(states);
  return last;
}

describe('conversationState over the session fixtures', () => {
  it('01-text-turn: the typed question and the streamed answer', () => {
    expect(finalState('01-text-turn.jsonl', 9)).toEqual([
      'item_CvnUKtf1CuEZqazIPzaOn user completed "What is the capital of France?" 0ms',
      'item_CAnPJibpvvcozql14Aacy assistant completed "The capital of France is Paris." 0ms from resp_CZwR5pP9O9fDI6OczLvpG',
    ]);
  });

  it('02-audio-turn-server-vad: the user transcript from its deltas, the assistant transcript and 560 ms of audio', () => {
    expect(finalState('02-audio-turn-server-vad.jsonl', 29)).toEqual([
      'item_CHjEaaG42eNaeshMUmXw5 user completed "What\'s the weather like today?" 0ms',
      'item_CF7yNxnjrbGEUe8lSGSpt assistant completed "I don\'t have live weather data, but I can help if you tell me your city." 560ms from resp_CQZNSBPRijzxECuFvAU5N',
    ]);
  });

  it('03-function-call-turn: the call with its arguments and, once sent, its output', () => {
    expect(finalState('03-function-call-turn.jsonl', 25)).toEqual([
      'item_CbFF2nDFMjhmg8CwadXd1 user completed "" 0ms',
      'item_CZ0tW8jw9H6X9qhT2ov5R function_call completed "" 0ms call get_weather({"location":"Paris, France"}) -> {"temperature_c":18,"conditions":"light rain"} from resp_CqhP7bgKl5SfcAIaASSWH',
      'item_Co22IT7Iu1W4qDk86eavU function_call_output - "" 0ms call () -> {"temperature_c":18,"conditions":"light rain"}',
      'item_CRKqoaawneiYbHF7XLe44 assistant completed "It\'s 18 degrees with light rain in Paris." 320ms from resp_CETL1vOY9NQ4YN4QuTcuD',
    ]);
  });

  it('04-interrupted-turn: the interrupted answer is incomplete and truncated where it was heard', () => {
    expect(finalState('04-interrupted-turn.jsonl', 29)).toEqual([
      'item_CIGLpDakI3wK5bwMk7vwW user completed "" 0ms',
      'item_CQz00fT93kxluiCLBIq6T assistant incomplete "Sure! Here is a long story about a" 240ms from resp_CT7xq9OAefREl6GnguhLP truncated at 640ms',
      'item_CF0ggdLIvCyGyMYLcPbjk user completed "" 0ms',
      'item_CLlIIG9TfVEqVfhgbyMva assistant completed "Okay, stopping there. What would you like instead?" 320ms from resp_C2OiaumuKPAkluGJRoL59',
    ]);
  });

  it('05-errors-then-recovery: errors change nothing', () => {
    expect(finalState('05-errors-then-recovery.jsonl', 6)).toEqual([
      'item_CmjaRAGsRMuYz4QXnhPRj user completed "Say hi." 0ms',
      'item_CCGJLpDmu6FQm4RiuuIdg assistant completed "Hi there!" 0ms from resp_CrVjFKvzCfsvWUS5qpghD',
    ]);
  });
});

const user = (id: string, text: string, previous?: string | null): AnyServerEvent =>
  ({ type: 'conversation.item.added', event_id: `e_${id}`, ...(previous === undefined ? {} : { previous_item_id: previous }), item: { id, type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_text', text }] } });
const ev = (e: Record<string, unknown>): AnyServerEvent => ({ event_id: 'e', ...e }) as AnyServerEvent;
const texts = (s: ConversationState) => s.items.map((i) => `${i.id}:${i.text}`).join(' ');

describe('conversationState edge cases', () => {
  it('places items by previous_item_id (front, after, end) and removes deleted ones', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const source = cold('-abcde', { a: user('a', 'one', null), b: user('c', 'three', 'a'), c: user('b', 'two', 'a'), d: user('z', 'zero', null), e: ev({ type: 'conversation.item.deleted', item_id: 'b' }) });
      expectObservable(source.pipe(conversationState(), map(texts))).toBe('sabcde', {
        s: '',
        a: 'a:one',
        b: 'a:one c:three',
        c: 'a:one b:two c:three',
        d: 'z:zero a:one b:two c:three',
        e: 'z:zero a:one c:three',
      });
    });
  });

  it('marks a truncation; a done that comes before its added is kept, and the late added does not undo it', () => {
    const done = ev({ type: 'conversation.item.done', previous_item_id: 'a', item: { id: 'm', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_audio', transcript: 'Hello there' }] } });
    const lateAdded = ev({ type: 'conversation.item.added', previous_item_id: 'a', item: { id: 'm', type: 'message', role: 'assistant', status: 'in_progress', content: [] } });
    const truncated = ev({ type: 'conversation.item.truncated', item_id: 'm', content_index: 0, audio_end_ms: 300 });
    newScheduler().run(({ cold, expectObservable }) => {
      const out = cold('-abcd', { a: user('a', 'hi', null), b: done, c: lateAdded, d: truncated }).pipe(
        conversationState(),
        map((s) => s.items.map((i) => `${i.id}:${i.status}:${i.text}${i.truncated ? `@${i.truncated.audioEndMs}` : ''}`).join(' ')),
      );
      expectObservable(out).toBe('sab-d', { s: '', a: 'a:completed:hi', b: 'a:completed:hi m:completed:Hello there', d: 'a:completed:hi m:completed:Hello there@300' });
    });
  });

  it('assembles deltas, counts audio in the output format in force, and marks a cancelled response incomplete', () => {
    const events = [
      ev({ type: 'session.created', session: { type: 'realtime', audio: { output: { format: { type: 'audio/pcmu' } } } } }),
      ev({ type: 'response.created', response: { id: 'r1', object: 'realtime.response', status: 'in_progress', output: [] } }),
      ev({ type: 'response.output_item.added', response_id: 'r1', output_index: 0, item: { id: 'm', type: 'message', role: 'assistant', status: 'in_progress', content: [] } }),
      ev({ type: 'response.output_audio_transcript.delta', response_id: 'r1', item_id: 'm', output_index: 0, content_index: 0, delta: 'Hel' }),
      ev({ type: 'response.output_audio.delta', response_id: 'r1', item_id: 'm', output_index: 0, content_index: 0, delta: zeros(800) }),
      ev({ type: 'response.output_audio_transcript.delta', response_id: 'r1', item_id: 'm', output_index: 0, content_index: 0, delta: 'lo' }),
      ev({ type: 'response.done', response: { id: 'r1', object: 'realtime.response', status: 'cancelled', output: [{ id: 'm', type: 'message', role: 'assistant', status: 'incomplete', content: [] }] } }),
    ];
    newScheduler().run(({ cold, expectObservable }) => {
      const values = Object.fromEntries(events.map((e, i) => [key(i), e]));
      const out = cold(`-${events.map((_, i) => key(i)).join('')}`, values).pipe(
        conversationState(),
        map((s) => s.items.map((i) => `${i.status}:${i.text}:${i.audioMs}ms:${i.responseId}`).join(' ')),
      );
      expectObservable(out).toBe(`s--${key(2)}${key(3)}${key(4)}${key(5)}${key(6)}`, {
        s: '',
        [key(2)]: 'in_progress::0ms:r1',
        [key(3)]: 'in_progress:Hel:0ms:r1',
        [key(4)]: 'in_progress:Hel:100ms:r1', // 800 bytes of G.711 at 8 kHz
        [key(5)]: 'in_progress:Hello:100ms:r1',
        [key(6)]: 'incomplete:Hello:100ms:r1',
      });
    });
  });

  it('keeps at most maxItems, counting the dropped ones', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const out = cold('-abc', { a: user('a', '1'), b: user('b', '2', 'a'), c: user('c', '3', 'b') }).pipe(
        conversationState({ maxItems: 2 }),
        map((s) => `${s.dropped}|${texts(s)}`),
      );
      expectObservable(out).toBe('sabc', { s: '0|', a: '0|a:1', b: '0|a:1 b:2', c: '1|b:2 c:3' });
    });
    expect(() => conversationState({ maxItems: 0 })).toThrow(RangeError);
  });

  it('after a restore, replayed items (same id, or a new id with the same content) are not shown twice', () => {
    const session = ev({ type: 'session.created', session: { type: 'realtime' } });
    const answer = ev({ type: 'conversation.item.done', previous_item_id: 'a', item: { id: 'b', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_audio', transcript: 'Hi!' }] } });
    // the replay: `a` with its own id, `b` as output_text under a new id, then a new user turn
    const replayA = user('a', 'hello', null);
    const replayB = ev({ type: 'conversation.item.added', previous_item_id: 'a', item: { id: 'b2', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Hi!' }] } });
    const next = user('c', 'again', 'b2');
    newScheduler().run(({ cold, expectObservable }) => {
      const out = cold('-ab-cde-f', { a: user('a', 'hello', null), b: answer, c: session, d: replayA, e: replayB, f: next }).pipe(conversationState(), map(texts));
      expectObservable(out).toBe('sab-----f', { s: '', a: 'a:hello', b: 'a:hello b:Hi!', f: 'a:hello b:Hi! c:again' });
    });
  });
});

describe('conversation(client)', () => {
  it('shares one state, replays it to late subscribers, starts a new conversation on a fresh connect and keeps it on a reconnect', () => {
    const events$ = new Subject<AnyServerEvent>();
    const status$ = new BehaviorSubject<ConnectionStatus>({ status: 'connecting' });
    const state$ = conversation({ events$, status$ });
    const first: string[] = [];
    const sub = state$.subscribe((s) => first.push(texts(s)));
    status$.next({ status: 'connected' });
    events$.next(ev({ type: 'session.created', session: { type: 'realtime' } }));
    events$.next(user('a', 'hello'));
    const late: string[] = [];
    const lateSub = state$.subscribe((s) => late.push(texts(s)));
    expect(late).toEqual(['a:hello']);
    status$.next({ status: 'reconnecting', attempt: 1, delayMs: 0, cause: { status: 'disconnected' } });
    status$.next({ status: 'connected', reconnected: { attempt: 1, restored: 1, droppedAudio: 0 } });
    events$.next(ev({ type: 'session.created', session: { type: 'realtime' } }));
    events$.next(user('a', 'hello', null));
    events$.next(user('b', 'more', 'a'));
    status$.next({ status: 'disconnected' });
    status$.next({ status: 'connected' });
    expect(first).toEqual(['', 'a:hello', 'a:hello b:more', '']);
    expect(late).toEqual(['a:hello', 'a:hello b:more', '']);
    sub.unsubscribe();
    lateSub.unsubscribe();
    expect(events$.observed).toBe(false);
    expect(status$.observed).toBe(false);
  });
});
