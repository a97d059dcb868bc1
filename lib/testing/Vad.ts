/**
 * Energy-based voice activity detection over the input audio stream with an adaptive noise floor,
 * configured like the API's `server_vad` (`threshold`, `prefix_padding_ms`, `silence_duration_ms`).
 *
 * @module
 */
import { aLawDecode, muLawDecode } from '../audio/g711.js';
import { rms } from '../audio/tone.js';

/**
 * What the detector reports.
 *
 * @example
 * ```ts
 * const describe = (e: VadEvent) => (e.kind === 'start' ? `speech from ${e.audioStartMs} ms` : `silence at ${e.audioEndMs} ms`);
 * ```
 */
export type VadEvent = { readonly kind: 'start'; readonly audioStartMs: number } | { readonly kind: 'stop'; readonly audioEndMs: number };

/**
 * The settings used (from the session's turn detection).
 *
 * @example
 * ```ts
 * const settings: VadSettings = { threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 200 };
 * ```
 */
export interface VadSettings {
  readonly threshold: number;
  readonly prefixPaddingMs: number;
  readonly silenceDurationMs: number;
}

const FRAME_MS = 10;
/** The lowest floor: digital silence counts as this level (dBFS). */
const FLOOR_MIN_DB = -70;
/** The highest floor a connection starts with, whatever its first frame (dBFS). */
const FLOOR_START_MAX_DB = -50;
/** How fast the floor climbs towards a louder background while nobody speaks (dB per frame). */
const FLOOR_RISE_DB = 0.05;
/** How far the floor falls towards a quieter frame (a share of the difference, per frame). */
const FLOOR_FALL = 0.2;
/** Speech goes on while a frame is this many dB under the onset margin (hysteresis)… */
const HOLD_DB = 8;
/** …or while the median of the last five frames is this many… */
const HOLD_MEDIAN_DB = 9;
/** …but never closer to the floor than this (a frame's) or this (the median's). */
const HOLD_MIN_DB = 3;
const HOLD_MEDIAN_MIN_DB = 2;
/** Frames in the median (50 ms: a soft consonant that hides in the background's ripple still lifts it). */
const MEDIAN_FRAMES = 5;
/** Frames above the onset margin in a row that make an onset (shorter bursts are clicks). */
const ONSET_FRAMES = 3;

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;

/**
 * The onset margin above the noise floor for a `threshold` (0…1): 6 dB + 12 dB × threshold, so
 * the API's default 0.5 needs a frame 12 dB above the background, 0.9 needs 16.8 dB.
 *
 * @example
 * ```ts
 * marginDb(0.5); // 12
 * ```
 */
export const marginDb = (threshold: number): number => 6 + 12 * Math.min(1, Math.max(0, threshold));

/**
 * The silence that ends a turn under `semantic_vad`, by eagerness: `low` 800 ms, `medium` and
 * `auto` 500 ms, `high` 250 ms (the simulator has no model of meaning, so semantic VAD is server
 * VAD with an eagerness-dependent silence).
 *
 * @example
 * ```ts
 * semanticSilenceMs('high'); // 250
 * ```
 */
export const semanticSilenceMs = (eagerness: unknown): number => (eagerness === 'low' ? 800 : eagerness === 'high' ? 250 : 500);

/**
 * Feed input audio in any chunk size; get `start` when speech begins (at the onset minus the
 * prefix padding) and `stop` after `silenceDurationMs` of quiet (at the end of that silence, as
 * the API reports `audio_end_ms`).
 *
 * Levels are RMS over 10 ms frames in dBFS. A noise floor follows the background: it drops at
 * quickly (a fifth of the way per frame) towards a quieter frame, climbs slowly (5 dB/s) towards a
 * louder one while nobody speaks, and holds during speech; it starts at the first frame's level,
 * clamped to -70…-50 dBFS, and settles a little under the background's mean level. Speech
 * begins with three frames in a row {@link marginDb}(threshold) above the floor (12 dB at 0.5)
 * and continues while a frame stays within 8 dB of that margin (4 dB above the floor at 0.5, never
 * less than 3) or the median of the last five frames within 9 dB (3 dB at 0.5, never less than 2); so -40 dBFS speech over -50 dBFS
 * noise is heard, and the quiet consonants and short gaps inside an utterance do not split it.
 *
 * @example
 * ```ts
 * import { Vad } from 'openai-realtime-rx/testing';
 * const vad = new Vad({ type: 'audio/pcm', rate: 24000 });
 * vad.push(pcm, { threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 200 }); // [{ kind: 'start', audioStartMs: … }]
 * ```
 */
