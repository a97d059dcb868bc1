/**
 * toPcm16 / toG711 over chunk streams: the output equals converting the whole signal at once
 * (the operators are stateful per segment), tails are flushed where a segment ends, formats and
 * durations are stated, and audio$ chunks (from audioChunks) say their format.
 */
import * as E from 'fp-ts/Either';
import type { Observable } from 'rxjs';
import { filter, from, lastValueFrom, map, Subject, toArray } from 'rxjs';
import { decodeG711, encodeG711 } from '../../lib/audio/g711';
import { pcm16FromBytes, pcm16ToBytes } from '../../lib/audio/pcm';
import { resample } from '../../lib/audio/resampler';
import { audioChunks } from '../../lib/streams/audio';
import type { AudioChunk } from '../../lib/streams/audio';
import type { AudioChunkLike, ConvertedChunk } from '../../lib/streams/convertAudio';
import { toG711, toPcm16 } from '../../lib/streams/convertAudio';
import type { AnyServerEvent } from '../../lib/streams/AnyServerEvent';
import { sine } from '../audio/measure';

const concatBytes = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const chunksOf = <M extends Omit<AudioChunkLike, 'data'>>(bytes: Uint8Array, size: number, meta: M): Array<M & { data: Uint8Array }> =>
  Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => ({ ...meta, data: bytes.slice(i * size, (i + 1) * size) }));

const run = <T>(items: T[], op: (s: Observable<T>) => Observable<{ data: Uint8Array; durationMs: number; format: unknown }>) => lastValueFrom(op(from(items)).pipe(toArray()));

describe('toG711', () => {
  it('turns 24 kHz PCM16 in 20 ms chunks into the same μ-law as converting it whole', async () => {
    const pcm = sine(440, 24000, 1, 0.4);
    const bytes = pcm16ToBytes(pcm);
    const out = await run(chunksOf(bytes, 960, { format: { type: 'audio/pcm', rate: 24000 }, itemId: 'i1', contentIndex: 0 }), (s) => s.pipe(toG711('pcmu')));
    const all = concatBytes(out.map((c) => c.data));
    expect(all).toEqual(encodeG711(resample(pcm, 24000, 8000), 'pcmu'));
    expect(all.length).toBe(8000);
    expect(out.reduce((ms, c) => ms + c.durationMs, 0)).toBe(1000);
    expect(out.every((c) => c.data.length > 0 && (c.format as { type: string }).type === 'audio/pcmu')).toBe(true);
    // 50 chunks in, 50 out (the first shorter by the latency), and the tail as one more
    expect(out.map((c) => c.data.length)).toEqual([131, ...Array<number>(49).fill(160), 29]);
  });

  it('keeps the other fields of a chunk and gives the tail the last chunk of its segment', async () => {
    const meta = (itemId: string) => ({ format: { type: 'audio/pcm', rate: 16000 }, itemId, contentIndex: 0, responseId: 'r', extra: itemId.toUpperCase() });
    const a = chunksOf(pcm16ToBytes(sine(300, 16000, 0.1)), 640, meta('a'));
    const b = chunksOf(pcm16ToBytes(sine(500, 16000, 0.1)), 640, meta('b'));
    const out = await lastValueFrom(from([...a, ...b]).pipe(toG711('pcma'), toArray()));
    const ofItem = (id: string) => out.filter((c) => c.itemId === id);
    // each item converted on its own: no audio of one leaks into the other
    expect(concatBytes(ofItem('a').map((c) => c.data))).toEqual(encodeG711(resample(sine(300, 16000, 0.1), 16000, 8000), 'pcma'));
    expect(concatBytes(ofItem('b').map((c) => c.data))).toEqual(encodeG711(resample(sine(500, 16000, 0.1), 16000, 8000), 'pcma'));
    expect(out.map((c) => c.extra)).toEqual([...ofItem('a').map(() => 'A'), ...ofItem('b').map(() => 'B')]);
  });

  it('transcodes the other law without resampling, and passes its own law through', async () => {
    const ulaw = encodeG711(sine(1000, 8000, 0.05), 'pcmu');
    const [alaw] = await run([{ format: { type: 'audio/pcmu' }, data: ulaw }], (s) => s.pipe(toG711('pcma')));
    expect(alaw?.data).toEqual(encodeG711(decodeG711(ulaw, 'pcmu'), 'pcma'));
    const [same] = await run([{ format: 'g711_ulaw', data: ulaw }], (s) => s.pipe(toG711('pcmu')));
    expect(same?.data).toBe(ulaw);
    expect(same?.format).toEqual({ type: 'audio/pcmu' });
  });

  it('refuses an unknown law at once', () => {
    expect(() => toG711('ulaw' as 'pcmu')).toThrow(RangeError);
  });
});

