import type { Observable } from 'rxjs';
import type { AnyServerEvent, BargeInOptions, ClientEvent, Interruption, PlaybackPosition } from '../../lib/index';
import { bargeIn } from '../../lib/index';
import { newScheduler, zeros } from '../helpers/marbles';

// 24 kHz PCM16: 48 bytes per millisecond
const PCM_MS = 48;

const ev = (e: Record<string, unknown>): AnyServerEvent => ({ event_id: 'e', ...e }) as unknown as AnyServerEvent;
const session = (interrupt: boolean | null, created = true, format: unknown = { type: 'audio/pcm', rate: 24000 }) =>
  ev({
    type: created ? 'session.created' : 'session.updated',
    session: { type: 'realtime', audio: { input: { turn_detection: interrupt === null ? null : { type: 'server_vad', interrupt_response: interrupt } }, output: { format } } },
  });
const created = (id = 'r1') => ev({ type: 'response.created', response: { id, object: 'realtime.response', status: 'in_progress', output: [] } });
const done = (id = 'r1') => ev({ type: 'response.done', response: { id, object: 'realtime.response', status: 'completed', output: [] } });
const delta = (ms: number, item = 'item1', response = 'r1', contentIndex = 0, bytesPerMs = PCM_MS) =>
  ev({ type: 'response.output_audio.delta', response_id: response, item_id: item, output_index: 0, content_index: contentIndex, delta: zeros(ms * bytesPerMs) });
const audioDone = (item = 'item1', response = 'r1') => ev({ type: 'response.output_audio.done', response_id: response, item_id: item, output_index: 0, content_index: 0 });
const speech = ev({ type: 'input_audio_buffer.speech_started', audio_start_ms: 1000, item_id: 'user1' });

type Sent = [number, ClientEvent];

/**
 * Run bargeIn over `events` (marbles), with optional played$ and trigger$ marbles, and return what
 * it emitted (checked against `expected`) and the commands it sent with the virtual time of each.
 */
function run(
  events: [string, Record<string, AnyServerEvent>],
  expected: [string, Record<string, Interruption>?],
  extra: { played?: [string, Record<string, unknown>]; trigger?: string; options?: Omit<BargeInOptions, 'played$' | 'trigger$'> } = {},
): Sent[] {
  const scheduler = newScheduler();
  const sent: Sent[] = [];
  scheduler.run(({ cold, hot, expectObservable }) => {
    const client = { events$: hot(events[0], events[1]), send: (c: ClientEvent) => void sent.push([scheduler.now(), c]) };
    const options: BargeInOptions = {
      ...extra.options,
      ...(extra.played ? { played$: hot(extra.played[0], extra.played[1]) as Observable<PlaybackPosition> } : {}),
      ...(extra.trigger ? { trigger$: cold(extra.trigger) } : {}),
    };
    expectObservable(bargeIn(client, options)).toBe(expected[0], expected[1]);
  });
  return sent;
}

const truncate = (audio_end_ms: number, item_id = 'item1', content_index = 0): ClientEvent => ({ type: 'conversation.item.truncate', item_id, content_index, audio_end_ms });
const cancel = (response_id = 'r1'): ClientEvent => ({ type: 'response.cancel', response_id });
const cut = (audioEndMs: number, receivedMs: number, playedMs: number, basis: Interruption['basis'], more: Partial<Interruption> = {}): Interruption => ({
  itemId: 'item1',
  contentIndex: 0,
  audioEndMs,
  receivedMs,
  playedMs,
  basis,
  cancelled: false,
  ...more,
});

// In these marbles one character is 1 ms. A session (interrupt_response true, so the server
// cancels on speech) and a response start; a second of audio arrives in 10 deltas of 100 ms.
const SECOND = 'sc' + 'a'.repeat(10);
const base = (interrupt = true) => ({ s: session(interrupt), c: created(), a: delta(100), d: done(), o: audioDone(), p: speech });

