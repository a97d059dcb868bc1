/**
 * Bounded transcripts (issue #9, finding 8): unfinished transcripts are capped in length and in
 * number, each hit is reported, a `.done` forgets its transcript, and (through RealtimeClient)
 * nothing of one connection's transcripts survives into the next.
 */
import type { Observable } from 'rxjs';
import { Subject, from, lastValueFrom, config as rxConfig, toArray } from 'rxjs';
import type { AnyServerEvent, RealtimeError, TranscriptSource, TranscriptUpdate } from '../../lib/index';
import { RealtimeClient } from '../../lib/index';
import type { TranscriptLimits } from '../../lib/streams/transcripts';
import { DEFAULT_TRANSCRIPT_LIMITS, transcriptUpdates } from '../../lib/streams/transcripts';
import { FakeSocket } from '../helpers/FakeSocket';

type Hit = Parameters<NonNullable<TranscriptLimits['onLimit']>>[0];

const TYPES: Record<TranscriptSource, { delta: string; done: string; field: 'transcript' | 'text' }> = {
  output_audio: { delta: 'response.output_audio_transcript.delta', done: 'response.output_audio_transcript.done', field: 'transcript' },
  output_text: { delta: 'response.output_text.delta', done: 'response.output_text.done', field: 'text' },
  input_audio: { delta: 'conversation.item.input_audio_transcription.delta', done: 'conversation.item.input_audio_transcription.completed', field: 'transcript' },
};

let seq = 0;
const delta = (itemId: string, text: string, source: TranscriptSource = 'output_text', contentIndex = 0): AnyServerEvent =>
  ({
    type: TYPES[source].delta,
    event_id: `ev_${++seq}`,
    item_id: itemId,
    content_index: contentIndex,
    delta: text,
    ...(source === 'input_audio' ? {} : { response_id: 'resp_1', output_index: 0 }),
  });

const done = (itemId: string, text: string, source: TranscriptSource = 'output_text', contentIndex = 0): AnyServerEvent =>
  ({
    type: TYPES[source].done,
    event_id: `ev_${++seq}`,
    item_id: itemId,
    content_index: contentIndex,
    [TYPES[source].field]: text,
    ...(source === 'input_audio' ? {} : { response_id: 'resp_1', output_index: 0 }),
  });

/** Run events through transcriptUpdates with these limits; the updates and the limit hits. */
const run = async (events: AnyServerEvent[], limits: Omit<TranscriptLimits, 'onLimit'> = {}) => {
  const hits: Hit[] = [];
  const updates = await lastValueFrom(from(events).pipe(transcriptUpdates({ ...limits, onLimit: (h) => hits.push(h) }), toArray()));
  return { updates, hits, texts: updates.map((u) => u.text) };
};

