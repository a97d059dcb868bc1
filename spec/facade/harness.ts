/**
 * The conventions of spec/transport.md §14: a fake socket injected through `createWebSocket`,
 * `connected(T)`, `deliver(x)`, `flush`, and a controllable clock.
 */
import type { OpenAIRealtimeWebSocketOptions } from '../../lib/index';
import { OpenAIRealtimeWebSocket } from '../../lib/index';
import { FakeSocket } from '../helpers/FakeSocket';

export interface Harness {
  readonly T: OpenAIRealtimeWebSocket;
  readonly sockets: FakeSocket[];
  readonly factoryCalls: Array<{ url: string; apiKey: string }>;
  /** The frames written to the latest socket. */
  readonly sent: unknown[];
  /** The `type`s of those frames. */
  types(): string[];
  /** Connect with `{apiKey:'ek_test', model:'m'}`, then clear `sent`. */
  connected(): Promise<void>;
  deliver(frame: unknown): void;
  /** Record every emission of these events as `[name, ...args]`. */
  record(...names: string[]): Array<[string, ...unknown[]]>;
}

export function harness(options: OpenAIRealtimeWebSocketOptions & { autoOpen?: boolean } = {}): Harness {
  const sockets: FakeSocket[] = [];
  const factoryCalls: Array<{ url: string; apiKey: string }> = [];
  const { autoOpen = true, ...rest } = options;
  const T = new OpenAIRealtimeWebSocket({
    createWebSocket: (o) => {
      factoryCalls.push(o);
      const socket = new FakeSocket();
      socket.autoOpen = autoOpen;
      sockets.push(socket);
      return Promise.resolve(socket);
    },
    ...rest,
  });
  const latest = () => {
    const s = sockets[sockets.length - 1];
    if (!s) throw new Error('no socket yet');
    return s;
  };
  return {
    T,
    sockets,
    factoryCalls,
    get sent() {
      return latest().sent;
    },
    types: () => latest().sent.map((f) => (f as { type: string }).type),
    connected: async () => {
      await T.connect({ apiKey: 'ek_test', model: 'm' });
      latest().sent.length = 0;
    },
    deliver: (frame) => latest().deliver(frame),
    record: (...names) => {
      const seen: Array<[string, ...unknown[]]> = [];
      for (const name of names) T.on(name, (...args: unknown[]) => seen.push([name, ...args]));
      return seen;
    },
  };
}

/** Let queued microtasks (the response sequencer's retries) run. */
export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A controllable `Date.now()`. */
export function clock(start = 1_000_000): { now: number; advance(ms: number): void; restore(): void } {
  const state = { now: start };
  const spy = jest.spyOn(Date, 'now').mockImplementation(() => state.now);
  return {
    get now() {
      return state.now;
    },
    advance: (ms) => void (state.now += ms),
    restore: () => spy.mockRestore(),
  };
}

/** base64 of n zero bytes. */
export const AUDIO = (n: number): string => Buffer.alloc(n).toString('base64');

/** A `response.output_audio.delta` with n bytes of audio. */
export const delta = (n: number, item = 'item1', response = 'r1', contentIndex = 0) => ({
  type: 'response.output_audio.delta',
  event_id: 'd',
  item_id: item,
  content_index: contentIndex,
  delta: AUDIO(n),
  output_index: 0,
  response_id: response,
});

export const created = (id = 'r1', extra: Record<string, unknown> = {}) => ({ type: 'response.created', event_id: 'c', response: { id, ...extra } });
export const done = (id = 'r1', extra: Record<string, unknown> = {}) => ({ type: 'response.done', event_id: 'x', response: { id, ...extra } });

/**
 * Options for a transport whose socket is open at once (`skipOpenEventListeners`) and records
 * every frame sent into `sent`: for subclasses whose protected state a test drives directly.
 */
export function recordingOptions(sent: unknown[]): OpenAIRealtimeWebSocketOptions {
  return {
    createWebSocket: () => Promise.resolve({ readyState: 1, addEventListener: () => undefined, send: (d: string) => void sent.push(JSON.parse(d)), close: () => undefined }),
    skipOpenEventListeners: true,
  };
}
