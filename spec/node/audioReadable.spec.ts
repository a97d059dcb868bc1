/**
 * audioReadable: the assistant's audio as bytes in the asked-for format, a bounded queue that
 * drops the oldest audio for a consumer that does not read (reported once per episode), and the
 * end of the stream at dispose.
 */
import { once } from 'node:events';
import { RealtimeClient, createResponse, userMessage } from '../../lib/index';
import type { AudioChunk } from '../../lib/index';
import type { OverflowWarning } from '../../lib/node/index';
import { audioReadable, linearResampler } from '../../lib/node/index';
import { RealtimeSimulator } from '../../lib/testing/index';
import { encodeG711, encodeMuLaw } from '../../lib/audio/g711';
import { pcm16FromBytes } from '../../lib/audio/pcm';
import { resample } from '../../lib/audio/resampler';
import { filter, firstValueFrom } from 'rxjs';

let sim: RealtimeSimulator;
let client: RealtimeClient;
beforeEach(async () => {
  sim = await new RealtimeSimulator({ realtimeFactor: Infinity, replyPolicy: () => ({ text: 'One two three four five six seven eight.' }) }).start();
  client = new RealtimeClient({ url: sim.url, apiKey: 'test' });
});
afterEach(async () => {
  client.dispose();
  await sim.stop();
});

/** Ask for one spoken reply and resolve with the raw chunks of it (as audio$ gave them). */
async function speak(): Promise<AudioChunk[]> {
  const chunks: AudioChunk[] = [];
  const sub = client.audio$.subscribe((c) => chunks.push(c));
  const done = firstValueFrom(client.turns$.pipe(filter((t) => t.phase === 'done')));
  if (client.status.status !== 'connected') await client.connect();
  client.send(userMessage('hello'));
  client.send(createResponse());
  await done;
  sub.unsubscribe();
  return chunks;
}

const concat = (parts: readonly Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

describe('audioReadable', () => {
  it('gives the reply as 24 kHz PCM16 by default, byte for byte, and ends when the client is disposed', async () => {
    const speaker = audioReadable(client);
    const all = readAll(speaker);
    const chunks = await speak();
    client.dispose();
    const bytes = await all;
    expect(bytes.length).toBeGreaterThan(0);
    expect(Buffer.compare(bytes, Buffer.from(concat(chunks.map((c) => c.data))))).toBe(0);
    expect(speaker.stats).toMatchObject({ receivedBytes: bytes.length, droppedBytes: 0, overflows: 0 });
  });

  it('converts to 8 kHz μ-law with the anti-aliased resampler: the same bytes as the whole reply resampled at once, the duration kept', async () => {
    const speaker = audioReadable(client, { format: 'pcmu' });
    const all = readAll(speaker);
    const chunks = await speak();
    client.dispose();
    const bytes = await all;
    const sentMs = chunks.reduce((n, c) => n + c.durationMs, 0);
    expect(bytes.length).toBe(sentMs * 8);
    // streamed chunk by chunk and flushed at the response's end = resampled whole (0 LSB difference)
    const pcm = pcm16FromBytes(concat(chunks.map((c) => c.data)));
    expect(Buffer.compare(bytes, Buffer.from(encodeG711(resample(pcm, 24000, 8000), 'pcmu')))).toBe(0);
  });

  it('converts to 8 kHz μ-law with the linear resampler when asked: a third of the samples, one byte each', async () => {
    const speaker = audioReadable(client, { format: 'pcmu', resampler: linearResampler });
    const all = readAll(speaker);
    const chunks = await speak();
    client.dispose();
    const bytes = await all;
    const sentMs = chunks.reduce((n, c) => n + c.durationMs, 0);
    expect(bytes.length).toBe(sentMs * 8);
    expect(speaker.stats.receivedMs).toBe(sentMs);
    // every third PCM sample, μ-law encoded (the default linear resampler at an integer ratio)
    const pcm = new Int16Array(concat(chunks.map((c) => c.data)).buffer);
    const third = new Int16Array(pcm.length / 3).map((_, i) => pcm[i * 3] as number);
    expect(Buffer.compare(bytes, Buffer.from(encodeMuLaw(new Uint8Array(third.buffer))))).toBe(0);
  });

  it('converts to 16 kHz PCM16 when asked for a rate', async () => {
    const speaker = audioReadable(client, { format: 'pcm16', rate: 16000 });
    const all = readAll(speaker);
    const chunks = await speak();
    client.dispose();
    expect((await all).length).toBe(chunks.reduce((n, c) => n + c.durationMs, 0) * 32);
  });

  it('bounds the queue for a consumer that does not read: drops the oldest, reports once, counts it all', async () => {
    const highWaterMark = 4800; // 100 ms of 24 kHz PCM16
    const speaker = audioReadable(client, { highWaterMark });
    const warnings: OverflowWarning[] = [];
    speaker.on('overflow', (w: OverflowWarning) => warnings.push(w));
    const chunks = await speak(); // nobody reads while it arrives
    const sent = concat(chunks.map((c) => c.data));
    const stats = speaker.stats;
    expect(sent.length).toBeGreaterThan(highWaterMark * 4);
    expect(stats.receivedBytes).toBe(sent.length);
    expect(stats.queuedBytes).toBeLessThanOrEqual(highWaterMark);
    expect(speaker.readableLength).toBeLessThanOrEqual(highWaterMark + 1920); // Node's buffer: the mark plus at most one chunk
    expect(stats.overflows).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ _tag: 'StreamWarning', code: 'RT_WARN_STREAM_OVERFLOW', severity: 'warning', highWaterMark });
    expect(stats.droppedBytes).toBe(sent.length - speaker.readableLength - stats.queuedBytes);
    expect(stats.droppedMs).toBe(stats.droppedBytes / 48);

    client.dispose();
    const got = await readAll(speaker);
    // what is read: the first bytes Node buffered, then the newest audio (the oldest waiting was dropped)
    expect(got.length).toBe(sent.length - stats.droppedBytes);
    const tail = got.subarray(got.length - stats.queuedBytes);
    expect(Buffer.compare(tail, Buffer.from(sent.subarray(sent.length - stats.queuedBytes)))).toBe(0);
  });

  it('reports a new episode after the consumer has caught up', async () => {
    const speaker = audioReadable(client, { highWaterMark: 4800 });
    const warnings: OverflowWarning[] = [];
    speaker.on('overflow', (w: OverflowWarning) => warnings.push(w));
    await speak();
    // catch up: read (synchronously) until the stream has nothing more to give now
    while (speaker.read() !== null);
    expect(speaker.stats.queuedBytes).toBe(0);
    await speak();
    expect(warnings).toHaveLength(2);
    expect(warnings[1]!.droppedBytes).toBeGreaterThan(warnings[0]!.droppedBytes);
  });

  it('stops listening when destroyed', async () => {
    const speaker = audioReadable(client);
    speaker.destroy();
    await once(speaker, 'close');
    await speak();
    expect(speaker.stats.receivedBytes).toBe(0);
  });

  it('refuses options it cannot honour, synchronously', () => {
    expect(() => audioReadable(client, { format: 'pcmu', rate: 16000 })).toThrow(/8 kHz/);
    expect(() => audioReadable(client, { rate: 12345 })).toThrow(TypeError);
    expect(() => audioReadable(client, { highWaterMark: 0 })).toThrow(RangeError);
  });
});
