/**
 * Assistant audio as a Node `Readable` of bytes, converted to the format the sink wants, with a
 * bounded buffer.
 *
 * @module
 */
import { Readable } from 'node:stream';
import type { Subscription } from 'rxjs';
import type { RealtimeClient } from '../client/RealtimeClient.js';
import type { AudioFormat, Converter } from './AudioFormat.js';
import { bytesPerMsOf, bytesPerSample, checkFormat, converter, fromApiFormat, sameFormat } from './AudioFormat.js';
import type { ResamplerFactory } from './resampler.js';
import { streamingResampler } from './resampler.js';
import type { OverflowWarning } from './StreamWarning.js';

/**
 * Options of {@link audioReadable}.
 *
 * @example
 * ```ts
 * import type { AudioReadableOptions } from 'openai-realtime-rx/node';
 * const phone: AudioReadableOptions = { format: 'pcmu', highWaterMark: 16_000 }; // 2 s of μ-law
 * ```
 */
export interface AudioReadableOptions {
  /** `'pcm16'` (default), `'pcmu'` or `'pcma'` (both 8 kHz). */
  readonly format?: 'pcm16' | 'pcmu' | 'pcma';
  /** The PCM16 sample rate. Default 24000. Only with `format: 'pcm16'`. */
  readonly rate?: number;
  /**
   * The bytes held for a consumer that is not reading, beyond Node's own buffer (which holds up
   * to the same again). Default 2 seconds of audio in the chosen format.
   */
  readonly highWaterMark?: number;
  /** Makes the resampler of this stream. Default {@link streamingResampler}. */
  readonly resampler?: ResamplerFactory;
}

/**
 * The running totals of an {@link AudioReadable}.
 *
 * @example
 * ```ts
 * import type { AudioReadableStats } from 'openai-realtime-rx/node';
 * const log = (s: AudioReadableStats) => console.log(`${s.droppedMs} ms of ${s.receivedMs} ms dropped`);
 * ```
 */
export interface AudioReadableStats {
  /** Bytes of converted audio that arrived from the client. */
  readonly receivedBytes: number;
  readonly receivedMs: number;
  /** Bytes dropped because the consumer did not keep up. */
  readonly droppedBytes: number;
  readonly droppedMs: number;
  /** Overflow episodes (each reported once, as an `'overflow'` event). */
  readonly overflows: number;
  /** Bytes waiting now, beyond Node's own buffer. */
  readonly queuedBytes: number;
}

/**
 * A Readable of the assistant's audio bytes. It listens to `client.audio$` from the moment it is
 * made, converts each chunk to the chosen format, and ends when the client is disposed.
 *
 * **Backpressure.** While the consumer reads, bytes go straight to it. When it stops (or reads
 * slower than the audio arrives), Node's buffer fills to `readableHighWaterMark`; after that the
 * stream keeps at most `highWaterMark` more bytes, and when a new chunk would exceed that it
 * **drops the oldest** waiting audio: a listener who falls behind skips ahead to what is being
 * said now, so the delay never grows. Each episode (from the first drop until the queue is empty
 * again) is reported once with an `'overflow'` event ({@link OverflowWarning}); {@link stats}
 * counts everything. Memory is bounded by about twice `highWaterMark`.
 *
 * @example
 * ```ts
 * import { audioReadable } from 'openai-realtime-rx/node';
 * import { pipeline } from 'node:stream/promises';
 * import { createWriteStream } from 'node:fs';
 *
 * const speaker = audioReadable(client, { format: 'pcm16', rate: 16000 });
 * speaker.on('overflow', (w) => console.warn(w.message));
 * await pipeline(speaker, createWriteStream('reply.raw')); // ends when the client is disposed
 * ```
 */
export class AudioReadable extends Readable {
  /** The format of the bytes this stream produces. */
  readonly format: AudioFormat;
  /** The bound on the stream's own queue, in bytes. */
  readonly queueHighWaterMark: number;
  private readonly subscription: Subscription;
  private readonly queue: Uint8Array[] = [];
  private queued = 0;
  private wanted = false;
  private ended = false;
  private overflowing = false;
  private totals = { receivedBytes: 0, droppedBytes: 0, overflows: 0 };
  private convert: { from: AudioFormat; responseId: string; run: Converter } | undefined;
  private turns: { unsubscribe(): void } | undefined;

