import * as E from 'fp-ts/Either';
import type { Observable, Observer, Subscription } from 'rxjs';
import { BehaviorSubject, Subject } from 'rxjs';
import { updateSession } from '../commands/commands.js';
import type { ClientEvent } from '../protocol/clientEvents.js';
import type { DecodeFailure } from '../protocol/failures.js';
import { decodeServerEvent, decodeWarningOf } from '../protocol/decodeServerEvent.js';
import { encodeClientEvent } from '../protocol/encodeClientEvent.js';
import type { AnyServerEvent } from '../streams/AnyServerEvent.js';
import type { AudioChunk } from '../streams/audio.js';
import { audioChunks } from '../streams/audio.js';
import { collect } from '../streams/collect.js';
import { shareHot } from '../streams/shareHot.js';
import type { ItemEvent } from '../streams/items.js';
import { itemEvents } from '../streams/items.js';
import { rateLimits } from '../streams/rateLimits.js';
import type { ToolCall } from '../streams/toolCalls.js';
import { toolCalls } from '../streams/toolCalls.js';
import type { TranscriptUpdate } from '../streams/transcripts.js';
import { transcriptUpdates } from '../streams/transcripts.js';
import type { ResponseUsage, Turn } from '../streams/turns.js';
import { turns, usage } from '../streams/turns.js';
import type { RateLimit } from '../protocol/response.js';
import { defaultPlatform } from '../transport/defaultPlatform.js';
import { realtimeUrl } from '../protocol/endpoint.js';
import { redact } from '../transport/redact.js';
import type { SocketEvent, WebSocketLike } from '../transport/WebSocketLike.js';
import type { Platform } from '../transport/Platform.js';
import type { ConnectionStatus } from './ConnectionStatus.js';
import { closedStatus } from './ConnectionStatus.js';
import type { CommandError, RealtimeError, TransportError } from './RealtimeError.js';
import { ConnectError, serverError } from './RealtimeError.js';
import { openSocket } from './openSocket.js';
import type { ConnectOptions, RealtimeClientConfig } from './RealtimeClientConfig.js';
import { DEFAULT_MAX_QUEUED_COMMANDS } from './RealtimeClientConfig.js';

