import type { Observable } from 'rxjs';
import { concat, config as rxConfig, filter, firstValueFrom, of, take, throwError, toArray } from 'rxjs';
import type { AnyServerEvent, ConnectionStatus, RealtimeError } from '../../lib/index';
import * as decodeModule from '../../lib/protocol/decodeServerEvent';
import {
  ConnectError,
  RealtimeClient,
  appendAudio,
  createResponse,
  functionCallOutput,
  updateSession,
  userMessage,
} from '../../lib/index';
import { sessionLines } from '../helpers/corpus';

// A pass-through mock of the decoders, so a test can count how often frames are decoded (the
// client decodes text frames with decodeText, the Either-free form of decodeServerText).
jest.mock('../../lib/protocol/decodeServerEvent', () => {
  const actual = jest.requireActual<typeof decodeModule>('../../lib/protocol/decodeServerEvent');
  return {
    ...actual,
    decodeServerEvent: jest.fn(actual.decodeServerEvent),
    decodeServerText: jest.fn(actual.decodeServerText),
    decodeText: jest.fn(actual.decodeText),
  };
});
import type { Loopback } from '../helpers/loopback';
import { startLoopback } from '../helpers/loopback';

let server: Loopback;
let client: RealtimeClient;
let errors: RealtimeError[];
let statuses: ConnectionStatus[];

beforeEach(async () => {
  server = await startLoopback();
  client = new RealtimeClient({ apiKey: 'sk-test-SECRET-0123456789', url: server.url });
  errors = [];
  statuses = [];
  client.errors$.subscribe((e) => errors.push(e));
  client.status$.subscribe((s) => statuses.push(s));
});

afterEach(async () => {
  client.dispose();
  await server.close();
});

const connected = async () => {
  const peer = server.accept();
  await client.connect();
  return peer;
};

const collectUntil = <T>(source: Observable<T>, count: number) => firstValueFrom(source.pipe(take(count), toArray()));

