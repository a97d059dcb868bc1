/**
 * Transcripts as a Node `Readable` of text, for logging pipelines.
 *
 * @module
 */
import { Readable } from 'node:stream';
import type { Subscription } from 'rxjs';
import type { RealtimeClient } from '../client/RealtimeClient.js';
import type { TranscriptUpdate } from '../streams/transcripts.js';

/**
 * Options of {@link transcriptReadable}.
 *
 * @example
 * ```ts
 * import type { TranscriptReadableOptions } from 'openai-realtime-rx/node';
 * const options: TranscriptReadableOptions = { format: 'ndjson' };
 * ```
 */
export interface TranscriptReadableOptions {
  /**
   * `'text'` (default): one line per finished transcript, `user: …` for input audio and
   * `assistant: …` for the assistant's speech or text. `'ndjson'`: every update (fragments too)
   * as one JSON object per line.
   */
  readonly format?: 'text' | 'ndjson';
}

/** One finished transcript as a line of text (newlines inside it become spaces). */
export const transcriptLine = (t: TranscriptUpdate): string =>
  `${t.source === 'input_audio' ? 'user' : 'assistant'}: ${t.text.replace(/\r?\n/g, ' ')}\n`;

/**
 * A Readable of transcript text from `client.transcripts$`, UTF-8 strings line by line; it ends
 * when the client is disposed. Transcripts are small, so lines wait in Node's buffer for a slow
 * consumer rather than being dropped (a log should be complete).
 *
 * @example
 * ```ts
 * import { transcriptReadable } from 'openai-realtime-rx/node';
 * import { createWriteStream } from 'node:fs';
 * transcriptReadable(client, { format: 'ndjson' }).pipe(createWriteStream('call.jsonl'));
 * transcriptReadable(client).pipe(process.stdout); // "user: …" / "assistant: …"
 * ```
 */
export function transcriptReadable(client: RealtimeClient, options: TranscriptReadableOptions = {}): Readable {
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'ndjson') throw new TypeError(`transcriptReadable: format must be 'text' or 'ndjson', not ${JSON.stringify(format)}.`);
  const holder: { subscription?: Subscription } = {};
  const stream = new Readable({
    encoding: 'utf8',
    read: () => undefined,
    destroy: (error, callback) => {
      holder.subscription?.unsubscribe();
      callback(error);
    },
  });
  holder.subscription = client.transcripts$.subscribe({
    next: (t) => {
      if (format === 'ndjson') stream.push(`${JSON.stringify(t)}\n`);
      else if (t.done) stream.push(transcriptLine(t));
    },
    complete: () => stream.push(null),
  });
  return stream;
}
