/**
 * `--record FILE` and `--record-audio keep|elide`, shared by `demo`, `talk` and `transcribe`.
 */
import * as fs from 'node:fs';
import type { RealtimeClient } from '../index.js';
import type { SessionRecorder } from '../index.js';
import { recordToFile } from '../node/recordToFile.js';
import { CliError } from './CliError.js';
import type { Output } from './Output.js';

/** The parseArgs options. */
export const RECORD_OPTIONS = { record: { type: 'string' }, 'record-audio': { type: 'string' } } as const;

/** The help lines. */
export const RECORD_HELP = `  --record FILE      record the session, both directions, as JSON lines (replaced if it exists;
                     the API key is never written)
  --record-audio M   keep (default) the audio in the recording, or elide it to {bytes, sha256}
`;

/** Start recording when `--record` was given; `undefined` otherwise. The key is named so that it is never written. */
export function startRecording(client: RealtimeClient, values: { readonly record?: string | undefined; readonly 'record-audio'?: string | undefined }, apiKey: string | undefined): SessionRecorder | undefined {
  const mode = values['record-audio'] ?? 'keep';
  if (mode !== 'keep' && mode !== 'elide') throw new CliError(`--record-audio takes keep or elide, not ${mode}`);
  if (values.record === undefined) return undefined;
  try {
    fs.writeFileSync(values.record, '');
  } catch (e) {
    throw new CliError(`cannot write the recording ${values.record}: ${(e as Error).message}`);
  }
  return recordToFile(client, values.record, { audio: mode, secrets: apiKey ? [apiKey] : [] });
}

/** End a recording `startRecording` began (if any), and say how many frames went where. */
export function stopRecording(recorder: SessionRecorder | undefined, out: Output, file: string | undefined): void {
  if (!recorder) return;
  recorder.stop();
  out.line(`  recorded ${recorder.frames} frames to ${file}`);
}