describe('RealtimeClient over a loopback socket', () => {
  describe('connecting', () => {
    it('connects with the key in an Authorization header and reports connecting, then connected', async () => {
      const peer = await connected();
      expect(peer.headers.authorization).toBe('Bearer sk-test-SECRET-0123456789');
      expect(statuses.map((s) => s.status)).toEqual(['disconnected', 'connecting', 'connected']);
      expect(client.status).toEqual({ status: 'connected' });
    });

    it('resolves a key function at every connect', async () => {
      const keys = ['first-key-value', 'second-key-value'];
      const c = new RealtimeClient({ url: server.url, apiKey: () => Promise.resolve(keys.shift() as string) });
      const first = server.accept();
      await c.connect();
      expect((await first).headers.authorization).toBe('Bearer first-key-value');
      c.close();
      const second = server.accept();
      await c.connect();
      expect((await second).headers.authorization).toBe('Bearer second-key-value');
      c.dispose();
    });

    it('sends the configured session first, before commands queued while connecting', async () => {
      const c = new RealtimeClient({ url: server.url, apiKey: 'k-test-1234', session: { instructions: 'Be brief.' } });
      const peerP = server.accept();
      const done = c.connect();
      expect(c.send(userMessage('queued while connecting'))).toBe(true);
      await done;
      const peer = await peerP;
      expect(await peer.next()).toEqual({ type: 'session.update', session: { instructions: 'Be brief.', type: 'realtime' } });
      expect(await peer.next()).toMatchObject({ type: 'conversation.item.create' });
      c.dispose();
    });

    it('throws synchronously when connect() is called while connected', async () => {
      await connected();
      expect(() => client.connect()).toThrow(/already connected/);
    });

    it('rejects with RT_ERR_UPGRADE and the HTTP status when the server answers 401, never echoing the key', async () => {
      server.refuseWith(401);
      const failure = client.connect();
      await expect(failure).rejects.toBeInstanceOf(ConnectError);
      await expect(failure).rejects.toMatchObject({ code: 'RT_ERR_UPGRADE', status: 401 });
      expect(errors).toEqual([expect.objectContaining({ _tag: 'TransportError', code: 'RT_ERR_UPGRADE', status: 401 })]);
      expect(client.status).toMatchObject({ status: 'disconnected', recoverable: false });
      const everything = JSON.stringify({ errors, statuses, rejection: String(await failure.catch((e: Error) => `${e.message} ${e.stack}`)) });
      expect(everything).not.toContain('SECRET');
    });

    it('rejects without a key, and a failing key function is reported without the key', async () => {
      const noKey = new RealtimeClient({ url: server.url });
      await expect(noKey.connect()).rejects.toMatchObject({ code: 'RT_ERR_CONNECT', message: expect.stringMatching(/No API key/) });
      noKey.dispose();
      const failing = new RealtimeClient({ url: server.url, apiKey: () => Promise.reject(new Error('vault unreachable')) });
      await expect(failing.connect()).rejects.toMatchObject({ code: 'RT_ERR_CONNECT', message: expect.stringMatching(/vault unreachable/) });
      expect(failing.status.status).toBe('disconnected');
      failing.dispose();
      expect(server.upgrades).toBe(0);
    });

    it('abandons the attempt on close() while the key is being resolved: no socket is ever opened', async () => {
      let release: (key: string) => void = () => undefined;
      const c = new RealtimeClient({ url: server.url, apiKey: () => new Promise<string>((r) => (release = r)) });
      const attempt = c.connect();
      c.close();
      await expect(attempt).rejects.toMatchObject({ code: 'RT_ERR_ABORTED' });
      release('late-key-value');
      await new Promise((r) => setImmediate(r));
      expect(server.upgrades).toBe(0);
      expect(c.status.status).toBe('disconnected');
      c.dispose();
    });
  });

  describe('receiving', () => {
    it('delivers a scripted response as typed events and substreams, in order', async () => {
      const peer = await connected();
      const lines = sessionLines('01-text-turn.jsonl');
      const events = collectUntil(client.events$, lines.length);
      const transcript = firstValueFrom(client.transcripts$.pipe(filter((t) => t.done)));
      const turns = collectUntil(client.turns$, 2);
      const usage = firstValueFrom(client.usage$);
      for (const line of lines) peer.send(line);
      expect((await events).map((e) => e.type)).toEqual(lines.map((l) => (JSON.parse(l) as { type: string }).type));
      expect(await transcript).toMatchObject({ source: 'output_text', text: 'The capital of France is Paris.', done: true });
      expect((await turns).map((t) => t.phase)).toEqual(['started', 'done']);
      expect(await usage).toMatchObject({ responseId: 'resp_CZwR5pP9O9fDI6OczLvpG', inputTokens: 142, outputTokens: 8, totalTokens: 150 });
      expect(errors).toEqual([]);
    });

    it('reports a malformed frame in the middle of a response and still delivers the events after it', async () => {
      const peer = await connected();
      const lines = sessionLines('01-text-turn.jsonl');
      const events = collectUntil(client.events$, lines.length);
      lines.forEach((line, i) => {
        if (i === 10) peer.send('{"type":"response.output_text.delta","event_id":"broken"');
        if (i === 11) peer.send('{"type":"response.output_text.delta","event_id":"bad","response_id":"r","item_id":"i","output_index":0,"content_index":0.5,"delta":"x"}');
        peer.send(line);
      });
      expect(await events).toHaveLength(lines.length);
      expect(errors.map((e) => e.code)).toEqual(['RT_ERR_JSON', 'RT_ERR_SHAPE']);
    });

    it('decodes each frame exactly once, however many subscribers there are', async () => {
      const decode = jest.mocked(decodeModule.decodeText);
      const decodeEither = jest.mocked(decodeModule.decodeServerText);
      const decodeAny = jest.mocked(decodeModule.decodeServerEvent);
      decode.mockClear();
      decodeEither.mockClear();
      decodeAny.mockClear();
      const peer = await connected();
      const lines = sessionLines('02-audio-turn-server-vad.jsonl');
      const all = [1, 2, 3].map(() => collectUntil(client.events$, lines.length));
      const audio = collectUntil(client.audio$, 5);
      client.transcripts$.subscribe();
      client.items$.subscribe();
      client.frames$.subscribe();
      for (const line of lines) peer.send(line);
      await Promise.all([...all, audio]);
      expect(decode).toHaveBeenCalledTimes(lines.length);
      expect(decodeEither).not.toHaveBeenCalled();
      expect(decodeAny).not.toHaveBeenCalled();
    });

    it('surfaces a server error with the event_id of the client event that caused it', async () => {
      const peer = await connected();
      const lines = sessionLines('05-errors-then-recovery.jsonl');
      const serverErrors = collectUntil(client.errors$.pipe(filter((e) => e._tag === 'ServerError')), 2);
      for (const line of lines) peer.send(line);
      const [first, second] = await serverErrors;
      expect(first).toMatchObject({ code: 'RT_ERR_SERVER', errorType: 'invalid_request_error', severity: 'error' });
      expect(second).toMatchObject({ errorCode: 'response_cancel_not_active', severity: 'benign' });
      expect(JSON.parse(lines[1] as string).error.event_id).toBeDefined();
      expect(first).toHaveProperty('causeEventId', JSON.parse(lines[1] as string).error.event_id);
    });

    it('reports a binary frame instead of decoding it', async () => {
      const peer = await connected();
      const next = firstValueFrom(client.errors$);
      peer.socket.send(Buffer.from([0, 1, 2]), { binary: true });
      expect(await next).toMatchObject({ code: 'RT_ERR_BINARY_FRAME' });
    });

    it('keeps delivering to other subscribers and to itself when a subscriber throws', async () => {
      // rxjs rethrows a subscriber's exception later, on a timer, through config.onUnhandledError
      const unhandled: unknown[] = [];
      let allReported: () => void = () => undefined;
      const reported = new Promise<void>((resolve) => (allReported = resolve));
      const previous = rxConfig.onUnhandledError;
      rxConfig.onUnhandledError = (e) => {
        if (unhandled.push(e) === 3) allReported();
      };
      try {
        const peer = await connected();
        const seenByThrower: string[] = [];
        client.events$.subscribe((e) => {
          seenByThrower.push(e.type);
          throw new Error('listener bug');
        });
        const others = collectUntil(client.events$, 3);
        peer.send({ type: 'input_audio_buffer.cleared', event_id: 'a' });
        peer.send({ type: 'input_audio_buffer.cleared', event_id: 'b' });
        peer.send({ type: 'input_audio_buffer.cleared', event_id: 'c' });
        expect((await others).map((e) => e.event_id)).toEqual(['a', 'b', 'c']);
        expect(seenByThrower).toHaveLength(3);
        await reported;
        expect(unhandled.map((e) => (e as Error).message)).toEqual(['listener bug', 'listener bug', 'listener bug']);
      } finally {
        rxConfig.onUnhandledError = previous;
      }
    });

    it('gives a late subscriber no replay of earlier events', async () => {
      const peer = await connected();
      const first = firstValueFrom(client.events$);
      peer.send({ type: 'input_audio_buffer.cleared', event_id: 'early' });
      await first;
      const late = firstValueFrom(client.events$);
      peer.send({ type: 'input_audio_buffer.cleared', event_id: 'later' });
      expect(await late).toMatchObject({ event_id: 'later' });
    });

    it('decodes audio only for subscribers, and reports undecodable audio without stopping', async () => {
      const peer = await connected();
      const chunks = collectUntil(client.audio$, 2);
      const delta = (event_id: string, delta: string) => ({
        type: 'response.output_audio.delta',
        event_id,
        response_id: 'r1',
        item_id: 'i1',
        output_index: 0,
        content_index: 0,
        delta,
      });
      peer.send(delta('a', 'AQIDBA=='));
      peer.send(delta('b', 'not base64!'));
      peer.send(delta('c', 'BQY='));
      const [a, c] = await chunks;
      expect(Array.from(a?.data ?? [])).toEqual([1, 2, 3, 4]);
      expect(a?.durationMs).toBeCloseTo(4 / 48);
      expect(Array.from(c?.data ?? [])).toEqual([5, 6]);
      expect(errors).toEqual([expect.objectContaining({ _tag: 'AudioError', code: 'RT_ERR_AUDIO_BASE64', eventId: 'b' })]);
    });
  });

  describe('sending', () => {
    it('sends commands as JSON frames, in order', async () => {
      const peer = await connected();
      client.send(updateSession({ instructions: 'x' }));
      client.send(appendAudio(new Uint8Array([1, 2, 3, 4])));
      client.send(functionCallOutput('call_1', '{"ok":true}'));
      client.send(createResponse());
      expect([await peer.next(), await peer.next(), await peer.next(), await peer.next()]).toEqual([
        { type: 'session.update', session: { instructions: 'x', type: 'realtime' } },
        { type: 'input_audio_buffer.append', audio: 'AQIDBA==' },
        { type: 'conversation.item.create', item: { type: 'function_call_output', call_id: 'call_1', output: '{"ok":true}' } },
        { type: 'response.create' },
      ]);
    });

    it('refuses an invalid command with an error value and does not send it', async () => {
      const peer = await connected();
      expect(client.send({ type: 'conversation.item.truncate', item_id: 'i', content_index: 0, audio_end_ms: 1.5 })).toBe(false);
      client.send(createResponse());
      expect(await peer.next()).toEqual({ type: 'response.create' });
      expect(errors).toEqual([expect.objectContaining({ code: 'RT_ERR_COMMAND_SHAPE', type: 'conversation.item.truncate' })]);
    });

    it('reports commands sent while disconnected instead of throwing', () => {
      expect(client.send(createResponse())).toBe(false);
      expect(errors).toEqual([expect.objectContaining({ code: 'RT_ERR_NOT_CONNECTED', commandType: 'response.create' })]);
    });

    it('accepts commands piped from an Observable, and survives the source completing or failing', async () => {
      const peer = await connected();
      of(createResponse(), createResponse()).subscribe(client.commands);
      concat(of(createResponse()), throwError(() => new Error('mic failed'))).subscribe(client.commands);
      await peer.next();
      await peer.next();
      await peer.next();
      expect(errors).toEqual([expect.objectContaining({ code: 'RT_ERR_COMMAND_SOURCE', message: expect.stringMatching(/mic failed/) })]);
      expect(client.send(createResponse())).toBe(true);
    });

    it('bounds the queue while connecting and drops it, with a report, when the attempt fails', async () => {
      const c = new RealtimeClient({ url: server.url, apiKey: 'k-test-1234', maxQueuedCommands: 2 });
      const cErrors: RealtimeError[] = [];
      c.errors$.subscribe((e) => cErrors.push(e));
      server.refuseWith(503);
      const attempt = c.connect();
      expect(c.send(createResponse())).toBe(true);
      expect(c.send(createResponse())).toBe(true);
      expect(c.send(createResponse())).toBe(false);
      await expect(attempt).rejects.toMatchObject({ status: 503 });
      expect(cErrors.map((e) => e.code)).toEqual(['RT_ERR_QUEUE_FULL', 'RT_ERR_UPGRADE', 'RT_ERR_DROPPED']);
      server.refuseWith(undefined);
      const peer = server.accept();
      await c.connect();
      c.send(userMessage('fresh'));
      expect(await (await peer).next()).toMatchObject({ type: 'conversation.item.create' });
      expect((await peer).received).toHaveLength(1);
      c.dispose();
    });
  });

  describe('closing', () => {
    it('closes from the client side with a clean 1000, and can connect again', async () => {
      const peer = await connected();
      client.close();
      expect(client.status).toEqual({ status: 'disconnected', code: 1000, reason: '', wasClean: true, kind: 'normal', recoverable: false });
      expect(await peer.closed).toEqual({ code: 1000, reason: '' });
      const again = server.accept();
      await client.connect();
      const events = firstValueFrom(client.events$);
      (await again).send({ type: 'input_audio_buffer.cleared', event_id: 'after-reconnect' });
      expect(await events).toMatchObject({ event_id: 'after-reconnect' });
    });

    it('reports a server close with its code and reason', async () => {
      const peer = await connected();
      const closed = firstValueFrom(client.status$.pipe(filter((s) => s.status === 'disconnected')));
      peer.socket.close(1001, 'Your session hit the maximum duration of 60 minutes.');
      expect(await closed).toEqual({
        status: 'disconnected',
        code: 1001,
        reason: 'Your session hit the maximum duration of 60 minutes.',
        wasClean: true,
        kind: 'going-away',
        recoverable: true,
      });
      expect(errors).toEqual([]);
    });

    it('reports an abrupt drop as 1006, recoverable, with an RT_ERR_CLOSED error', async () => {
      const peer = await connected();
      const closed = firstValueFrom(client.status$.pipe(filter((s) => s.status === 'disconnected')));
      peer.socket.terminate();
      expect(await closed).toMatchObject({ status: 'disconnected', code: 1006, wasClean: false, recoverable: true });
      expect(errors).toEqual([expect.objectContaining({ code: 'RT_ERR_CLOSED', closeCode: 1006 })]);
      expect(client.send(createResponse())).toBe(false);
    });

    it('completes every stream on dispose()', async () => {
      await connected();
      const ends: string[] = [];
      const mark = (name: string) => ({ complete: () => ends.push(name) });
      client.events$.subscribe(mark('events'));
      client.errors$.subscribe(mark('errors'));
      client.status$.subscribe(mark('status'));
      client.audio$.subscribe(mark('audio'));
      client.dispose();
      expect(ends.sort()).toEqual(['audio', 'errors', 'events', 'status']);
      expect(() => client.connect()).toThrow(/dispose/);
    });
  });
});

// Make sure the typed union flows through: an AnyServerEvent has a string type.
export const typeOf = (e: AnyServerEvent): string => e.type;