describe('transcriptUpdates limits', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_TRANSCRIPT_LIMITS).toEqual({ maxChars: 262_144, maxInFlight: 256 });
  });

  describe('maxChars', () => {
    it('stops the text growing at maxChars and reports the transcript once; deltas are still emitted', async () => {
      const { updates, hits } = await run([delta('a', 'hello'), delta('a', 'world!'), delta('a', 'more'), delta('a', 'and more')], { maxChars: 10 });
      expect(updates.map((u) => [u.delta, u.text])).toEqual([
        ['hello', 'hello'],
        ['world!', 'helloworld'],
        ['more', 'helloworld'],
        ['and more', 'helloworld'],
      ]);
      expect(hits).toEqual([{ reason: 'max-chars', itemId: 'a', source: 'output_text' }]);
    });

    it('caps a single delta longer than maxChars', async () => {
      const { texts, hits } = await run([delta('a', 'x'.repeat(25), 'output_audio')], { maxChars: 8 });
      expect(texts).toEqual(['xxxxxxxx']);
      expect(hits).toEqual([{ reason: 'max-chars', itemId: 'a', source: 'output_audio' }]);
    });

    it('a transcript exactly at maxChars is not reported', async () => {
      const { texts, hits } = await run([delta('a', 'hello'), delta('a', 'world'), delta('a', '')], { maxChars: 10 });
      expect(texts).toEqual(['hello', 'helloworld', 'helloworld']);
      expect(hits).toEqual([]);
    });

    it('reports a transcript that reached exactly maxChars when its next delta is dropped', async () => {
      const { texts, hits } = await run([delta('a', 'hello'), delta('a', 'world'), delta('a', '!')], { maxChars: 10 });
      expect(texts).toEqual(['hello', 'helloworld', 'helloworld']);
      expect(hits).toEqual([{ reason: 'max-chars', itemId: 'a', source: 'output_text' }]);
    });

    it('reports once per transcript: each item, source and content part on its own', async () => {
      const { hits } = await run(
        [
          delta('a', 'xxxxx'),
          delta('b', 'yyyyy', 'input_audio'),
          delta('a', 'xxxxx', 'output_text', 1),
          delta('a', 'xx'),
          delta('b', 'yy', 'input_audio'),
          delta('a', 'xx', 'output_text', 1),
          delta('a', 'xx'),
          delta('b', 'yy', 'input_audio'),
        ],
        { maxChars: 6 },
      );
      expect(hits).toEqual([
        { reason: 'max-chars', itemId: 'a', source: 'output_text' },
        { reason: 'max-chars', itemId: 'b', source: 'input_audio' },
        { reason: 'max-chars', itemId: 'a', source: 'output_text' },
      ]);
    });

    it("the final update carries the server's complete text, and clears the transcript", async () => {
      const { updates, hits } = await run([delta('a', 'abcdef'), done('a', 'abcdefghij'), delta('a', 'ab'), delta('a', 'cdefgh')], { maxChars: 4 });
      expect(updates.map((u) => [u.text, u.done])).toEqual([
        ['abcd', false],
        ['abcdefghij', true],
        ['ab', false],
        ['abcd', false],
      ]);
      // a new transcript for the same item after its .done is a new transcript: reported again
      expect(hits).toEqual([
        { reason: 'max-chars', itemId: 'a', source: 'output_text' },
        { reason: 'max-chars', itemId: 'a', source: 'output_text' },
      ]);
    });

    it('without onLimit, the cap still holds', async () => {
      const updates = await lastValueFrom(from([delta('a', 'abc'), delta('a', 'def')]).pipe(transcriptUpdates({ maxChars: 4 }), toArray()));
      expect(updates.map((u: TranscriptUpdate) => u.text)).toEqual(['abc', 'abcd']);
    });
  });

  describe('maxInFlight', () => {
    it('evicts the oldest unfinished transcript past maxInFlight, and reports it with its itemId and source', async () => {
      const { texts, hits } = await run([delta('a', 'A', 'input_audio'), delta('b', 'B', 'output_audio'), delta('a', 'a', 'input_audio'), delta('c', 'C')], { maxInFlight: 2 });
      expect(texts).toEqual(['A', 'B', 'Aa', 'C']);
      expect(hits).toEqual([{ reason: 'max-in-flight', itemId: 'a', source: 'input_audio' }]);
    });

    it('an evicted transcript starts from nothing if its deltas continue (and evicts the next oldest)', async () => {
      const { texts, hits } = await run([delta('a', 'A1'), delta('b', 'B1'), delta('c', 'C1'), delta('a', 'A2'), delta('b', 'B2')], { maxInFlight: 2 });
      expect(texts).toEqual(['A1', 'B1', 'C1', 'A2', 'B2']);
      expect(hits.map((h) => h.itemId)).toEqual(['a', 'b', 'c']);
      expect(hits.every((h) => h.reason === 'max-in-flight' && h.source === 'output_text')).toBe(true);
    });

    it('the same item in another source or content part is another transcript', async () => {
      const { hits } = await run([delta('x', '1', 'input_audio'), delta('x', '2', 'output_audio'), delta('x', '3', 'output_audio', 1)], { maxInFlight: 1 });
      expect(hits).toEqual([
        { reason: 'max-in-flight', itemId: 'x', source: 'input_audio' },
        { reason: 'max-in-flight', itemId: 'x', source: 'output_audio' },
      ]);
    });

    it('a .done clears its transcript, so finished ones never count', async () => {
      const events = ['a', 'b', 'c', 'd', 'e'].flatMap((id) => [delta(id, id), done(id, id)]);
      const { hits, updates } = await run(events, { maxInFlight: 1 });
      expect(hits).toEqual([]);
      expect(updates.filter((u) => u.done).map((u) => u.itemId)).toEqual(['a', 'b', 'c', 'd', 'e']);
    });

    it('a .done for a transcript never started evicts nothing', async () => {
      const { hits, texts } = await run([delta('a', 'A'), done('z', 'Z'), delta('a', 'a')], { maxInFlight: 1 });
      expect(hits).toEqual([]);
      expect(texts).toEqual(['A', 'Z', 'Aa']);
    });

    it('defaults to 256 transcripts in flight', async () => {
      const events = Array.from({ length: 257 }, (_, i) => delta(`item_${i}`, 't'));
      events.push(delta('item_0', 'u'));
      const { hits, texts } = await run(events);
      expect(hits).toEqual([
        { reason: 'max-in-flight', itemId: 'item_0', source: 'output_text' },
        { reason: 'max-in-flight', itemId: 'item_1', source: 'output_text' },
      ]);
      expect(texts[texts.length - 1]).toBe('u');
    });

    it('defaults to 262,144 characters per transcript', async () => {
      const chunk = 'x'.repeat(100_000);
      const { texts, hits } = await run([delta('a', chunk), delta('a', chunk), delta('a', chunk), delta('a', 'y')]);
      expect(texts.map((t) => t.length)).toEqual([100_000, 200_000, 262_144, 262_144]);
      expect(hits).toEqual([{ reason: 'max-chars', itemId: 'a', source: 'output_text' }]);
    });
  });

  describe('a maxInFlight of 0 (or below)', () => {
    let previous: typeof rxConfig.onUnhandledError;
    beforeEach(() => {
      jest.useFakeTimers();
      previous = rxConfig.onUnhandledError;
    });
    afterEach(() => {
      rxConfig.onUnhandledError = previous;
      jest.useRealTimers();
    });

    // Either refused at once with a clear message (public-API misuse), or honoured; never an
    // exception inside the stream, which rxjs rethrows asynchronously (a crash in Node).
    it.each([0, -1])('maxInFlight %p: no exception escapes the stream', (maxInFlight) => {
      const unhandled: unknown[] = [];
      rxConfig.onUnhandledError = (e) => unhandled.push(e);
      let op: ReturnType<typeof transcriptUpdates>;
      try {
        op = transcriptUpdates({ maxInFlight });
      } catch (e) {
        expect(String(e)).toMatch(/maxInFlight/);
        return;
      }
      const updates: TranscriptUpdate[] = [];
      let failed: unknown;
      from([delta('a', 'A'), delta('b', 'B'), done('a', 'A!')])
        .pipe(op)
        .subscribe({ next: (u) => updates.push(u), error: (e: unknown) => (failed = e ?? 'error') });
      jest.runOnlyPendingTimers();
      expect(unhandled.map(String)).toEqual([]);
      expect(failed).toBeUndefined();
      expect(updates.map((u) => u.delta)).toEqual(['A', 'B', '']);
    });
  });

  it('each subscription keeps its own transcripts', async () => {
    const hits: Hit[] = [];
    const op = transcriptUpdates({ maxChars: 4, onLimit: (h) => hits.push(h) });
    const once = (events: AnyServerEvent[]) => lastValueFrom(from(events).pipe(op, toArray()));
    expect((await once([delta('a', 'abc')])).map((u) => u.text)).toEqual(['abc']);
    expect((await once([delta('a', 'abc')])).map((u) => u.text)).toEqual(['abc']);
    expect(hits).toEqual([]);
  });
});

