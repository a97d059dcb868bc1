/**
 * Record a client's session, both directions, as JSON lines. Browser-safe: the lines go to a sink
 * function (a file in Node: `recordToFile` of `openai-realtime-rx/node`).
 *
 * @module
 */
import * as E from 'fp-ts/Either';
import { Subscription } from 'rxjs';
import type { RealtimeClient } from '../client/RealtimeClient.js';
import type { RecordedFrame } from './RecordedFrame.js';
import { elideAudio, redactSecrets } from './RecordedFrame.js';

/**
 * Options of {@link recordSession}.
 *
 * @example
 * ```ts
 * const options: RecordOptions = { audio: 'elide', secrets: [process.env.OPENAI_API_KEY ?? ''] };
 * ```
 */
export interface RecordOptions {
  /** `keep` (default) writes audio payloads as sent; `elide` writes `{bytes, sha256}` instead. */
  readonly audio?: 'keep' | 'elide';
  /**
   * Strings never to write (cut out wherever they appear), beside what is always removed: OpenAI
   * keys (`sk-…`, `ek_…`), bearer tokens, and fields named like credentials.
   */
  readonly secrets?: readonly string[];
  /** The clock, in milliseconds (monotonic). Default `performance.now()`. */
  readonly now?: () => number;
  /**
   * Called once if the sink throws (a full disk): the recording stops there, the session goes on.
   * Default: one `console.warn`.
   */
  readonly onError?: (error: unknown) => void;
}

/**
 * A running recording.
 *
 * @example
 * ```ts
 * const rec = recordSession(client, (line) => lines.push(line));
 * rec.stop();
 * console.log(rec.frames); // how many lines were written
 * ```
 */
export interface SessionRecorder {
  /** Lines written so far. */
  readonly frames: number;
  /** Why the recording stopped by itself: what the sink threw. */
  readonly failure: unknown;
  /** Stop recording. Idempotent. */
  stop(): void;
}

type Json = Record<string, unknown>;

/**
 * Record what `client` sends and receives, one JSON line per frame, `{t, dir, event}` (see
 * {@link RecordedFrame}), to `sink` (each line ends with `\n`). `t` counts milliseconds from the
 * start of the recording on a monotonic clock. Inbound frames come from `client.frames$`
 * (events that failed to decode are written as they arrived, when they were JSON); outbound ones
 * from `client.sent$`, exactly as written to the socket (the configured `session.update`, queued
 * commands when they go out, a reconnect's restore). The API key never appears: it
 * travels in the handshake, not in frames, and keys, bearer tokens, credential fields and
 * `secrets` are cut out of every line in any case. A facade (`OpenAIRealtimeWebSocket`) is
 * recorded through its `client`.
 *
 * @example
 * ```ts
 * import { RealtimeClient, recordSession } from 'openai-realtime-rx';
 * const client = new RealtimeClient({ apiKey: 'ek_…' });
 * const lines: string[] = [];
 * const rec = recordSession(client, (line) => lines.push(line), { audio: 'elide' });
 * await client.connect();
 * // … the session …
 * rec.stop();
 * ```
 */
export function recordSession(target: RealtimeClient | { readonly client: RealtimeClient }, sink: (line: string) => void, options: RecordOptions = {}): SessionRecorder {
  const client: RealtimeClient = 'client' in target && !('frames$' in target) ? target.client : (target as RealtimeClient);
  const now = options.now ?? (() => globalThis.performance.now());
  const secrets = options.secrets ?? [];
  const elide = options.audio === 'elide';
  const started = now();
  let frames = 0;
  let stopped = false;
  let failure: unknown;
  const onError = options.onError ?? ((e: unknown) => console.warn(`openai-realtime-rx: the recording stopped: ${e instanceof Error ? e.message : String(e)}`));
  const write = (dir: RecordedFrame['dir'], event: Json): void => {
    if (stopped) return;
    const shown = redactSecrets(elide ? elideAudio(event as { type: string }) : event, secrets);
    const line: RecordedFrame = { t: Math.round((now() - started) * 1000) / 1000, dir, event: shown as RecordedFrame['event'] };
    try {
      sink(`${JSON.stringify(line)}\n`);
      frames++;
    } catch (error) {
      // a sink that fails must not take the session (or the process) with it
      failure = error;
      recorder.stop();
      try {
        onError(error);
      } catch {
        // the report itself failed: the recording is stopped either way
      }
    }
  };
  const subscriptions = new Subscription();
  const recorder: SessionRecorder = {
    get frames() {
      return frames;
    },
    get failure() {
      return failure;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      subscriptions.unsubscribe();
    },
  };
  subscriptions.add(
    client.frames$.subscribe((frame) => {
      if (E.isRight(frame)) write('in', frame.right);
      else if (frame.left.value !== undefined) write('in', frame.left.value);
    }),
  );
  subscriptions.add(client.sent$.subscribe((data) => {
    let event: unknown;
    try {
      event = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof event === 'object' && event !== null && typeof (event as Json)['type'] === 'string') write('out', event as Json);
  }));
  return recorder;
}
