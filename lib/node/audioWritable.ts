/**
 * Caller or microphone audio as a Node `Writable`: converted to the session's input format,
 * cut into frames, and sent as `input_audio_buffer.append`, at the pace the connection allows.
 *
 * @module
 */
import { Writable } from 'node:stream';
import type { Subscription } from 'rxjs';
import type { RealtimeClient } from '../client/RealtimeClient.js';
import type { RealtimeError } from '../client/RealtimeError.js';
import { appendAudio } from '../commands/commands.js';
import type { AudioFormat, Converter } from './AudioFormat.js';
import { PCM16_24K, bytesPerMsOf, bytesPerSample, checkFormat, converter } from './AudioFormat.js';
import { RealtimeStreamError } from './RealtimeStreamError.js';
import type { ResamplerFactory } from './resampler.js';
import { streamingResampler } from './resampler.js';

/**
 * Options of {@link audioWritable}.
 *
 * @example
 * ```ts
 * import type { AudioWritableOptions } from 'openai-realtime-rx/node';
 * const mic: AudioWritableOptions = { inputFormat: { encoding: 'pcm16', rate: 48000 }, frameMs: 20 };
 * ```
 */
export interface AudioWritableOptions {
  /** What is written: PCM16 little-endian mono at a rate, or 8 kHz G.711. */
  readonly inputFormat: AudioFormat;
  /** The session's `audio.input.format`, which frames are sent in. Default PCM16 at 24 kHz. */
  readonly sessionFormat?: AudioFormat;
  /** Milliseconds of audio per `input_audio_buffer.append`. Default 20. */
  readonly frameMs?: number;
  /**
   * Hold writes while the client's send buffer (`client.bufferedAmount`) is above this many
   * bytes; resume when it has drained to half. Default: half the client's `maxBufferedBytes`,
   * so the client never has to drop audio from this stream.
   */
  readonly maxBufferedBytes?: number;
  /** How often, in ms, a held stream looks at the send buffer again. Default 10. */
  readonly pollMs?: number;
  /** The Writable's own buffer, in bytes of input. Default 100 ms of input audio. */
  readonly highWaterMark?: number;
  /** Makes the resampler of this stream. Default {@link streamingResampler}. */
  readonly resampler?: ResamplerFactory;
}

/**
 * The running totals of an {@link AudioWritable}.
 *
 * @example
 * ```ts
 * import type { AudioWritableStats } from 'openai-realtime-rx/node';
 * const log = (s: AudioWritableStats) => console.log(`${s.frames} frames, held ${s.holds} times`);
 * ```
 */
export interface AudioWritableStats {
  /** `input_audio_buffer.append` commands sent (or queued by a connecting client). */
  readonly frames: number;
  /** Their audio bytes, in the session's format. */
  readonly bytes: number;
  /** Times a write was held because the send buffer was above the mark. */
  readonly holds: number;
}

type Outcome = 'sent' | 'held' | RealtimeError;

/**
 * A Writable of caller or microphone audio. Each write is converted to `sessionFormat` (G.711
 * decoded or encoded, PCM16 resampled through the stream's resampler), cut into `frameMs` frames,
 * and each frame sent with `client.send(appendAudio(frame))`. A partial frame waits for the next
 * write; at `end()` it is sent as it is (`final`).
 *
 * **Backpressure.** Before each frame the stream looks at `client.bufferedAmount` (and at
 * `client.backpressure$`). Above `maxBufferedBytes` it holds the write's callback until the
 * buffer has drained to half, so Node buffers further writes, `write()` returns `false` once the
 * stream's own `highWaterMark` is reached, and `'drain'` follows when the connection catches up.
 * Nothing is dropped. Works with `stream.pipeline()`. The stream emits `'held'` when it starts
 * holding and `'resumed'` when it goes on, each with `client.bufferedAmount` at that moment.
 *
 * **Failures.** A frame the client refuses (not connected, queue full, a send that threw)
 * destroys the stream with a {@link RealtimeStreamError} whose `code` is the client's code.
 *
 * @example
 * ```ts
 * import { audioWritable } from 'openai-realtime-rx/node';
 * import { pipeline } from 'node:stream/promises';
 * import { createReadStream } from 'node:fs';
 *
 * await client.connect();
 * await pipeline(createReadStream('caller.ulaw'), audioWritable(client, { inputFormat: 'pcmu' }));
 * ```
 */
export class AudioWritable extends Writable {
  readonly inputFormat: AudioFormat;
  readonly sessionFormat: AudioFormat;
  /** Bytes per frame, in the session's format. */
  readonly frameBytes: number;
  private readonly convert: Converter;
  private readonly mark: number;
  private readonly pollMs: number;
  private readonly partial: Uint8Array;
  private filled = 0;
  private readonly subscriptions: Subscription[] = [];
  private congested = false;
  private sending = false;
  private reported: RealtimeError | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private totals = { frames: 0, bytes: 0, holds: 0 };

