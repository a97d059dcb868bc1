/**
 * audioWritable: conversion and framing of caller audio into `input_audio_buffer.append`, the
 * partial frame at the end, the connection's backpressure (held writes, `write()` false, `'drain'`,
 * nothing dropped), `pipeline()`, and failures as stream errors with the client's codes.
 */
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { decodeBase64 } from '../../lib/audio/base64';
import { encodeMuLaw } from '../../lib/audio/g711';
import { tone } from '../../lib/audio/tone';
import type { Backpressure } from '../../lib/index';
import { RealtimeClient } from '../../lib/index';
import { RealtimeStreamError, audioWritable } from '../../lib/node/index';
import { FakeSocket } from '../helpers/FakeSocket';

class BufferedFakeSocket extends FakeSocket {
  bufferedAmount = 0;
  failSends = false;
  override send(data: string): void {
    if (this.failSends) throw new Error('socket is gone');
    super.send(data);
  }
}

let client: RealtimeClient;
let socket: BufferedFakeSocket;

const connect = async (config: ConstructorParameters<typeof RealtimeClient>[0] = {}): Promise<void> => {
  client = new RealtimeClient(config);
  socket = new BufferedFakeSocket();
  socket.autoOpen = true;
  await client.connect({ apiKey: 'test', url: 'ws://127.0.0.1:1', createWebSocket: () => socket });
  socket.sent.length = 0;
};
afterEach(() => client?.dispose());

/** The audio of every append sent, one entry per frame. */
const frames = (): Uint8Array[] =>
  socket.sent.filter((f) => (f as { type: string }).type === 'input_audio_buffer.append').map((f) => decodeBase64((f as { audio: string }).audio) as Uint8Array);

describe('audioWritable', () => {
  beforeEach(() => connect());

  it('sends 24 kHz PCM16 as it is, in 20 ms frames (960 bytes), whatever the write sizes', async () => {
    const pcm = tone(440, 100, 24000, 0.3); // 4800 bytes: five frames
    const mic = audioWritable(client, { inputFormat: { encoding: 'pcm16', rate: 24000 } });
    for (const size of [1, 700, 1500, 99, 2500]) mic.write(pcm.subarray(0, size));
    mic.end();
    await once(mic, 'finish');
    const sent = frames();
    // 1 + 700 + 1500 + 99 + 2500 = 4800 bytes, five whole frames and no remainder
    expect(sent.map((f) => f.length)).toEqual([960, 960, 960, 960, 960]);
    expect(mic.stats).toEqual({ frames: 5, bytes: 4800, holds: 0 });
  });

  it('turns 8 kHz μ-law into 24 kHz PCM16 frames, and flushes the partial frame at the end', async () => {
    const ulaw = encodeMuLaw(tone(300, 50, 8000, 0.3)); // 400 bytes = 50 ms
    const mic = audioWritable(client, { inputFormat: 'pcmu' });
    await pipeline(Readable.from([Buffer.from(ulaw.subarray(0, 160)), Buffer.from(ulaw.subarray(160))]), mic);
    expect(frames().map((f) => f.length)).toEqual([960, 960, 480]);
  });

  it('sends μ-law untouched when the session takes μ-law, 160 bytes a frame', async () => {
    const ulaw = encodeMuLaw(tone(300, 40, 8000, 0.3));
    const mic = audioWritable(client, { inputFormat: 'pcmu', sessionFormat: 'pcmu' });
    await pipeline(Readable.from([Buffer.from(ulaw)]), mic);
    const sent = frames();
    expect(sent.map((f) => f.length)).toEqual([160, 160]);
    expect(Buffer.compare(Buffer.concat(sent), Buffer.from(ulaw))).toBe(0);
  });

  it('honours frameMs, and refuses a frame that is not whole samples', () => {
    expect(audioWritable(client, { inputFormat: 'pcmu', frameMs: 40 }).frameBytes).toBe(1920);
    expect(() => audioWritable(client, { inputFormat: 'pcmu', frameMs: 0 })).toThrow(RangeError);
    expect(() => audioWritable(client, { inputFormat: 'pcmu', sessionFormat: { encoding: 'pcm16', rate: 24000 }, frameMs: 1 / 48 })).toThrow(RangeError);
    expect(() => audioWritable(client, { inputFormat: { encoding: 'pcm16', rate: 7 } })).toThrow(TypeError);
  });
});

