import type { Observable, Subscription } from 'rxjs';
import { BehaviorSubject, Subject, distinctUntilChanged, filter } from 'rxjs';
import type { AudioConverter } from '../audio/converter.js';
import { createAudioConverter } from '../audio/converter.js';
import type { AudioFormatLike } from '../audio/durations.js';
import { audioFormatOf } from '../audio/durations.js';
import { pcm16FromBytes, pcm16ToFloat32 } from '../audio/pcm.js';
import type { AnyServerEvent } from '../streams/AnyServerEvent.js';
import { closeQuietly, createAudioContext } from './audioContext.js';
import type { PlayerCommand, PlayerReport, RenderedPosition } from './worklets/playerProcessor.js';
import { PLAYER_PROCESSOR, definePlayerProcessor } from './worklets/playerProcessor.js';
import { loadWorklet } from './worklets/loadWorklet.js';

/**
 * How much of an assistant audio item the player has rendered: the `played$` of an
 * {@link AudioPlayer}, and what interruption truncates at.
 *
 * @example
 * ```ts
 * import type { PlayedPosition } from 'openai-realtime-rx/browser';
 * const at: PlayedPosition = { itemId: 'item_1', contentIndex: 0, playedMs: 1250 };
 * ```
 */
export interface PlayedPosition {
  readonly itemId: string;
  readonly contentIndex: number;
  /** Milliseconds of the item's audio written to the output by the audio thread. */
  readonly playedMs: number;
}

/**
 * The player's state: `suspended` means nothing is heard (and nothing is counted as played)
 * until {@link AudioPlayer.resume} runs, usually from a click: browsers keep audio suspended
 * until the page has had a user gesture. `failed`: the worklet could not be loaded (a
 * Content-Security-Policy without `blob:`: see `workletUrl`); `ready` rejects with the reason.
 *
 * @example
 * ```ts
 * import { AudioPlayer } from 'openai-realtime-rx/browser';
 * const player = new AudioPlayer();
 * player.state$.subscribe((s) => { if (s === 'suspended') console.log('Click to hear the assistant'); });
 * ```
 */
export type PlayerState = 'suspended' | 'running' | 'closed' | 'failed';

/**
 * A chunk the player accepts: the client's `AudioChunk` as it is, or any audio with an item.
 *
 * @example
 * ```ts
 * import type { PlayableChunk } from 'openai-realtime-rx/browser';
 * const chunk: PlayableChunk = { itemId: 'item_1', contentIndex: 0, format: { type: 'audio/pcmu' }, data: new Uint8Array(160).fill(0xff) };
 * ```
 */
export interface PlayableChunk {
  readonly itemId: string;
  readonly contentIndex: number;
  readonly data: Uint8Array;
  /** `audio/pcm` at any supported rate, `audio/pcmu` or `audio/pcma`. */
  readonly format: AudioFormatLike;
}

/**
 * Options of {@link AudioPlayer}.
 *
 * @example
 * ```ts
 * import type { AudioPlayerOptions } from 'openai-realtime-rx/browser';
 * const options: AudioPlayerOptions = { startThresholdMs: 80, reportIntervalMs: 10 };
 * ```
 */
export interface AudioPlayerOptions {
  /** A context to play in (left open by `close()`). Default: a new one at `sampleRate`. */
  readonly audioContext?: AudioContext;
  /** The rate of a context the player makes. Default 24000 (the API's PCM rate: no resampling). */
  readonly sampleRate?: number;
  /** Audio an item needs buffered before it starts, unless its end has come: the jitter buffer. Default 60 ms. */
  readonly startThresholdMs?: number;
  /** How often the audio thread reports the played position while playing. Default 10 ms. */
  readonly reportIntervalMs?: number;
  /**
   * At most this much audio is queued; past it the oldest is dropped and counted in
   * `droppedMs` (a context left suspended through a long call must not hold every reply).
   * Default 300 000 (five minutes).
   */
  readonly maxBufferedMs?: number;
  /** Where to connect the output. Default the context's destination. */
  readonly destination?: AudioNode;
  /** Where to load the worklet module from, for pages whose CSP forbids `blob:`; see {@link workletModuleText}. */
  readonly workletUrl?: string;
}

/**
 * The part of a `RealtimeClient` {@link AudioPlayer.attach} needs: its `audio$` and `events$`.
 *
 * @example
 * ```ts
 * import type { PlayerSource } from 'openai-realtime-rx/browser';
 * import { RealtimeClient } from 'openai-realtime-rx';
 * const source: PlayerSource = new RealtimeClient({ apiKey: 'ek_…' });
 * ```
 */
