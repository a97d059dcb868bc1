import type { Observable, SchedulerLike } from 'rxjs';
import { asyncScheduler, Observable as Obs } from 'rxjs';
import { durationMs } from '../audio/durations.js';
import type { ClientEvent } from '../protocol/clientEvents.js';
import type { AnyServerEvent } from './AnyServerEvent.js';
import { is } from './AnyServerEvent.js';
import { OutputFormats } from './OutputFormats.js';
import { base64ByteLength } from '../audio/base64.js';

/**
 * Where playback of an assistant audio item has got to, as the player reports it: the
 * milliseconds of that item's audio actually rendered. `contentIndex` may be left out (the item's
 * audio content part, whichever it is).
 *
 * @example
 * ```ts
 * import type { PlaybackPosition } from 'openai-realtime-rx';
 * const position: PlaybackPosition = { itemId: 'item_123', playedMs: 300 };
 * ```
 */
export interface PlaybackPosition {
  readonly itemId: string;
  readonly contentIndex?: number;
  readonly playedMs: number;
}

/**
 * One interruption that {@link bargeIn} acted on: the assistant audio item it truncated, where,
 * and from what. A player clears its buffer when it sees one.
 *
 * @example
 * ```ts
 * import type { Interruption } from 'openai-realtime-rx';
 * const log = (i: Interruption) => console.log(`cut ${i.itemId} at ${i.audioEndMs} of ${i.receivedMs} ms (${i.basis})`);
 * ```
 */
export interface Interruption {
  readonly itemId: string;
  readonly contentIndex: number;
  /** The `audio_end_ms` sent: `floor(min(playedMs, receivedMs))`, at least 0. */
  readonly audioEndMs: number;
  /** The milliseconds of this item's audio received so far (in the output format in force). */
  readonly receivedMs: number;
  /** What was played: the last reported position, or the time since the item's first delta. */
  readonly playedMs: number;
  /** `reported`: `playedMs` is the player's last report for the item; `wall-clock`: no report, now minus the first delta's arrival. */
  readonly basis: 'reported' | 'wall-clock';
  /** Whether a `response.cancel` was sent too. */
  readonly cancelled: boolean;
}

/**
 * What {@link bargeIn} needs of a client: its decoded events and a way to send commands. A
 * `RealtimeClient` is one.
 *
 * @example
 * ```ts
 * import type { BargeInClient } from 'openai-realtime-rx';
 * const fake: BargeInClient = { events$: recorded$, send: (command) => sent.push(command) };
 * ```
 */
export interface BargeInClient {
  readonly events$: Observable<AnyServerEvent>;
  send(command: ClientEvent): unknown;
}

/**
 * Options of {@link bargeIn}. All optional.
 *
 * @example
 * ```ts
 * import type { BargeInOptions } from 'openai-realtime-rx';
 * const options: BargeInOptions = { played$: player.played$, trigger$: stopButtonClicks$ };
 * ```
 */
