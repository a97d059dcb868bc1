/**
 * Why the microphone stopped or never started:
 * - `RT_ERR_MIC_PERMISSION`: the user or the page's policy denied access (`NotAllowedError`,
 *   `SecurityError`);
 * - `RT_ERR_MIC_NOT_FOUND`: no input device matches (`NotFoundError`, `OverconstrainedError`);
 * - `RT_ERR_MIC_UNAVAILABLE`: the device exists but cannot be opened (`NotReadableError`,
 *   `AbortError`: another application holds it, a hardware error);
 * - `RT_ERR_MIC_ENDED`: the device went away while capturing (unplugged, revoked);
 * - `RT_ERR_MIC_UNSUPPORTED`: no `getUserMedia` (an insecure `http:` page) or no AudioWorklet;
 * - `RT_ERR_MIC_FAILED`: anything else (the original error's name is in `causeName`).
 *
 * @example
 * ```ts
 * import { microphone$, MicrophoneError } from 'openai-realtime-rx/browser';
 * microphone$().subscribe({
 *   error: (e: MicrophoneError) => {
 *     if (e.code === 'RT_ERR_MIC_PERMISSION') console.log('Allow the microphone to talk.');
 *   },
 * });
 * ```
 */
export type MicrophoneErrorCode =
  | 'RT_ERR_MIC_PERMISSION'
  | 'RT_ERR_MIC_NOT_FOUND'
  | 'RT_ERR_MIC_UNAVAILABLE'
  | 'RT_ERR_MIC_ENDED'
  | 'RT_ERR_MIC_UNSUPPORTED'
  | 'RT_ERR_MIC_FAILED';

/**
 * The error a {@link microphone$} stream ends with: a code to branch on, a message for people,
 * and the name of the browser's `DOMException` when there was one.
 *
 * @example
 * ```ts
 * import { microphone$ } from 'openai-realtime-rx/browser';
 * import { catchError, EMPTY } from 'rxjs';
 * const frames$ = microphone$().pipe(catchError((e) => (console.warn(e.code, e.message), EMPTY)));
 * ```
 */
export class MicrophoneError extends Error {
  override readonly name = 'MicrophoneError';

  constructor(
    readonly code: MicrophoneErrorCode,
    message: string,
    /** The `name` of the underlying `DOMException` or error, if any. */
    readonly causeName?: string,
  ) {
    super(message);
  }

  /** The typed error for whatever `getUserMedia` or the audio graph rejected with. */
  static from(error: unknown): MicrophoneError {
    if (error instanceof MicrophoneError) return error;
    const name = typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string' ? (error as { name: string }).name : undefined;
    const detail = typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string' ? (error as { message: string }).message : String(error);
    switch (name) {
      case 'NotAllowedError':
      case 'SecurityError':
        return new MicrophoneError('RT_ERR_MIC_PERMISSION', `Microphone access was denied (${detail}).`, name);
      case 'NotFoundError':
      case 'OverconstrainedError':
        return new MicrophoneError('RT_ERR_MIC_NOT_FOUND', `No microphone is available (${detail}).`, name);
      case 'NotReadableError':
      case 'AbortError':
        return new MicrophoneError('RT_ERR_MIC_UNAVAILABLE', `The microphone could not be opened (${detail}).`, name);
      default:
        return new MicrophoneError('RT_ERR_MIC_FAILED', `The microphone failed: ${detail}`, name);
    }
  }
}