describe('RealtimeClient transcripts$ limits', () => {
  let client: RealtimeClient;
  let socket: FakeSocket;
  let errors: RealtimeError[];

  const connect = async (): Promise<FakeSocket> => {
    const s = new FakeSocket();
    s.autoOpen = true;
    await client.connect({ apiKey: 'ek_test', url: 'ws://127.0.0.1:1', createWebSocket: () => s });
    socket = s;
    return s;
  };

  const collect = <T>(source: Observable<T>): T[] => {
    const seen: T[] = [];
    source.subscribe((v) => seen.push(v));
    return seen;
  };

  beforeEach(() => {
    client = new RealtimeClient({ transcriptLimits: { maxChars: 5, maxInFlight: 2 } });
    errors = collect(client.errors$);
  });

  afterEach(() => client.dispose());

  it('reports a length cap as an RT_WARN_TRANSCRIPT_LIMIT warning with the item id', async () => {
    const updates = collect(client.transcripts$);
    await connect();
    socket.deliver(delta('item_1', 'abc'));
    socket.deliver(delta('item_1', 'defg'));
    expect(updates.map((u) => u.text)).toEqual(['abc', 'abcde']);
    expect(errors).toEqual([expect.objectContaining({ _tag: 'ClientWarning', code: 'RT_WARN_TRANSCRIPT_LIMIT', severity: 'warning', itemId: 'item_1' })]);
  });

  it('reports an eviction as an RT_WARN_TRANSCRIPT_LIMIT warning with the evicted item id', async () => {
    collect(client.transcripts$);
    await connect();
    for (const id of ['i1', 'i2', 'i3']) socket.deliver(delta(id, 'x'));
    expect(errors).toEqual([expect.objectContaining({ code: 'RT_WARN_TRANSCRIPT_LIMIT', itemId: 'i1' })]);
  });

  it('transcriptLimits { maxInFlight: 0 } is refused at construction or honoured, never an unhandled error on the first delta', async () => {
    const previous = rxConfig.onUnhandledError;
    const unhandled: unknown[] = [];
    rxConfig.onUnhandledError = (e) => unhandled.push(e);
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    try {
      let zero: RealtimeClient;
      try {
        zero = new RealtimeClient({ transcriptLimits: { maxInFlight: 0 } });
      } catch (e) {
        expect(String(e)).toMatch(/maxInFlight/);
        return;
      }
      const updates = collect(zero.transcripts$);
      const s = new FakeSocket();
      s.autoOpen = true;
      await zero.connect({ apiKey: 'ek_test', url: 'ws://127.0.0.1:1', createWebSocket: () => s });
      s.deliver(delta('item_1', 'abc'));
      jest.runOnlyPendingTimers(); // rxjs reports unhandled errors on a timer
      zero.dispose();
      expect(unhandled.map(String)).toEqual([]);
      expect(updates.map((u) => u.delta)).toEqual(['abc']);
    } finally {
      jest.useRealTimers();
      rxConfig.onUnhandledError = previous;
    }
  });

  it('forgets unfinished transcripts when the connection closes', async () => {
    const updates = collect(client.transcripts$);
    await connect();
    socket.deliver(delta('item_1', 'abc'));
    client.close();
    await connect();
    socket.deliver(delta('item_1', 'de'));
    expect(updates.map((u) => u.text)).toEqual(['abc', 'de']);
    expect(errors).toEqual([]);
  });

  it('forgets them too when the server closes the connection', async () => {
    const updates = collect(client.transcripts$);
    await connect();
    socket.deliver(delta('item_1', 'abc'));
    socket.fire('close', { code: 1006, reason: '', wasClean: false });
    expect(client.status.status).toBe('disconnected');
    await connect();
    socket.deliver(delta('item_1', 'de'));
    expect(updates.map((u) => u.text)).toEqual(['abc', 'de']);
  });
});

describe('transcriptUpdates limits: the cut', () => {
  it('never leaves half of a surrogate pair at the end of a capped transcript', () => {
    const texts: string[] = [];
    const events$ = new Subject<AnyServerEvent>();
    events$.pipe(transcriptUpdates({ maxChars: 4 })).subscribe((t) => texts.push(t.text));
    const delta = (d: string) => ({ type: 'response.output_text.delta', event_id: 'e', response_id: 'r', item_id: 'i', output_index: 0, content_index: 0, delta: d }) as unknown as AnyServerEvent;
    events$.next(delta('abc'));
    events$.next(delta('😀x')); // the emoji would straddle the cap at 4
    expect(texts).toEqual(['abc', 'abc']);
  });
});