describe('bargeIn', () => {
  describe('the played position', () => {
    it('without reports, is the wall clock since the first delta (the Agents SDK rule)', () => {
      // first delta at 2 ms, speech at 302 ms: 300 ms played of 1000 received
      const sent = run([`${SECOND} 290ms p`, base()], ['302ms x', { x: cut(300, 1000, 300, 'wall-clock') }]);
      expect(sent).toEqual([[302, truncate(300)]]);
    });

    it("with a report for the item, is the player's last report, not the wall clock", () => {
      const sent = run(
        [`${SECOND} 290ms p`, base()],
        ['302ms x', { x: cut(120, 1000, 120.7, 'reported') }],
        { played: ['20ms a 99ms b', { a: { itemId: 'item1', playedMs: 40 }, b: { itemId: 'item1', contentIndex: 0, playedMs: 120.7 } }] },
      );
      // floor(120.7)
      expect(sent).toEqual([[302, truncate(120)]]);
    });

    it('truncates at min(played, received): a player ahead of the audio received cannot have played more', () => {
      // 200 ms received, 500 ms later the user speaks while the response is still generating
      const events: Record<string, AnyServerEvent> = { ...base(), a: delta(100) };
      expect(run(['scaa 498ms p', events], ['502ms x', { x: cut(200, 200, 500, 'wall-clock') }])).toEqual([[502, truncate(200)]]);
      expect(
        run(['scaa 498ms p', events], ['502ms x', { x: cut(200, 200, 900, 'reported') }], { played: ['10ms r', { r: { itemId: 'item1', playedMs: 900 } }] }),
      ).toEqual([[502, truncate(200)]]);
    });

    it('ignores reports that are not positions, or are for another item or content part', () => {
      const bad = {
        a: { itemId: 'item1', playedMs: -5 },
        b: { itemId: 'item1', playedMs: Number.NaN },
        c: { itemId: '', playedMs: 10 },
        d: null,
        e: { itemId: 'item1', contentIndex: 1, playedMs: 10 },
        f: { itemId: 'item1', contentIndex: 0.5, playedMs: 10 },
        g: { itemId: 'other', playedMs: 10 },
        h: { itemId: 'item1', playedMs: '10' },
      };
      const sent = run([`${SECOND} 290ms p`, base()], ['302ms x', { x: cut(300, 1000, 300, 'wall-clock') }], { played: ['20ms abcdefgh', bad] });
      expect(sent).toEqual([[302, truncate(300)]]);
    });

    it('keeps the last report when played$ errors, and never errors itself', () => {
      const sent = run([`${SECOND} 290ms p`, base()], ['302ms x', { x: cut(50, 1000, 50, 'reported') }], { played: ['20ms r 9ms #', { r: { itemId: 'item1', playedMs: 50 } }] });
      expect(sent).toEqual([[302, truncate(50)]]);
    });

    it('measures received audio in the output format in force (G.711: 8 bytes per ms)', () => {
      const events = { s: session(true, true, { type: 'audio/pcmu' }), c: created(), a: delta(100, 'item1', 'r1', 0, 8), p: speech };
      expect(run(['scaa 498ms p', events], ['502ms x', { x: cut(200, 200, 500, 'wall-clock') }])).toEqual([[502, truncate(200)]]);
    });
  });

  describe('what is playing', () => {
    it('restarts on a new item: the received audio, first-delta time and reports start over', () => {
      const events = { ...base(), b: delta(100, 'item2', 'r2'), C: created('r2'), D: done('r1') };
      // item1 from 2 ms; at 98 ms response r1 ends, r2 starts, its item2 from 100 ms; speech at 160 ms
      const sent = run(
        ['sca 95ms DCbb 58ms p', events],
        ['160ms x', { x: cut(60, 200, 60, 'wall-clock', { itemId: 'item2' }) }],
        { played: ['5ms a 100ms b', { a: { itemId: 'item1', playedMs: 30 }, b: { itemId: 'item1', playedMs: 90 } }] },
      );
      expect(sent).toEqual([[160, truncate(60, 'item2')]]);
    });

    it('sends nothing when all the audio was played (complete, and played ≥ received)', () => {
      // 1 s of audio, complete; the user speaks 1.1 s after the first delta
      expect(run([`${SECOND}od 1087ms p`, base()], [''])).toEqual([]);
      // by report: the player rendered all 1000 ms
      expect(run([`${SECOND}od 87ms p`, base()], [''], { played: ['50ms r', { r: { itemId: 'item1', playedMs: 1000 } }] })).toEqual([]);
    });

    it('still truncates complete audio that was not all played', () => {
      const sent = run([`${SECOND}od 288ms p`, base()], ['302ms x', { x: cut(300, 1000, 300, 'wall-clock') }]);
      expect(sent).toEqual([[302, truncate(300)]]);
    });

    it('sends nothing when no audio has arrived, and interrupts an item only once (its late deltas are not counted)', () => {
      const events = { ...base(), b: delta(100, 'item2', 'r2'), C: created('r2') };
      // speech before any audio; speech at 102 ms cuts item1; its straggler delta and a second
      // speech do nothing; item2 then plays and is cut at 50 ms
      const sent = run(
        ['scp 98ms aa 8ms p 9ms a 9ms p 9ms Cb 49ms p', events],
        ['111ms x 80ms y', { x: cut(10, 200, 10, 'wall-clock'), y: cut(50, 100, 50, 'wall-clock', { itemId: 'item2' }) }],
      );
      expect(sent).toEqual([
        [111, truncate(10)],
        [192, truncate(50, 'item2')],
      ]);
    });

    it('forgets everything when a new session starts', () => {
      expect(run(['scaa 10ms s 10ms p', base()], [''])).toEqual([]);
    });
  });

  describe('cancelling the response', () => {
    it('leaves a speech_started cancel to the server when interrupt_response is on', () => {
      expect(run(['scaa 10ms p', base(true)], ['14ms x', { x: cut(12, 200, 12, 'wall-clock') }])).toEqual([[14, truncate(12)]]);
    });

    it('cancels the response in progress, then truncates, when interrupt_response is off (or unknown)', () => {
      const sent = run(['scaa 10ms p', base(false)], ['14ms x', { x: cut(12, 200, 12, 'wall-clock', { cancelled: true }) }]);
      expect(sent).toEqual([
        [14, cancel()],
        [14, truncate(12)],
      ]);
      const noSession = { c: created(), a: delta(100), p: speech };
      expect(run(['caa 10ms p', noSession], ['13ms x', { x: cut(12, 200, 12, 'wall-clock', { cancelled: true }) }])).toEqual([
        [13, cancel()],
        [13, truncate(12)],
      ]);
    });

    it('follows session.updated: turning interrupt_response off makes it cancel', () => {
      const events = { ...base(true), u: session(false, false) };
      const sent = run(['scuaa 10ms p', events], ['15ms x', { x: cut(12, 200, 12, 'wall-clock', { cancelled: true }) }]);
      expect(sent.map(([, c]) => c.type)).toEqual(['response.cancel', 'conversation.item.truncate']);
    });

    it('cancels on a trigger$ of its own even when the server would cancel on speech', () => {
      const sent = run(['scaa', base(true)], ['20ms x', { x: cut(18, 200, 18, 'wall-clock', { cancelled: true }) }], { trigger: '20ms t' });
      expect(sent).toEqual([
        [20, cancel()],
        [20, truncate(18)],
      ]);
    });

    it('does not cancel when no response is in progress, or when told not to', () => {
      expect(run(['scaad 10ms p', base(false)], ['15ms x', { x: cut(13, 200, 13, 'wall-clock') }])).toEqual([[15, truncate(13)]]);
      expect(run(['scaa 10ms p', base(false)], ['14ms x', { x: cut(12, 200, 12, 'wall-clock') }], { options: { cancelResponse: false } })).toEqual([[14, truncate(12)]]);
    });

    it('cancels on speech as well when told to', () => {
      const sent = run(['scaa 10ms p', base(true)], ['14ms x', { x: cut(12, 200, 12, 'wall-clock', { cancelled: true }) }], { options: { cancelResponse: true } });
      expect(sent.map(([, c]) => c.type)).toEqual(['response.cancel', 'conversation.item.truncate']);
    });
  });

  describe('triggers', () => {
    it('with speechStarted: false, only trigger$ interrupts', () => {
      const sent = run(['scaa 10ms p', base(true)], ['30ms x', { x: cut(28, 200, 28, 'wall-clock', { cancelled: true }) }], { trigger: '30ms t', options: { speechStarted: false } });
      expect(sent.map(([t, c]) => [t, c.type])).toEqual([
        [30, 'response.cancel'],
        [30, 'conversation.item.truncate'],
      ]);
    });

    it('completes with events$, and takes its time from the scheduler given', () => {
      const scheduler = newScheduler();
      scheduler.run(({ cold, expectObservable }) => {
        const sent: ClientEvent[] = [];
        const client = { events$: cold('sca 9ms p|', base()), send: (c: ClientEvent) => void sent.push(c) };
        const clock = { now: () => 1000 * scheduler.now(), schedule: scheduler.schedule.bind(scheduler) };
        expectObservable(bargeIn(client, { scheduler: clock })).toBe('12ms x|', { x: cut(100, 100, 10_000, 'wall-clock') });
      });
    });
  });
});