export class Vad {
  private readonly g711: 'pcmu' | 'pcma' | undefined;
  private readonly bytesPerFrame: number;
  private pending = new Uint8Array(0);
  private timeMs = 0;
  private speaking = false;
  private lastSpeechEndMs = 0;
  private floorDb: number | undefined;
  private run = 0;
  private readonly recent: number[] = [];

  constructor(format: { readonly type: string; readonly rate?: number | null }) {
    this.g711 = format.type === 'audio/pcmu' ? 'pcmu' : format.type === 'audio/pcma' ? 'pcma' : undefined;
    const rate = this.g711 ? 8000 : typeof format.rate === 'number' && format.rate > 0 ? format.rate : 24000;
    this.bytesPerFrame = ((rate * FRAME_MS) / 1000) * (this.g711 ? 1 : 2);
  }

  /** Milliseconds of input audio seen so far. */
  get elapsedMs(): number {
    return this.timeMs;
  }

  /** The current noise floor in dBFS (`undefined` before the first frame). */
  get noiseFloorDb(): number | undefined {
    return this.floorDb;
  }

  push(audio: Uint8Array, settings: VadSettings): VadEvent[] {
    const joined = new Uint8Array(this.pending.length + audio.length);
    joined.set(this.pending);
    joined.set(audio, this.pending.length);
    const events: VadEvent[] = [];
    const margin = marginDb(settings.threshold);
    let at = 0;
    for (; at + this.bytesPerFrame <= joined.length; at += this.bytesPerFrame) {
      const level = Math.max(FLOOR_MIN_DB, 20 * Math.log10(rms(this.toPcm(joined.subarray(at, at + this.bytesPerFrame))) || 1e-9));
      this.recent.push(level);
      if (this.recent.length > MEDIAN_FRAMES) this.recent.shift();
      const frameStart = this.timeMs;
      this.timeMs += FRAME_MS;
      const floor = (this.floorDb ??= Math.min(FLOOR_START_MAX_DB, level));
      if (this.speaking) {
        if (level > floor + Math.max(HOLD_MIN_DB, margin - HOLD_DB)) this.lastSpeechEndMs = this.timeMs;
        // the median speaks for the middle of its window: it ends two frames ago
        else if (this.recent.length === MEDIAN_FRAMES && median(this.recent) > floor + Math.max(HOLD_MEDIAN_MIN_DB, margin - HOLD_MEDIAN_DB)) {
          this.lastSpeechEndMs = Math.max(this.lastSpeechEndMs, this.timeMs - 2 * FRAME_MS);
        } else if (this.timeMs - this.lastSpeechEndMs >= settings.silenceDurationMs) {
          this.speaking = false;
          this.run = 0;
          events.push({ kind: 'stop', audioEndMs: this.timeMs });
        }
        continue;
      }
      if (level > floor + margin) {
        this.run += 1;
        if (this.run >= ONSET_FRAMES) {
          this.speaking = true;
          this.lastSpeechEndMs = this.timeMs;
          const onset = frameStart - (ONSET_FRAMES - 1) * FRAME_MS;
          events.push({ kind: 'start', audioStartMs: Math.max(0, onset - settings.prefixPaddingMs) });
        }
        continue;
      }
      this.run = 0;
      this.floorDb = level < floor ? floor + (level - floor) * FLOOR_FALL : Math.min(level, floor + FLOOR_RISE_DB);
    }
    this.pending = joined.slice(at);
    return events;
  }

  private toPcm(frame: Uint8Array): Uint8Array {
    if (!this.g711) return frame;
    const decode = this.g711 === 'pcmu' ? muLawDecode : aLawDecode;
    const out = new Int16Array(frame.length);
    for (let i = 0; i < frame.length; i++) out[i] = decode(frame[i] as number);
    return new Uint8Array(out.buffer);
  }
}
