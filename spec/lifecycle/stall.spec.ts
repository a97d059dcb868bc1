/**
 * A server that stops reading while the app keeps streaming microphone audio: ten minutes of
 * 20 ms chunks (30,000 appends, about 38 MB of JSON) are pushed as fast as the client takes them.
 * The send buffer must stay near its high-water mark instead of growing with every chunk.
 */
import type { Socket } from 'node:net';
import type { Backpressure, RealtimeError } from '../../lib/index';
import { OpenAIRealtimeWebSocket, RealtimeClient, appendAudio, createResponse } from '../../lib/index';
import type { Loopback } from '../helpers/loopback';
import { startLoopback } from '../helpers/loopback';

const CHUNKS = 30_000; // 10 minutes of 20 ms chunks
const CHUNK = new Uint8Array(960); // 20 ms of 24 kHz PCM16
const MARK = 1_048_576;

let server: Loopback;
beforeAll(async () => (server = await startLoopback()));
afterAll(() => server.close());

const stall = (socket: { _socket?: Socket }): void => void socket._socket?.pause();

describe('a server that stops reading', () => {
  it('RealtimeClient: bufferedAmount stays bounded, appends are dropped and counted, one warning, other commands still go', async () => {
    const client = new RealtimeClient({ url: server.url, apiKey: 'test', maxBufferedBytes: MARK });
    const errors: RealtimeError[] = [];
    const states: Backpressure[] = [];
    client.errors$.subscribe((e) => errors.push(e));
    client.backpressure$.subscribe((b) => states.push(b));
    const accepted = server.accept();
    await client.connect();
    stall((await accepted).socket as unknown as { _socket?: Socket });
    let maxBuffered = 0;
    let sent = 0;
    for (let i = 0; i < CHUNKS; i++) {
      if (client.send(appendAudio(CHUNK))) sent++;
      maxBuffered = Math.max(maxBuffered, client.bufferedAmount);
    }
    const frame = JSON.stringify(appendAudio(CHUNK)).length;
    expect(maxBuffered).toBeLessThanOrEqual(MARK + 2 * frame);
    expect(sent).toBeLessThan(CHUNKS / 4);
    expect(client.send(createResponse())).toBe(true); // never dropped
    const state = states[states.length - 1];
    expect(state).toMatchObject({ congested: true, highWaterMark: MARK, droppedAppends: CHUNKS - sent });
    expect(errors.filter((e) => e.code === 'RT_WARN_BACKPRESSURE')).toHaveLength(1);
    expect(errors.filter((e) => e.code !== 'RT_WARN_BACKPRESSURE')).toEqual([]);
    client.close();
    expect(client.bufferedAmount).toBe(0);
    expect(states[states.length - 1]).toMatchObject({ congested: false, droppedAppends: 0 });
    client.dispose();
  });

  it('OpenAIRealtimeWebSocket.sendAudio: the same bound through the facade', async () => {
    const transport = new OpenAIRealtimeWebSocket({ url: server.url, apiKey: 'test', maxBufferedBytes: MARK });
    const accepted = server.accept();
    await transport.connect();
    stall((await accepted).socket as unknown as { _socket?: Socket });
    let maxBuffered = 0;
    for (let i = 0; i < CHUNKS; i++) {
      transport.sendAudio(CHUNK.buffer);
      maxBuffered = Math.max(maxBuffered, transport.client.bufferedAmount);
    }
    expect(maxBuffered).toBeLessThanOrEqual(MARK + 4096);
    let last: Backpressure | undefined;
    transport.client.backpressure$.subscribe((b) => (last = b)).unsubscribe();
    expect(last?.droppedAppends).toBeGreaterThan(CHUNKS * 0.75);
    expect(transport.status).toBe('connected');
    transport.close();
  });
});
