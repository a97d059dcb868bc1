/**
 * A new `AudioContext` at `sampleRate` when the browser allows it, else (or when `sampleRate`
 * is undefined) at the device's rate; the caller then resamples. `undefined` when there is no
 * Web Audio at all.
 */
export function createAudioContext(sampleRate: number | undefined): AudioContext | undefined {
  const Ctor = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext;
  if (typeof Ctor !== 'function') return undefined;
  if (sampleRate === undefined) return new Ctor({ latencyHint: 'interactive' });
  try {
    return new Ctor({ sampleRate, latencyHint: 'interactive' });
  } catch {
    return new Ctor({ latencyHint: 'interactive' });
  }
}

/** Close a context we made, ignoring a context that is already closed. */
export function closeQuietly(context: AudioContext): void {
  if (context.state !== 'closed') context.close().catch(() => undefined);
}
