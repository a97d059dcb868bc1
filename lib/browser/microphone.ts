import { Observable } from 'rxjs';
import { float32ToPcm16, pcm16ToBytes } from '../audio/pcm.js';
import type { Resampler } from '../audio/resampler.js';
import { createResampler, SUPPORTED_RATES } from '../audio/resampler.js';
import { MicrophoneError } from './MicrophoneError.js';
import { closeQuietly, createAudioContext } from './audioContext.js';
import { CAPTURE_PROCESSOR, defineCaptureProcessor } from './worklets/captureProcessor.js';
import { loadWorklet } from './worklets/loadWorklet.js';

/**
 * Options of {@link microphone$}.
 *
 * @example
 * ```ts
 * import type { MicrophoneOptions } from 'openai-realtime-rx/browser';
 * const options: MicrophoneOptions = { sampleRate: 24000, frameMs: 20, constraints: { deviceId: 'default' } };
 * ```
 */
export interface MicrophoneOptions {
  /** The rate of the PCM16 frames (the session's input rate). Default 24000. */
  readonly sampleRate?: number;
  /** Milliseconds of audio per frame. Default 20. */
  readonly frameMs?: number;
  /**
   * Audio constraints for `getUserMedia`, over the defaults (echo cancellation, noise suppression
   * and automatic gain on: a voice agent's own voice must not come back as user speech).
   */
  readonly constraints?: MediaTrackConstraints;
  /** A context to capture in (it is left open at the end). Default: a new one at `sampleRate`, closed at the end. */
  readonly audioContext?: AudioContext;
  /** Where to load the worklet module from, for pages whose CSP forbids `blob:`; see {@link workletModuleText}. */
  readonly workletUrl?: string;
  /** The `MediaDevices` to ask. Default `navigator.mediaDevices`. */
  readonly mediaDevices?: Pick<MediaDevices, 'getUserMedia'>;
}

/**
 * The microphone as an Observable of PCM16 frames (little-endian, mono, `sampleRate`, `frameMs`
 * each), ready for `appendAudio`. Subscribing asks for the microphone; unsubscribing stops its
 * tracks, disconnects the AudioWorklet and closes the context it made. Capture runs in an
 * AudioWorklet (never the deprecated ScriptProcessor); if the browser will not run a context at
 * `sampleRate`, the frames are resampled with the anti-aliased resampler of `/audio`.
 *
 * The stream ends with a {@link MicrophoneError} (denied, no device, device busy, device lost,
 * unsupported) and never throws into your code. It is cold: each subscription opens the device
 * again, so share it (`share()`) to feed several consumers.
 *
 * @example
 * ```ts
 * import { appendAudio, RealtimeClient } from 'openai-realtime-rx';
 * import { microphone$ } from 'openai-realtime-rx/browser';
 * import { map } from 'rxjs';
 *
 * const client = new RealtimeClient({ apiKey: () => fetch('/session').then((r) => r.text()) });
 * await client.connect();
 * const talking = microphone$({ sampleRate: 24000 }).pipe(map(appendAudio)).subscribe((c) => client.send(c));
 * // later: talking.unsubscribe() releases the microphone
 * ```
 */
export function microphone$(options: MicrophoneOptions = {}): Observable<Uint8Array> {
  const rate = options.sampleRate ?? 24000;
  const frameMs = options.frameMs ?? 20;
  if (!SUPPORTED_RATES.includes(rate)) throw new Error(`microphone$: sampleRate must be one of ${SUPPORTED_RATES.join(', ')}; got ${String(rate)}.`);
  if (!(frameMs >= 5 && frameMs <= 1000)) throw new Error(`microphone$: frameMs must be between 5 and 1000; got ${String(frameMs)}.`);

  return new Observable<Uint8Array>((subscriber) => {
    let closed = false;
    const cleanup: Array<() => void> = [];
    // a resource acquired after unsubscription (an await was pending) is released at once
    const own = (release: () => void) => (closed ? safely(release) : cleanup.push(release));
    const fail = (error: unknown) => {
      if (!closed) subscriber.error(MicrophoneError.from(error));
    };

    const start = async () => {
      const devices = options.mediaDevices ?? (globalThis as { navigator?: Navigator }).navigator?.mediaDevices;
      if (!devices || typeof devices.getUserMedia !== 'function') {
        throw new MicrophoneError('RT_ERR_MIC_UNSUPPORTED', 'This page cannot use a microphone: getUserMedia needs a secure context (https: or localhost).');
      }
      const stream = await devices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1, ...options.constraints } });
      own(() => stream.getTracks().forEach((t) => t.stop()));
      if (closed) return;
      const track = stream.getAudioTracks()[0];
      if (!track) throw new MicrophoneError('RT_ERR_MIC_NOT_FOUND', 'The media stream has no audio track.');
      const onEnded = () => fail(new MicrophoneError('RT_ERR_MIC_ENDED', 'The microphone went away (unplugged, disabled or revoked).'));
      track.addEventListener('ended', onEnded);
      own(() => track.removeEventListener('ended', onEnded));

      const made = options.audioContext ?? createAudioContext(rate);
      if (!made || typeof AudioWorkletNode !== 'function' || !made.audioWorklet) {
        throw new MicrophoneError('RT_ERR_MIC_UNSUPPORTED', 'This browser has no AudioWorklet.');
      }
      let ctx: AudioContext = made;
      // the context in use is closed at the end if it is ours (read when teardown runs)
      if (!options.audioContext) own(() => closeQuietly(ctx));
      let source: MediaStreamAudioSourceNode;
      try {
        source = ctx.createMediaStreamSource(stream);
      } catch (error) {
        // Firefox cannot connect a device to a context running at another rate: capture at the
        // device's rate instead, and resample
        if (options.audioContext || (error as { name?: unknown }).name !== 'NotSupportedError') throw error;
        closeQuietly(ctx);
        ctx = createAudioContext(undefined) as AudioContext;
        source = ctx.createMediaStreamSource(stream);
      }
      if (ctx.sampleRate !== rate && !SUPPORTED_RATES.includes(ctx.sampleRate)) {
        throw new MicrophoneError('RT_ERR_MIC_UNSUPPORTED', `The audio device runs at ${ctx.sampleRate} Hz, which cannot be resampled to ${rate} Hz.`);
      }
      await loadWorklet(ctx, CAPTURE_PROCESSOR, defineCaptureProcessor, options.workletUrl);
      if (closed) return;

      const node = new AudioWorkletNode(ctx, CAPTURE_PROCESSOR, {
        numberOfInputs: 1,
        processorOptions: { frameSamples: Math.round((ctx.sampleRate * frameMs) / 1000) },
      });
      const resampler: Resampler | undefined = ctx.sampleRate === rate ? undefined : createResampler(ctx.sampleRate, rate);
      node.port.onmessage = (event: MessageEvent<Float32Array>) => {
        const pcm = float32ToPcm16(event.data);
        const out = resampler ? resampler.process(pcm) : pcm;
        if (out.length > 0) subscriber.next(pcm16ToBytes(out));
      };
      source.connect(node);
      own(() => {
        node.port.onmessage = null;
        node.port.close();
        source.disconnect();
        node.disconnect();
      });
      // A context made before any user gesture may start suspended: capture needs it running.
      if (ctx.state === 'suspended') await ctx.resume();
    };

    start().catch(fail);
    return () => {
      closed = true;
      for (const step of cleanup.reverse()) safely(step);
    };
  });
}

/** Run a release step; teardown must finish even if one step fails (a node already disconnected). */
function safely(step: () => void): void {
  try {
    step();
  } catch {
    // nothing to recover: the resource is gone either way
  }
}
