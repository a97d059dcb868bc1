/**
 * `replay(file, body)`: run test code against a client connected to a {@link ReplayServer}, and
 * fail with the divergence report if the client departs from the recording.
 *
 * @module
 */
import type { RealtimeClientConfig } from '../client/RealtimeClientConfig.js';
import { RealtimeClient } from '../client/RealtimeClient.js';
import { ReplayDivergenceError } from './ReplayDivergence.js';
import type { ReplayOptions } from './ReplayServer.js';
import { ReplayServer } from './ReplayServer.js';

/**
 * Options of {@link replay}: the server's, and the client's.
 *
 * @example
 * ```ts
 * const options: ReplayRunOptions = { timing: 'virtual', client: { session: { output_modalities: ['text'] } } };
 * ```
 */
export interface ReplayRunOptions extends ReplayOptions {
  /** The client's configuration (`url` and `apiKey` are the replay's). */
  readonly client?: Omit<RealtimeClientConfig, 'url' | 'apiKey'>;
  /** Connect before the body runs. Default `true`; `false` leaves `connect()` to the body. */
  readonly connect?: boolean;
}

/**
 * How a replay went, when it went as recorded.
 *
 * @example
 * ```ts
 * const { elapsedMs, frames } = await replay('session.jsonl', async (client) => { … });
 * ```
 */
export interface ReplayResult {
  /** Wall-clock milliseconds from the connection to the end of the body. */
  readonly elapsedMs: number;
  /** Recorded frames played (both directions). */
  readonly frames: number;
}

/**
 * Serve the recording in `file` (JSON lines from `recordSession` or `--record`) with a
 * {@link ReplayServer}, connect a `RealtimeClient` to it, and run `body` with that client. When
 * the client departs from the recording (another event type, a different field, an event too
 * many, one it never sends, a wait past `timeoutMs`), the promise rejects with a
 * {@link ReplayDivergenceError} whose message is the report naming the recording's line, so a
 * test that awaits it fails with that report, whatever the body was waiting for. The client and
 * the server are disposed of either way.
 *
 * @example
 * ```ts
 * import { createResponse, userMessage } from 'openai-realtime-rx';
 * import { replay } from 'openai-realtime-rx/testing';
 * import { filter, firstValueFrom } from 'rxjs';
 *
 * it('answers as recorded', () =>
 *   replay('fixtures/session.jsonl', async (client) => {
 *     const answer = firstValueFrom(client.transcripts$.pipe(filter((t) => t.done)));
 *     client.send(userMessage('Hello there'));
 *     client.send(createResponse());
 *     expect((await answer).text).toMatch(/hello/i);
 *   }));
 * ```
 */
export async function replay(file: string, body: (client: RealtimeClient, server: ReplayServer) => Promise<void> | void, options: ReplayRunOptions = {}): Promise<ReplayResult> {
  const { client: config, connect, ...serverOptions } = options;
  const server = await ReplayServer.fromFile(file, serverOptions).start();
  const client = new RealtimeClient({ ...config, url: server.url, apiKey: 'replay' });
  const begun = globalThis.performance.now();
  try {
    const diverged = server.diverged.then((d) => Promise.reject(new ReplayDivergenceError(d)));
    diverged.catch(() => undefined); // observed below; never unhandled
    const run = (async () => {
      if (connect !== false) await client.connect();
      await body(client, server);
    })();
    run.catch(() => undefined); // a body abandoned after a divergence
    try {
      await Promise.race([run, diverged]);
    } catch (e) {
      // a body that failed because the replay stopped: the divergence is the better report
      const divergence = server.divergence;
      throw divergence && !(e instanceof ReplayDivergenceError) ? new ReplayDivergenceError(divergence) : e;
    }
    const verdict = server.finish();
    if (verdict) throw new ReplayDivergenceError(verdict);
    return { elapsedMs: globalThis.performance.now() - begun, frames: server.size };
  } finally {
    client.dispose();
    await server.stop();
  }
}