export interface BargeInOptions {
  /** Playback positions from the player. Without any for the current item, the wall clock is used. */
  readonly played$?: Observable<PlaybackPosition>;
  /** More triggers (a stop button, push-to-talk): each emission interrupts. */
  readonly trigger$?: Observable<unknown>;
  /** Whether `input_audio_buffer.speech_started` triggers. Default `true`; `false` leaves only `trigger$`. */
  readonly speechStarted?: boolean;
  /**
   * Whether to send `response.cancel` when a response is in progress. Default: yes, except for a
   * `speech_started` trigger while the session's `turn_detection.interrupt_response` is `true`
   * (the server cancels the response itself then).
   */
  readonly cancelResponse?: boolean;
  /** The clock (its `now()`). Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

const isPosition = (p: unknown): p is PlaybackPosition => {
  if (typeof p !== 'object' || p === null) return false;
  const { itemId, contentIndex, playedMs } = p as Record<string, unknown>;
  return (
    typeof itemId === 'string' &&
    itemId !== '' &&
    typeof playedMs === 'number' &&
    Number.isFinite(playedMs) &&
    playedMs >= 0 &&
    (contentIndex === undefined || (typeof contentIndex === 'number' && Number.isInteger(contentIndex) && contentIndex >= 0))
  );
};

interface Playing {
  readonly itemId: string;
  readonly contentIndex: number;
  readonly responseId: string;
  readonly firstAt: number;
  receivedMs: number;
  generated: boolean;
  reportedMs: number | undefined;
}

/**
 * Interruption wired to the played position: when the user starts speaking (or `trigger$`
 * fires) over assistant audio that has not all been played, truncate the item at what was heard
 * and, if a response is in progress, cancel it. Subscribing activates it; each subscription acts
 * on its own, so subscribe once (`share()` it for several consumers), and before connecting: it
 * learns the session's `interrupt_response` from `session.created` / `session.updated`, and
 * until it has seen one it cancels on speech too (as the Agents SDK does when it does not know),
 * which the server may answer with a benign `response_cancel_not_active`.
 *
 * It follows, per assistant audio item and content part (the latest to receive a
 * `response.output_audio.delta`), the audio received (its duration in the output format in force)
 * and the time of its first delta. On a trigger:
 *
 * - **played** is the last `played$` report for that item if there is one, else the wall clock
 *   since its first delta (the rule of OpenAI's Agents SDK);
 * - nothing is sent, and nothing emitted, when no item is playing (no audio yet, or the item was
 *   already interrupted, or a new session started) or when all of it was played (its audio is
 *   complete, by `response.output_audio.done` or `response.done`, and played ≥ received);
 * - otherwise `response.cancel` (for the latest response in progress, if any; see
 *   {@link BargeInOptions.cancelResponse}) then `conversation.item.truncate` with
 *   `audio_end_ms = floor(min(played, received))` are sent, and an {@link Interruption} is emitted.
 *
 * Deltas still arriving for an interrupted item are not counted (a player should drop them too),
 * and it is not interrupted again. A report that is not a position (no item id, a negative or
 * non-finite `playedMs`, a bad `contentIndex`), or that is for another item, is ignored. An
 * error of `played$` or `trigger$` ends that input only (the last report stays; new items use the
 * wall clock). The stream completes when `events$` does, errors only if `events$` does, and
 * never throws.
 *
 * @example
 * ```ts
 * import { bargeIn } from 'openai-realtime-rx';
 * bargeIn(client, { played$: player.played$ }).subscribe(() => player.clear());
 * ```
 */
export function bargeIn(client: BargeInClient, options: BargeInOptions = {}): Observable<Interruption> {
  const scheduler = options.scheduler ?? asyncScheduler;
  const onSpeech = options.speechStarted ?? true;
  return new Obs<Interruption>((subscriber) => {
    const formats = new OutputFormats();
    let playing: Playing | undefined;
    let interrupted: { itemId: string; contentIndex: number } | undefined;
    let inProgress: string[] = [];
    let serverInterrupts = false;

    const trigger = (bySpeech: boolean): void => {
      const item = playing;
      if (item === undefined) return;
      const wallClock = scheduler.now() - item.firstAt;
      const playedMs = Math.max(0, item.reportedMs ?? wallClock);
      playing = undefined;
      if (item.generated && playedMs >= item.receivedMs) return; // played out
      interrupted = { itemId: item.itemId, contentIndex: item.contentIndex };
      const responseId = inProgress[inProgress.length - 1];
      const cancel = responseId !== undefined && (options.cancelResponse ?? !(bySpeech && serverInterrupts));
      if (cancel) {
        inProgress = inProgress.filter((id) => id !== responseId);
        client.send({ type: 'response.cancel', response_id: responseId });
      }
      const audioEndMs = Math.max(0, Math.floor(Math.min(playedMs, item.receivedMs)));
      client.send({ type: 'conversation.item.truncate', item_id: item.itemId, content_index: item.contentIndex, audio_end_ms: audioEndMs });
      subscriber.next({
        itemId: item.itemId,
        contentIndex: item.contentIndex,
        audioEndMs,
        receivedMs: item.receivedMs,
        playedMs,
        basis: item.reportedMs === undefined ? 'wall-clock' : 'reported',
        cancelled: cancel,
      });
    };

    const onEvent = (event: AnyServerEvent): void => {
      formats.observe(event);
      if (is(event, 'response.output_audio.delta')) {
        if (interrupted?.itemId === event.item_id && interrupted.contentIndex === event.content_index) return;
        if (playing?.itemId !== event.item_id || playing.contentIndex !== event.content_index) {
          playing = { itemId: event.item_id, contentIndex: event.content_index, responseId: event.response_id, firstAt: scheduler.now(), receivedMs: 0, generated: false, reportedMs: undefined };
        }
        playing.receivedMs += durationMs(base64ByteLength(event.delta), formats.of(event.response_id));
      } else if (is(event, 'response.output_audio.done')) {
        if (playing?.itemId === event.item_id && playing.contentIndex === event.content_index) playing.generated = true;
      } else if (is(event, 'response.created')) {
        if (event.response.id !== undefined) inProgress.push(event.response.id);
      } else if (is(event, 'response.done')) {
        const id = event.response.id;
        inProgress = inProgress.filter((r) => r !== id);
        if (playing !== undefined && playing.responseId === id) playing.generated = true;
      } else if (is(event, 'session.created') || is(event, 'session.updated')) {
        if (event.type === 'session.created') {
          playing = undefined;
          interrupted = undefined;
          inProgress = [];
        }
        const td = event.session.audio?.input?.turn_detection;
        serverInterrupts = (td ?? undefined)?.interrupt_response ?? false;
      } else if (onSpeech && is(event, 'input_audio_buffer.speech_started')) {
        trigger(true);
      }
    };

    if (options.played$ !== undefined) {
      subscriber.add(
        options.played$.subscribe({
          next: (report) => {
            if (!isPosition(report) || playing === undefined || report.itemId !== playing.itemId) return;
            if (report.contentIndex !== undefined && report.contentIndex !== playing.contentIndex) return;
            playing.reportedMs = report.playedMs;
          },
          error: () => undefined, // the player's failure is the player's to report; the wall clock takes over for new items
        }),
      );
    }
    if (options.trigger$ !== undefined) subscriber.add(options.trigger$.subscribe({ next: () => trigger(false), error: () => undefined }));
    subscriber.add(
      client.events$.subscribe({
        next: onEvent,
        error: (e: unknown) => subscriber.error(e),
        complete: () => subscriber.complete(),
      }),
    );
  });
}
