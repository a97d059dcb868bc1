/**
 * The Angular service on a real Angular injector (no TestBed, no compiler: Angular's DI, signals
 * and DestroyRef run as they do in an app), connected to the embedded simulator.
 */
import type { EnvironmentInjector, EnvironmentProviders, Provider } from '@angular/core';
import { createEnvironmentInjector, Injector, NgZone, PLATFORM_ID, provideZonelessChangeDetection } from '@angular/core';
import { filter, firstValueFrom } from 'rxjs';
import { RealtimeClient } from '../../lib/client/RealtimeClient';
import type { RealtimeClientConfig } from '../../lib/client/RealtimeClientConfig';
import { createResponse, userMessage } from '../../lib/commands/commands';
import type { WebSocketLike } from '../../lib/transport/WebSocketLike';
import { RealtimeSimulator } from '../../lib/testing';
import { provideRealtime, REALTIME_CLIENT_FACTORY, REALTIME_CONFIG, RealtimeService } from '../../lib/angular';

let sim: RealtimeSimulator;
beforeAll(async () => {
  sim = await new RealtimeSimulator({ realtimeFactor: Infinity }).start();
});
afterAll(() => sim.stop());

const open: EnvironmentInjector[] = [];
afterEach(() => {
  for (const injector of open.splice(0)) if (!injector.destroyed) injector.destroy();
});

/** An environment injector as an app or a route has one (the root's parent is the null injector). */
const environment = (providers: Array<Provider | EnvironmentProviders>, parent?: EnvironmentInjector): EnvironmentInjector => {
  const injector = createEnvironmentInjector(providers, parent ?? (Injector.NULL as EnvironmentInjector));
  open.push(injector);
  return injector;
};

/** The raw socket of the service's next connection, and a promise of its `close` event. */
const watchSocket = () => {
  let socket: WebSocketLike | undefined;
  let closed!: Promise<void>;
  const onSocket = (s: WebSocketLike) => {
    socket = s;
    closed = new Promise((resolve) => s.addEventListener('close', () => resolve()));
  };
  return { onSocket, socket: () => socket, closed: () => closed };
};

const simple = (s: { status: string }) => s.status;

