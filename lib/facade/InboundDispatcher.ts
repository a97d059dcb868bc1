import { decodeBase64 } from '../audio/base64.js';
import type { AudioFormatLike } from '../audio/durations.js';
import type { HistorySync } from '../commands/HistorySync.js';
import type { ResponseSequencer } from '../commands/ResponseSequencer.js';
import type { TracingSetting } from '../commands/tracing.js';
import { FrameFailure, decodeWarningOf } from '../protocol/decodeServerEvent.js';
import type { DecodeFailure, DecodeWarning } from '../protocol/failures.js';
import { withKnownFields } from '../protocol/knownFields.js';
import type { ServerEvent, ServerEventOf } from '../protocol/serverEvents.js';
import type { Session } from '../protocol/session.js';
import type { AnyServerEvent } from '../streams/AnyServerEvent.js';
import { emissionsOf } from '../streams/emissions.js';
import type { Emitter } from './Emitter.js';
import { LogThrottle } from './LogThrottle.js';
import type { PlaybackTracker } from './PlaybackTracker.js';
import type { Reactor } from './reactions.js';
import { planFor } from './reactions.js';
import type { TransportLayerAudio } from './types.js';

/**
 * What the dispatcher needs from its transport: the shared state machines, and the transport's
 * overridable hooks (so that a subclass's `_onAudio` or `interrupt` is the one called).
 *
 * @example
 * ```ts
 * const dispatcher = new InboundDispatcher({ emitter, sequencer, history, playback, sendEvent, interrupt, updateTracing, onAudio, afterAudioDone });
 * ```
 */
export interface InboundHost {
  readonly emitter: Emitter;
  readonly sequencer: ResponseSequencer;
  readonly history: HistorySync;
  readonly playback: PlaybackTracker;
  sendEvent(event: { type: string; [key: string]: unknown }): void;
  interrupt(cancelOngoingResponse: boolean): void;
  updateTracing(desired: TracingSetting): void;
  onAudio(event: TransportLayerAudio): void;
  afterAudioDone(): void;
  /** A listener exception that no `error` listener heard (or that an `error` listener threw). */
  unheard(error: unknown, eventName: string): void;
  /** Where drift warnings go: the transport's `logger.warn` (default `console.warn`). */
  warn(message: string): void;
}

/**
 * At most one drift line per event type in this many milliseconds; the frames left unlogged in
 * between are counted in the next line.
 *
 * @example
 * ```ts
 * // ten drifting response.done frames within a minute: one logger.warn line; the next line,
 * // a minute later or more, adds "(and 9 more response.done frame(s) since the last report)"
 * DRIFT_LOG_INTERVAL_MS; // 60000
 * ```
 */
export const DRIFT_LOG_INTERVAL_MS = 60_000;

const clone = (value: unknown): unknown => {
  try {
    return structuredClone(value);
  } catch {
    return value; // an uncloneable frame (say, nested beyond the engine's limit) is passed as is
  }
};

/**
 * The inbound half of `OpenAIRealtimeWebSocket`: for each decoded frame, the `'*'` copy, the
 * listener events of `emissionsOf`, and the wire reactions (retrieves, sequencing, audio
 * tracking, interruption on speech, tracing), in OpenAI's Agents SDK order. It keeps the state
 * those need: the last `session.updated`, per-response output formats, and tracing.
 *
 * Listener exceptions never escape: they become `error` events. A frame that was delivered with a
 * drift warning (its essentials held, other fields did not) is handled like any other, and the
 * warning goes to the host's `warn` (the transport's logger), at most one line per event type per
 * {@link DRIFT_LOG_INTERVAL_MS}; it is not an `error` event.
 *
 * @example
 * ```ts
 * dispatcher.dispatch(decodeText('{"type":"input_audio_buffer.cleared","event_id":"e1"}'));
 * ```
 */
export class InboundDispatcher implements Reactor {
  /** The session of the last `session.updated` (the server's echo). */
  session: Session | undefined;
  /** The server's tracing configuration, as `session.created` reported it (or the setter set it). */
  serverTracing: TracingSetting | undefined = null;
  /** The tracing the current connection asked for. */
  desiredTracing: TracingSetting = 'auto';
  /** The output format of each response in flight (made on the first `response.created`). */
  private formats: Map<string, AudioFormatLike> | undefined;
  /** Per drifting event type: when its last line was logged, and how many frames went unlogged since. */
  private readonly driftLog = new LogThrottle(DRIFT_LOG_INTERVAL_MS);

  // The dispatcher is its own reactor: prototype methods, not a closure per reaction per session.
  constructor(private readonly host: InboundHost) {}

