/**
 * Reconnect and session rollover for `RealtimeClient`, as a strategy the client takes only when
 * configured (`reconnect: reconnecting({...})`): an app that does not reconnect does not carry
 * this code, the conversation log or the backoff policy in its bundle.
 *
 * @module
 */
import * as E from 'fp-ts/Either';
import type { Observable, Subscription } from 'rxjs';
import { updateSession } from '../commands/commands.js';
import { ConversationLog } from '../commands/ConversationLog.js';
import { encodeClientEvent } from '../protocol/encodeClientEvent.js';
import type { AnyServerEvent } from '../streams/AnyServerEvent.js';
import type { SocketEvent, WebSocketLike } from '../transport/WebSocketLike.js';
import type { ConnectionStatus } from './ConnectionStatus.js';
import type { RealtimeError } from './RealtimeError.js';
import type { ConnectOptions, SessionConfig } from './ConnectOptions.js';
import type { ReconnectOptions, ReconnectPolicy } from './reconnectPolicy.js';
import { backoffDelay, reconnectPolicy } from './reconnectPolicy.js';

/**
 * What a reconnect strategy may do with the client it is attached to. The client builds it; it is
 * not meant for apps.
 *
 * @example
 * ```ts
 * // RealtimeClient, in its constructor: this.reconnector = config.reconnect?.attach(host);
 * ```
 */
export interface ReconnectHost {
  /** The client's current status. */
  status(): ConnectionStatus;
  /** Put an error on `errors$`. */
  report(error: RealtimeError): void;
  /** Emit a status. */
  emit(status: ConnectionStatus): void;
  /** Make a connection attempt (a reconnect: the reconnector says what it restores). */
  open(options: ConnectOptions, session: SessionConfig | undefined): Promise<void>;
  /** A new socket for these options, closed with `closing` when unsubscribed, and its connect timeout. */
  socket(options: ConnectOptions, closing: { code: number; reason: string }): { socket$: Observable<SocketEvent>; timeoutMs: number };
  /** Make this socket (already restored) the client's connection, closing the old one with 1000. */
  switchTo(connection: Subscription | undefined, socket: WebSocketLike, closing: { code: number; reason: string }, status: ConnectionStatus): void;
  /** Handle an event of the client's current socket. */
  onSocketEvent(event: SocketEvent): void;
  /** Send what waits in the queue. */
  flush(): void;
  /** Whether a response is in progress. */
  busy(): boolean;
  /** A message with the key taken out. */
  redact(message: string): string;
}

/**
 * A reconnect strategy for `RealtimeClient`'s `reconnect` option; make one with
 * {@link reconnecting}.
 *
 * @example
 * ```ts
 * const strategy: ReconnectStrategy = reconnecting({ maxAttempts: 8 });
 * strategy.policy.maxAttempts; // 8
 * ```
 */
export interface ReconnectStrategy {
  /** The options with every default filled in. */
  readonly policy: ReconnectPolicy;
  /**
   * One reconnector per client; called by the client's constructor.
   *
   * @internal
   */
  attach(host: ReconnectHost): Reconnector;
}

/**
 * Reconnect after an established connection is lost for a recoverable reason (see
 * `docs/errors.md`), restore the session (its configuration is sent again and the conversation
 * replayed), and roll a long session over to a new one before the server ends it.
 *
 * @param options - the attempt budget, backoff, replay budget and rollover time; every field has a default.
 * @throws RangeError synchronously for a negative or non-numeric bound.
 *
 * @example
 * ```ts
 * import { RealtimeClient, reconnecting } from 'openai-realtime-rx';
 * const client = new RealtimeClient({ apiKey, reconnect: reconnecting({ maxAttempts: 8, replay: { maxItems: 20 } }) });
 * ```
 */