  constructor(
    private readonly client: RealtimeClient,
    options: AudioWritableOptions,
  ) {
    const inputFormat = checkFormat(options?.inputFormat, 'audioWritable inputFormat');
    const sessionFormat = checkFormat(options.sessionFormat ?? PCM16_24K, 'audioWritable sessionFormat');
    const frameMs = options.frameMs ?? 20;
    const frameBytes = Math.round(frameMs * bytesPerMsOf(sessionFormat));
    if (!(frameMs > 0) || frameBytes < 1 || frameBytes % bytesPerSample(sessionFormat) !== 0) {
      throw new RangeError(`audioWritable: frameMs ${frameMs} is not a whole number of samples in the session format.`);
    }
    super({ highWaterMark: options.highWaterMark ?? Math.round(100 * bytesPerMsOf(inputFormat)), decodeStrings: true });
    this.inputFormat = inputFormat;
    this.sessionFormat = sessionFormat;
    this.frameBytes = frameBytes;
    this.partial = new Uint8Array(frameBytes);
    this.convert = converter(inputFormat, sessionFormat, options.resampler ?? streamingResampler);
    this.pollMs = options.pollMs ?? 10;
    let clientMark = 0;
    this.subscriptions.push(
      client.backpressure$.subscribe((b) => {
        this.congested = b.congested;
        clientMark = b.highWaterMark;
      }),
      client.errors$.subscribe((e) => {
        if (this.sending) this.reported ??= e;
      }),
    );
    this.mark = options.maxBufferedBytes ?? Math.floor(clientMark / 2);
  }

  /** Frames and bytes sent, and how often the stream was held. */
  get stats(): AudioWritableStats {
    return { ...this.totals };
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.pump(this.frame(this.convert(chunk)), 0, callback);
  }

  /** Cut converted bytes into whole frames; the rest waits in `partial`. */
  private frame(bytes: Uint8Array): Uint8Array[] {
    const frames: Uint8Array[] = [];
    let at = 0;
    if (this.filled > 0) {
      const take = Math.min(this.frameBytes - this.filled, bytes.length);
      this.partial.set(bytes.subarray(0, take), this.filled);
      this.filled += take;
      at = take;
      if (this.filled === this.frameBytes) {
        frames.push(this.partial.slice());
        this.filled = 0;
      }
    }
    for (; at + this.frameBytes <= bytes.length; at += this.frameBytes) frames.push(bytes.subarray(at, at + this.frameBytes));
    if (at < bytes.length) {
      this.partial.set(bytes.subarray(at), 0);
      this.filled = bytes.length - at;
    }
    return frames;
  }

  override _final(callback: (error?: Error | null) => void): void {
    // what the resampler still holds, then the last partial frame as it is
    const frames = this.frame(this.convert.flush());
    const rest = this.partial.slice(0, this.filled);
    this.filled = 0;
    this.pump(rest.length > 0 ? [...frames, rest] : frames, 0, callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.stopTimer();
    for (const s of this.subscriptions) s.unsubscribe();
    callback(error);
  }

  /** Send frames from `index` on; hold while the send buffer is full. */
  private pump(frames: readonly Uint8Array[], index: number, callback: (error?: Error | null) => void): void {
    for (let i = index; i < frames.length; i++) {
      const outcome = this.sendFrame(frames[i] as Uint8Array);
      if (outcome === 'sent') continue;
      if (outcome === 'held') {
        this.totals.holds++;
        this.emit('held', this.client.bufferedAmount);
        return this.hold(() => this.pump(frames, i, callback));
      }
      return callback(new RealtimeStreamError(outcome));
    }
    callback();
  }

  private sendFrame(frame: Uint8Array): Outcome {
    if (this.congested || this.client.bufferedAmount > this.mark) return 'held';
    this.sending = true;
    this.reported = undefined;
    let sent: boolean;
    try {
      sent = this.client.send(appendAudio(frame));
    } finally {
      this.sending = false;
    }
    if (sent) {
      this.totals.frames++;
      this.totals.bytes += frame.length;
      return 'sent';
    }
    const reported = this.reported as RealtimeError | undefined;
    // the client's gate refused it (an episode began): try again when the buffer has drained
    if (this.congested || reported?.code === 'RT_WARN_BACKPRESSURE') return 'held';
    return reported ?? { _tag: 'CommandError', code: 'RT_ERR_NOT_CONNECTED', message: 'input_audio_buffer.append was not sent: the client is disposed.', commandType: 'input_audio_buffer.append' };
  }

  private hold(resume: () => void): void {
    this.timer = setInterval(() => {
      if (this.destroyed) return this.stopTimer();
      if (this.congested || this.client.bufferedAmount > this.mark / 2) return;
      this.stopTimer();
      this.emit('resumed', this.client.bufferedAmount);
      resume();
    }, this.pollMs);
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/**
 * Caller or microphone audio as a Node Writable that sends `input_audio_buffer.append` frames;
 * see {@link AudioWritable} for conversion, backpressure and failures.
 *
 * @throws TypeError for a format it cannot take, RangeError for a frame size that is not whole samples.
 *
 * @example
 * ```ts
 * import { audioWritable } from 'openai-realtime-rx/node';
 * const mic = audioWritable(client, { inputFormat: { encoding: 'pcm16', rate: 16000 } });
 * if (!mic.write(samples)) await once(mic, 'drain');
 * ```
 */
export const audioWritable = (client: RealtimeClient, options: AudioWritableOptions): AudioWritable => new AudioWritable(client, options);
