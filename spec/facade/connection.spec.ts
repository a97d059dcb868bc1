/**
 * spec/transport.md §14 A: construction and connection (scenarios 1-28).
 */
import type { Platform } from '../../lib/index';
import { OpenAIRealtimeWebSocket, UserError, createBrowserSocket } from '../../lib/index';
import { HEADERS, WEBSOCKET_META } from '../../lib/facade/version';
import { FakeSocket } from '../helpers/FakeSocket';
import type { Loopback } from '../helpers/loopback';
import { startLoopback } from '../helpers/loopback';
import { created, flush, harness } from './harness';

/** The browser factory over a stand-in global WebSocket that records its constructor calls and opens itself. */
const browserSocketsInto = (constructed: Array<[string, string[]]>): Platform['createDefaultSocket'] => (request) => {
  const previous = (globalThis as { WebSocket?: unknown }).WebSocket;
  (globalThis as { WebSocket?: unknown }).WebSocket = class extends FakeSocket {
    constructor(url: string, protocols: string[]) {
      super();
      constructed.push([url, protocols]);
      this.autoOpen = true;
    }
  };
  try {
    return createBrowserSocket(request);
  } finally {
    (globalThis as { WebSocket?: unknown }).WebSocket = previous;
  }
};

const DEFAULT_FRAME = {
  type: 'session.update',
  session: {
    type: 'realtime',
    model: 'gpt-realtime',
    output_modalities: ['audio'],
    audio: {
      input: {
        format: { type: 'audio/pcm', rate: 24000 },
        noise_reduction: null,
        transcription: { model: 'gpt-4o-mini-transcribe' },
        turn_detection: { type: 'semantic_vad' },
      },
      output: { format: { type: 'audio/pcm', rate: 24000 }, speed: 1 },
    },
  },
};