const upgradeStatus = (message: string): number | undefined => {
  const match = /Unexpected server response: (\d{3})/.exec(message);
  return match ? Number(match[1]) : undefined;
};

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
  /** Every decoded server event, known or unknown type, in arrival order. Hot; never errors. */
  readonly events$: Observable<AnyServerEvent>;
  /** One `Either` per frame: the decoded event, or why it could not be. Hot. */
  readonly frames$: Observable<E.Either<DecodeFailure, AnyServerEvent>>;
  /** The connection status; replays the current value to each new subscriber. */
  readonly status$: Observable<ConnectionStatus>;
  /** Decode failures, refused commands, server `error` events and transport faults, as values. */
  readonly errors$: Observable<RealtimeError>;
  /** Assistant audio, decoded from base64 only while someone subscribes. */
  readonly audio$: Observable<AudioChunk>;
  /** Input transcription, assistant audio transcript and assistant text, as they stream. */
  readonly transcripts$: Observable<TranscriptUpdate>;
  /** Completed function calls. */
  readonly toolCalls$: Observable<ToolCall>;
  /** Conversation item lifecycle. */
  readonly items$: Observable<ItemEvent>;
  /** Responses starting and finishing (with status and usage). */
  readonly turns$: Observable<Turn>;
  /** Token usage per finished response. */
  readonly usage$: Observable<ResponseUsage>;
  /** Rate limits as the server reports them. */
  readonly rateLimits$: Observable<readonly RateLimit[]>;
  /**
   * An observer to pipe commands into: `source$.subscribe(client.commands)`. Its `complete` is
   * ignored (the client outlives any one source) and its `error` is reported on `errors$`.
   */
  readonly commands: Observer<ClientEvent>;

  /** The runtime this client opens sockets for (Node or browser build). */
  readonly platform: Platform;
  private readonly config: RealtimeClientConfig;
  private readonly eventSubject = new Subject<AnyServerEvent>();
  private readonly frameSubject = new Subject<E.Either<DecodeFailure, AnyServerEvent>>();
  private readonly errorSubject = new Subject<RealtimeError>();
  private readonly statusSubject = new BehaviorSubject<ConnectionStatus>({ status: 'disconnected' });
  private connection: Subscription | undefined;
  private socket: WebSocketLike | undefined;
  private queue: string[] = [];
  private queueTypes: string[] = [];
  private pending: { resolve: () => void; reject: (e: ConnectError) => void } | undefined;
  private secret: string | undefined;
  /** How the current socket is closed when its subscription ends (set by `close()`). */
  private closing = { code: 1000, reason: '' };
  private disposed = false;

  constructor(config: RealtimeClientConfig = {}, platform: Platform = defaultPlatform) {
    this.config = config;
    this.platform = platform;
    this.events$ = this.eventSubject.asObservable();
    this.frames$ = this.frameSubject.asObservable();
    this.errors$ = this.errorSubject.asObservable();
    this.status$ = this.statusSubject.asObservable();
    this.audio$ = this.events$.pipe(
      audioChunks(),
      collect((r) => (E.isRight(r) ? r.right : (this.errorSubject.next(r.left), undefined))),
      shareHot(),
    );
    this.transcripts$ = this.events$.pipe(transcriptUpdates(), shareHot());
    this.toolCalls$ = this.events$.pipe(toolCalls(), shareHot());
    this.items$ = this.events$.pipe(itemEvents(), shareHot());
    this.turns$ = this.events$.pipe(turns(), shareHot());
    this.usage$ = this.events$.pipe(usage(), shareHot());
    this.rateLimits$ = this.events$.pipe(rateLimits(), shareHot());
    this.commands = {
      next: (event) => void this.send(event),
      error: (e: unknown) =>
        this.reportCommand('RT_ERR_COMMAND_SOURCE', `a command source failed: ${e instanceof Error ? e.message : String(e)}`),
      complete: () => undefined,
    };
  }

  /** The current connection status. */
  get status(): ConnectionStatus {
    return this.statusSubject.value;
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
    if (this.disposed) throw new Error('RealtimeClient: connect() after dispose().');
    if (this.status.status !== 'disconnected') {
      throw new Error(`RealtimeClient: already ${this.status.status}; call close() before connecting again.`);
    }
    this.statusSubject.next({ status: 'connecting' });
    this.closing = { code: 1000, reason: '' };
    const session = options.session ?? this.config.session;
    if (session !== undefined) this.enqueue(updateSession(session));
    const url = realtimeUrl({
      url: options.url ?? this.config.url,
      callId: options.callId,
      model: options.model ?? this.config.model,
    });
    const factory = options.createWebSocket ?? this.config.createWebSocket ?? this.platform.createDefaultSocket;
    const socket$ = openSocket({
      apiKey: options.apiKey ?? this.config.apiKey,
      url,
      factory,
      platform: this.platform,
      useInsecureApiKey: this.config.useInsecureApiKey === true,
      options,
      closing: this.closing,
      onKey: (apiKey) => (this.secret = apiKey),
    });
    return new Promise<void>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.connection = socket$.subscribe({
        next: (event) => this.onSocketEvent(event),
        error: (error: unknown) => {
          const e =
            error instanceof ConnectError
              ? error
              : new ConnectError('RT_ERR_CONNECT', `Could not connect: ${redact(error instanceof Error ? error.message : String(error), this.secret)}`, undefined, error);
          this.report({ _tag: 'TransportError', code: 'RT_ERR_CONNECT', message: e.message, ...(e.cause === undefined ? {} : { cause: e.cause }) });
          this.finish({ status: 'disconnected' }, e);
        },
      });
    });
  }

  /**
   * Close the connection (or abandon the attempt) now: the status is `disconnected` when this
   * returns, and a pending `connect()` rejects with `RT_ERR_ABORTED`. Does nothing when already
   * disconnected. The client can connect again afterwards.
   *
   * @example
   * ```ts
   * client.close();
   * ```
   */
  close(code = 1000, reason = ''): void {
    if (this.status.status === 'disconnected') return;
    // The socket is closed once, by the connection's teardown, with this code and reason.
    this.closing.code = code;
    this.closing.reason = reason;
    this.finish(
      closedStatus(code, reason, true),
      new ConnectError('RT_ERR_ABORTED', 'The connection was closed before it opened.'),
    );
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
      this.report(encoded.left);
      return false;
    }
    return this.sendEncoded(encoded.right, command.type);
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
    if (this.socket === undefined) throw new Error('RealtimeClient: no socket; call connect() first.');
    this.socket.send(JSON.stringify(frame));
  }

  /** Whether a socket exists (connecting or connected). */
  get hasSocket(): boolean {
    return this.socket !== undefined;
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
    if (this.disposed) return;
    this.close();
    this.disposed = true;
    for (const s of [this.eventSubject, this.frameSubject, this.errorSubject, this.statusSubject]) s.complete();
  }

  private sendEncoded(json: string, type: string): boolean {
    const state = this.status.status;
    if (state === 'connected' && this.socket) {
      try {
        this.socket.send(json);
        return true;
      } catch (e) {
        this.report({ _tag: 'TransportError', code: 'RT_ERR_SEND', message: redact(e instanceof Error ? e.message : String(e), this.secret) });
        return false;
      }
    }
    if (state === 'connecting') return this.enqueueEncoded(json, type);
    this.reportCommand('RT_ERR_NOT_CONNECTED', `${type} was not sent: not connected (call connect() first).`, type);
    return false;
  }

  private enqueue(command: ClientEvent): void {
    const encoded = encodeClientEvent(command);
    if (E.isLeft(encoded)) this.report(encoded.left);
    else this.enqueueEncoded(encoded.right, command.type);
  }

  private enqueueEncoded(json: string, type: string): boolean {
    const max = this.config.maxQueuedCommands ?? DEFAULT_MAX_QUEUED_COMMANDS;
    if (this.queue.length >= max) {
      this.reportCommand('RT_ERR_QUEUE_FULL', `${type} was not sent: ${max} commands already wait for the connection.`, type);
      return false;
    }
    this.queue.push(json);
    this.queueTypes.push(type);
    return true;
  }

  private onSocketEvent(event: SocketEvent): void {
    switch (event.kind) {
      case 'message':
        return this.onFrame(event.data, event.binary);
      case 'socket':
        this.socket = event.socket;
        return;
      case 'open': {
        this.statusSubject.next({ status: 'connected' });
        const queued = this.queue;
        const types = this.queueTypes;
        this.queue = [];
        this.queueTypes = [];
        queued.forEach((json, i) => this.sendEncoded(json, types[i] ?? 'command'));
        const pending = this.pending;
        this.pending = undefined;
        pending?.resolve();
        return;
      }
      case 'error': {
        const message = redact(event.message, this.secret);
        const status = upgradeStatus(message);
        const cause = event.error;
        const error: TransportError =
          status === undefined
            ? { _tag: 'TransportError', code: 'RT_ERR_SOCKET', message, cause }
            : { _tag: 'TransportError', code: 'RT_ERR_UPGRADE', message: `The server refused the connection: HTTP ${status}`, status, cause };
        this.report(error);
        // The socket is done for: settle now, as some runtimes never fire `close` after `error`.
        return this.finish(
          { status: 'disconnected', code: 1006, reason: '', wasClean: false, recoverable: status === undefined },
          new ConnectError(error.code, error.message, status, cause),
        );
      }
      case 'close': {
        if (!event.wasClean && event.code !== 1000) {
          this.report({ _tag: 'TransportError', code: 'RT_ERR_CLOSED', message: 'The connection closed unexpectedly.', closeCode: event.code, reason: event.reason });
        }
        return this.finish(
          closedStatus(event.code, event.reason, event.wasClean),
          new ConnectError('RT_ERR_CLOSED_BEFORE_OPEN', `The connection closed before it opened (close ${event.code}).`),
        );
      }
    }
  }

  private onFrame(data: string | ArrayBuffer | ArrayBufferView, binary: boolean): void {
    if (binary) {
      this.report({ _tag: 'TransportError', code: 'RT_ERR_BINARY_FRAME', message: 'A binary frame arrived; the Realtime API sends only text frames.' });
      return;
    }
    const decoded = decodeServerEvent(data);
    if (this.frameSubject.observed) this.frameSubject.next(decoded);
    if (E.isLeft(decoded)) {
      this.report(decoded.left);
      return;
    }
    const event = decoded.right;
    this.eventSubject.next(event);
    // a frame whose essentials hold but whose other fields drift is delivered, with a warning
    const drift = decodeWarningOf(event);
    if (drift !== undefined) this.report(drift);
    if (event.type === 'error') this.report(serverError(event as Parameters<typeof serverError>[0]));
  }

  /** Settle a connection (or attempt): status, queue, pending promise, subscription. */
  private finish(status: ConnectionStatus, failure: ConnectError): void {
    const dropped = this.queue.length;
    this.queue = [];
    this.queueTypes = [];
    this.socket = undefined;
    const connection = this.connection;
    this.connection = undefined;
    connection?.unsubscribe();
    const pending = this.pending;
    this.pending = undefined;
    this.secret = undefined;
    if (dropped > 0) this.reportCommand('RT_ERR_DROPPED', `${dropped} queued command(s) dropped: the connection did not open.`);
    this.statusSubject.next(status);
    pending?.reject(failure);
  }

  private report(error: RealtimeError): void {
    this.errorSubject.next(error);
  }

  private reportCommand(code: CommandError['code'], message: string, commandType?: string): void {
    this.report({ _tag: 'CommandError', code, message, ...(commandType === undefined ? {} : { commandType }) });
  }
}