describe('audioWritable backpressure', () => {
  const MARK = 100_000;
  beforeEach(() => connect({ maxBufferedBytes: MARK }));

  it('defaults its mark to half the client’s, so the client never has to drop its audio', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const mic = audioWritable(client, { inputFormat: { encoding: 'pcm16', rate: 24000 }, pollMs: 10 });
      const held: number[] = [];
      mic.on('held', (b: number) => held.push(b));
      socket.bufferedAmount = MARK / 2 + 1;
      const frame = new Uint8Array(960);
      expect(mic.write(frame)).toBe(true); // under the stream's own high-water mark (100 ms of input)
      expect(frames()).toHaveLength(0);
      expect(held).toEqual([MARK / 2 + 1]);
      // held: further writes wait in the stream, and write() says so once its buffer is full
      const results = Array.from({ length: 6 }, () => mic.write(frame));
      expect(results).toEqual([true, true, true, false, false, false]);
      expect(mic.writableNeedDrain).toBe(true);

      // drained to just above a quarter of the client's mark: still held, however long
      socket.bufferedAmount = MARK / 4 + 1;
      jest.advanceTimersByTime(1000);
      expect(frames()).toHaveLength(0);
      // at a quarter it resumes on the next poll, sends everything, and 'drain' follows
      socket.bufferedAmount = MARK / 4;
      const drained = once(mic, 'drain');
      jest.advanceTimersByTime(10);
      await drained;
      expect(frames()).toHaveLength(7);
      expect(mic.stats).toEqual({ frames: 7, bytes: 7 * 960, holds: 1 });
      let state: Backpressure | undefined;
      client.backpressure$.subscribe((b) => (state = b));
      expect(state).toMatchObject({ congested: false, droppedAppends: 0 });
    } finally {
      jest.useRealTimers();
    }
  });

  it('waits out an episode of the client’s own gate and resends the refused frame', async () => {
    // a stream whose mark is above the client's: the client's gate refuses the frame, the stream holds and retries
    const mic = audioWritable(client, { inputFormat: { encoding: 'pcm16', rate: 24000 }, maxBufferedBytes: 10 * MARK, pollMs: 1 });
    socket.bufferedAmount = MARK + 1;
    const written = new Promise<void>((resolve, reject) => mic.write(new Uint8Array(960), (e) => (e ? reject(e) : resolve())));
    expect(frames()).toHaveLength(0);
    socket.bufferedAmount = 0;
    await written; // the client's episode ends on its 100 ms poll, then the frame goes
    expect(frames()).toHaveLength(1);
    expect(mic.stats).toMatchObject({ frames: 1, holds: 1 });
  });

  it('with pipeline(), a slow connection slows the source instead of losing audio', async () => {
    const mic = audioWritable(client, { inputFormat: 'pcmu', pollMs: 1 });
    const chunks = Array.from({ length: 50 }, (_, i) => Buffer.from(encodeMuLaw(tone(200 + i, 20, 8000, 0.2))));
    let pulled = 0;
    const source = Readable.from(
      (function* () {
        for (const c of chunks) {
          pulled++;
          if (pulled === 10) socket.bufferedAmount = MARK; // congested from the tenth chunk on
          yield c;
        }
      })(),
    );
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const turns = async (n: number) => {
      for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
    };
    try {
      const held = once(mic, 'held');
      const done = pipeline(source, mic);
      await held;
      // the stream's buffer (100 ms) and the source's own fill, then nothing more is pulled however long it waits
      await turns(50);
      const pulledWhileHeld = pulled;
      expect(pulledWhileHeld).toBeLessThan(50);
      jest.advanceTimersByTime(10_000);
      await turns(50);
      expect(pulled).toBe(pulledWhileHeld);
      expect(frames().length).toBeLessThan(10); // nothing pulled after the buffer filled has gone out
      socket.bufferedAmount = 0;
      jest.advanceTimersByTime(1);
      await done;
    } finally {
      jest.useRealTimers();
    }
    expect(frames()).toHaveLength(50);
    expect(mic.stats.frames).toBe(50);
  });
});

describe('audioWritable failures', () => {
  it('not connected: the stream errors with RT_ERR_NOT_CONNECTED', async () => {
    client = new RealtimeClient();
    const mic = audioWritable(client, { inputFormat: 'pcmu' });
    const failure = await pipeline(Readable.from([Buffer.alloc(160, 0xff)]), mic).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RealtimeStreamError);
    expect(failure).toMatchObject({ code: 'RT_ERR_NOT_CONNECTED', report: { _tag: 'CommandError', commandType: 'input_audio_buffer.append' } });
  });

  it('a disposed client: RT_ERR_NOT_CONNECTED too (its errors$ is complete)', async () => {
    await connect();
    const mic = audioWritable(client, { inputFormat: 'pcmu' });
    client.dispose();
    // two 20 ms chunks: the resampler's filter holds a few ms back, so the first frame is whole after the second
    mic.write(Buffer.alloc(160, 0xff));
    mic.write(Buffer.alloc(160, 0xff));
    const [error] = (await once(mic, 'error')) as [RealtimeStreamError];
    expect(error.code).toBe('RT_ERR_NOT_CONNECTED');
  });

  it('a send that throws: RT_ERR_SEND', async () => {
    await connect();
    socket.failSends = true;
    const mic = audioWritable(client, { inputFormat: 'pcmu' });
    mic.write(Buffer.alloc(160, 0xff));
    mic.write(Buffer.alloc(160, 0xff));
    const [error] = (await once(mic, 'error')) as [RealtimeStreamError];
    expect(error).toMatchObject({ name: 'RealtimeStreamError', code: 'RT_ERR_SEND', report: { _tag: 'TransportError' } });
  });

  it('while connecting, frames are queued by the client, and a full queue is RT_ERR_QUEUE_FULL', async () => {
    client = new RealtimeClient({ maxQueuedCommands: 2 });
    socket = new BufferedFakeSocket(); // never opens
    void client.connect({ apiKey: 'test', url: 'ws://127.0.0.1:1', createWebSocket: () => socket }).catch(() => undefined);
    const mic = audioWritable(client, { inputFormat: 'pcmu', sessionFormat: 'pcmu' });
    mic.write(Buffer.alloc(480, 0xff));
    const [error] = (await once(mic, 'error')) as [RealtimeStreamError];
    expect(error.code).toBe('RT_ERR_QUEUE_FULL');
    expect(mic.stats.frames).toBe(2);
  });
});
