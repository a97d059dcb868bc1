/**
 * Bounded outbound (issue #9, finding 6): above the send buffer's high-water mark, audio appends
 * are refused and counted, other commands still go out, each episode is reported once, and it
 * ends when the buffer has drained to half the mark (checked on a poll timer, in virtual time).
 */
import type { RealtimeError } from '../../lib/index';
import { RealtimeClient, appendAudio, createResponse, userMessage } from '../../lib/index';
import type { Backpressure } from '../../lib/client/Backpressure';
import { BackpressureGate } from '../../lib/client/Backpressure';
import { DEFAULT_MAX_BUFFERED_BYTES } from '../../lib/client/RealtimeClientConfig';
import type { WebSocketLike } from '../../lib/index';
import { FakeSocket } from '../helpers/FakeSocket';

const APPEND = 'input_audio_buffer.append';
const MARK = 1000;
const POLL = 100;

/** Just what the gate reads: a settable bufferedAmount. */
const fakeSocket = (bufferedAmount = 0) => ({ bufferedAmount }) as { bufferedAmount: number } & WebSocketLike;

beforeEach(() => jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] }));
afterEach(() => jest.useRealTimers());

describe('BackpressureGate', () => {
  let episodes: number[];
  let states: Backpressure[];
  let gate: BackpressureGate;
  let completed: boolean;

  beforeEach(() => {
    episodes = [];
    states = [];
    completed = false;
    gate = new BackpressureGate(MARK, (b) => episodes.push(b), POLL);
    gate.state$.subscribe({ next: (s) => states.push(s), complete: () => (completed = true) });
  });

  const idle = { congested: false, bufferedAmount: 0, highWaterMark: MARK, droppedAppends: 0, droppedBytes: 0 };

  it('starts idle, and replays its state to each subscriber', () => {
    expect(gate.value).toEqual(idle);
    expect(states).toEqual([idle]);
    const late: Backpressure[] = [];
    gate.state$.subscribe((s) => late.push(s));
    expect(late).toEqual([idle]);
  });

  it('admits everything up to and including the mark, with no timer and no report', () => {
    const socket = fakeSocket(0);
    for (const buffered of [0, 1, MARK - 1, MARK]) {
      socket.bufferedAmount = buffered;
      expect(gate.admit(socket, APPEND, 500)).toBe(true);
      expect(gate.admit(socket, 'response.create', 50)).toBe(true);
    }
    expect(episodes).toEqual([]);
    expect(states).toEqual([idle]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('treats a socket without bufferedAmount as empty', () => {
    expect(gate.admit({} as WebSocketLike, APPEND, 10)).toBe(true);
    expect(episodes).toEqual([]);
  });

  it('above the mark, begins an episode: reported once, congested, appends refused and counted, other types admitted', () => {
    const socket = fakeSocket(MARK + 1);
    expect(gate.admit(socket, APPEND, 300)).toBe(false);
    expect(episodes).toEqual([MARK + 1]);
    expect(gate.value).toEqual({ congested: true, bufferedAmount: MARK + 1, highWaterMark: MARK, droppedAppends: 1, droppedBytes: 300 });

    socket.bufferedAmount = 5 * MARK;
    expect(gate.admit(socket, 'response.create', 40)).toBe(true);
    expect(gate.admit(socket, 'conversation.item.create', 40)).toBe(true);
    expect(gate.admit(socket, APPEND, 200)).toBe(false);
    expect(gate.admit(socket, 'input_audio_buffer.commit', 40)).toBe(true);
    expect(gate.admit(socket, APPEND, 100)).toBe(false);

    expect(episodes).toEqual([MARK + 1]);
    expect(gate.value).toMatchObject({ congested: true, droppedAppends: 3, droppedBytes: 600 });
    expect(states.map((s) => [s.congested, s.droppedAppends])).toEqual([
      [false, 0],
      [true, 0],
      [true, 1],
      [true, 2],
      [true, 3],
    ]);
    expect(jest.getTimerCount()).toBe(1);
  });

  it('an episode begun by another command type counts no drop', () => {
    const socket = fakeSocket(MARK * 2);
    expect(gate.admit(socket, 'response.create', 40)).toBe(true);
    expect(episodes).toEqual([MARK * 2]);
    expect(gate.value).toMatchObject({ congested: true, droppedAppends: 0, droppedBytes: 0 });
    expect(gate.admit(socket, APPEND, 10)).toBe(false);
  });

  it('ends the episode only when a poll tick finds the buffer at or below half the mark', () => {
    const socket = fakeSocket(MARK * 3);
    gate.admit(socket, APPEND, 10);

    socket.bufferedAmount = MARK / 2 + 1;
    jest.advanceTimersByTime(POLL * 5);
    expect(gate.value.congested).toBe(true);

    // drained, but no tick yet: still congested, appends still refused
    socket.bufferedAmount = MARK / 2;
    jest.advanceTimersByTime(POLL - 1);
    expect(gate.value.congested).toBe(true);
    expect(gate.admit(socket, APPEND, 10)).toBe(false);

    jest.advanceTimersByTime(1);
    expect(gate.value).toEqual({ congested: false, bufferedAmount: MARK / 2, highWaterMark: MARK, droppedAppends: 2, droppedBytes: 20 });
    expect(jest.getTimerCount()).toBe(0);
    expect(gate.admit(socket, APPEND, 10)).toBe(true);
    expect(episodes).toHaveLength(1);
  });

  it('a buffer back under the mark but above half of it keeps the episode going', () => {
    const socket = fakeSocket(MARK + 1);
    gate.admit(socket, APPEND, 10);
    socket.bufferedAmount = MARK - 1;
    jest.advanceTimersByTime(POLL * 10);
    expect(gate.value.congested).toBe(true);
    expect(gate.admit(socket, APPEND, 10)).toBe(false);
  });

  it('a second episode is reported again, and the drop counts run on', () => {
    const socket = fakeSocket(MARK + 1);
    gate.admit(socket, APPEND, 10);
    socket.bufferedAmount = 0;
    jest.advanceTimersByTime(POLL);
    expect(gate.value.congested).toBe(false);

    socket.bufferedAmount = MARK * 4;
    expect(gate.admit(socket, APPEND, 7)).toBe(false);
    expect(episodes).toEqual([MARK + 1, MARK * 4]);
    expect(gate.value).toMatchObject({ congested: true, bufferedAmount: MARK * 4, droppedAppends: 2, droppedBytes: 17 });
    expect(jest.getTimerCount()).toBe(1);
  });

  it('reset() clears the counts, stops the timer and reports idle', () => {
    const socket = fakeSocket(MARK + 1);
    gate.admit(socket, APPEND, 10);
    gate.admit(socket, APPEND, 10);
    expect(jest.getTimerCount()).toBe(1);
    gate.reset();
    expect(jest.getTimerCount()).toBe(0);
    expect(gate.value).toEqual(idle);
    expect(states[states.length - 1]).toEqual(idle);
    // the next connection starts from zero
    socket.bufferedAmount = 0;
    expect(gate.admit(socket, APPEND, 10)).toBe(true);
    socket.bufferedAmount = MARK + 1;
    expect(gate.admit(socket, APPEND, 10)).toBe(false);
    expect(episodes).toHaveLength(2);
    expect(gate.value).toMatchObject({ droppedAppends: 1, droppedBytes: 10 });
  });

  it('reset() when idle reports nothing new', () => {
    gate.reset();
    expect(states).toEqual([idle]);
  });

  it('reset() after a finished episode with drops reports idle', () => {
    const socket = fakeSocket(MARK + 1);
    gate.admit(socket, APPEND, 10);
    socket.bufferedAmount = 0;
    jest.advanceTimersByTime(POLL);
    gate.reset();
    expect(gate.value).toEqual(idle);
  });

  it('complete() completes state$ and stops the timer', () => {
    gate.admit(fakeSocket(MARK + 1), APPEND, 10);
    gate.complete();
    expect(completed).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('polls every 100 ms by default', () => {
    const g = new BackpressureGate(MARK, () => undefined);
    const socket = fakeSocket(MARK + 1);
    g.admit(socket, APPEND, 1);
    socket.bufferedAmount = 0;
    jest.advanceTimersByTime(99);
    expect(g.value.congested).toBe(true);
    jest.advanceTimersByTime(1);
    expect(g.value.congested).toBe(false);
  });
});

/** A FakeSocket whose send buffer the test sets. */
class BufferedFakeSocket extends FakeSocket {
  bufferedAmount = 0;
}

describe('RealtimeClient backpressure', () => {
  let client: RealtimeClient;
  let errors: RealtimeError[];
  let states: Backpressure[];

  const connect = async (): Promise<BufferedFakeSocket> => {
    const socket = new BufferedFakeSocket();
    socket.autoOpen = true;
    await client.connect({ apiKey: 'ek_test', url: 'ws://127.0.0.1:1', createWebSocket: () => socket });
    socket.sent.length = 0;
    return socket;
  };

  const warnings = () => errors.filter((e) => e.code === 'RT_WARN_BACKPRESSURE');
  const sentTypes = (socket: FakeSocket) => socket.sent.map((f) => (f as { type: string }).type);

  beforeEach(() => {
    client = new RealtimeClient({ maxBufferedBytes: MARK });
    errors = [];
    states = [];
    client.errors$.subscribe((e) => errors.push(e));
    client.backpressure$.subscribe((s) => states.push(s));
  });

  afterEach(() => client.dispose());

  it('exposes the socket bufferedAmount (0 without a socket)', async () => {
    expect(client.bufferedAmount).toBe(0);
    const socket = await connect();
    socket.bufferedAmount = 1234;
    expect(client.bufferedAmount).toBe(1234);
    client.close();
    expect(client.bufferedAmount).toBe(0);
  });

  it('defaults the high-water mark to 1 MiB', () => {
    const c = new RealtimeClient();
    let state: Backpressure | undefined;
    c.backpressure$.subscribe((s) => (state = s));
    expect(state).toMatchObject({ highWaterMark: DEFAULT_MAX_BUFFERED_BYTES, congested: false });
    expect(DEFAULT_MAX_BUFFERED_BYTES).toBe(1_048_576);
    c.dispose();
  });

  it('sends everything under the mark', async () => {
    const socket = await connect();
    socket.bufferedAmount = MARK;
    expect(client.send(appendAudio(new Uint8Array(64)))).toBe(true);
    expect(client.send(createResponse())).toBe(true);
    expect(sentTypes(socket)).toEqual([APPEND, 'response.create']);
    expect(warnings()).toEqual([]);
    expect(states.every((s) => !s.congested)).toBe(true);
  });

  it('in an episode: one warning, appends refused and counted, other commands sent; it ends when the buffer drains', async () => {
    const socket = await connect();
    socket.bufferedAmount = MARK * 8;
    const append = appendAudio(new Uint8Array(300));
    const bytes = JSON.stringify(append).length;

    expect(client.send(append)).toBe(false);
    expect(client.send(append)).toBe(false);
    expect(client.send(createResponse())).toBe(true);
    expect(client.send(userMessage('still here'))).toBe(true);
    expect(client.send(append)).toBe(false);

    expect(sentTypes(socket)).toEqual(['response.create', 'conversation.item.create']);
    expect(warnings()).toEqual([
      expect.objectContaining({ _tag: 'ClientWarning', code: 'RT_WARN_BACKPRESSURE', severity: 'warning', bufferedAmount: MARK * 8 }),
    ]);
    // refused appends are counted, not reported one by one
    expect(errors).toHaveLength(1);
    expect(states[states.length - 1]).toEqual({ congested: true, bufferedAmount: MARK * 8, highWaterMark: MARK, droppedAppends: 3, droppedBytes: 3 * bytes });

    socket.bufferedAmount = MARK / 2;
    jest.advanceTimersByTime(POLL);
    expect(states[states.length - 1]).toMatchObject({ congested: false, droppedAppends: 3 });
    expect(client.send(append)).toBe(true);
    expect(sentTypes(socket)).toEqual(['response.create', 'conversation.item.create', APPEND]);

    // a second episode: a second warning
    socket.bufferedAmount = MARK + 1;
    expect(client.send(append)).toBe(false);
    expect(warnings()).toHaveLength(2);
    expect(warnings()[1]).toMatchObject({ bufferedAmount: MARK + 1 });
  });

  it('sendRaw obeys the same gate', async () => {
    const socket = await connect();
    socket.bufferedAmount = MARK * 2;
    client.sendRaw({ type: APPEND, audio: '' } as { type: string });
    client.sendRaw({ type: 'response.cancel' });
    expect(sentTypes(socket)).toEqual(['response.cancel']);
    expect(warnings()).toHaveLength(1);
  });

  it('close() ends the episode: state reset, no timer left, and the next connection starts from zero', async () => {
    const socket = await connect();
    socket.bufferedAmount = MARK * 2;
    client.send(appendAudio(new Uint8Array(10)));
    expect(client.status.status).toBe('connected');
    expect(jest.getTimerCount()).toBe(1);

    client.close();
    expect(states[states.length - 1]).toEqual({ congested: false, bufferedAmount: 0, highWaterMark: MARK, droppedAppends: 0, droppedBytes: 0 });
    expect(jest.getTimerCount()).toBe(0);

    const next = await connect();
    expect(client.send(appendAudio(new Uint8Array(10)))).toBe(true);
    expect(sentTypes(next)).toEqual([APPEND]);
    expect(warnings()).toHaveLength(1);
  });

  it('close() called by a listener of the backpressure warning leaves no timer and an idle state', async () => {
    const socket = await connect();
    client.errors$.subscribe((e) => e.code === 'RT_WARN_BACKPRESSURE' && client.close());
    socket.bufferedAmount = MARK * 2;
    expect(client.send(appendAudio(new Uint8Array(10)))).toBe(false);
    expect(client.status.status).toBe('disconnected');
    expect(states[states.length - 1]).toEqual({ congested: false, bufferedAmount: 0, highWaterMark: MARK, droppedAppends: 0, droppedBytes: 0 });
    expect(jest.getTimerCount()).toBe(0);
  });

  it('a server close ends the episode too', async () => {
    const socket = await connect();
    socket.bufferedAmount = MARK * 2;
    client.send(appendAudio(new Uint8Array(10)));
    socket.fire('close', { code: 1006, reason: '', wasClean: false });
    expect(client.status.status).toBe('disconnected');
    expect(states[states.length - 1]).toMatchObject({ congested: false, droppedAppends: 0 });
    expect(jest.getTimerCount()).toBe(0);
  });

  it('dispose() completes backpressure$', async () => {
    let completed = false;
    client.backpressure$.subscribe({ complete: () => (completed = true) });
    const socket = await connect();
    socket.bufferedAmount = MARK * 2;
    client.send(appendAudio(new Uint8Array(10)));
    client.dispose();
    expect(completed).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  });
});