export function reconnecting(options: ReconnectOptions = {}): ReconnectStrategy {
  const policy = reconnectPolicy(options) as ReconnectPolicy;
  return { policy, attach: (host) => new Reconnector(policy, host) };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A session update applied to the session as the app configured it: objects merged field by field, other values replaced. */
function mergeSession(base: SessionConfig | undefined, update: SessionConfig): SessionConfig {
  const merge = (a: unknown, b: unknown): unknown => {
    if (!isPlainObject(a) || !isPlainObject(b)) return b;
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = merge(a[k], v);
    return out;
  };
  return merge(base ?? {}, update) as SessionConfig;
}

/**
 * The reconnect and rollover state of one client: the outage being recovered from, the
 * conversation log a restore replays, and the session being rolled over to. The client calls it
 * at each step of a connection's life.
 *
 * @example
 * ```ts
 * const reconnector = reconnecting().attach(host); // what RealtimeClient does
 * ```
 */
export class Reconnector {
  readonly #policy: ReconnectPolicy;
  readonly #host: ReconnectHost;
  /** What a restore replays; kept only when replay is on. */
  readonly #log: ConversationLog | undefined;
  #lastOptions: ConnectOptions = {};
  /** The session as the app last configured it (the connect config merged with later updates). */
  #lastSession: SessionConfig | undefined;
  /** The outage being recovered from: attempts made, the pending attempt's timer, audio dropped. */
  #outage: { attempts: number; timer?: ReturnType<typeof setTimeout>; droppedAudio: number } | undefined;
  /** Frames that restore a lost session, written before anything queued when the socket opens. */
  #restore: { frames: string[]; restored: number } | undefined;
  #connectedAt = 0;
  #rolloverTimer: ReturnType<typeof setTimeout> | undefined;
  #rolloverDue = false;
  /** A new session being opened to replace this one. */
  #rolling: { unsubscribe(): void } | undefined;
  #userSpeaking = false;
  /** A `response.create` went out and its `response.created` has not come back (not a boundary). */
  #responseRequested = false;

  constructor(policy: ReconnectPolicy, host: ReconnectHost) {
    this.#policy = policy;
    this.#host = host;
    this.#log = policy.replay === false ? undefined : new ConversationLog();
  }

  /** Whether a new session is being opened to replace the current one (commands wait for it). */
  get rolling(): boolean {
    return this.#rolling !== undefined;
  }

  /** `connect()`: a new conversation. */
  connecting(options: ConnectOptions, session: SessionConfig | undefined): void {
    this.#lastOptions = options;
    this.#lastSession = session;
    this.#outage = undefined;
    this.#log?.clear();
  }

  /** An attempt starts: whether it is a reconnect (which restores the session itself, instead of the plain `session.update`). */
  restoring(session: SessionConfig | undefined): boolean {
    if (this.#outage === undefined) return false;
    this.#restore = this.#restoreFrames(session);
    return true;
  }

  /** A command of this type is about to be sent (or queued). */
  requested(type: string): void {
    if (type === 'response.create') this.#responseRequested = true;
  }

  /** The app updated the session: a restore sends it as updated. */
  sessionUpdated(session: SessionConfig): void {
    this.#lastSession = mergeSession(this.#lastSession, session);
  }

  /** Whether an audio append sent while reconnecting is dropped (it would be stale in the new session). */
  dropsAudio(type: string): boolean {
    if (this.#outage === undefined || type !== 'input_audio_buffer.append') return false;
    this.#outage.droppedAudio++;
    return true;
  }

  /** The socket opened: restore a lost session, then say `connected`. */
  opened(socket: WebSocketLike | undefined): void {
    this.#connectedAt = Date.now();
    this.#userSpeaking = false;
    this.#scheduleRollover();
    const outage = this.#outage;
    const restore = this.#restore;
    this.#outage = undefined;
    this.#restore = undefined;
    if (outage === undefined || restore === undefined || socket === undefined) return this.#host.emit({ status: 'connected' });
    // the new session is empty: configure it and replay the conversation before anything else
    for (const json of restore.frames) socket.send(json);
    this.#host.emit({ status: 'connected', reconnected: { attempt: outage.attempts, restored: restore.restored, droppedAudio: outage.droppedAudio } });
    if (outage.droppedAudio > 0) {
      this.#host.report({
        _tag: 'CommandError',
        code: 'RT_ERR_DROPPED',
        message: `${outage.droppedAudio} audio append(s) sent while reconnecting were dropped: they would be stale in the new session.`,
        commandType: 'input_audio_buffer.append',
      });
    }
  }

  /** A server event, before it is delivered. */
  seen(event: AnyServerEvent): void {
    if (event.type === 'response.created' || event.type === 'error') this.#responseRequested = false;
    this.#log?.record(event);
  }

  /** A server event, after it was delivered: speech and turn boundaries drive a due rollover. */
  heard(event: AnyServerEvent): void {
    if (event.type === 'input_audio_buffer.speech_started') this.#userSpeaking = true;
    else if (event.type === 'input_audio_buffer.speech_stopped') this.#userSpeaking = false;
    if (this.#rolloverDue && (event.type === 'response.done' || event.type === 'input_audio_buffer.speech_stopped')) this.#maybeRollover();
  }

  /** The connection (or attempt) ended: per-connection state goes. */
  ended(): void {
    this.#cancelRollover();
    this.#responseRequested = false;
    this.#userSpeaking = false;
    this.#restore = undefined;
  }

  /** `close()` between attempts: stop trying. */
  stop(): void {
    if (this.#outage?.timer !== undefined) clearTimeout(this.#outage.timer);
    this.#outage = undefined;
  }

  /**
   * Whether a connection that ended this way is tried again, and when: not after `close()`
   * (`stopping`), only for a recoverable end of a connection that had opened (or of an attempt to
   * replace one), and within the attempt budget. Schedules the attempt.
   */
  retry(was: ConnectionStatus['status'], status: ConnectionStatus, stopping: boolean): Extract<ConnectionStatus, { status: 'reconnecting' }> | undefined {
    const policy = this.#policy;
    if (stopping || status.status !== 'disconnected' || status.recoverable !== true) return undefined;
    if (was === 'connected') {
      // a connection that stayed up long enough starts a fresh budget
      if (this.#outage === undefined || Date.now() - this.#connectedAt >= policy.stableAfterMs) this.#outage = { attempts: 0, droppedAudio: 0 };
    } else if (this.#outage === undefined) return undefined; // a first connect() that failed: its caller decides
    const outage = this.#outage;
    if (outage.attempts >= policy.maxAttempts) return undefined;
    outage.attempts++;
    const delayMs = backoffDelay(outage.attempts, policy, Math.random, status.retryAfterMs);
    outage.timer = setTimeout(() => {
      outage.timer = undefined;
      if (this.#outage !== outage || this.#host.status().status !== 'reconnecting') return;
      this.#host.open(this.#lastOptions, this.#lastSession).catch(() => undefined); // failures are on status$ and errors$
    }, delayMs);
    return { status: 'reconnecting', attempt: outage.attempts, delayMs, cause: status };
  }

  /** The final status of a connection not tried again: says when reconnecting gave up. */
  gaveUp(status: ConnectionStatus): ConnectionStatus {
    const outage = this.#outage;
    this.#outage = undefined;
    return outage === undefined || status.status !== 'disconnected' ? status : { ...status, gaveUp: { attempts: outage.attempts } };
  }

  /** What rebuilds this session in a new, empty one: the session configuration, then the conversation. */
  #restoreFrames(session: SessionConfig | undefined): { frames: string[]; restored: number } {
    const frames = [...(session === undefined ? [] : [updateSession(session)]), ...(this.#log?.replay(this.#policy.replay || {}) ?? [])];
    const encoded = frames.map((f) => encodeClientEvent(f)).flatMap((r) => (E.isRight(r) ? [r.right] : (this.#host.report(r.left), [])));
    return { frames: encoded, restored: frames.length - (session === undefined ? 0 : 1) };
  }

  /** Mark the session due for a rollover after `rolloverAfterMs` connected. */
  #scheduleRollover(): void {
    this.#cancelRollover();
    const after = this.#policy.rolloverAfterMs;
    if (after <= 0) return;
    this.#rolloverTimer = setTimeout(() => {
      this.#rolloverTimer = undefined;
      this.#rolloverDue = true;
      this.#maybeRollover();
    }, after);
  }

  #cancelRollover(): void {
    if (this.#rolloverTimer !== undefined) clearTimeout(this.#rolloverTimer);
    this.#rolloverTimer = undefined;
    this.#rolloverDue = false;
    const rolling = this.#rolling;
    this.#rolling = undefined;
    rolling?.unsubscribe();
  }

  /** At a turn boundary (no response in progress, the user not speaking), roll a due session over. */
  #maybeRollover(): void {
    if (!this.#rolloverDue || this.#rolling !== undefined || this.#host.status().status !== 'connected' || this.#host.busy() || this.#userSpeaking || this.#responseRequested) return;
    this.#rolloverDue = false;
    this.#rollover();
  }

  /**
   * Make before break: open a new session, restore it (session configuration, then the
   * conversation), switch every stream and command to it, then close the old one with 1000. If
   * the new one fails to open, the old one carries on and a warning says why.
   */
  #rollover(): void {
    const host = this.#host;
    const closing = { code: 1000, reason: '' };
    const state: { socket?: WebSocketLike; switched: boolean; sub?: Subscription; timer?: ReturnType<typeof setTimeout> } = { switched: false };
    const abandon = (why: string | undefined): void => {
      if (state.switched) return;
      if (state.timer !== undefined) clearTimeout(state.timer);
      if (this.#rolling === handle) this.#rolling = undefined;
      state.sub?.unsubscribe();
      if (why === undefined) return; // the connection itself is ending: its queue is dropped and reported there
      host.report({ _tag: 'ClientWarning', code: 'RT_WARN_ROLLOVER', severity: 'warning', message: `The session could not be rolled over (${why}); the current one carries on.` });
      host.flush(); // what waited for the new session goes to the current one
    };
    const handle = { unsubscribe: () => abandon(undefined) };
    this.#rolling = handle;
    const switchTo = (socket: WebSocketLike): void => {
      if (state.timer !== undefined) clearTimeout(state.timer);
      // the conversation as the server has confirmed it now; commands sent meanwhile waited in the queue
      const { frames, restored } = this.#restoreFrames(this.#lastSession);
      for (const json of frames) socket.send(json);
      state.switched = true;
      this.#rolling = undefined;
      this.#connectedAt = Date.now();
      this.#scheduleRollover();
      host.switchTo(state.sub, socket, closing, { status: 'connected', rolledOver: { restored } });
    };
    const { socket$, timeoutMs } = host.socket(this.#lastOptions, closing);
    if (timeoutMs > 0 && Number.isFinite(timeoutMs)) state.timer = setTimeout(() => abandon('the new session did not open in time'), timeoutMs);
    state.sub = socket$.subscribe({
      next: (event) => {
        if (state.switched) return host.onSocketEvent(event);
        if (event.kind === 'socket') state.socket = event.socket;
        else if (event.kind === 'open' && state.socket !== undefined) switchTo(state.socket);
        else if (event.kind === 'error' || event.kind === 'close') abandon(event.kind === 'error' ? host.redact(event.message) : `closed ${event.code}`);
      },
      error: (error: unknown) => abandon(host.redact(error instanceof Error ? error.message : String(error))),
    });
  }
}