export interface PlayerSource {
  readonly audio$: Observable<PlayableChunk>;
  readonly events$: Observable<AnyServerEvent>;
}

/**
 * Plays assistant audio in an AudioWorklet and reports what was actually rendered. Chunks queue
 * in the audio thread and play back to back without gaps; an item starts once
 * `startThresholdMs` of it is buffered (or its end has come), which absorbs network jitter.
 * G.711 and PCM at other rates are converted (with `/audio`'s streaming converter) to the
 * context's rate, and a change of format between responses is followed.
 *
 * `played$` reports `{ itemId, contentIndex, playedMs }` from the audio thread (not the wall
 * clock, not what was received), every `reportIntervalMs` while playing and when an item ends;
 * feed it to `bargeIn` so a barge-in truncates the item at what the user heard. `clear()` drops
 * everything queued (on barge-in) and resolves with the final position. While the context is
 * suspended (autoplay policy) `state$` says `suspended` and nothing advances.
 *
 * @example
 * ```ts
 * import { bargeIn, RealtimeClient } from 'openai-realtime-rx';
 * import { AudioPlayer } from 'openai-realtime-rx/browser';
 *
 * const client = new RealtimeClient({ apiKey: () => fetch('/session').then((r) => r.text()) });
 * const player = new AudioPlayer();
 * player.attach(client);
 * bargeIn(client, { played$: player.played$ }).subscribe(() => void player.clear());
 * document.querySelector('button')?.addEventListener('click', () => void player.resume());
 * ```
 */
export class AudioPlayer {
  /** The context the player renders in. */
  readonly context: AudioContext;
  /**
   * Resolves when the worklet is loaded and connected (audio enqueued before is queued until
   * then); rejects if it cannot be loaded, and `state$` says `failed`.
   */
  readonly ready: Promise<void>;
  private readonly positions = new Subject<PlayedPosition>();
  private readonly states: BehaviorSubject<PlayerState>;
  private readonly ownsContext: boolean;
  private node: AudioWorkletNode | undefined;
  private pending: Array<{ command: PlayerCommand; transfer: Transferable[] }> = [];
  private converter: { key: string; from: string; converter: AudioConverter } | undefined;
  private readonly clears: Array<(p: PlayedPosition | undefined) => void> = [];
  private underrunCount = 0;
  private droppedFrames = 0;
  private closed = false;
  private failed = false;

  /** Positions reported by the audio thread (see the class notes). */
  readonly played$: Observable<PlayedPosition>;
  /** The context's state now and on every change. */
  readonly state$: Observable<PlayerState>;

  constructor(private readonly options: AudioPlayerOptions = {}) {
    const context = options.audioContext ?? createAudioContext(options.sampleRate ?? 24000);
    if (!context) throw new Error('AudioPlayer: this environment has no Web Audio (AudioContext).');
    this.context = context;
    this.ownsContext = options.audioContext === undefined;
    this.states = new BehaviorSubject<PlayerState>(stateOf(context));
    this.played$ = this.positions.asObservable();
    this.state$ = this.states.pipe(distinctUntilChanged());
    context.addEventListener('statechange', this.onStateChange);
    this.ready = this.start();
    this.ready.catch(() => {
      // nothing can play: drop what waited, refuse what comes, and say so
      this.failed = true;
      this.pending = [];
      if (!this.closed) this.states.next('failed');
    });
  }

  /** How many times playback ran dry before an item's end (audio arrived too slowly). */
  get underruns(): number {
    return this.underrunCount;
  }

  /** Milliseconds of audio dropped because more than `maxBufferedMs` was queued. */
  get droppedMs(): number {
    return (this.droppedFrames * 1000) / this.context.sampleRate;
  }

  /** Queue a chunk. Chunks of a new item or format flush the previous conversion first. */
  enqueue(chunk: PlayableChunk): void {
    if (this.closed || this.failed || chunk.data.length === 0) return;
    const format = audioFormatOf(chunk.format);
    const formatKey = JSON.stringify(format);
    const key = `${chunk.itemId}\u0000${chunk.contentIndex}`;
    if (!this.converter || this.converter.key !== key || this.converter.from !== formatKey) {
      this.flushConverter();
      this.converter = { key, from: formatKey, converter: createAudioConverter(format, { type: 'audio/pcm', rate: this.context.sampleRate }) };
    }
    this.push(chunk.itemId, chunk.contentIndex, this.converter.converter.process(chunk.data));
  }

  /** The item's audio is complete: play what is buffered even if below the start threshold. */
  end(itemId: string): void {
    if (this.closed) return;
    if (this.converter?.key.startsWith(`${itemId}\u0000`)) this.flushConverter();
    this.post({ type: 'end', itemId });
  }

