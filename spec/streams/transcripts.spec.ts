import { map, share } from 'rxjs';
import { transcriptUpdates } from '../../lib/index';
import { emissionsAt, newScheduler, sessionMarbles } from '../helpers/marbles';

describe('transcriptUpdates', () => {
  it('accumulates an assistant text response and ends with the final text (01-text-turn)', () => {
    const s = sessionMarbles('01-text-turn.jsonl');
    const expected = emissionsAt(
      s.events.length,
      [
        [8, { source: 'output_text', itemId: 'item_CAnPJibpvvcozql14Aacy', contentIndex: 0, responseId: 'resp_CZwR5pP9O9fDI6OczLvpG', delta: 'The', text: 'The', done: false }],
        [9, { source: 'output_text', itemId: 'item_CAnPJibpvvcozql14Aacy', contentIndex: 0, responseId: 'resp_CZwR5pP9O9fDI6OczLvpG', delta: ' capital', text: 'The capital', done: false }],
        [10, { source: 'output_text', itemId: 'item_CAnPJibpvvcozql14Aacy', contentIndex: 0, responseId: 'resp_CZwR5pP9O9fDI6OczLvpG', delta: ' of France', text: 'The capital of France', done: false }],
        [11, { source: 'output_text', itemId: 'item_CAnPJibpvvcozql14Aacy', contentIndex: 0, responseId: 'resp_CZwR5pP9O9fDI6OczLvpG', delta: ' is', text: 'The capital of France is', done: false }],
        [12, { source: 'output_text', itemId: 'item_CAnPJibpvvcozql14Aacy', contentIndex: 0, responseId: 'resp_CZwR5pP9O9fDI6OczLvpG', delta: ' Paris.', text: 'The capital of France is Paris.', done: false }],
        [13, { source: 'output_text', itemId: 'item_CAnPJibpvvcozql14Aacy', contentIndex: 0, responseId: 'resp_CZwR5pP9O9fDI6OczLvpG', delta: '', text: 'The capital of France is Paris.', done: true }],
      ],
      '|',
    );
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold(`${s.marbles}|`, s.values).pipe(transcriptUpdates())).toBe(expected.marbles, expected.values);
    });
  });

  it('keeps the user and the assistant transcripts apart when they interleave (02-audio-turn-server-vad)', () => {
    const s = sessionMarbles('02-audio-turn-server-vad.jsonl');
    const show = (t: { source: string; text: string; done: boolean }) => `${t.source}${t.done ? '!' : ''}: ${t.text}`;
    const expected = emissionsAt(s.events.length, [
      [11, "output_audio: I don't"],
      [14, "input_audio: What's"],
      [15, "input_audio: What's the weather"],
      [16, "output_audio: I don't have live"],
      [19, "input_audio: What's the weather like"],
      [20, "input_audio: What's the weather like today?"],
      [21, "input_audio!: What's the weather like today?"],
      [22, "output_audio: I don't have live weather data,"],
      [25, "output_audio: I don't have live weather data, but I can"],
      [28, "output_audio: I don't have live weather data, but I can help if you"],
      [31, "output_audio: I don't have live weather data, but I can help if you tell me"],
      [34, "output_audio: I don't have live weather data, but I can help if you tell me your city."],
      [38, "output_audio!: I don't have live weather data, but I can help if you tell me your city."],
    ]);
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold(s.marbles, s.values).pipe(transcriptUpdates(), map(show))).toBe(expected.marbles, expected.values);
    });
  });

  it('joins fragments as they are, so a surrogate pair split across deltas comes out whole', () => {
    const delta = (d: string) => ({ type: 'response.output_audio_transcript.delta', event_id: 'e', response_id: 'r', item_id: 'i', output_index: 0, content_index: 0, delta: d });
    newScheduler().run(({ cold, expectObservable }) => {
      const source = cold('ab', { a: delta('smile \ud83d'), b: delta('\ude00') });
      expectObservable(source.pipe(transcriptUpdates(), map((t) => t.text))).toBe('xy', { x: 'smile \ud83d', y: 'smile 😀' });
    });
  });

  it('ignores unknown events, including ones named after Object.prototype members', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const source = cold('abc', { a: { type: 'constructor', event_id: 'x' }, b: { type: 'toString', event_id: 'y' }, c: { type: '__proto__', event_id: 'z' } });
      expectObservable(source.pipe(transcriptUpdates())).toBe('---');
    });
  });

  it('subscribes to the source once however many subscribers share it', () => {
    const s = sessionMarbles('01-text-turn.jsonl');
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot(`^${s.marbles}`, s.values);
      const texts = source.pipe(
        transcriptUpdates(),
        map((t) => t.text),
        share(),
      );
      // frame 0 is the subscription point; the deltas are events 8-12 and the done is 13
      const expected = `-${'-'.repeat(8)}abcdee${'-'.repeat(s.events.length - 14)}`;
      const values = { a: 'The', b: 'The capital', c: 'The capital of France', d: 'The capital of France is', e: 'The capital of France is Paris.' };
      expectObservable(texts).toBe(expected, values);
      expectObservable(texts).toBe(expected, values);
      expectSubscriptions(source.subscriptions).toBe('^');
    });
  });
});
