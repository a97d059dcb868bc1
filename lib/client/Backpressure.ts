import type { Observable } from 'rxjs';
import { Cell } from '../streams/Cell.js';
import type { WebSocketLike } from '../transport/WebSocketLike.js';

/**
 * The state of the outbound side of a connection: whether the socket's send buffer is above its
 * high-water mark (the server or the network stopped reading), and how much audio was dropped
 * because of it since the connection opened.
 *
 * @example
 * ```ts
 * import type { Backpressure } from 'openai-realtime-rx';
 * client.backpressure$.subscribe((b: Backpressure) => b.congested && console.warn(`${b.droppedAppends} chunks dropped`));
 * ```
 */
export interface Backpressure {
  /** Above the high-water mark (until the buffer drains to half of it). */
  readonly congested: boolean;
  /** The socket's `bufferedAmount` when this state was reported. */
  readonly bufferedAmount: number;
  readonly highWaterMark: number;
  /** `input_audio_buffer.append` commands dropped since the connection opened. */
  readonly droppedAppends: number;
  /** The encoded bytes of those commands. */
  readonly droppedBytes: number;
}

const APPEND = 'input_audio_buffer.append';

/**
 * The outbound bound of one client: before each frame is written, `admit` says whether it may go.
 * Above the high-water mark an episode of congestion begins (reported once through `onEpisode`);
 * in it, audio appends are refused (stale audio is worse than none, and the frames already in
 * the buffer cannot be taken back) while every other command still goes out. A timer watches the
 * buffer only during an episode, and ends it when the buffer has drained to half the mark.
 *
 * @example
 * ```ts
 * const gate = new BackpressureGate(1_048_576, (buffered) => warn(buffered));
 * if (gate.admit(socket, 'input_audio_buffer.append', json.length)) socket.send(json);
 * ```
 */
export class BackpressureGate {
  private readonly subject: Cell<Backpressure>;
  private timer: ReturnType<typeof setInterval> | undefined;
  private socket: WebSocketLike | undefined;

  /** The current state, replayed to each subscriber; changes at the start and end of an episode. */
  readonly state$: Observable<Backpressure>;

  constructor(
    readonly highWaterMark: number,
    private readonly onEpisode: (bufferedAmount: number) => void,
    private readonly pollMs = 100,
  ) {
    this.subject = new Cell<Backpressure>(this.idle());
    this.state$ = this.subject.asObservable();
  }

  get value(): Backpressure {
    return this.subject.value;
  }

  /** Whether a frame of this type and size may be written to the socket now. */
  admit(socket: WebSocketLike, type: string, bytes: number): boolean {
    const state = this.subject.value;
    if (!state.congested) {
      const buffered = socket.bufferedAmount ?? 0;
      if (buffered <= this.highWaterMark) return true;
      this.begin(socket, buffered);
      // a listener of the episode's report may have closed the connection: nothing more to count
      if (this.socket !== socket) return false;
    }
    if (type !== APPEND) return true;
    const now = this.subject.value;
    this.subject.next({ ...now, droppedAppends: now.droppedAppends + 1, droppedBytes: now.droppedBytes + bytes });
    return false;
  }

  /** The connection ended: stop watching, and start the next one from zero. */
  reset(): void {
    this.stop();
    const state = this.subject.value;
    if (state.congested || state.droppedAppends > 0 || state.bufferedAmount > 0) this.subject.next(this.idle());
  }

  /** Complete the state stream (the client is disposed). */
  complete(): void {
    this.stop();
    this.subject.complete();
  }

  private begin(socket: WebSocketLike, buffered: number): void {
    this.socket = socket;
    this.timer = setInterval(() => this.check(), this.pollMs);
    this.subject.next({ ...this.subject.value, congested: true, bufferedAmount: buffered });
    this.onEpisode(buffered);
  }

  private check(): void {
    const buffered = this.socket?.bufferedAmount ?? 0;
    if (buffered > this.highWaterMark / 2) return;
    this.stop();
    this.subject.next({ ...this.subject.value, congested: false, bufferedAmount: buffered });
  }

  private stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.socket = undefined;
  }

  private idle(): Backpressure {
    return { congested: false, bufferedAmount: 0, highWaterMark: this.highWaterMark, droppedAppends: 0, droppedBytes: 0 };
  }
}
