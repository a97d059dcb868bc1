import * as E from 'fp-ts/Either';
import type { Observable, Observer, OperatorFunction, Subscription } from 'rxjs';
import { Observable as Obs } from 'rxjs';
import { updateSession } from '../commands/commands.js';
import type { ClientEvent } from '../protocol/clientEvents.js';
import type { DecodeFailure } from '../protocol/failures.js';
import { FrameFailure, decodeText, decodeWarningOf } from '../protocol/decodeServerEvent.js';
import { encodeClientEvent } from '../protocol/encodeClientEvent.js';
import type { AnyServerEvent } from '../streams/AnyServerEvent.js';
import type { AudioChunk } from '../streams/audio.js';
import { decodedAudio } from '../streams/audio.js';
import { Cell } from '../streams/Cell.js';
import { Hub } from '../streams/Hub.js';
import { shareHot } from '../streams/shareHot.js';
import type { ItemEvent } from '../streams/items.js';
import { itemEvents } from '../streams/items.js';
import { rateLimits } from '../streams/rateLimits.js';
import type { ToolCall } from '../streams/toolCalls.js';
import { toolCalls } from '../streams/toolCalls.js';
import type { TranscriptUpdate } from '../streams/transcripts.js';
import { transcriptUpdates } from '../streams/transcripts.js';
import { restartOn } from '../streams/restartOn.js';
import type { ResponseStream } from '../streams/responseStreams.js';
import { responseStreams } from '../streams/responseStreams.js';
import type { ResponseUsage, Turn } from '../streams/turns.js';
import type { Reconnector } from './reconnecting.js';
import { turns, usage } from '../streams/turns.js';
import type { RateLimit } from '../protocol/response.js';
import { defaultPlatform } from '../transport/defaultPlatform.js';
import { realtimeUrl } from '../protocol/endpoint.js';
import { redact } from '../transport/redact.js';
import { tapSends } from '../transport/tapSends.js';
import { plainTextRisk } from '../transport/plainTextRisk.js';
import type { SocketEvent, WebSocketFactory, WebSocketLike } from '../transport/WebSocketLike.js';
import type { Platform } from '../transport/Platform.js';
import type { ConnectionStatus } from './ConnectionStatus.js';
import { closedStatus } from './ConnectionStatus.js';
import type { Backpressure } from './Backpressure.js';
import { BackpressureGate } from './Backpressure.js';
import type { FailureClass } from './failureKinds.js';
import { classifyClose, classifyUpgrade } from './failureKinds.js';
import type { CommandError, RealtimeError, TransportError } from './RealtimeError.js';
import { ConnectError, serverError } from './RealtimeError.js';
import { openSocket } from './openSocket.js';
import { safeCause } from './safeCause.js';
import type { ConnectOptions, RealtimeClientConfig, SessionConfig } from './RealtimeClientConfig.js';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_MAX_BUFFERED_BYTES, DEFAULT_MAX_QUEUED_COMMANDS } from './RealtimeClientConfig.js';

/** The HTTP status of a refused upgrade: from the error's `status`, or from `ws`'s message. */
const upgradeStatus = (message: string, error: unknown): number | undefined => {
  const inner = (error as { error?: unknown } | null)?.error ?? error;
  const status = (inner as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 100 && status <= 599) return status;
  const match = /Unexpected server response: (\d{3})/.exec(message);
  return match ? Number(match[1]) : undefined;
};

const retryAfterOf = (error: unknown): string | undefined => {
  const inner = (error as { error?: unknown } | null)?.error ?? error;
  const value = (inner as { retryAfter?: unknown } | null)?.retryAfter;
  return typeof value === 'string' ? value : undefined;
};

const NETWORK: FailureClass = { kind: 'network', recoverable: true };
const ABORTED: FailureClass = { kind: 'aborted', recoverable: false };
const TIMEOUT: FailureClass = { kind: 'timeout', recoverable: true };

/**
 * What a layer built on a {@link RealtimeClient} hears from it without subscribing to three of its
 * streams: every decoded frame (before `frames$` and `events$` subscribers), every error (before
 * `errors$` subscribers) and every status (after `status$` subscribers). The facade is one; it
 * holds one such object per session instead of three subscriptions, and gets each frame without
 * an `Either` around it.
 *
 * @example
 * ```ts
 * tapClient(client, { frame: (f) => (f instanceof FrameFailure ? warn(f.failure) : handle(f)), error: report, status: track });
 * ```
 *
 * @internal
 */
