import { encodeBase64 } from '../audio/base64.js';
import type { ConnectionStatus } from '../client/ConnectionStatus.js';
import type { RealtimeError } from '../client/RealtimeError.js';
import { ConnectError } from '../client/RealtimeError.js';
import type { ClientTap } from '../client/RealtimeClient.js';
import { RealtimeClient, reportTo, tapClient } from '../client/RealtimeClient.js';
import { reconnecting } from '../client/reconnecting.js';
import type { ApiKey } from '../client/RealtimeClientConfig.js';
import { resolveApiKey } from '../client/RealtimeClientConfig.js';
import { HistorySync } from '../commands/HistorySync.js';
import { ResponseSequencer } from '../commands/ResponseSequencer.js';
import type { RealtimeSessionConfig } from '../commands/sessionPayload.js';
import { buildSessionPayload } from '../commands/sessionPayload.js';
import type { TracingSetting } from '../commands/tracing.js';
import { decideTracing } from '../commands/tracing.js';
import { UserError } from '../commands/UserError.js';
import { agentsUserContent, completedFunctionCallItem, mcpApprovalResponse } from '../commands/agentsMessages.js';
import type { ConnectAttempt } from './ConnectAttempt.js';
import { closedBeforeSetup, newAttempt } from './ConnectAttempt.js';
import { FrameFailure, decodeServerEvent } from '../protocol/decodeServerEvent.js';
import type { RealtimeItem } from '../protocol/realtimeItem.js';
import type { ClientEvent } from '../protocol/clientEvents.js';
import type { Session } from '../protocol/session.js';
import type { AnyServerEvent } from '../streams/AnyServerEvent.js';
import { realtimeUrl, DEFAULT_REALTIME_MODEL } from '../protocol/endpoint.js';
import type { Platform } from '../transport/Platform.js';
import type { WebSocketLike } from '../transport/WebSocketLike.js';
import type { Listener } from './Emitter.js';
import { Emitter } from './Emitter.js';
import type { InboundHost } from './InboundDispatcher.js';
import { InboundDispatcher } from './InboundDispatcher.js';
import { LogThrottle } from './LogThrottle.js';
import { PlaybackTracker } from './PlaybackTracker.js';
import type * as T from './types.js';
import { HEADERS, WEBSOCKET_META } from './version.js';

const NOT_CONNECTED = 'WebSocket is not connected. Make sure you call `connect()` before sending events.';
const DISCONNECTED: T.WebSocketState = { status: 'disconnected', websocket: undefined };


/**
 * A drop-in `OpenAIRealtimeWebSocket` (the WebSocket transport of OpenAI's Agents SDK,
 * `@openai/agents-realtime` 0.20): same constructor, members, wire frames and listener events,
 * so it works as the `transport` of a `RealtimeSession`. It is a facade over a
 * {@link RealtimeClient} (`transport.client`), whose streams are there to use alongside.
 *
 * Where OpenAI's transport crashes or drops silently, this one does not: a server `error`
 * with no `error` listener is not an exception; a listener that throws while a frame is being
 * dispatched is reported on `error` and the other listeners still run; a known event with a
 * broken payload, and any undecodable frame, is reported on `error` (the raw object still reaches
 * `'*'`). See `docs/facade.md`.
 *
 * @example
 * ```ts
 * import { RealtimeAgent, RealtimeSession } from '@openai/agents-realtime';
 * import { OpenAIRealtimeWebSocket } from 'openai-realtime-rx';
 *
 * const session = new RealtimeSession(new RealtimeAgent({ name: 'Assistant' }), { transport: new OpenAIRealtimeWebSocket() });
 * await session.connect({ apiKey: process.env.OPENAI_API_KEY! });
 * ```
 */
