/**
 * Format-aware audio operators: convert a stream of audio chunks to what a sink wants, statefully
 * (one resampler per stream segment, so chunk boundaries never click).
 *
 * @module
 */
import type { OperatorFunction } from 'rxjs';
import { Observable } from 'rxjs';
import type { AudioConverter } from '../audio/converter.js';
import { createAudioConverter } from '../audio/converter.js';
import type { CanonicalAudioFormat, AudioFormatLike } from '../audio/durations.js';
import { audioFormatOf, durationMs } from '../audio/durations.js';
import type { G711Law } from '../audio/g711.js';

/**
 * What the audio operators take: anything with audio bytes and their format, such as an
 * {@link AudioChunk} from `audio$`. An `itemId` and `contentIndex`, when present, mark where one
 * utterance ends and the next begins.
 *
 * @example
 * ```ts
 * import type { AudioChunkLike } from 'openai-realtime-rx/audio';
 * const frame: AudioChunkLike = { format: { type: 'audio/pcmu' }, data: new Uint8Array(160) };
 * ```
 */
export interface AudioChunkLike {
  readonly format: AudioFormatLike;
  readonly data: Uint8Array;
  readonly itemId?: string;
  readonly contentIndex?: number;
}

/**
 * A chunk after conversion: the input chunk's other fields, with the new `data`, its `format`
 * and its `durationMs`.
 *
 * @example
 * ```ts
 * import type { AudioChunk } from 'openai-realtime-rx';
 * import type { ConvertedChunk } from 'openai-realtime-rx/audio';
 * const ms = (c: ConvertedChunk<AudioChunk>) => c.durationMs;
 * ```
 */
export type ConvertedChunk<T extends AudioChunkLike> = Omit<T, 'data' | 'format' | 'durationMs'> & {
  readonly data: Uint8Array;
  readonly format: CanonicalAudioFormat;
  readonly durationMs: number;
};

const formatKey = (f: CanonicalAudioFormat) => (f.type === 'audio/pcm' ? `pcm/${f.rate}` : f.type);

function convertTo<T extends AudioChunkLike>(target: CanonicalAudioFormat): OperatorFunction<T, ConvertedChunk<T>> {
  return (source) =>
    new Observable<ConvertedChunk<T>>((subscriber) => {
      let converter: AudioConverter | undefined;
      let segment: string | undefined;
      let last: T | undefined;

      const emit = (chunk: T, data: Uint8Array) => {
        if (data.length > 0) subscriber.next({ ...chunk, data, format: target, durationMs: durationMs(data.length, target) });
      };
      const endSegment = () => {
        if (converter && last) emit(last, converter.flush());
        converter = undefined;
      };

      return source.subscribe({
        next: (chunk) => {
          const from = audioFormatOf(chunk.format);
          const key = `${formatKey(from)}|${chunk.itemId ?? ''}|${chunk.contentIndex ?? ''}`;
          if (key !== segment) {
            endSegment();
            segment = key;
            if (formatKey(from) !== formatKey(target)) {
              try {
                converter = createAudioConverter(from, target);
              } catch (e) {
                return subscriber.error(e);
              }
            }
          }
          last = chunk;
          emit(chunk, converter ? converter.process(chunk.data) : chunk.data);
        },
        error: (e: unknown) => subscriber.error(e),
        complete: () => {
          endSegment();
          subscriber.complete();
        },
      });
    });
}

const checkRate = (rate: number) => {
  if (!Number.isInteger(rate) || rate < 1000 || rate > 384000) throw new RangeError(`toPcm16 needs a whole sample rate in Hz from 1000 to 384000; got ${rate}`);
};

/**
 * Convert audio chunks (PCM16 at any rate, or G.711) to PCM16 little-endian mono at `rate`:
 * G.711 is decoded, other rates are resampled by a streaming anti-aliased resampler kept per
 * segment (a run of chunks in one format and, when chunks carry them, one `itemId` and
 * `contentIndex`). When a segment ends (a new one starts, or the source completes), the
 * resampler's tail is emitted as one more chunk carrying the segment's last chunk's fields.
 * Chunks already in the target format pass through. Chunks whose conversion yields no bytes yet
 * (the resampler's few milliseconds of latency) are not emitted.
 *
 * Throws a `RangeError` at once for a rate that is not a whole number of Hz from 1 kHz to
 * 384 kHz; a source rate that cannot be resampled errors the stream.
 *
 * @example
 * ```ts
 * import { toPcm16 } from 'openai-realtime-rx/audio';
 * client.audio$.pipe(toPcm16({ rate: 48000 })).subscribe((chunk) => speaker.write(chunk.data));
 * ```
 */
export function toPcm16<T extends AudioChunkLike>(options: { readonly rate: number }): OperatorFunction<T, ConvertedChunk<T>> {
  checkRate(options.rate);
  return convertTo<T>(audioFormatOf({ type: 'audio/pcm', rate: options.rate }));
}

/**
 * Convert audio chunks to 8 kHz G.711 (`'pcmu'` μ-law or `'pcma'` A-law), for a telephony peer:
 * PCM16 at any rate is resampled to 8 kHz (anti-aliased) and encoded, the other law is
 * transcoded; state, segments and tails as in {@link toPcm16}.
 *
 * @example
 * ```ts
 * import { toG711 } from 'openai-realtime-rx/audio';
 * client.audio$.pipe(toG711('pcmu')).subscribe((chunk) => twilio.sendMedia(chunk.data));
 * ```
 */
export function toG711<T extends AudioChunkLike>(law: G711Law): OperatorFunction<T, ConvertedChunk<T>> {
  if (law !== 'pcmu' && law !== 'pcma') throw new RangeError(`toG711 takes 'pcmu' or 'pcma'; got ${String(law)}`);
  return convertTo<T>(audioFormatOf({ type: law === 'pcmu' ? 'audio/pcmu' : 'audio/pcma' }));
}
