/**
 * Record a session to a JSON-lines file (Node).
 *
 * @module
 */
import * as fs from 'node:fs';
import type { RealtimeClient } from '../client/RealtimeClient.js';
import type { RecordOptions, SessionRecorder } from '../record/recordSession.js';
import { recordSession } from '../record/recordSession.js';

/**
 * {@link recordSession} to a file: each frame is appended to `path` as one JSON line, written
 * synchronously so that the file is complete up to the last frame even if the process dies.
 * `stop()` stops recording and closes the file. The file is created if missing, appended to
 * otherwise.
 *
 * @example
 * ```ts
 * import { recordToFile } from 'openai-realtime-rx/node';
 * const rec = recordToFile(client, 'session.jsonl', { audio: 'elide' });
 * await client.connect();
 * // … the session …
 * rec.stop();
 * ```
 */
export function recordToFile(target: RealtimeClient | { readonly client: RealtimeClient }, path: string, options: RecordOptions = {}): SessionRecorder {
  const fd = fs.openSync(path, 'a');
  let open = true;
  const close = () => {
    if (open) fs.closeSync(fd);
    open = false;
  };
  const recorder = recordSession(
    target,
    (line) => {
      if (!open) return;
      try {
        fs.writeSync(fd, line);
      } catch (error) {
        // the recorder stops and reports it; the file is closed with what was written
        close();
        throw error;
      }
    },
    options,
  );
  return {
    get frames() {
      return recorder.frames;
    },
    get failure() {
      return recorder.failure;
    },
    stop() {
      recorder.stop();
      close();
    },
  };
}