export class OpenAIRealtimeWebSocket {
  /**
   * What the inbound dispatcher may use of its transport, and the client's tap (frames, errors,
   * statuses): one small object per transport whose
   * methods are on its prototype (a class in this body may reach the transport's private members),
   * not eleven closures per transport. Overridable hooks (`_onAudio`, `interrupt`, ...) are called
   * on the transport, so a subclass's are the ones used.
   */
  static readonly #Host = class implements InboundHost, ClientTap {
    constructor(private readonly t: OpenAIRealtimeWebSocket) {}
    frame(frame: AnyServerEvent | FrameFailure): void {
      this.t.#inbound.dispatch(frame);
    }
    error(error: RealtimeError): void {
      this.t.#onClientError(error);
    }
    status(status: ConnectionStatus): void {
      this.t.#onClientStatus(status);
    }
    get emitter(): Emitter {
      return this.t.#emitter;
    }
    get sequencer(): ResponseSequencer {
      return this.t.#sequencer;
    }
    get history(): HistorySync {
      return this.t.#history;
    }
    get playback(): PlaybackTracker {
      return this.t.#playback;
    }
    sendEvent(event: T.RealtimeClientMessage): void {
      this.t.sendEvent(event);
    }
    interrupt(cancelOngoingResponse: boolean): void {
      this.t.interrupt(cancelOngoingResponse);
    }
    updateTracing(desired: TracingSetting): void {
      this.t._updateTracingConfig(desired);
    }
    onAudio(event: T.TransportLayerAudio): void {
      this.t._onAudio(event);
    }
    afterAudioDone(): void {
      this.t._afterAudioDoneEvent();
    }
    unheard(error: unknown, eventName: string): void {
      this.t.#unheard(error, eventName);
    }
    warn(message: string): void {
      this.t.#log.warn(message);
    }
  };

  /** The reactive client underneath: its streams see the same frames. */
  readonly client: RealtimeClient;
  #emitter = new Emitter();
  #state: T.WebSocketState = DISCONNECTED;
  #model: string;
  #apiKey: ApiKey | undefined;
  #url: string | undefined;
  #defaultUrl: string | undefined;
  #attempt: ConnectAttempt | undefined;
  #playback = new PlaybackTracker();
  #sequencer = new ResponseSequencer((frame) => this.client.sendRaw(frame), (error) => this.#emitSafe('error', { type: 'error', error }));
  #history = new HistorySync();
  /** What the dispatcher uses of this transport, and what the client tells it (one object). */
  #host = new OpenAIRealtimeWebSocket.#Host(this);
  #inbound = new InboundDispatcher(this.#host);
  #throttle = new LogThrottle();
  /** Between a lost connection and its replacement (only with the `reconnect` option). */
  #reconnecting = false;
  /** The socket of a session rollover in progress. */
  #nextSocket: WebSocketLike | undefined;

  /**
   * @param options - as in OpenAI's Agents SDK, plus `logger`.
   * @param platform - the runtime to open default sockets for (default: this build's); lets
   *   tests and unusual runtimes choose browser or Node behaviour.
   */
  constructor(
    private readonly options: T.OpenAIRealtimeWebSocketOptions = {},
    platform?: Platform,
  ) {
    // the facade applies the ephemeral-key rule itself, with OpenAI's wording
    this.client = new RealtimeClient(
      {
        useInsecureApiKey: true,
        ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
        ...(options.allowInsecureTransport === undefined ? {} : { allowInsecureTransport: options.allowInsecureTransport }),
        ...(options.maxBufferedBytes === undefined ? {} : { maxBufferedBytes: options.maxBufferedBytes }),
        ...(options.reconnect ? { reconnect: reconnecting(options.reconnect === true ? {} : options.reconnect) } : {}),
      },
      platform,
    );
    this.#model = options.model ?? DEFAULT_REALTIME_MODEL;
    this.#apiKey = options.apiKey;
    this.#defaultUrl = options.url;
    // one tap on the client instead of subscriptions to its frames$, errors$ and status$
    tapClient(this.client, this.#host);
  }

  /** A transport or binary-frame error of the client. */
  #onClientError(e: RealtimeError): void {
    if (e._tag === 'TransportError' && (e.code === 'RT_ERR_SOCKET' || e.code === 'RT_ERR_UPGRADE')) {
      // remembered before it is emitted: a listener that closes must not hide it from connect()
      if (this.#attempt !== undefined) this.#attempt.socketError ??= { error: e.cause };
      this._onError(e.cause);
    } else if (e._tag === 'TransportError' && e.code === 'RT_ERR_BINARY_FRAME') this.#emitSafe('error', { type: 'error', error: e });
  }

  /** A status of the client. */
  #onClientStatus(s: ConnectionStatus): void {
    if (s.status === 'reconnecting') this.#onReconnecting();
    else if (s.status === 'connected' && s.reconnected !== undefined) this.#onReconnected();
    else if (s.status === 'connected' && s.rolledOver !== undefined) this.#onRolledOver();
    else if (s.status === 'connected' && this.#state.status === 'connecting') this._onOpen();
    else if (s.status === 'disconnected' && this.#state.status !== 'disconnected') this._onClose();
  }

  /** `'disconnected' | 'connecting' | 'connected'`. */
  get status(): T.WebSocketState['status'] {
    return this.#state.status;
  }
  /** The status and, while connecting or connected, the socket. */
  get connectionState(): T.WebSocketState {
    return this.#state;
  }
  /** Always `null`: the WebSocket transport does not mute (mute the input yourself). */
  get muted(): null {
    return null;
  }
  get currentModel(): string {
    return this.#model;
  }
  set currentModel(model: string) {
    this.#model = model;
  }
  /** Records the server's tracing configuration (what tracing negotiation compares against). */
  set _tracingConfig(config: TracingSetting) {
    this.#inbound.serverTracing = config;
  }

  /** Add a listener (returns the transport, for chaining). */
  on<K extends PropertyKey>(type: K, listener: (...args: T.TransportEventArgs<K>) => void): this {
    this.#emitter.on(String(type), listener as Listener);
    return this;
  }
  /** Add a listener for the next emission only. */
  once<K extends PropertyKey>(type: K, listener: (...args: T.TransportEventArgs<K>) => void): this {
    this.#emitter.once(String(type), listener as Listener);
    return this;
  }
  /** Remove a listener. */
  off<K extends PropertyKey>(type: K, listener: (...args: T.TransportEventArgs<K>) => void): this {
    this.#emitter.off(String(type), listener as Listener);
    return this;
  }
  /** Call the listeners of `type` synchronously, in order; returns whether there were any. */
  emit<K extends PropertyKey>(type: K, ...args: T.TransportEventArgs<K>): boolean {
    return this.#emitter.emit(String(type), ...(args as unknown[]));
  }

  /**
   * Connect: resolve the key, open the socket, emit `connection_change` (`connecting`,
   * `connected`) and `connected`, then send the initial `session.update`. Rejects, with the
   * configuration rolled back, if anything fails or `close()` is called first.
   */
  async connect(options: T.RealtimeTransportLayerConnectOptions = {}): Promise<void> {
    if (this.#attempt !== undefined || this.#state.status !== 'disconnected') throw new UserError('WebSocket is already connected or connecting.');
    const attempt = newAttempt([this.#model, this.#apiKey, this.#url, this.#defaultUrl]);
    this.#attempt = attempt;
    const live = () => this.#attempt === attempt;
    const hook = this.#socketHook(attempt);
    try {
      this.#model = options.model ?? this.#model;
      const apiKey = await Promise.race([this._getApiKey(options), attempt.aborted]);
      if (!live()) throw closedBeforeSetup(); // close() landed after the key, before this line
      if (options.url !== undefined) this.#defaultUrl = options.url;
      this.#url = options.url ?? (options.callId !== undefined ? realtimeUrl({ callId: options.callId }) : (this.#defaultUrl ?? realtimeUrl({ model: this.#model })));
      const sessionConfig = { ...options.initialSessionConfig, model: this.#model };
      this.#inbound.desiredTracing = options.initialSessionConfig?.tracing !== undefined ? options.initialSessionConfig.tracing : 'auto';
      if (!apiKey) throw new UserError('API key is not set. Please call `connect()` with an API key first.');
      if (this.client.platform.browserLike && !apiKey.startsWith('ek_') && this.options.useInsecureApiKey !== true) {
        throw new UserError('Using the WebSocket connection in a browser environment requires an ephemeral client key. If you have to use a regular API key, set the `useInsecureApiKey` option to true.');
      }
      const { createWebSocket } = this.options;
      const opened = this.client.connect({
        url: this.#url,
        apiKey,
        // a custom factory authenticates by itself; the default socket gets the SDK markers, as
        // headers in Node and as a subprotocol in browsers (which cannot set headers)
        ...(createWebSocket
          ? { createWebSocket: (r) => createWebSocket({ url: r.url, apiKey: r.apiKey }) }
          : this.client.platform.browserLike
            ? { protocols: [WEBSOCKET_META] }
            : { headers: this.getCommonRequestHeaders() }),
        skipOpenEvent: this.options.skipOpenEventListeners === true,
        onSocket: hook.onSocket,
      });
      await opened.catch((e: unknown) => {
        if (attempt.socketError) throw attempt.socketError.error;
        throw !(e instanceof ConnectError)
          ? e
          : e.code === 'RT_ERR_ABORTED'
            ? closedBeforeSetup()
            : e.code === 'RT_ERR_CLOSED_BEFORE_OPEN'
              ? new Error('WebSocket closed before the connection was ready.')
              : e.code === 'RT_ERR_SOCKET' || e.code === 'RT_ERR_UPGRADE'
                ? (e.cause ?? e)
                : e; // timeout, insecure URL: the client's own typed error
      });
      if (attempt.openError) throw attempt.openError.error;
      if (!live()) throw closedBeforeSetup();
      this.updateSessionConfig(sessionConfig);
      // the socket may have failed while the initial session.update was written
      if (attempt.socketError) throw attempt.socketError.error;
      if (!live() || this.status !== 'connected') throw closedBeforeSetup();
      this.#attempt = undefined;
    } catch (error) {
      if (live()) {
        this.#rollback(attempt);
        this.#transitionToDisconnected(false);
      }
      throw error;
    } finally {
      hook.end();
    }
  }

  /** Close now: `disconnected` is emitted before this returns; a pending `connect()` rejects. */
  close(): void {
    if (this.#attempt) this.#rollback(this.#attempt);
    this.#transitionToDisconnected(true);
  }

  /** Write an event as it is. `response.create` goes through the sequencer; `response.cancel` marks the response cancelling. */
  sendEvent(event: T.RealtimeClientMessage): void {
    if (this.#reconnecting) {
      // the client holds it until the session is restored (audio appends are dropped as stale)
      this.client.send(event as ClientEvent);
      return;
    }
    if (!this.client.hasSocket) throw new Error(NOT_CONNECTED);
    if (event.type === 'response.create') return this.#sequencer.request(event as { type: 'response.create' }, true);
    if (event.type === 'response.cancel') this.#sequencer.cancel();
    this.client.sendRaw(event);
  }

  /** Ask for a response: coalesced with other automatic requests unless `response` overrides are given. */
  requestResponse(response?: Record<string, unknown>): void {
    if (!this.client.hasSocket) throw new Error(NOT_CONNECTED);
    this.#sequencer.request(response ? { type: 'response.create', response } : { type: 'response.create' }, response !== undefined && response !== null);
  }

  sendMessage(message: T.RealtimeUserInput, otherEventData: Record<string, unknown> = {}, { triggerResponse = true }: { triggerResponse?: boolean } = {}): void {
    this.sendEvent({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: agentsUserContent(message) }, ...otherEventData });
    if (triggerResponse) this.requestResponse();
  }

  addImage(image: string, { triggerResponse = true }: { triggerResponse?: boolean } = {}): void {
    this.sendMessage({ type: 'message', role: 'user', content: [{ type: 'input_image', image }] }, {}, { triggerResponse });
  }

  /** Append PCM16 audio (only while connected; otherwise nothing is sent). */
  sendAudio(audio: ArrayBuffer, { commit = false }: { commit?: boolean } = {}): void {
    if (this.#state.status !== 'connected') return;
    this.sendEvent({ type: 'input_audio_buffer.append', audio: encodeBase64(audio) });
    if (commit) this.sendEvent({ type: 'input_audio_buffer.commit' });
  }

  sendFunctionCallOutput(toolCall: T.TransportToolCallEvent, output: string, startResponse = true): void {
    this.sendEvent({ type: 'conversation.item.create', item: { type: 'function_call_output', output, call_id: toolCall.callId } });
    const item = completedFunctionCallItem(toolCall, output);
    if (item) this.#emitSafe('item_update', item);
    else this.#log.error('Invalid tool call: cannot record its item', toolCall);
    if (startResponse) this.requestResponse();
  }

  sendMcpResponse(approvalRequest: T.RealtimeMcpCallApprovalRequestItem, approved: boolean, reason?: string): void {
    this.sendEvent(mcpApprovalResponse(approvalRequest.itemId, approved, reason));
  }

  /** Send a full `session.update` for `config` (not merged with earlier updates: unset fields return to defaults). */
  updateSessionConfig(config: Partial<RealtimeSessionConfig>): void {
    this.sendEvent({ type: 'session.update', session: this._getMergedSessionConfig(config) });
  }

  buildSessionPayload(config: Partial<RealtimeSessionConfig>): Record<string, unknown> {
    return buildSessionPayload(config, this.#model);
  }

  /** Make the server's conversation equal `newHistory`, given that it equals `oldHistory`. */
  resetHistory(oldHistory: RealtimeItem[], newHistory: RealtimeItem[]): void {
    this.#history.reset(oldHistory, newHistory, (frame) => this.sendEvent(frame), (message) => this.#log.warn(message));
  }

  /** @throws always: the WebSocket transport cannot mute; mute the input yourself. */
  mute(_muted: boolean): never {
    throw new Error('Mute is not supported for the WebSocket transport. You have to mute the audio input yourself.');
  }

  /**
   * Interrupt the assistant's audio now. What was played is the position last given to
   * {@link reportPlaybackPosition} for the current item, or else (as in the Agents SDK) the time
   * since its first audio delta.
   */
  interrupt(cancelOngoingResponse = true): void {
    const elapsed = this.#playback.playedAt(Date.now());
    if (elapsed === undefined) return;
    if (elapsed >= 0) this._interrupt(elapsed, cancelOngoingResponse);
    this.#playback.reset();
  }

  /**
   * An addition to the Agents SDK's members (opt-in: without it nothing changes): tell the
   * transport how much of an assistant audio item the app's player has actually played. Once a
   * position is reported for the current item, `interrupt()` (and the interruption on speech)
   * truncates at `min(reported, received)` instead of the wall-clock time since the first delta.
   * A report for any other item is ignored; a new item, an interruption or a disconnect forgets
   * it.
   *
   * @throws TypeError if `itemId` is not a string, or `playedMs` is not a finite number ≥ 0.
   *
   * @example
   * ```ts
   * import { OpenAIRealtimeWebSocket } from 'openai-realtime-rx';
   * const transport = new OpenAIRealtimeWebSocket();
   * player.onPosition((itemId, playedMs) => transport.reportPlaybackPosition(itemId, playedMs));
   * ```
   */
  reportPlaybackPosition(itemId: string, playedMs: number): void {
    if (typeof itemId !== 'string') throw new TypeError(`reportPlaybackPosition: itemId must be a string, not ${typeof itemId}.`);
    if (typeof playedMs !== 'number' || !Number.isFinite(playedMs) || playedMs < 0) {
      throw new TypeError(`reportPlaybackPosition: playedMs must be a finite number of milliseconds ≥ 0, not ${String(playedMs)}.`);
    }
    this.#playback.report(itemId, playedMs);
  }

  /** Interrupt after `elapsedTime` ms of playback: cancel, emit `audio_interrupted`, truncate what was not heard. */
  _interrupt(elapsedTime: number, cancelOngoingResponse = true): void {
    if (elapsedTime < 0) return;
    if (cancelOngoingResponse) this._cancelResponse();
    const audioEndMs = this.#playback.truncateAt(elapsedTime);
    this.#emitSafe('audio_interrupted');
    if (this.#playback.playedOut(elapsedTime)) return;
    this.sendEvent({ type: 'conversation.item.truncate', item_id: this.#playback.itemId, content_index: this.#playback.contentIndex, audio_end_ms: audioEndMs });
  }

  /** Send `response.cancel` if a response is in progress and not already being cancelled. */
  _cancelResponse(): void {
    if (this.#sequencer.cancel()) this.client.sendRaw({ type: 'response.cancel' });
  }

  // --- protected hooks (for subclasses such as telephony transports) ---------------------------

  protected get currentItemId(): string | undefined {
    return this.#playback.itemId;
  }
  protected get _firstAudioTimestamp(): number | undefined {
    return this.#playback.firstAudioTimestamp;
  }
  protected set _firstAudioTimestamp(value: number | undefined) {
    this.#playback.firstAudioTimestamp = value;
  }
  protected get _audioLengthMs(): number {
    return this.#playback.audioLengthMs;
  }
  protected set _audioLengthMs(value: number) {
    this.#playback.audioLengthMs = value;
  }
  protected get _rawSessionConfig(): Session | null {
    return this.#inbound.session ?? null;
  }
  protected getCommonRequestHeaders(): Record<string, string> {
    return { ...HEADERS };
  }
  protected async _getApiKey(options: T.RealtimeTransportLayerConnectOptions): Promise<string | undefined> {
    return resolveApiKey(options.apiKey ?? this.#apiKey);
  }
  protected _getMergedSessionConfig(config: Partial<RealtimeSessionConfig>): Record<string, unknown> {
    return this.buildSessionPayload(config);
  }
  protected _updateTracingConfig(desired: TracingSetting): void {
    const decision = decideTracing(desired, this.#inbound.serverTracing);
    if ('send' in decision) this.sendEvent({ type: 'session.update', session: { type: 'realtime', tracing: decision.send } });
    else this.#log.warn(decision.warn);
  }
  /** Called with each assistant audio chunk; emits `audio`. */
  protected _onAudio(event: T.TransportLayerAudio): void {
    this.#inbound.report('audio', this.#emitter.deliverTo('audio', [event]));
  }
  /** Called after `response.output_audio.done`: the audio of the current item is all generated. */
  protected _afterAudioDoneEvent(): void {
    this.#playback.generationDone = true;
  }
  /** Decode and dispatch a message event (for injected frames; socket frames are decoded once by the client). */
  protected _onMessage(event: { data: unknown }): void {
    const decoded = decodeServerEvent(event.data as string);
    this.#inbound.dispatch(decoded._tag === 'Left' ? new FrameFailure(decoded.left) : decoded.right);
  }
  protected _onOpen(): void {
    const socket = this.#state.websocket;
    if (socket === undefined || this.#attempt === undefined) return;
    this.#state = { status: 'connected', websocket: socket };
    const errors = [...this.#emitter.dispatch('connection_change', ['connected']).errors, ...this.#emitter.dispatch('connected', []).errors];
    if (errors.length > 0) this.#attempt.openError = { error: errors[0] };
  }
  protected _onClose(): void {
    this.#transitionToDisconnected(false);
  }
  protected _onError(error: unknown): void {
    this.#emitSafe('error', { type: 'error', error });
  }

  // --- private -------------------------------------------------------------------------------

  get #log(): NonNullable<T.OpenAIRealtimeWebSocketOptions['logger']> {
    return this.options.logger ?? console;
  }

  /** The connection was lost and the client is reconnecting: per-connection state goes, the listeners hear `connecting`. */
  #onReconnecting(): void {
    if (this.#state.status === 'disconnected') return;
    this.#reconnecting = true;
    this.#sequencer.reset();
    this.#inbound.reset();
    this.#playback.reset();
    this.#history.clear();
    if (this.#state.status === 'connected') {
      this.#state = { status: 'connecting', websocket: this.#state.websocket };
      this.#emitSafe('connection_change', 'connecting');
    }
  }

  /** The client restored the session on a new socket. */
  #onReconnected(): void {
    if (!this.#reconnecting || this.#state.status === 'disconnected') return;
    this.#reconnecting = false;
    this.#state = { status: 'connected', websocket: this.#state.websocket };
    this.#emitSafe('connection_change', 'connected');
    this.#emitSafe('connected');
  }

  /** The client rolled the session over to a new socket: the transport's state names it. */
  #onRolledOver(): void {
    const next = this.#nextSocket;
    this.#nextSocket = undefined;
    if (next !== undefined && this.#state.status === 'connected') this.#state = { status: 'connected', websocket: next };
  }

  /**
   * The socket callback of one attempt. The client keeps it (in the connect options) for as long
   * as the connection lasts; it holds the attempt only until `end()`, when the attempt is over and
   * no longer live anyway, so a connected transport does not keep its connect() state.
   */
  #socketHook(attempt: ConnectAttempt): { onSocket: (socket: WebSocketLike) => void; end: () => void } {
    let current: ConnectAttempt | undefined = attempt;
    return {
      onSocket: (socket) => this.#onSocket(socket, () => current !== undefined && this.#attempt === current),
      end: () => void (current = undefined),
    };
  }

  #onSocket(socket: WebSocketLike, live: () => boolean): void {
    if (this.#state.status === 'connected' && !this.#reconnecting) {
      this.#nextSocket = socket; // a rollover's new session; it replaces the current one once restored
      return;
    }
    if (this.#reconnecting && this.#state.status !== 'disconnected') {
      this.#state = { status: 'connecting', websocket: socket }; // the replacement socket
      return;
    }
    if (!live()) return; // the client closes a socket that arrives after close()
    this.#state = { status: 'connecting', websocket: socket };
    this.#emitSafe('connection_change', 'connecting');
  }

  #rollback(attempt: ConnectAttempt): void {
    [this.#model, this.#apiKey, this.#url, this.#defaultUrl] = attempt.snapshot;
    this.#attempt = undefined;
    attempt.abort();
  }

  /** Settle to disconnected: forget per-connection state, emit the events, close the socket. */
  #transitionToDisconnected(rethrow: boolean): void {
    this.#reconnecting = false;
    this.#sequencer.reset();
    this.#inbound.reset();
    this.#playback.reset();
    this.#history.clear();
    const was = this.#state.status;
    this.#state = DISCONNECTED;
    const errors = was === 'disconnected' ? [] : [...this.#emitter.dispatch('connection_change', ['disconnected']).errors, ...this.#emitter.dispatch('disconnected', []).errors];
    this.client.close();
    if (errors.length === 0) return;
    if (rethrow) throw errors[0];
    this.#inbound.report('disconnected', errors);
  }

  /** A listener exception nobody heard: on `client.errors$`, and logged (rate limited per event). */
  #unheard(error: unknown, eventName: string): void {
    const text = error instanceof Error ? error.message : String(error);
    reportTo(this.client, { _tag: 'ListenerError', code: 'RT_ERR_LISTENER', message: `A '${eventName}' listener threw: ${text}`, eventName, cause: error });
    const held = this.#throttle.take(eventName);
    if (held === undefined) return;
    const advice = eventName === 'error' ? '' : "; add an 'error' listener to handle it";
    this.#log.error(`openai-realtime-rx: a listener of '${eventName}' threw${held > 0 ? ` (and ${held} more times since the last report)` : ''}${advice}:`, error);
  }

  #emitSafe(name: string, ...args: unknown[]): void {
    this.#inbound.emitSafe(name, ...args);
  }
}
