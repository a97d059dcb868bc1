/**
 * The simulator's "voice": deterministic audio for a text, one tone per word, so that transcript
 * deltas line up with the audio they describe.
 *
 * @module
 */
import { aLawEncode, muLawEncode } from '../audio/g711.js';
import { tone } from '../audio/tone.js';

/**
 * One spoken word: its transcript fragment and its audio in the output format.
 *
 * @example
 * ```ts
 * const ms = (w: SpokenWord) => w.durationMs;
 * ```
 */
export interface SpokenWord {
  readonly text: string;
  readonly audio: Uint8Array;
  readonly durationMs: number;
}

/**
 * The output formats the simulator speaks.
 *
 * @example
 * ```ts
 * const telephony: VoiceFormat = { type: 'audio/pcmu' };
 * ```
 */
export type VoiceFormat = { readonly type: string; readonly rate?: number | null };

const hash = (s: string) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);

/**
 * Speak a text: words of `60 ms × letters + 80 ms` (a pitch per word), then 40 ms of silence,
 * encoded as 24 kHz PCM16 (or the session's PCM rate), or 8 kHz G.711 for `audio/pcmu` and
 * `audio/pcma`. Deterministic: the same text always gives the same bytes.
 *
 * @example
 * ```ts
 * import { speak } from 'openai-realtime-rx/testing';
 * const words = speak('Hello there', { type: 'audio/pcm', rate: 24000 });
 * words.map((w) => w.text); // ['Hello', ' there']
 * ```
 */
export function speak(text: string, format: VoiceFormat, speed = 1): SpokenWord[] {
  const g711 = format.type === 'audio/pcmu' || format.type === 'audio/pcma';
  const rate = g711 ? 8000 : typeof format.rate === 'number' && format.rate > 0 ? format.rate : 24000;
  const words = text.split(/(?=\s)/).filter((w) => w.length > 0);
  return words.map((word) => {
    const letters = word.trim().length;
    const ms = Math.round((60 * letters + 80) / Math.max(0.25, speed));
    const pcm = concat(tone(180 + (hash(word) % 220), ms, rate, 0.25), tone(0, 40, rate, 0));
    const durationMs = ms + 40;
    if (!g711) return { text: word, audio: pcm, durationMs };
    const encode = format.type === 'audio/pcmu' ? muLawEncode : aLawEncode;
    const view = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength);
    const out = new Uint8Array(pcm.byteLength / 2);
    for (let i = 0; i < out.length; i++) out[i] = encode(view.getInt16(i * 2, true));
    return { text: word, audio: out, durationMs };
  });
}

/**
 * Split audio into chunks of `chunkMs` (the last may be shorter); `bytesPerMs` is 48 for 24 kHz
 * PCM16 and 8 for G.711.
 *
 * @example
 * ```ts
 * import { chunk } from 'openai-realtime-rx/testing';
 * chunk(new Uint8Array(4800), 40, 48).length; // 3 (1920 + 1920 + 960 bytes)
 * ```
 */
export function chunk(audio: Uint8Array, chunkMs: number, bytesPerMs: number): Uint8Array[] {
  const size = Math.max(2, Math.round(chunkMs * bytesPerMs) & ~1);
  const out: Uint8Array[] = [];
  for (let i = 0; i < audio.length; i += size) out.push(audio.subarray(i, i + size));
  return out;
}

const concat = (a: Uint8Array, b: Uint8Array) => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};