  constructor(client: RealtimeClient, options: AudioReadableOptions = {}) {
    const kind = options.format ?? 'pcm16';
    if (kind !== 'pcm16' && options.rate !== undefined && options.rate !== 8000) {
      throw new TypeError(`audioReadable: ${kind} is 8 kHz; drop the rate option or use format 'pcm16'.`);
    }
    const format = checkFormat(kind === 'pcm16' ? { encoding: 'pcm16', rate: options.rate ?? 24000 } : kind, 'audioReadable');
    const highWaterMark = options.highWaterMark ?? Math.round(bytesPerMsOf(format) * 2000);
    if (!Number.isInteger(highWaterMark) || highWaterMark < 1) throw new RangeError(`audioReadable: highWaterMark must be a positive integer, not ${highWaterMark}.`);
    super({ highWaterMark });
    this.format = format;
    this.queueHighWaterMark = highWaterMark;
    const resampler = options.resampler ?? streamingResampler;
    // a response's audio ends with the response: what the resampler still holds goes out then,
    // not glued to the start of the next response
    this.turns = client.turns$.subscribe((turn) => {
      if (turn.phase !== 'started' && turn.responseId === this.convert?.responseId) this.flushConverter();
    });
    this.subscription = client.audio$.subscribe({
      next: (chunk) => {
        const from = fromApiFormat(chunk.format);
        if (this.convert === undefined || !sameFormat(this.convert.from, from) || this.convert.responseId !== chunk.responseId) {
          this.flushConverter();
          this.convert = { from, responseId: chunk.responseId, run: converter(from, format, resampler) };
        }
        this.offer(this.convert.run(chunk.data));
      },
      complete: () => {
        this.flushConverter();
        this.finish();
      },
    });
  }

  /** What arrived, what was dropped, what waits. */
  get stats(): AudioReadableStats {
    const ms = (bytes: number) => bytes / bytesPerMsOf(this.format);
    return {
      receivedBytes: this.totals.receivedBytes,
      receivedMs: ms(this.totals.receivedBytes),
      droppedBytes: this.totals.droppedBytes,
      droppedMs: ms(this.totals.droppedBytes),
      overflows: this.totals.overflows,
      queuedBytes: this.queued,
    };
  }

  override _read(): void {
    this.wanted = true;
    while (this.wanted && this.queue.length > 0) {
      const next = this.queue.shift() as Uint8Array;
      this.queued -= next.length;
      this.wanted = this.push(next);
    }
    if (this.queue.length === 0) {
      this.overflowing = false;
      if (this.ended) this.push(null);
    }
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.subscription?.unsubscribe();
    this.turns?.unsubscribe();
    this.queue.length = 0;
    this.queued = 0;
    callback(error);
  }

  private offer(bytes: Uint8Array): void {
    if (bytes.length === 0 || this.destroyed) return;
    this.totals.receivedBytes += bytes.length;
    if (this.wanted && this.queue.length === 0) {
      this.wanted = this.push(bytes);
      return;
    }
    this.queue.push(bytes);
    this.queued += bytes.length;
    if (this.queued > this.queueHighWaterMark) this.dropOldest();
  }

  /** Drop the oldest waiting audio until the queue fits its mark, whole samples at a time. */
  private dropOldest(): void {
    let dropped = 0;
    const align = bytesPerSample(this.format);
    while (this.queued > this.queueHighWaterMark) {
      const head = this.queue[0] as Uint8Array;
      const excess = this.queued - this.queueHighWaterMark;
      if (head.length <= excess || this.queue.length > 1) {
        this.queue.shift();
        this.queued -= head.length;
        dropped += head.length;
      } else {
        const cut = Math.ceil(excess / align) * align;
        this.queue[0] = head.subarray(cut);
        this.queued -= cut;
        dropped += cut;
      }
    }
    this.totals.droppedBytes += dropped;
    if (this.overflowing) return;
    this.overflowing = true;
    this.totals.overflows++;
    const warning: OverflowWarning = {
      _tag: 'StreamWarning',
      code: 'RT_WARN_STREAM_OVERFLOW',
      severity: 'warning',
      message: `The consumer of the audio stream is not keeping up: ${this.queueHighWaterMark} bytes wait, so the oldest audio is dropped until it catches up.`,
      highWaterMark: this.queueHighWaterMark,
      droppedBytes: this.totals.droppedBytes,
      droppedMs: this.totals.droppedBytes / bytesPerMsOf(this.format),
    };
    this.emit('overflow', warning);
  }

  private flushConverter(): void {
    const convert = this.convert;
    this.convert = undefined;
    const tail = convert?.run.flush();
    if (tail !== undefined && tail.length > 0) this.offer(tail);
  }

  private finish(): void {
    this.turns?.unsubscribe();
    this.ended = true;
    if (this.queue.length === 0 && !this.destroyed) this.push(null);
  }
}

/**
 * Assistant audio as a Node Readable of bytes in the format you ask for; see {@link AudioReadable}
 * for its backpressure (bounded, drops the oldest, reports `'overflow'`).
 *
 * @throws TypeError for a format it cannot produce, RangeError for a bad high-water mark.
 *
 * @example
 * ```ts
 * import { audioReadable } from 'openai-realtime-rx/node';
 * audioReadable(client, { format: 'pcmu' }).pipe(callerSocketStream); // 8 kHz μ-law bytes
 * ```
 */
export const audioReadable = (client: RealtimeClient, options?: AudioReadableOptions): AudioReadable => new AudioReadable(client, options);