export interface ClientTap {
  frame(frame: AnyServerEvent | FrameFailure): void;
  error(error: RealtimeError): void;
  status(status: ConnectionStatus): void;
}

let installTap: (client: RealtimeClient, tap: ClientTap) => unknown;
let reportOn: (client: RealtimeClient, error: RealtimeError) => void;

/**
 * Give a client its {@link ClientTap} (one per client: the facade's).
 *
 * @example
 * ```ts
 * const client = new RealtimeClient();
 * tapClient(client, { frame: handle, error: report, status: track });
 * ```
 *
 * @internal
 */
export function tapClient(client: RealtimeClient, tap: ClientTap): void {
  installTap(client, tap);
}

/**
 * Put an error on a client's `errors$` on behalf of a layer built on it (the facade reports
 * listener exceptions this way). Its tap, if any, hears it first, like any other error.
 *
 * @example
 * ```ts
 * reportTo(client, { _tag: 'ListenerError', code: 'RT_ERR_LISTENER', message: "A 'audio' listener threw: boom", eventName: 'audio', cause: error });
 * ```
 *
 * @internal
 */
export function reportTo(client: RealtimeClient, error: RealtimeError): void {
  reportOn(client, error);
}

/**
 * The OpenAI Realtime API as RxJS streams.
 *
 * Every server frame is decoded exactly once, when it arrives, into one hot stream
 * ({@link RealtimeClient.events$}); the typed substreams are views of it. The streams live as
 * long as the client: they span `connect()` / `close()` cycles (watch `status$`) and complete
 * only on {@link RealtimeClient.dispose}. They never error: failures are values on `errors$`.
 * Late subscribers get no replay of past events (only `status$` replays its current value).
 *
 * Commands go through {@link RealtimeClient.send} or the {@link RealtimeClient.commands}
 * observer. Each is validated and encoded at the boundary; an invalid one is reported on
 * `errors$` and not sent. While connecting, commands wait in a bounded queue and go out in order
 * once the socket opens; a failed or closed attempt drops them (reported as `RT_ERR_DROPPED`),
 * so stale audio is never replayed into a later connection. Sent while disconnected, a command
 * is reported as `RT_ERR_NOT_CONNECTED`.
 *
 * @example
 * ```ts
 * import { RealtimeClient, userMessage, createResponse } from 'openai-realtime-rx';
 *
 * const client = new RealtimeClient({ apiKey: process.env.OPENAI_API_KEY, session: { output_modalities: ['text'] } });
 * client.transcripts$.subscribe((t) => process.stdout.write(t.delta));
 * client.errors$.subscribe((e) => console.error(e.code, e.message));
 * await client.connect();
 * client.send(userMessage('Say hello.'));
 * client.send(createResponse());
 * ```
 */
