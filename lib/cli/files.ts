/**
 * File input and output of the commands: a WAV file read as 24 kHz PCM16 for a session, and files
 * written whole or not at all.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import { SUPPORTED_RATES, resample } from '../audio/resampler.js';
import { readWav } from '../audio/wav.js';
import { CliError } from './CliError.js';

/**
 * The samples of a WAV file at 24 kHz, mono: any file `readWav` takes, resampled with the
 * anti-aliased resampler for the rates it takes and interpolated for any other.
 *
 * @throws CliError for a file that cannot be read or is not a usable WAV.
 */
export function readSpeech(file: string): Int16Array {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  const wav = readWav(bytes);
  if (E.isLeft(wav)) throw new CliError(`${file} is not usable: ${wav.left.message}`);
  return to24k(wav.right.samples, wav.right.sampleRate);
}

function to24k(samples: Int16Array, rate: number): Int16Array {
  if (rate === 24000) return samples;
  if (SUPPORTED_RATES.includes(rate)) return resample(samples, rate, 24000);
  const out = new Int16Array(Math.ceil((samples.length * 24000) / rate));
  for (let i = 0; i < out.length; i++) {
    const at = (i * rate) / 24000;
    const j = Math.floor(at);
    const a = samples[j] ?? 0;
    const b = samples[j + 1] ?? a;
    out[i] = Math.round(a + (b - a) * (at - j));
  }
  return out;
}

/** Write a file whole or not at all: to a temporary file beside it, then renamed over it. */
export function writeAtomically(file: string, data: Uint8Array | string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, file);
  } catch (e) {
    fs.rmSync(temporary, { force: true });
    throw new CliError(`cannot write ${file}: ${(e as Error).message}`);
  }
}