describe('RealtimeService on an Angular injector', () => {
  it('connects to the simulator, updates its signals in order through a turn, and closes the socket when the injector is destroyed', async () => {
    const before = sim.connections.length;
    const env = environment([provideZonelessChangeDetection(), provideRealtime({ url: sim.url, apiKey: 'test' })]);
    const realtime = env.get(RealtimeService);
    expect(env.get(NgZone).constructor.name).toBe('NoopNgZone');
    expect(realtime.status()).toEqual({ status: 'disconnected' });
    expect([realtime.isResponding(), realtime.isUserSpeaking(), realtime.assistantTranscript(), realtime.conversation(), realtime.lastError()]).toEqual([
      false,
      false,
      '',
      [],
      undefined,
    ]);

    // sample the signals at every status change and every event: the service subscribed first, so
    // each sample shows the signals after that event
    const statuses: string[] = [];
    realtime.status$.subscribe(() => statuses.push(simple(realtime.status())));
    type Sample = { type: string; responding: boolean; text: string; conversation: unknown; error: unknown };
    const samples: Sample[] = [];
    realtime.events$.subscribe((e) =>
      samples.push({ type: e.type, responding: realtime.isResponding(), text: realtime.assistantTranscript(), conversation: realtime.conversation(), error: realtime.lastError() }),
    );

    const watch = watchSocket();
    const connected = realtime.connect({ onSocket: watch.onSocket });
    expect(simple(realtime.status())).toBe('connecting');
    await connected;
    expect(realtime.isConnected()).toBe(true);
    const done = firstValueFrom(realtime.turns$.pipe(filter((t) => t.phase === 'done')));
    expect(realtime.send(userMessage('What is the capital of France?'))).toBe(true);
    expect(realtime.send(createResponse())).toBe(true);
    const turn = await done;
    if (turn.phase !== 'done') throw new Error('unreachable');
    expect(turn.status).toBe('completed');

    // the simulator's answer, as response.done carries it
    const output = turn.response.output?.find((i) => i.type === 'message');
    const part = output && 'content' in output ? output.content?.[0] : undefined;
    const answer = part && 'transcript' in part ? part.transcript : part && 'text' in part ? part.text : undefined;
    expect(typeof answer).toBe('string');
    expect(answer!.length).toBeGreaterThan(5);

    expect(statuses).toEqual(['disconnected', 'connecting', 'connected']);
    // isResponding: false until response.created, true until response.done, then false
    const responding = samples.map((s) => s.responding);
    const created = samples.findIndex((s) => s.type === 'response.created');
    const finished = samples.findIndex((s) => s.type === 'response.done');
    expect(created).toBeGreaterThan(0);
    expect(responding.slice(0, created).every((r) => !r)).toBe(true);
    expect(responding.slice(created, finished).every((r) => r)).toBe(true);
    expect(responding[finished]).toBe(false);
    // the transcript only grows, each step a prefix of the next, up to the simulator's answer
    const texts = samples.map((s) => s.text).filter((t, i, all) => i === 0 || t !== all[i - 1]);
    expect(texts.length).toBeGreaterThan(2);
    for (let i = 1; i < texts.length; i++) expect(texts[i]!.startsWith(texts[i - 1]!)).toBe(true);
    expect(realtime.assistantTranscript()).toBe(answer);
    // an audio delta changes no signal (the same conversation array, the same text)
    const audio = samples.map((s, i) => [s, samples[i - 1]] as const).filter(([s]) => s.type === 'response.output_audio.delta');
    expect(audio.length).toBeGreaterThan(0);
    for (const [s, previous] of audio) {
      expect(s.conversation).toBe(previous!.conversation);
      expect([s.text, s.responding]).toEqual([previous!.text, previous!.responding]);
    }
    // the conversation: the user's message, then the assistant's answer
    expect(realtime.conversation().map((e) => [e.role, e.text, e.status])).toEqual([
      ['user', 'What is the capital of France?', 'completed'],
      ['assistant', answer, 'completed'],
    ]);
    expect(realtime.lastError()).toBeUndefined();

    // destroying the injector closes the socket: the simulator sees the close, the client has no socket left
    const conn = sim.connections[before]!;
    expect(sim.connections).toHaveLength(before + 1);
    env.destroy();
    expect(simple(realtime.client.status)).toBe('disconnected');
    expect(realtime.client.hasSocket).toBe(false);
    await expect(conn.closed).resolves.toEqual({ code: 1000, reason: '' });
    await watch.closed();
    expect(watch.socket()!.readyState).toBe(3);
    expect(() => realtime.client.connect()).toThrow(/after dispose/);
    expect(() => realtime.attach({ attach: () => undefined })).toThrow(/destroyed/);
  });

  it('is one service, one client, for every injector below the one that provides it', () => {
    const app = environment([provideRealtime({ url: 'ws://127.0.0.1:1/v1/realtime', apiKey: 'test' })]);
    const a = app.get(RealtimeService);
    const component = Injector.create({ providers: [], parent: app });
    const route = environment([], app);
    expect(component.get(RealtimeService)).toBe(a);
    expect(route.get(RealtimeService)).toBe(a);
    expect(a.client).toBeInstanceOf(RealtimeClient);
    // a route with its own provideRealtime has its own, disposed with the route
    const own = environment([provideRealtime({ apiKey: 'test' })], app);
    const b = own.get(RealtimeService);
    expect(b).not.toBe(a);
    own.destroy();
    expect(() => b.client.connect()).toThrow(/after dispose/);
    expect(() => a.client.status).not.toThrow();
  });

  it('takes its configuration from a function run in an injection context, once', () => {
    const calls: unknown[] = [];
    const env = environment([
      { provide: 'apiKey', useValue: 'from-di' },
      provideRealtime(() => {
        calls.push(env.get('apiKey' as never));
        return { apiKey: 'x', model: 'gpt-realtime-mini', maxConversationItems: 3 };
      }),
    ]);
    env.get(RealtimeService);
    env.get(RealtimeService);
    expect(calls).toEqual(['from-di']);
    expect(env.get(REALTIME_CONFIG)).toEqual({ apiKey: 'x', model: 'gpt-realtime-mini', maxConversationItems: 3 });
  });

  it('makes its client with the REALTIME_CLIENT_FACTORY given (here, from a parent injector), without maxConversationItems', async () => {
    const configs: RealtimeClientConfig[] = [];
    const parent = environment([
      {
        provide: REALTIME_CLIENT_FACTORY,
        useValue: (config: RealtimeClientConfig) => {
          configs.push(config);
          return new RealtimeClient({ ...config, url: sim.url });
        },
      },
    ]);
    const env = environment([provideRealtime({ apiKey: 'test', url: 'ws://127.0.0.1:1/nowhere', maxConversationItems: 5 })], parent);
    const realtime = env.get(RealtimeService);
    expect(configs).toEqual([{ apiKey: 'test', url: 'ws://127.0.0.1:1/nowhere' }]);
    const before = sim.connections.length;
    await realtime.connect();
    expect(sim.connections).toHaveLength(before + 1);
    const closed = sim.connections[before]!.closed;
    env.destroy();
    await closed;
  });

  it('opens no socket on the server platform; its signals keep their initial values', async () => {
    const before = sim.connections.length;
    const made: RealtimeClient[] = [];
    const env = environment([
      { provide: PLATFORM_ID, useValue: 'server' },
      provideRealtime({ url: sim.url, apiKey: 'test' }),
      { provide: REALTIME_CLIENT_FACTORY, useValue: (c: RealtimeClientConfig) => made[made.push(new RealtimeClient(c)) - 1]! },
    ]);
    const realtime = env.get(RealtimeService);
    expect(realtime.isServer).toBe(true);
    expect(made).toHaveLength(1);
    const errors: unknown[] = [];
    realtime.errors$.subscribe((e) => errors.push(e));
    await expect(realtime.connect()).resolves.toBeUndefined();
    expect(realtime.send(userMessage('hello'))).toBe(false);
    const attached = jest.fn();
    expect(realtime.attach({ attach: attached }).closed).toBe(true);
    expect(attached).not.toHaveBeenCalled();
    realtime.close();
    expect(realtime.client.hasSocket).toBe(false);
    expect(simple(realtime.status())).toBe('disconnected');
    expect([realtime.isConnected(), realtime.isResponding(), realtime.isUserSpeaking(), realtime.assistantTranscript(), realtime.conversation(), realtime.lastError()]).toEqual([
      false,
      false,
      false,
      '',
      [],
      undefined,
    ]);
    expect(errors).toEqual([]);
    expect(sim.connections).toHaveLength(before);
  });

  it('with an NgZone (zone.js apps), starts the connection and attachments inside NgZone.runOutsideAngular', async () => {
    // zone.js is not installed here: a stand-in NgZone records what runs inside runOutsideAngular.
    // With zone.js, what the connection schedules from there (the key, the socket, its listeners
    // and timers) stays outside the Angular zone, so frames do not trigger change detection.
    let outside = 0;
    const zone = {
      runOutsideAngular: <T>(fn: () => T): T => {
        outside++;
        try {
          return fn();
        } finally {
          outside--;
        }
      },
    };
    const env = environment([{ provide: NgZone, useValue: zone }, provideRealtime({ url: sim.url, apiKey: 'test' })]);
    const realtime = env.get(RealtimeService);
    const connectedOutside: boolean[] = [];
    const sentOutside: boolean[] = [];
    const connect = realtime.client.connect.bind(realtime.client);
    const send = realtime.client.send.bind(realtime.client);
    jest.spyOn(realtime.client, 'connect').mockImplementation((options) => (connectedOutside.push(outside > 0), connect(options)));
    jest.spyOn(realtime.client, 'send').mockImplementation((command) => (sentOutside.push(outside > 0), send(command)));
    const attachedOutside: boolean[] = [];
    const stopped = jest.fn();
    const attachment = realtime.attach({
      attach: (client) => {
        attachedOutside.push(outside > 0);
        expect(client).toBe(realtime.client);
        return stopped;
      },
    });
    const before = sim.connections.length;
    await realtime.connect();
    realtime.send(userMessage('hi'));
    expect([connectedOutside, sentOutside, attachedOutside]).toEqual([[true], [true], [true]]);
    expect(sim.connections).toHaveLength(before + 1);
    attachment.unsubscribe();
    expect(stopped).toHaveBeenCalledTimes(1);
    // another attachment is stopped by the injector's destruction
    const second = jest.fn();
    realtime.attach({ attach: () => second });
    const closed = sim.connections[before]!.closed;
    env.destroy();
    expect(second).toHaveBeenCalledTimes(1);
    expect(stopped).toHaveBeenCalledTimes(1);
    await closed;
  });

  it('tracks a failure in lastError and clears it at the next connection; isUserSpeaking follows the speech events', async () => {
    const env = environment([provideRealtime({ url: sim.url, apiKey: 'test' })]);
    const realtime = env.get(RealtimeService);
    realtime.send(userMessage('too early'));
    expect(realtime.lastError()).toMatchObject({ _tag: 'CommandError', code: 'RT_ERR_NOT_CONNECTED' });
    const before = sim.connections.length;
    const connecting = realtime.connect();
    expect(realtime.lastError()).toBeUndefined();
    await connecting;
    const conn = sim.connections[before]!;
    const speaking: boolean[] = [];
    realtime.events$.subscribe(() => speaking.push(realtime.isUserSpeaking()));
    const stopped = firstValueFrom(realtime.events$.pipe(filter((e) => e.type === 'input_audio_buffer.speech_stopped')));
    conn.send({ type: 'input_audio_buffer.speech_started', audio_start_ms: 0, item_id: 'item_1' });
    conn.send({ type: 'input_audio_buffer.speech_stopped', audio_end_ms: 500, item_id: 'item_1' });
    await stopped;
    expect(speaking).toEqual([true, false]);
    const closed = conn.closed;
    env.destroy();
    await closed;
  });

  it('keeps at most maxConversationItems, the newest', async () => {
    const env = environment([provideRealtime({ url: sim.url, apiKey: 'test', maxConversationItems: 2 })]);
    const realtime = env.get(RealtimeService);
    await realtime.connect();
    const done = firstValueFrom(realtime.turns$.pipe(filter((t) => t.phase === 'done')));
    realtime.send(userMessage('one'));
    realtime.send(userMessage('two'));
    realtime.send(createResponse());
    await done;
    const entries = realtime.conversation();
    expect(entries.map((e) => [e.role, e.role === 'user' ? e.text : 'answer'])).toEqual([
      ['user', 'two'],
      ['assistant', 'answer'],
    ]);
    expect(entries[1]!.text).toBe(realtime.assistantTranscript());
    // a new connection starts a new, empty conversation (once it is connected: until then the
    // last one stays on screen)
    realtime.close();
    const connecting = realtime.connect();
    expect(realtime.assistantTranscript()).toBe('');
    await connecting;
    expect(realtime.conversation()).toEqual([]);
    env.destroy();
  });

  it('refuses a configuration that is not one, and a bound that is not a positive integer', () => {
    expect(() => provideRealtime(null as never)).toThrow(TypeError);
    expect(() => provideRealtime('key' as never)).toThrow(/configuration object or a function/);
    const env = environment([provideRealtime({ maxConversationItems: 0 })]);
    expect(() => env.get(RealtimeService)).toThrow(RangeError);
  });
});