export class RealtimeClient {
  // events$, frames$, sent$ and errors$ are getters of the same Observable every time, made on
  // first access: a session that never reads one does not hold it.
  /** Every decoded server event, known or unknown type, in arrival order. Hot; never errors. */
  get events$(): Observable<AnyServerEvent> {
    return this.#eventSubject.asObservable();
  }
  /** One `Either` per frame: the decoded event, or why it could not be. Hot. */
  get frames$(): Observable<E.Either<DecodeFailure, AnyServerEvent>> {
    return this.#frameSubject.asObservable();
  }
  /** Every text frame this client writes to its sockets, as written (what `recordSession` records). */
  get sent$(): Observable<string> {
    return this.#sentSubject.asObservable();
  }
  /** The connection status; replays the current value to each new subscriber. */
  readonly status$: Observable<ConnectionStatus>;
  /** Decode failures, refused commands, server `error` events and transport faults, as values. */
  get errors$(): Observable<RealtimeError> {
    return this.#errorSubject.asObservable();
  }
  // The substreams below are built on first access and cached (one pipeline per client, hot and
  // shared as before): an idle session that never reads them does not hold their operators.
  /** Assistant audio, decoded from base64 only while someone subscribes. */
  get audio$(): Observable<AudioChunk> {
    return (this.#audio$ ??= this.#perConnection(decodedAudio((error) => this.#report(error))).pipe(shareHot()));
  }
  /** Input transcription, assistant audio transcript and assistant text, as they stream. */
  get transcripts$(): Observable<TranscriptUpdate> {
    return (this.#transcripts$ ??= this.#perConnection(
      transcriptUpdates({
        ...this.#config.transcriptLimits,
        onLimit: ({ reason, itemId, source }) =>
          this.#report({
            _tag: 'ClientWarning',
            code: 'RT_WARN_TRANSCRIPT_LIMIT',
            severity: 'warning',
            message:
              reason === 'max-chars'
                ? `The ${source} transcript of ${itemId} reached its length cap; further text is not accumulated.`
                : `The unfinished ${source} transcript of ${itemId} was forgotten: too many transcripts were unfinished.`,
            itemId,
          }),
      }),
    ).pipe(shareHot()));
  }
  /** Completed function calls. */
  get toolCalls$(): Observable<ToolCall> {
    return (this.#toolCalls$ ??= this.#perConnection(toolCalls()).pipe(shareHot()));
  }
  /** Conversation item lifecycle. */
  get items$(): Observable<ItemEvent> {
    return (this.#items$ ??= this.#perConnection(itemEvents()).pipe(shareHot()));
  }
  /** Responses starting and finishing (with status and usage). */
  get turns$(): Observable<Turn> {
    if (this.#turns$ !== undefined) return this.#turns$;
    const served = this.#perConnection(turns());
    // the turns of the server, and those a lost connection interrupted
    return (this.#turns$ = new Obs<Turn>((subscriber) => {
      const interrupted = (this.#interruptedTurns ??= new Hub()).asObservable().subscribe(subscriber);
      const fromServer = served.subscribe(subscriber);
      return () => {
        interrupted.unsubscribe();
        fromServer.unsubscribe();
      };
    }).pipe(shareHot()));
  }
  /** Token usage per finished response. */
  get usage$(): Observable<ResponseUsage> {
    return (this.#usage$ ??= this.#perConnection(usage()).pipe(shareHot()));
  }
  /**
   * One value per response, with its own `audio$`, `transcript$`, `text$`, `toolCalls$` and
   * `done$`, each completing when the response ends (also when the connection is lost first:
   * `done$` says `interrupted`). Subscribing decodes audio, as `audio$` does.
   */
  get responses$(): Observable<ResponseStream> {
    return (this.#responses$ ??= responseStreams(this).pipe(shareHot()));
  }
  /** Rate limits as the server reports them. */
  get rateLimits$(): Observable<readonly RateLimit[]> {
    return (this.#rateLimits$ ??= this.events$.pipe(rateLimits(), shareHot()));
  }
  #audio$: Observable<AudioChunk> | undefined;
  #transcripts$: Observable<TranscriptUpdate> | undefined;
  #toolCalls$: Observable<ToolCall> | undefined;
  #items$: Observable<ItemEvent> | undefined;
  #turns$: Observable<Turn> | undefined;
  #usage$: Observable<ResponseUsage> | undefined;
  #responses$: Observable<ResponseStream> | undefined;
  #rateLimits$: Observable<readonly RateLimit[]> | undefined;
  /**
   * The outbound side: whether the send buffer is above `maxBufferedBytes` and how much audio was
   * dropped because of it. Replays the current value; changes when an episode begins and ends.
   */
  readonly backpressure$: Observable<Backpressure>;
  /**
   * An observer to pipe commands into: `source$.subscribe(client.commands)`. Its `complete` is
   * ignored (the client outlives any one source) and its `error` is reported on `errors$`.
   */
  get commands(): Observer<ClientEvent> {
    return (this.#commands ??= {
      next: (event) => void this.send(event),
      error: (e: unknown) =>
        this.#reportCommand('RT_ERR_COMMAND_SOURCE', `a command source failed: ${e instanceof Error ? e.message : String(e)}`),
      complete: () => undefined,
    });
  }
  #commands: Observer<ClientEvent> | undefined;

  /** The runtime this client opens sockets for (Node or browser build). */
  readonly platform: Platform;
  readonly #config: RealtimeClientConfig;
  // Hubs, not Subjects, for what every frame or send goes through (see Hub)
  readonly #eventSubject = new Hub<AnyServerEvent>();
  readonly #frameSubject = new Hub<E.Either<DecodeFailure, AnyServerEvent>>();
  readonly #sentSubject = new Hub<string>();
  readonly #errorSubject = new Hub<RealtimeError>();
  readonly #statusSubject = new Cell<ConnectionStatus>({ status: 'disconnected' });
  /** Signals the end of each connection (or attempt): stateful substreams restart on it (made with the first). */
  #ended: Hub<void> | undefined;
  readonly #gate: BackpressureGate;
  #connection: Subscription | undefined;
  #socket: WebSocketLike | undefined;
  #queue: string[] = [];
  #queueTypes: string[] = [];
  #pending: { resolve: () => void; reject: (e: ConnectError) => void } | undefined;
  #secret: string | undefined;
  #timeout: ReturnType<typeof setTimeout> | undefined;
  /** The failure being reported: a `close()` made by a listener of its report settles with it. */
  #failing: { status: ConnectionStatus; error: ConnectError } | undefined;
  /** How the current socket is closed when its subscription ends (set by `close()`). */
  #closing = { code: 1000, reason: '' };
  #disposed = false;
  /** Turns the connection took with it (made when `turns$` is first subscribed). */
  #interruptedTurns: Hub<Turn> | undefined;
  /** The layer built on this client, if any (the facade): told of frames, errors and statuses. */
  #tap: ClientTap | undefined;

  static {
    installTap = (client, tap) => (client.#tap = tap);
    reportOn = (client, error) => client.#report(error);
  }
  /** Responses created and not yet done on this connection (made on the first one). */
  #inFlight: Set<string> | undefined;
  #closingByUser = false;
  /** Reconnect and rollover, when configured (`reconnect: reconnecting()`). */
  readonly #reconnector: Reconnector | undefined;

  constructor(config: RealtimeClientConfig = {}, platform: Platform = defaultPlatform) {
    this.#config = config;
    this.platform = platform;
    this.status$ = this.#statusSubject.asObservable();
    const reconnect = config.reconnect;
    if (reconnect && typeof reconnect.attach !== 'function') {
      throw new TypeError("RealtimeClient: the reconnect option takes a strategy: reconnect: reconnecting({...}) (import { reconnecting } from 'openai-realtime-rx').");
    }
    // the reconnector reaches this client only through this host; the client's state stays private
    this.#reconnector = reconnect
      ? reconnect.attach({
          status: () => this.status,
          report: (error) => this.#report(error),
          emit: (status) => this.#setStatus(status),
          open: (options, session) => this.#open(options, session),
          socket: (options, closing) => ({
            socket$: this.#socketFor(options, closing, () => undefined),
            timeoutMs: options.connectTimeoutMs ?? this.#config.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
          }),
          switchTo: (connection, socket, closing, status) => {
            const old = this.#connection;
            this.#closing.reason = 'session rolled over';
            this.#connection = connection;
            this.#closing = closing;
            this.#socket = socket;
            this.#gate.reset();
            old?.unsubscribe(); // the old socket closes with 1000
            this.#ended?.next();
            this.#setStatus(status);
            this.#flushQueue();
          },
          onSocketEvent: (event) => this.#onSocketEvent(event),
          flush: () => this.#flushQueue(),
          busy: () => (this.#inFlight?.size ?? 0) > 0,
          redact: (message) => redact(message, this.#secret),
        })
      : undefined;
    this.#gate = new BackpressureGate(config.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES, (bufferedAmount) =>
      this.#report({
        _tag: 'ClientWarning',
        code: 'RT_WARN_BACKPRESSURE',
        severity: 'warning',
        message: `The send buffer holds ${bufferedAmount} bytes (over ${this.#gate.highWaterMark}): the server or the network is not reading; audio appends are dropped until it drains.`,
        bufferedAmount,
      }),
    );
    this.backpressure$ = this.#gate.state$;
    // transcripts$ is built on first access; limits it would refuse are refused now, at construction
    if (config.transcriptLimits !== undefined) transcriptUpdates(config.transcriptLimits);
  }

  /** `operator` on `events$`, started afresh with each connection: its state never outlives one. */
  #perConnection<R>(operator: OperatorFunction<AnyServerEvent, R>): Observable<R> {
    return this.events$.pipe(restartOn((this.#ended ??= new Hub()).asObservable(), operator));
  }

  /** The current connection status. */
  get status(): ConnectionStatus {
    return this.#statusSubject.value;
  }

  /**
   * Open a connection. Resolves when the socket is open (the configured `session.update` is
   * already on its way); rejects with a {@link ConnectError} (never containing the key) if the
   * connection cannot be made or is closed first. Failures are also reported on `errors$` and
   * `status$`.
   *
   * @throws Error synchronously if already connected or connecting, or after `dispose()`.
   *
   * @example
   * ```ts
   * await client.connect({ url: 'ws://127.0.0.1:8080', apiKey: 'test' });
   * ```
   */
  connect(options: ConnectOptions = {}): Promise<void> {
    if (this.#disposed) throw new Error('RealtimeClient: connect() after dispose().');
    if (this.status.status !== 'disconnected') {
      throw new Error(`RealtimeClient: already ${this.status.status}; call close() before connecting again.`);
    }
    const session = options.session ?? this.#config.session;
    this.#reconnector?.connecting(options, session);
    return this.#open(options, session);
  }

  /** One attempt: a first connect, or a reconnect (which restores the session first). */
  #open(options: ConnectOptions, session: SessionConfig | undefined): Promise<void> {
    const factory = this.#factoryFor(options);
    // a custom factory chooses its own transport; the default one would send the key as it is
    const risk = this.#config.allowInsecureTransport === true || factory !== this.platform.createDefaultSocket ? undefined : plainTextRisk(this.#urlFor(options));
    if (risk !== undefined) {
      const config: FailureClass = { kind: 'config', recoverable: false };
      this.#report({ _tag: 'TransportError', code: 'RT_ERR_INSECURE_URL', message: risk, ...config });
      this.#setStatus({ status: 'disconnected', ...config });
      return Promise.reject(new ConnectError('RT_ERR_INSECURE_URL', risk, undefined, undefined, config));
    }
    this.#setStatus({ status: 'connecting' });
    this.#closing = { code: 1000, reason: '' };
    // a reconnect restores the session itself, before anything queued
    if (!this.#reconnector?.restoring(session) && session !== undefined) this.#enqueue(updateSession(session));
    const socket$ = this.#socketFor(options, this.#closing, (apiKey) => (this.#secret = apiKey));
    const settled = new Promise<void>((resolve, reject) => (this.#pending = { resolve, reject }));
    const timeoutMs = options.connectTimeoutMs ?? this.#config.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    if (timeoutMs > 0 && Number.isFinite(timeoutMs)) {
      this.#timeout = setTimeout(
        () => this.#fail('RT_ERR_CONNECT_TIMEOUT', `The connection did not open within ${timeoutMs} ms.`, TIMEOUT),
        timeoutMs,
      );
    }
    this.#connection = socket$.subscribe({
      next: (event) => this.#onSocketEvent(event),
      error: (error: unknown) => {
        const e =
          error instanceof ConnectError
            ? error
            : new ConnectError(
                'RT_ERR_CONNECT',
                `Could not connect: ${redact(error instanceof Error ? error.message : String(error), this.#secret)}`,
                undefined,
                safeCause(error, this.#secret),
              );
        this.#report({ _tag: 'TransportError', code: e.code as TransportError['code'], message: e.message, kind: e.kind, recoverable: e.recoverable, ...(e.cause === undefined ? {} : { cause: e.cause }) });
        this.#finish({ status: 'disconnected', kind: e.kind, recoverable: e.recoverable }, e);
      },
    });
    return settled;
  }

  /**
   * Close the connection (or abandon the attempt) now: the status is `disconnected` when this
   * returns, and a pending `connect()` rejects with `RT_ERR_ABORTED`. Does nothing when already
   * disconnected. The client can connect again afterwards. A socket still in its upgrade is
   * closed too, and keeps a no-op `error` listener until it has closed, so nothing escapes.
   *
   * @example
   * ```ts
   * client.close();
   * ```
   */
  close(code = 1000, reason = ''): void {
    if (this.status.status === 'disconnected') return;
    if (this.status.status === 'reconnecting') {
      // between attempts: no socket; stop trying
      this.#reconnector?.stop();
      this.#dropQueue('the client was closed while reconnecting');
      this.#setStatus({ ...closedStatus(code, reason, true), kind: 'aborted', recoverable: false });
      return;
    }
    // The socket is closed once, by the connection's teardown, with this code and reason.
    this.#closing.code = code;
    this.#closing.reason = reason;
    // a listener of a failure's report that closes settles the connection with that failure
    const failing = this.#failing;
    this.#closingByUser = true;
    try {
      if (failing !== undefined) return this.#finish(failing.status, failing.error);
      this.#finish(
        { ...closedStatus(code, reason, true), ...(this.status.status === 'connecting' ? ABORTED : {}) },
        new ConnectError('RT_ERR_ABORTED', 'The connection was closed before it opened.', undefined, undefined, ABORTED),
      );
    } finally {
      this.#closingByUser = false;
    }
  }

  /**
   * Validate, encode and send one command. Returns whether it was sent (or queued while
   * connecting); if not, the reason is on `errors$`. Never throws.
   *
   * @example
   * ```ts
   * client.send({ type: 'response.create', response: { instructions: 'Be brief.' } });
   * ```
   */
  send(command: ClientEvent): boolean {
    const encoded = encodeClientEvent(command);
    if (E.isLeft(encoded)) {
      this.#report(encoded.left);
      return false;
    }
    if (command.type === 'session.update') this.#reconnector?.sessionUpdated(command.session);
    return this.#sendEncoded(encoded.right, command.type);
  }

  /**
   * Write a frame to the socket as it is, without validation, and without queueing: for
   * compatibility layers that must reproduce another client's exact frames. Works as soon as a
   * socket exists (while connecting, the socket itself may refuse it).
   *
   * @throws Error if there is no socket, or whatever the socket's `send` throws.
   *
   * @example
   * ```ts
   * client.sendRaw({ type: 'conversation.item.truncate', audio_end_ms: 0 });
   * ```
   */
  sendRaw(frame: { readonly type: string }): void {
    const socket = this.#socket;
    if (socket === undefined) throw new Error('RealtimeClient: no socket; call connect() first.');
    const json = JSON.stringify(frame);
    if (this.#reconnector?.rolling && this.status.status === 'connected') return void this.#enqueueEncoded(json, frame.type); // for the new session
    this.#reconnector?.requested(frame.type);
    if (frame.type === 'session.update') this.#reconnector?.sessionUpdated((frame as { session?: SessionConfig }).session ?? {});
    if (this.#gate.admit(socket, frame.type, json.length)) socket.send(json);
  }

  /**
   * The bytes the socket has queued but not yet sent (0 without a socket). Above
   * `maxBufferedBytes`, audio appends are dropped: see {@link RealtimeClient.backpressure$}.
   *
   * @example
   * ```ts
   * if (client.bufferedAmount > 256_000) console.warn('the network is slow');
   * ```
   */
  get bufferedAmount(): number {
    return this.#socket?.bufferedAmount ?? 0;
  }

  /** Whether a socket exists (connecting or connected). */
  get hasSocket(): boolean {
    return this.#socket !== undefined;
  }

  /**
   * Complete every stream and close the connection. The client cannot be used afterwards.
   *
   * @example
   * ```ts
   * client.dispose();
   * ```
   */
  dispose(): void {
    if (this.#disposed) return;
    this.close();
    this.#disposed = true;
    for (const s of [this.#eventSubject, this.#frameSubject, this.#sentSubject, this.#errorSubject, this.#statusSubject, this.#ended, this.#interruptedTurns]) s?.complete();
    this.#gate.complete();
  }

  #sendEncoded(json: string, type: string): boolean {
    const state = this.status.status;
    const socket = this.#socket;
    // while a rollover opens the new session, commands wait for it (in the bounded queue)
    if (state === 'connected' && this.#reconnector?.rolling) return this.#enqueueEncoded(json, type);
    this.#reconnector?.requested(type);
    if (state === 'connected' && socket) {
      if (!this.#gate.admit(socket, type, json.length)) return false;
      try {
        socket.send(json);
        return true;
      } catch (e) {
        this.#report({ _tag: 'TransportError', code: 'RT_ERR_SEND', message: redact(e instanceof Error ? e.message : String(e), this.#secret), cause: safeCause(e, this.#secret) });
        return false;
      }
    }
    if (state === 'connecting' || state === 'reconnecting') {
      // audio captured during an outage is stale by the time a new session exists
      return !this.#reconnector?.dropsAudio(type) && this.#enqueueEncoded(json, type);
    }
    this.#reportCommand('RT_ERR_NOT_CONNECTED', `${type} was not sent: not connected (call connect() first).`, type);
    return false;
  }

  #enqueue(command: ClientEvent): void {
    const encoded = encodeClientEvent(command);
    if (E.isLeft(encoded)) this.#report(encoded.left);
    else this.#enqueueEncoded(encoded.right, command.type);
  }

  #enqueueEncoded(json: string, type: string): boolean {
    const max = this.#config.maxQueuedCommands ?? DEFAULT_MAX_QUEUED_COMMANDS;
    if (this.#queue.length >= max) {
      this.#reportCommand('RT_ERR_QUEUE_FULL', `${type} was not sent: ${max} commands already wait for the connection.`, type);
      return false;
    }
    this.#queue.push(json);
    this.#queueTypes.push(type);
    return true;
  }

  #onSocketEvent(event: SocketEvent): void {
    switch (event.kind) {
      case 'message':
        return this.#onFrame(event.data, event.binary);
      case 'socket':
        this.#socket = event.socket;
        return;
      case 'open': {
        this.#clearTimeout();
        if (this.#reconnector) this.#reconnector.opened(this.#socket);
        else this.#setStatus({ status: 'connected' });
        this.#flushQueue();
        const pending = this.#pending;
        this.#pending = undefined;
        pending?.resolve();
        return;
      }
      case 'error':
        return this.#onSocketError(event.message, event.error, event.closeCode);
      case 'close': {
        const status = closedStatus(event.code, event.reason, event.wasClean);
        const error = new ConnectError('RT_ERR_CLOSED_BEFORE_OPEN', `The connection closed before it opened (close ${event.code}).`, undefined, undefined, {
          kind: status.kind,
          recoverable: status.recoverable,
        });
        if (!event.wasClean && event.code !== 1000) {
          return this.#failWith(
            { _tag: 'TransportError', code: 'RT_ERR_CLOSED', message: 'The connection closed unexpectedly.', closeCode: event.code, reason: event.reason, kind: status.kind, recoverable: status.recoverable },
            status,
            error,
          );
        }
        return this.#finish(status, error);
      }
    }
  }

  /** Where a connection with these options goes. */
  #urlFor(options: ConnectOptions): string {
    return realtimeUrl({ url: options.url ?? this.#config.url, callId: options.callId, model: options.model ?? this.#config.model });
  }

  /** The factory that opens a connection's socket. */
  #factoryFor(options: ConnectOptions): WebSocketFactory {
    return options.createWebSocket ?? this.#config.createWebSocket ?? this.platform.createDefaultSocket;
  }

  /** One socket of this client as an Observable (a connection, or a rollover's new session). */
  #socketFor(options: ConnectOptions, closing: { code: number; reason: string }, onKey: (apiKey: string) => void): Observable<SocketEvent> {
    return openSocket({
      apiKey: options.apiKey ?? this.#config.apiKey,
      url: this.#urlFor(options),
      factory: tapSends(this.#factoryFor(options), (data) => this.#sentSubject.next(data)),
      platform: this.platform,
      useInsecureApiKey: this.#config.useInsecureApiKey === true,
      options,
      closing,
      onKey,
      onCloseError: (error) => this.#reportCloseError(error),
    });
  }

  /** A socket error: a refused upgrade (with its HTTP status), a protocol failure, or the network. */
  #onSocketError(rawMessage: string, reported: unknown, closeCode: number | undefined): void {
    const message = redact(rawMessage, this.#secret);
    const status = upgradeStatus(message, reported);
    const cause = safeCause(reported, this.#secret);
    const failure: FailureClass =
      status !== undefined ? classifyUpgrade(status, retryAfterOf(reported)) : closeCode !== undefined ? classifyClose(closeCode) : NETWORK;
    const retry = failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs };
    const error: TransportError =
      status === undefined
        ? { _tag: 'TransportError', code: 'RT_ERR_SOCKET', message, kind: failure.kind, recoverable: failure.recoverable, cause, ...(closeCode === undefined ? {} : { closeCode }) }
        : { _tag: 'TransportError', code: 'RT_ERR_UPGRADE', message: `The server refused the connection: HTTP ${status}`, status, kind: failure.kind, recoverable: failure.recoverable, ...retry, cause };
    // The socket is done for: settle now, as some runtimes never fire `close` after `error`.
    this.#failWith(
      error,
      { status: 'disconnected', code: closeCode ?? 1006, reason: '', wasClean: false, ...failure, ...(status === undefined ? {} : { httpStatus: status }) },
      new ConnectError(error.code, error.message, status, cause, failure),
    );
  }

  /** Report a failure, then settle with it (also if a listener of the report calls `close()`). */
  #failWith(error: TransportError, status: ConnectionStatus, failure: ConnectError): void {
    const connection = this.#connection;
    this.#failing = { status, error: failure };
    try {
      this.#report(error);
    } finally {
      this.#failing = undefined;
    }
    if (this.#connection === connection) this.#finish(status, failure);
  }

  /** Fail the current attempt for a reason of the client's own (timeout, insecure URL). */
  #fail(code: TransportError['code'], message: string, failure: FailureClass): void {
    this.#failWith(
      { _tag: 'TransportError', code, message, kind: failure.kind, recoverable: failure.recoverable },
      { status: 'disconnected', ...failure },
      new ConnectError(code, message, undefined, undefined, failure),
    );
  }

  /** Closing a socket threw: nothing is lost, but say so. */
  #reportCloseError(error: unknown): void {
    const cause = safeCause(error, this.#secret);
    this.#report({ _tag: 'TransportError', code: 'RT_ERR_SOCKET', message: `Closing the socket failed: ${redact(error instanceof Error ? error.message : String(error), this.#secret)}`, cause });
  }

  #clearTimeout(): void {
    if (this.#timeout !== undefined) clearTimeout(this.#timeout);
    this.#timeout = undefined;
  }

  #onFrame(data: string | ArrayBuffer | ArrayBufferView, binary: boolean): void {
    // a text frame is a string (fromWebSocket makes it one); anything else counts as binary
    if (binary || typeof data !== 'string') {
      this.#report({ _tag: 'TransportError', code: 'RT_ERR_BINARY_FRAME', message: 'A binary frame arrived; the Realtime API sends only text frames.' });
      return;
    }
    // the event itself, or a boxed failure: an Either is built only for frames$ subscribers
    const event = decodeText(data);
    const failed = event instanceof FrameFailure;
    this.#tap?.frame(event);
    if (this.#frameSubject.observed) this.#frameSubject.next(failed ? E.left(event.failure) : E.right(event));
    if (failed) {
      this.#report(event.failure);
      return;
    }
    if (event.type === 'response.created' || event.type === 'response.done') this.#trackResponse(event);
    this.#reconnector?.seen(event);
    this.#eventSubject.next(event);
    // a frame whose essentials hold but whose other fields drift is delivered, with a warning
    const drift = decodeWarningOf(event);
    if (drift !== undefined) this.#report(drift);
    if (event.type === 'error') this.#report(serverError(event as Parameters<typeof serverError>[0]));
    this.#reconnector?.heard(event);
  }

  /** Settle a connection (or attempt): status, queue, pending promise, subscription, per-connection state. */
  #finish(status: ConnectionStatus, failure: ConnectError): void {
    const was = this.#statusSubject.value.status;
    if (was === 'disconnected' || was === 'reconnecting') return; // settled already (re-entered)
    this.#clearTimeout();
    this.#reconnector?.ended();
    this.#socket = undefined;
    const connection = this.#connection;
    this.#connection = undefined;
    this.#gate.reset();
    connection?.unsubscribe();
    const pending = this.#pending;
    this.#pending = undefined;
    const retry = this.#reconnector?.retry(was, status, this.#closingByUser || this.#disposed);
    if (retry === undefined) {
      this.#dropQueue('the connection did not open');
      this.#setStatus(this.#reconnector?.gaveUp(status) ?? status);
    } else this.#setStatus(retry);
    this.#secret = undefined;
    this.#ended?.next();
    this.#interruptResponses(this.#closingByUser ? 'closed' : 'connection-lost');
    pending?.reject(failure);
  }

  /** Send what waited in the queue, in order (the connection is open). */
  #flushQueue(): void {
    const queued = this.#queue;
    const types = this.#queueTypes;
    this.#queue = [];
    this.#queueTypes = [];
    queued.forEach((json, i) => this.#sendEncoded(json, types[i] ?? 'command'));
  }

  #dropQueue(why: string): void {
    const dropped = this.#queue.length;
    this.#queue = [];
    this.#queueTypes = [];
    if (dropped > 0) this.#reportCommand('RT_ERR_DROPPED', `${dropped} queued command(s) dropped: ${why}.`);
  }

  #trackResponse(event: AnyServerEvent): void {
    const id = (event as { response?: { id?: string | null } }).response?.id;
    if (typeof id !== 'string') return;
    if (event.type === 'response.created') (this.#inFlight ??= new Set()).add(id);
    else this.#inFlight?.delete(id);
  }

  /** Responses the connection took with it end as interrupted turns (they are not requested again). */
  #interruptResponses(reason: 'connection-lost' | 'closed'): void {
    const ids = this.#inFlight;
    if (ids === undefined || ids.size === 0) return;
    this.#inFlight = undefined;
    for (const responseId of ids) this.#interruptedTurns?.next({ phase: 'interrupted', responseId, reason });
  }

  #report(error: RealtimeError): void {
    this.#tap?.error(error);
    this.#errorSubject.next(error);
  }

  /**
   * A new status: on `status$` first, then to the tap, so that a status the tap's reaction sets in
   * turn is heard after this one, and is the one `status$` keeps.
   */
  #setStatus(status: ConnectionStatus): void {
    this.#statusSubject.next(status);
    this.#tap?.status(status);
  }

  #reportCommand(code: CommandError['code'], message: string, commandType?: string): void {
    this.#report({ _tag: 'CommandError', code, message, ...(commandType === undefined ? {} : { commandType }) });
  }
}