/** A deferred value, resolved by the test. */
const deferred = <T>() => {
  let resolve: (v: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

describe('A. construction and connection', () => {
  it('1. starts disconnected and unmuted', () => {
    const T = new OpenAIRealtimeWebSocket();
    expect(T.muted).toBeNull();
    expect(T.status).toBe('disconnected');
    expect(T.connectionState).toEqual({ status: 'disconnected', websocket: undefined });
  });

  it('2. reports connecting then connected, and `connected` once after the connected status', async () => {
    const h = harness();
    const seen = h.record('connection_change', 'connected');
    await h.T.connect({ apiKey: 'ek_test', model: 'm' });
    expect(seen).toEqual([['connection_change', 'connecting'], ['connection_change', 'connected'], ['connected']]);
    expect(h.T.status).toBe('connected');
    expect(h.T.connectionState.websocket).toBe(h.sockets[0]);
  });

  it('3. sends exactly the default session.update as the only frame', async () => {
    const h = harness();
    await h.T.connect({ apiKey: 'ek_test', model: 'gpt-realtime' });
    expect(h.sent).toEqual([DEFAULT_FRAME]);
  });

  it('4. uses the default model in the URL and the session', async () => {
    const h = harness();
    await h.T.connect({ apiKey: 'ek_test' });
    expect(h.factoryCalls[0]?.url).toBe('wss://api.openai.com/v1/realtime?model=gpt-realtime-2.1');
    expect(h.sent[0]).toMatchObject({ session: { model: 'gpt-realtime-2.1' } });
  });

  it('5. uses the constructor URL', async () => {
    const h = harness({ url: 'ws://test' });
    await h.connected();
    expect(h.factoryCalls[0]?.url).toBe('ws://test');
  });

  it('6. remembers a connect URL for later connects', async () => {
    const h = harness();
    await h.T.connect({ apiKey: 'ek_test', url: 'wss://custom/x' });
    h.T.close();
    await h.T.connect({ apiKey: 'ek_test', model: 'third' });
    expect(h.factoryCalls.map((c) => c.url)).toEqual(['wss://custom/x', 'wss://custom/x']);
    expect(h.T.currentModel).toBe('third');
  });

  it('7. builds a call_id URL that is not remembered, and beats a default URL', async () => {
    const h = harness({ url: 'ws://default' });
    await h.T.connect({ apiKey: 'ek_test', callId: 'call_abc' });
    h.T.close();
    await h.T.connect({ apiKey: 'ek_test', callId: 'call_two' });
    h.T.close();
    await h.T.connect({ apiKey: 'ek_test' });
    expect(h.factoryCalls.map((c) => c.url)).toEqual([
      'wss://api.openai.com/v1/realtime?call_id=call_abc',
      'wss://api.openai.com/v1/realtime?call_id=call_two',
      'ws://default',
    ]);
  });

  describe('8. Node headers', () => {
    let server: Loopback;
    beforeEach(async () => (server = await startLoopback()));
    afterEach(() => server.close());

    it('sends the key as a Bearer header with the SDK markers, and no OpenAI-Beta', async () => {
      const T = new OpenAIRealtimeWebSocket({ url: server.url });
      const peer = server.accept();
      await T.connect({ apiKey: 'sk-test' });
      const { headers } = await peer;
      expect(headers.authorization).toBe('Bearer sk-test');
      expect(headers['user-agent']).toBe(HEADERS['User-Agent']);
      expect(headers['x-openai-agents-sdk']).toBe(HEADERS['X-OpenAI-Agents-SDK']);
      expect(headers['openai-beta']).toBeUndefined();
      T.close();
    });
  });

  describe('9-10. browser builds', () => {
    const constructed: Array<[string, string[]]> = [];
    const browser: Platform = { name: 'browser', browserLike: true, createDefaultSocket: browserSocketsInto(constructed) };
    beforeEach(() => (constructed.length = 0));

    it('9. passes the key and the SDK marker as subprotocols', async () => {
      const T = new OpenAIRealtimeWebSocket({}, browser);
      await T.connect({ apiKey: 'ek_123' });
      expect(constructed).toEqual([['wss://api.openai.com/v1/realtime?model=gpt-realtime-2.1', ['realtime', 'openai-insecure-api-key.ek_123', WEBSOCKET_META]]]);
      T.close();
    });

    it('10. refuses a regular key unless useInsecureApiKey is set', async () => {
      const T = new OpenAIRealtimeWebSocket({}, browser);
      const attempt = T.connect({ apiKey: 'sk-regular' });
      await expect(attempt).rejects.toBeInstanceOf(UserError);
      await expect(attempt).rejects.toThrow(/^Using the WebSocket connection in a browser environment requires an ephemeral client key/);
      expect(constructed).toEqual([]);
      expect(T.status).toBe('disconnected');
      const insecure = new OpenAIRealtimeWebSocket({ useInsecureApiKey: true }, browser);
      await insecure.connect({ apiKey: 'sk-regular' });
      expect(insecure.status).toBe('connected');
      insecure.close();
    });
  });

  it('11. rejects without a key, with no events', async () => {
    const h = harness();
    const seen = h.record('connection_change');
    const attempt = h.T.connect({});
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toThrow('API key is not set. Please call `connect()` with an API key first.');
    expect(seen).toEqual([]);
    expect(h.sockets).toEqual([]);
  });

  it('12. resolves the constructor key function, and a connect key overrides it', async () => {
    const h = harness({ apiKey: () => Promise.resolve('ek_ctor') });
    await h.T.connect({});
    h.T.close();
    await h.T.connect({ apiKey: 'override' });
    expect(h.factoryCalls.map((c) => c.apiKey)).toEqual(['ek_ctor', 'override']);
  });

  it('13. gives createWebSocket exactly {url, apiKey}', async () => {
    const h = harness();
    await h.T.connect({ apiKey: () => Promise.resolve('ek_abc'), model: 'mm' });
    expect(h.factoryCalls).toEqual([{ url: 'wss://api.openai.com/v1/realtime?model=mm', apiKey: 'ek_abc' }]);
  });

  it('14. with skipOpenEventListeners, connects without an open event or open listener', async () => {
    const h = harness({ skipOpenEventListeners: true, autoOpen: false });
    const seen = h.record('connection_change');
    await h.T.connect({ apiKey: 'ek_test', model: 'm' });
    expect(seen.map(([, s]) => s)).toEqual(['connecting', 'connected']);
    expect(h.types()).toEqual(['session.update']);
    expect(h.sockets[0]?.listenerCount('open')).toBe(0);
  });

  it('15. rejects a second connect while connected, changing nothing', async () => {
    const h = harness();
    await h.connected();
    await expect(h.T.connect({ apiKey: 'ek_second', model: 'second-model' })).rejects.toThrow(/already connected or connecting/);
    expect(h.sockets).toHaveLength(1);
    expect(h.T.currentModel).toBe('m');
  });

  it('16. rejects an overlapping connect while the first awaits its key', async () => {
    const h = harness();
    const key = deferred<string>();
    const first = h.T.connect({ apiKey: () => key.promise, model: 'first-model' });
    await expect(h.T.connect({ apiKey: 'ek_other', model: 'other' })).rejects.toThrow(/already connected or connecting/);
    expect(h.sockets).toHaveLength(0);
    key.resolve('ek_first');
    await first;
    expect(h.sockets).toHaveLength(1);
    expect(h.T.currentModel).toBe('first-model');
  });

  it('17. rejects with the socket error itself when the socket fails before opening', async () => {
    const h = harness({ autoOpen: false });
    const seen = h.record('error', 'connection_change', 'disconnected');
    const attempt = h.T.connect({ apiKey: 'ek_test', model: 'm' });
    await flush();
    const E = { message: 'boom' };
    h.sockets[0]?.fire('error', E);
    await expect(attempt).rejects.toBe(E);
    expect(seen).toEqual([
      ['connection_change', 'connecting'],
      ['error', { type: 'error', error: E }],
      ['connection_change', 'disconnected'],
      ['disconnected'],
    ]);
    expect(h.sockets[0]?.closes).toHaveLength(1);
  });

  it('17. without an error listener, a socket error throws nothing and a retry connects', async () => {
    const h = harness({ autoOpen: false });
    const attempt = h.T.connect({ apiKey: 'ek_test', model: 'm' });
    await flush();
    expect(() => h.sockets[0]?.fire('error', { message: 'boom' })).not.toThrow();
    await expect(attempt).rejects.toEqual({ message: 'boom' });
    const retry = h.T.connect({ apiKey: 'ek_test', model: 'm' });
    await flush();
    h.sockets[1]?.fire('open');
    await retry;
    expect(h.T.status).toBe('connected');
  });

  it('18. rejects when the socket closes before opening', async () => {
    const h = harness({ autoOpen: false });
    const attempt = h.T.connect({ apiKey: 'ek_test', model: 'm' });
    await flush();
    h.sockets[0]?.fire('close', { code: 1006 });
    await expect(attempt).rejects.toThrow('WebSocket closed before the connection was ready.');
    expect(h.T.status).toBe('disconnected');
    expect(h.sockets[0]?.closes).toEqual([]);
  });

  it('19. close() while the key resolves rejects, rolls back, and a late key opens nothing', async () => {
    const h = harness({ model: 'initial-model' });
    const key = deferred<string>();
    const attempt = h.T.connect({ apiKey: () => key.promise, model: 'failed-model' });
    h.T.close();
    await expect(attempt).rejects.toThrow(/closed before setup completed/);
    expect(h.T.currentModel).toBe('initial-model');
    key.resolve('ek_late');
    await flush();
    expect(h.sockets).toHaveLength(0);
    await h.T.connect({ apiKey: 'ek_test' });
    expect(h.T.status).toBe('connected');
  });

  it('20. close() while awaiting open rejects and closes the socket once; a retry succeeds', async () => {
    const h = harness({ autoOpen: false });
    const attempt = h.T.connect({ apiKey: 'ek_test', model: 'm' });
    await flush();
    h.T.close();
    await expect(attempt).rejects.toThrow(/closed before setup completed/);
    expect(h.sockets[0]?.closes).toHaveLength(1);
    expect(h.T.status).toBe('disconnected');
    const retry = h.T.connect({ apiKey: 'ek_test', model: 'm' });
    await flush();
    h.sockets[1]?.fire('open');
    await retry;
    expect(h.T.status).toBe('connected');
  });

  it('21. a failing initial session.update rejects with its error and rolls everything back', async () => {
    const h = harness({ model: 'initial-model' });
    const E = new Error('send failed');
    const spy = jest.spyOn(h.T, 'updateSessionConfig').mockImplementationOnce(() => {
      throw E;
    });
    await expect(h.T.connect({ apiKey: 'ek_test', model: 'failed-model', url: 'ws://failed-attempt' })).rejects.toBe(E);
    expect(h.sockets[0]?.closes).toHaveLength(1);
    expect(h.T.currentModel).toBe('initial-model');
    spy.mockRestore();
    await h.T.connect({ apiKey: 'ek_test' });
    expect(h.factoryCalls[1]?.url).toBe('wss://api.openai.com/v1/realtime?model=initial-model');
  });

  it('22. a throwing `connected` observer rejects the connect; a second connect succeeds', async () => {
    const h = harness();
    const E = new Error('observer failed');
    const observer = (status: string) => {
      if (status === 'connected') throw E;
    };
    h.T.on('connection_change', observer);
    await expect(h.T.connect({ apiKey: 'ek_test', model: 'm' })).rejects.toBe(E);
    expect(h.sockets[0]?.closes).toHaveLength(1);
    expect(h.T.status).toBe('disconnected');
    h.T.off('connection_change', observer);
    await h.T.connect({ apiKey: 'ek_test', model: 'm' });
    expect(h.T.status).toBe('connected');
  });

  it('23. close() from a `connected` listener rejects the connect', async () => {
    const h = harness();
    const closer = () => h.T.close();
    h.T.once('connected', closer);
    await expect(h.T.connect({ apiKey: 'ek_test', model: 'm' })).rejects.toThrow(/closed before setup completed/);
    expect(h.T.status).toBe('disconnected');
    await h.T.connect({ apiKey: 'ek_test', model: 'm' });
    expect(h.T.status).toBe('connected');
  });

  it('24. close() is synchronous, and a stale close from an old socket changes nothing', async () => {
    const h = harness();
    await h.connected();
    const seen = h.record('connection_change', 'disconnected');
    h.T.close();
    expect(seen).toEqual([['connection_change', 'disconnected'], ['disconnected']]);
    expect(h.T.status).toBe('disconnected');
    await h.T.connect({ apiKey: 'ek_test', model: 'm' });
    h.sockets[0]?.fire('close', { code: 1000 });
    expect(h.T.status).toBe('connected');
  });

  it('25. close() twice, or before connecting, does nothing', () => {
    const h = harness();
    const seen = h.record('connection_change', 'disconnected');
    expect(() => h.T.close()).not.toThrow();
    expect(() => h.T.close()).not.toThrow();
    expect(seen).toEqual([]);
  });

  it('26. a throwing disconnect observer: close() still emits, closes the socket once, then throws', async () => {
    const h = harness();
    await h.connected();
    const E = new Error('observer failed');
    h.T.on('connection_change', (s: string) => {
      if (s === 'disconnected') throw E;
    });
    const seen = h.record('disconnected');
    expect(() => h.T.close()).toThrow(E);
    expect(seen).toEqual([['disconnected']]);
    expect(h.sockets[0]?.closes).toHaveLength(1);
    expect(h.T.status).toBe('disconnected');
  });

  it('27. a server close after connect drops queued response requests for good', async () => {
    const h = harness();
    await h.connected();
    h.deliver(created());
    h.T.requestResponse();
    const seen = h.record('connection_change', 'disconnected');
    h.sockets[0]?.fire('close', { code: 1001, reason: 'bye', wasClean: true });
    expect(seen).toEqual([['connection_change', 'disconnected'], ['disconnected']]);
    await h.T.connect({ apiKey: 'ek_test', model: 'm' });
    await flush();
    expect(h.types()).toEqual(['session.update']);
  });

  it('28. a socket error after connect, with no error listener, throws nothing and disconnects', async () => {
    const h = harness();
    await h.connected();
    expect(() => h.sockets[0]?.fire('error', { message: 'lost' })).not.toThrow();
    expect(h.T.status).toBe('disconnected');
    expect(h.sockets[0]?.closes).toHaveLength(1);
  });
});
