import type { WorkletDefinition } from './workletScope.js';

/** The name the player processor registers under. */
export const PLAYER_PROCESSOR = 'openai-realtime-rx-player';

/** What the player processor is constructed with (`processorOptions`). */
export interface PlayerProcessorOptions {
  /** Buffered frames an item needs before it starts (unless its end has been announced). */
  readonly startFrames: number;
  /** Frames between two position reports while playing. */
  readonly reportFrames: number;
  /** At most this many frames queued; past it the oldest are dropped (a context suspended for long). */
  readonly maxFrames: number;
}

/** Main thread to audio thread. */
export type PlayerCommand =
  | { readonly type: 'push'; readonly itemId: string; readonly contentIndex: number; readonly samples: Float32Array }
  | { readonly type: 'end'; readonly itemId: string }
  | { readonly type: 'clear' };

/** A position in frames rendered, reported by the audio thread. */
export interface RenderedPosition {
  readonly itemId: string;
  readonly contentIndex: number;
  /** Frames of this item the audio thread has written to the output so far. */
  readonly frames: number;
}

/** Audio thread to main thread. */
export type PlayerReport =
  | { readonly type: 'position'; readonly position: RenderedPosition; readonly ended: boolean }
  | { readonly type: 'underrun'; readonly itemId: string }
  | { readonly type: 'dropped'; readonly frames: number }
  | { readonly type: 'cleared'; readonly position: RenderedPosition | null };

/**
 * The player's audio-thread half: a queue of mono float segments, a start threshold per item
 * (the jitter buffer), gapless rendering across segments, and the count of frames actually
 * rendered per item, which is the played position interruption needs. While the context is
 * suspended `process` is not called, so nothing is counted as played.
 */
export const definePlayerProcessor: WorkletDefinition = (Base, register, name) => {
  interface Segment {
    readonly itemId: string;
    readonly contentIndex: number;
    readonly samples: Float32Array;
    offset: number;
  }
  interface Current {
    readonly itemId: string;
    readonly contentIndex: number;
    frames: number;
  }

  class Player extends Base {
    private readonly queue: Segment[] = [];
    private readonly ended = new Set<string>();
    private current: Current | null = null;
    private playing = false;
    private sinceReport = 0;
    private readonly startFrames: number;
    private readonly reportFrames: number;
    private readonly maxFrames: number;
    private queued = 0;

    constructor(options: { processorOptions?: unknown }) {
      super(options);
      const o = (options.processorOptions ?? {}) as { startFrames?: unknown; reportFrames?: unknown; maxFrames?: unknown };
      this.startFrames = typeof o.startFrames === 'number' && o.startFrames >= 0 ? o.startFrames : 1440;
      this.reportFrames = typeof o.reportFrames === 'number' && o.reportFrames > 0 ? o.reportFrames : 256;
      this.maxFrames = typeof o.maxFrames === 'number' && o.maxFrames > 0 ? o.maxFrames : 7_200_000;
      this.port.onmessage = (event: MessageEvent) => this.command(event.data as PlayerCommand);
    }

    private command(c: PlayerCommand): void {
      if (c.type === 'push') {
        if (c.samples.length === 0) return;
        this.queue.push({ itemId: c.itemId, contentIndex: c.contentIndex, samples: c.samples, offset: 0 });
        this.queued += c.samples.length;
        // bounded: past the limit the oldest audio goes (it could only be heard late)
        let dropped = 0;
        while (this.queued > this.maxFrames && this.queue.length > 1) {
          const oldest = this.queue.shift() as Segment;
          const left = oldest.samples.length - oldest.offset;
          this.queued -= left;
          dropped += left;
        }
        if (dropped > 0) this.port.postMessage({ type: 'dropped', frames: dropped });
      } else if (c.type === 'end') {
        if (this.queue.some((s) => s.itemId === c.itemId) || this.current?.itemId === c.itemId) this.ended.add(c.itemId);
      } else {
        const at = this.current;
        this.queue.length = 0;
        this.queued = 0;
        this.ended.clear();
        this.current = null;
        this.playing = false;
        this.sinceReport = 0;
        this.port.postMessage({ type: 'cleared', position: at ? { itemId: at.itemId, contentIndex: at.contentIndex, frames: at.frames } : null });
      }
    }

    private report(ended: boolean): void {
      const at = this.current;
      if (!at) return;
      this.sinceReport = 0;
      this.port.postMessage({ type: 'position', position: { itemId: at.itemId, contentIndex: at.contentIndex, frames: at.frames }, ended });
    }

    /** Frames queued for the head segment's item and part. */
    private bufferedForHead(): number {
      const head = this.queue[0];
      if (!head) return 0;
      let frames = 0;
      for (const s of this.queue) {
        if (s.itemId !== head.itemId || s.contentIndex !== head.contentIndex) break;
        frames += s.samples.length - s.offset;
      }
      return frames;
    }

    process(_inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
      const channels = outputs[0];
      const out = channels?.[0];
      if (!channels || !out) return true;
      out.fill(0);
      let written = 0;
      while (written < out.length) {
        const head = this.queue[0];
        if (!head) {
          if (this.playing && this.current) {
            this.playing = false;
            if (this.ended.delete(this.current.itemId)) {
              this.report(true);
              this.current = null;
            } else {
              // ran dry before the end: say where it stopped, then that it stopped
              this.report(false);
              this.port.postMessage({ type: 'underrun', itemId: this.current.itemId });
            }
          }
          break;
        }
        if (!this.current || this.current.itemId !== head.itemId || this.current.contentIndex !== head.contentIndex) {
          if (this.current) {
            this.report(true);
            this.ended.delete(this.current.itemId);
          }
          this.current = { itemId: head.itemId, contentIndex: head.contentIndex, frames: 0 };
          this.playing = false;
        }
        if (!this.playing) {
          if (this.bufferedForHead() < this.startFrames && !this.ended.has(head.itemId)) break;
          this.playing = true;
        }
        const n = Math.min(out.length - written, head.samples.length - head.offset);
        out.set(head.samples.subarray(head.offset, head.offset + n), written);
        head.offset += n;
        this.queued -= n;
        written += n;
        this.current.frames += n;
        if (head.offset === head.samples.length) this.queue.shift();
      }
      for (let c = 1; c < channels.length; c++) (channels[c] as Float32Array).set(out);
      if (written > 0) {
        this.sinceReport += written;
        if (this.sinceReport >= this.reportFrames) this.report(false);
      }
      return true;
    }
  }
  register(name, Player);
};