describe('toPcm16', () => {
  it('decodes and upsamples μ-law to any rate, statefully', async () => {
    const pcm = sine(700, 8000, 0.5, 0.3);
    const ulaw = encodeG711(pcm, 'pcmu');
    for (const rate of [8000, 16000, 24000, 44100, 48000]) {
      const out = await run(chunksOf(ulaw, 160, { format: { type: 'audio/pcmu' } }), (s) => s.pipe(toPcm16({ rate })));
      const expected = resample(decodeG711(ulaw, 'pcmu'), 8000, rate);
      expect(pcm16FromBytes(concatBytes(out.map((c) => c.data)))).toEqual(expected);
      expect(out.every((c) => (c.format as { rate: number }).rate === rate)).toBe(true);
      expect(out.reduce((ms, c) => ms + c.durationMs, 0)).toBeCloseTo((expected.length / rate) * 1000, 9);
    }
  });

  it('resamples PCM16 and carries an odd byte to the next chunk', async () => {
    const pcm = sine(1000, 24000, 0.2);
    const bytes = pcm16ToBytes(pcm);
    const out = await run(chunksOf(bytes, 333, { format: { type: 'audio/pcm', rate: 24000 } }), (s) => s.pipe(toPcm16({ rate: 16000 })));
    expect(pcm16FromBytes(concatBytes(out.map((c) => c.data)))).toEqual(resample(pcm, 24000, 16000));
  });

  it('passes chunks in the target format through', async () => {
    const data = new Uint8Array([1, 2, 3, 4]);
    const out = await run([{ format: undefined, data }], (s) => s.pipe(toPcm16({ rate: 24000 })));
    expect(out).toEqual([{ format: { type: 'audio/pcm', rate: 24000 }, data, durationMs: 4 / 48 }]);
  });

  it('keeps separate state per subscription and forwards errors', () => {
    const source = new Subject<AudioChunkLike>();
    const converted = source.pipe(toPcm16({ rate: 8000 }));
    const a: number[] = [];
    const b: number[] = [];
    const errors: unknown[] = [];
    converted.subscribe({ next: (c) => a.push(c.data.length), error: (e) => errors.push(e) });
    source.next({ format: { type: 'audio/pcm', rate: 24000 }, data: new Uint8Array(960) });
    converted.subscribe({ next: (c) => b.push(c.data.length), error: (e) => errors.push(e) });
    source.next({ format: { type: 'audio/pcm', rate: 24000 }, data: new Uint8Array(960) });
    source.error(new Error('socket'));
    expect(a).toEqual([262, 320]); // ceil((480 - 88 latency) / 3) samples; then a full 20 ms
    expect(b).toEqual([262]);
    expect(errors).toHaveLength(2);
  });

  it('refuses a bad rate at once', () => {
    expect(() => toPcm16({ rate: 0 })).toThrow(RangeError);
    expect(() => toPcm16({ rate: 16000.5 })).toThrow(/whole sample rate/);
  });

  it('errors the stream (without throwing) for a source rate it cannot resample', async () => {
    await expect(run([{ format: { type: 'audio/pcm', rate: 44099 }, data: new Uint8Array(4) }], (s) => s.pipe(toPcm16({ rate: 44100 })))).rejects.toThrow(RangeError);
  });
});

describe('audio$ chunks say their format', () => {
  const delta = (id: string, bytes: number, response_id = 'r1') => ({
    type: 'response.output_audio.delta',
    event_id: id,
    response_id,
    item_id: 'i1',
    output_index: 0,
    content_index: 0,
    delta: Buffer.alloc(bytes).toString('base64'),
  });

  it('types: an AudioChunk stream converts to chunks that keep its fields', () => {
    const typed: Observable<ConvertedChunk<AudioChunk>> = new Subject<AudioChunk>().pipe(toG711('pcmu'), toPcm16({ rate: 16000 }));
    const fields = (c: ConvertedChunk<AudioChunk>) => [c.itemId, c.responseId, c.contentIndex, c.outputIndex, c.durationMs, c.format.type] as const;
    expect(typeof typed.subscribe).toBe('function');
    expect(fields).toBeInstanceOf(Function);
  });

  it('in canonical form, from the session and the response, ready for toG711', async () => {
    const events = [
      delta('d0', 960),
      { type: 'session.updated', event_id: 's', session: { audio: { output: { format: { type: 'audio/pcmu' } } } } },
      delta('d1', 160),
      { type: 'response.created', event_id: 'c', response: { id: 'r2', audio: { output: { format: { type: 'audio/pcm', rate: 16000 } } } } },
      delta('d2', 640, 'r2'),
    ] as unknown as AnyServerEvent[];
    const chunks = await lastValueFrom(from(events).pipe(audioChunks(), filter(E.isRight), map((r) => r.right), toArray()));
    expect(chunks.map((c) => c.format)).toEqual([{ type: 'audio/pcm', rate: 24000 }, { type: 'audio/pcmu' }, { type: 'audio/pcm', rate: 16000 }]);
    const phone = await lastValueFrom(from(chunks).pipe(toG711('pcmu'), toArray()));
    expect(phone.reduce((n, c) => n + c.data.length, 0)).toBe(160 + 160 + 160); // 20 ms each
  });
});
