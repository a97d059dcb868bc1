/**
 * Energy-based voice activity detection over the input audio stream, configured like the API's
 * `server_vad` (`threshold`, `prefix_padding_ms`, `silence_duration_ms`).
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

/**
 * Feed input audio in any chunk size; get `start` when speech begins (at the onset minus the
 * prefix padding) and `stop` after `silenceDurationMs` of quiet. A 10 ms frame is speech when its
 * RMS level exceeds `threshold × 0.1` of full scale (0.5 → about -26 dBFS).
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

  constructor(format: { readonly type: string; readonly rate?: number | null }) {
    this.g711 = format.type === 'audio/pcmu' ? 'pcmu' : format.type === 'audio/pcma' ? 'pcma' : undefined;
    const rate = this.g711 ? 8000 : typeof format.rate === 'number' && format.rate > 0 ? format.rate : 24000;
    this.bytesPerFrame = ((rate * FRAME_MS) / 1000) * (this.g711 ? 1 : 2);
  }

  /** Milliseconds of input audio seen so far. */
  get elapsedMs(): number {
    return this.timeMs;
  }

  push(audio: Uint8Array, settings: VadSettings): VadEvent[] {
    const joined = new Uint8Array(this.pending.length + audio.length);
    joined.set(this.pending);
    joined.set(audio, this.pending.length);
    const events: VadEvent[] = [];
    let at = 0;
    for (; at + this.bytesPerFrame <= joined.length; at += this.bytesPerFrame) {
      const level = rms(this.toPcm(joined.subarray(at, at + this.bytesPerFrame)));
      const start = this.timeMs;
      this.timeMs += FRAME_MS;
      if (level > settings.threshold * 0.1) {
        if (!this.speaking) {
          this.speaking = true;
          events.push({ kind: 'start', audioStartMs: Math.max(0, start - settings.prefixPaddingMs) });
        }
        this.lastSpeechEndMs = this.timeMs;
      } else if (this.speaking && this.timeMs - this.lastSpeechEndMs >= settings.silenceDurationMs) {
        this.speaking = false;
        events.push({ kind: 'stop', audioEndMs: this.timeMs });
      }
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
