import * as E from 'fp-ts/Either';
import { map } from 'rxjs';
import type { AudioChunk, AudioError } from '../../lib/index';
import { audioChunks } from '../../lib/index';
import { emissionsAt, newScheduler, sessionMarbles, zeros } from '../helpers/marbles';

const view = map((r: E.Either<AudioError, AudioChunk>) =>
  E.isLeft(r) ? `${r.left.code} ${r.left.eventId}` : `${r.right.itemId} ${r.right.data.length}B ${r.right.durationMs}ms`,
);

const delta = (event_id: string, delta: string, response_id = 'r1', item_id = 'i1') => ({
  type: 'response.output_audio.delta',
  event_id,
  response_id,
  item_id,
  output_index: 0,
  content_index: 0,
  delta,
});

describe('audioChunks', () => {
  it('decodes every 40 ms delta of a server-VAD turn (02-audio-turn-server-vad)', () => {
    const s = sessionMarbles('02-audio-turn-server-vad.jsonl');
    const deltas = s.indexesOf('response.output_audio.delta');
    expect(deltas.length).toBeGreaterThan(5);
    const expected = emissionsAt(
      s.events.length,
      deltas.map((i) => [i, 'item_CF7yNxnjrbGEUe8lSGSpt 1920B 40ms'] as const),
    );
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold(s.marbles, s.values).pipe(audioChunks(), view)).toBe(expected.marbles, expected.values);
    });
  });

  it('times audio in the format of its response, then of the session (G.711 for telephony)', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const source = cold('abcde', {
        a: { type: 'session.updated', event_id: 's', session: { audio: { output: { format: { type: 'audio/pcmu' } } } } },
        b: delta('d1', zeros(800)),
        c: { type: 'response.created', event_id: 'c', response: { id: 'r2', audio: { output: { format: { type: 'audio/pcm', rate: 16000 } } } } },
        d: delta('d2', zeros(3200), 'r2'),
        e: delta('d3', zeros(800), 'r3'),
      });
      expectObservable(source.pipe(audioChunks(), view)).toBe('-b-de', { b: 'i1 800B 100ms', d: 'i1 3200B 100ms', e: 'i1 800B 100ms' });
    });
  });

  it('takes the session format from session.created too (a session minted with G.711 starts in it)', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const source = cold('ab', {
        a: { type: 'session.created', event_id: 's', session: { type: 'realtime', audio: { output: { format: { type: 'audio/pcma' } } } } },
        b: delta('d1', zeros(800)),
      });
      expectObservable(source.pipe(audioChunks(), view)).toBe('-b', { b: 'i1 800B 100ms' });
    });
  });

  it('reports invalid base64, base64url and an odd PCM16 byte count, keeping later samples aligned', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      // four frames per event, so that the (grouped) double emissions line up
      const source = cold('a---b---c---d---e', {
        a: delta('bad', 'AAA*'),
        b: delta('url', 'AQ-_'),
        c: delta('odd', 'AQID'), // 3 bytes: the third waits for the next chunk
        d: delta('next', 'BAU='), // 2 bytes, joined with the carried one: 3 -> 2 out, 1 carried
        e: delta('other', 'AAA=', 'r1', 'i2'), // a new item starts afresh
      });
      expectObservable(source.pipe(audioChunks(), view)).toBe('a---b---(cC)(dD)e', {
        a: 'RT_ERR_AUDIO_BASE64 bad',
        b: 'RT_ERR_AUDIO_BASE64 url',
        c: 'RT_ERR_AUDIO_ODD_BYTES odd',
        C: 'i1 2B 0.041666666666666664ms',
        d: 'RT_ERR_AUDIO_ODD_BYTES next',
        D: 'i1 2B 0.041666666666666664ms',
        e: 'i2 2B 0.041666666666666664ms',
      });
    });
  });

  it('keeps the carried byte in front of the next chunk', () => {
    const bytes: number[][] = [];
    newScheduler().run(({ cold, expectObservable }) => {
      const source = cold('a---b', { a: delta('odd', 'AQID'), b: delta('next', 'BAU=') });
      const out = source.pipe(audioChunks(), map((r) => (E.isRight(r) ? (bytes.push(Array.from(r.right.data)), 'chunk') : 'error')));
      expectObservable(out).toBe('(ec)(ec)', { e: 'error', c: 'chunk' });
    });
    expect(bytes).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});