  get history(): HistorySync {
    return this.host.history;
  }
  get sequencer(): ResponseSequencer {
    return this.host.sequencer;
  }
  retrieve(itemId: string): void {
    this.host.sendEvent({ type: 'conversation.item.retrieve', item_id: itemId });
  }
  sessionUpdated(event: ServerEventOf<'session.updated'>): void {
    this.session = event.session;
  }
  audioDone(): void {
    this.host.afterAudioDone();
  }
  speechStarted(): void {
    this.host.interrupt(!(this.session?.audio?.input?.turn_detection?.interrupt_response ?? false));
  }
  responseCreated(event: ServerEventOf<'response.created'>): void {
    if (event.response.id !== undefined) (this.formats ??= new Map()).set(event.response.id, event.response.audio?.output?.format ?? this.session?.audio?.output?.format);
    this.host.sequencer.created();
  }
  responseDone(event: ServerEventOf<'response.done'>): void {
    if (event.response.id !== undefined) this.formats?.delete(event.response.id);
    this.host.sequencer.done();
  }
  sessionCreated(event: ServerEventOf<'session.created'>): void {
    this.serverTracing = (event.session.tracing ?? null) as TracingSetting;
    this.host.updateTracing(this.desiredTracing);
  }

  /** Handle one decoded frame. */
  dispatch(frame: AnyServerEvent | FrameFailure): void {
    const { emitter } = this.host;
    if (frame instanceof FrameFailure) return this.reportFailure(frame.failure);
    const event = frame;
    if (emitter.listenerCount('*') > 0) this.emitSafe('*', clone(event));
    // one lookup per frame: unknown types stop here; known ones carry their reactions
    const plan = planFor(event.type);
    if (plan === undefined) return;
    const known = event as ServerEvent;
    const drift = decodeWarningOf(event);
    if (drift !== undefined) this.logDrift(drift);
    plan.before?.(this, known);
    const heard = emitter.listenerCount(known.type === 'error' ? 'error' : known.type) > 0;
    // most frames (audio deltas above all) have no derived events: emit only if someone listens
    if (heard || plan.derived) {
      for (const [name, ...args] of emissionsOf(known, heard ? withKnownFields(known) : known)) this.emitSafe(name, ...args);
    }
    plan.after?.(this, known);
  }

  /** Forget per-connection state (the connection ended). */
  reset(): void {
    this.formats = undefined;
  }

  /** Emit; listener exceptions become `error` events (never thrown). */
  emitSafe(name: string, ...args: unknown[]): void {
    this.report(name, this.host.emitter.deliverTo(name, args));
  }

  /**
   * Turn the exceptions of an emission into `error` events; one that no `error` listener hears,
   * or that an `error` listener throws, goes to the host (never lost, never thrown).
   */
  report(name: string, errors: readonly unknown[]): void {
    for (const error of errors) {
      if (name === 'error' || this.host.emitter.listenerCount('error') === 0) {
        this.host.unheard(error, name);
        continue;
      }
      for (const again of this.host.emitter.deliverTo('error', [{ type: 'error', error }])) this.host.unheard(again, 'error');
    }
  }

  /** One warn line per event type per interval (the count of the unlogged ones rides on the next). */
  private logDrift(warning: DecodeWarning): void {
    const unlogged = this.driftLog.take(warning.type);
    if (unlogged === undefined) return;
    const more = unlogged > 0 ? ` (and ${unlogged} more ${warning.type} frame(s) since the last report)` : '';
    try {
      this.host.warn(`openai-realtime-rx: ${warning.code} ${warning.message}${more}`);
    } catch (error) {
      this.report('warn', [error]);
    }
  }

  private reportFailure(failure: DecodeFailure): void {
    if (failure.value !== undefined && this.host.emitter.listenerCount('*') > 0) this.emitSafe('*', clone(failure.value));
    // a server error with a malformed body is still the server reporting a problem
    this.emitSafe('error', { type: 'error', error: failure.type === 'error' && failure.value ? failure.value : failure });
  }

  audioDelta(event: ServerEventOf<'response.output_audio.delta'>): void {
    const bytes = decodeBase64(event.delta);
    if (bytes === undefined) return void this.emitSafe('error', { type: 'error', error: new Error(`Audio delta ${event.event_id} is not valid base64`) });
    const format = this.formats?.get(event.response_id) ?? this.session?.audio?.output?.format;
    this.host.playback.onAudio(event.item_id, event.content_index, bytes.byteLength, format, Date.now());
    this.host.onAudio({ type: 'audio', data: bytes.buffer as ArrayBuffer, responseId: event.response_id });
  }
}