  /**
   * Stop now and drop everything queued (barge-in). Resolves with the position the audio thread
   * had reached in the item it was playing, or `undefined` if it was not playing.
   */
  clear(): Promise<PlayedPosition | undefined> {
    this.converter = undefined;
    if (this.closed) return Promise.resolve(undefined);
    if (!this.node) {
      this.pending = [];
      return Promise.resolve(undefined);
    }
    return new Promise((resolve) => {
      this.clears.push(resolve);
      this.post({ type: 'clear' });
    });
  }

  /** Resume a suspended context (call it from a click or key handler: a user gesture). */
  async resume(): Promise<void> {
    if (this.context.state !== 'closed') await this.context.resume();
  }

  /**
   * Play a client's assistant audio: every `audio$` chunk is queued, and each
   * `response.output_audio.done` ends its item. Unsubscribe to stop following the client.
   */
  attach(client: PlayerSource): Subscription {
    const subscription = client.audio$.subscribe((chunk) => this.enqueue(chunk));
    subscription.add(
      client.events$
        .pipe(filter((e): e is AnyServerEvent & { item_id: string } => e.type === 'response.output_audio.done' && typeof (e as { item_id?: unknown }).item_id === 'string'))
        .subscribe((e) => this.end(e.item_id)),
    );
    return subscription;
  }

  /** Stop, disconnect, and close the context if the player made it. `played$` and `state$` complete. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.pending = [];
    for (const resolve of this.clears.splice(0)) resolve(undefined);
    this.context.removeEventListener('statechange', this.onStateChange);
    if (this.node) {
      this.node.port.onmessage = null;
      this.node.port.close();
      this.node.disconnect();
    }
    if (this.ownsContext) closeQuietly(this.context);
    this.states.next('closed');
    this.states.complete();
    this.positions.complete();
    return Promise.resolve();
  }

  private async start(): Promise<void> {
    await loadWorklet(this.context, PLAYER_PROCESSOR, definePlayerProcessor, this.options.workletUrl);
    if (this.closed) return;
    const rate = this.context.sampleRate;
    const node = new AudioWorkletNode(this.context, PLAYER_PROCESSOR, {
      numberOfInputs: 0,
      numberOfOutputs: 1,
      outputChannelCount: [1],
      processorOptions: {
        startFrames: Math.round(((this.options.startThresholdMs ?? 60) * rate) / 1000),
        reportFrames: Math.max(1, Math.round(((this.options.reportIntervalMs ?? 10) * rate) / 1000)),
        maxFrames: Math.max(1, Math.round(((this.options.maxBufferedMs ?? 300_000) * rate) / 1000)),
      },
    });
    node.port.onmessage = (event: MessageEvent<PlayerReport>) => this.onReport(event.data);
    node.connect(this.options.destination ?? this.context.destination);
    this.node = node;
    for (const { command, transfer } of this.pending.splice(0)) node.port.postMessage(command, transfer);
  }

  private onReport(report: PlayerReport): void {
    if (report.type === 'position') this.positions.next(this.toPlayed(report.position));
    else if (report.type === 'underrun') this.underrunCount++;
    else if (report.type === 'dropped') this.droppedFrames += report.frames;
    else {
      const at = report.position ? this.toPlayed(report.position) : undefined;
      if (at) this.positions.next(at);
      this.clears.shift()?.(at);
    }
  }

  private toPlayed(p: RenderedPosition): PlayedPosition {
    return { itemId: p.itemId, contentIndex: p.contentIndex, playedMs: (p.frames * 1000) / this.context.sampleRate };
  }

  private readonly onStateChange = (): void => {
    if (!this.closed && !this.failed) this.states.next(stateOf(this.context));
  };

  private flushConverter(): void {
    const current = this.converter;
    if (!current) return;
    this.converter = undefined;
    const [itemId, contentIndex] = current.key.split('\u0000') as [string, string];
    this.push(itemId, Number(contentIndex), current.converter.flush());
  }

  private push(itemId: string, contentIndex: number, pcm: Uint8Array): void {
    if (pcm.length < 2) return;
    const samples = pcm16ToFloat32(pcm16FromBytes(pcm));
    this.post({ type: 'push', itemId, contentIndex, samples }, [samples.buffer]);
  }

  private post(command: PlayerCommand, transfer: Transferable[] = []): void {
    if (this.node) this.node.port.postMessage(command, transfer);
    else this.pending.push({ command, transfer });
  }
}

/** Safari's `interrupted` (a phone call took the audio) is suspended as far as the app is concerned. */
const stateOf = (context: BaseAudioContext): PlayerState => (context.state === 'running' ? 'running' : context.state === 'closed' ? 'closed' : 'suspended');
