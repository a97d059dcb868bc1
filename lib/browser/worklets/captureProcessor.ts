import type { WorkletDefinition } from './workletScope.js';

/** The name the capture processor registers under. */
export const CAPTURE_PROCESSOR = 'openai-realtime-rx-capture';

/** What the capture processor is constructed with (`processorOptions`). */
export interface CaptureProcessorOptions {
  /** Samples per posted frame, at the context's rate. */
  readonly frameSamples: number;
}

/**
 * The microphone's audio-thread half: it averages the input's channels to mono and posts a
 * `Float32Array` of exactly `frameSamples` samples at a time (its buffer transferred, not
 * copied). Everything else (PCM16, resampling) happens on the main thread, so the audio thread
 * does the least work possible.
 */
export const defineCaptureProcessor: WorkletDefinition = (Base, register, name) => {
  class Capture extends Base {
    private frame: Float32Array;
    private filled = 0;
    private readonly size: number;

    constructor(options: { processorOptions?: unknown }) {
      super(options);
      const requested = (options.processorOptions as { frameSamples?: unknown } | undefined)?.frameSamples;
      this.size = typeof requested === 'number' && requested > 0 ? Math.floor(requested) : 480;
      this.frame = new Float32Array(this.size);
    }

    process(inputs: Float32Array[][]): boolean {
      const channels = inputs[0];
      if (!channels || channels.length === 0) return true;
      const first = channels[0];
      if (!first) return true;
      const n = first.length;
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let c = 0; c < channels.length; c++) sum += (channels[c] as Float32Array)[i] as number;
        this.frame[this.filled++] = sum / channels.length;
        if (this.filled === this.size) {
          this.port.postMessage(this.frame, [this.frame.buffer]);
          this.frame = new Float32Array(this.size);
          this.filled = 0;
        }
      }
      return true;
    }
  }
  register(name, Capture);
};

