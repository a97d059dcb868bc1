/**
 * Audio toolkit throughput, as multiples of real time on one core: the streaming resampler (fed
 * 20 ms chunks, the way a live pipeline feeds it) and G.711 encoding/decoding, with the old
 * linear-interpolation resampler as a reference point. Notes carry the resampler's measured
 * quality (passband ripple, worst alias, chunked-vs-whole difference, latency) and the browser
 * bundle size of the ./audio toolkit.
 * Aims (issue #11): 24 -> 8 kHz at least 500x real time, G.711 at least 5,000x.
 */
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { decodeG711, encodeG711 } from '../lib/audio/g711';
import { pcm16ToBytes } from '../lib/audio/pcm';
import { createResampler, resample } from '../lib/audio/resampler';
import { resamplePcm16 } from '../lib/audio/wav';
import { aliasOf, amplitudeAt, dB, sine } from '../spec/audio/measure';
import type { SuiteResult } from './harness';
import { interleave, median } from './harness';

const SECONDS = 10;

/** Speech-band test audio: a few tones and noise. */
const audio = (rate: number) => {
  const n = rate * SECONDS;
  const out = new Int16Array(n);
  let seed = 1;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    out[i] = Math.round(8000 * Math.sin((2 * Math.PI * 230 * i) / rate) + 6000 * Math.sin((2 * Math.PI * 1900 * i) / rate) + (seed / 0x7fffffff - 0.5) * 3000);
  }
  return out;
};

const timed = (f: () => void) => () => {
  const start = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - start) / 1e6;
};

const resampling = (from: number, to: number) => {
  const x = audio(from);
  const chunk = from / 50;
  const r = createResampler(from, to);
  return timed(() => {
    for (let at = 0; at < x.length; at += chunk) r.process(x.subarray(at, at + chunk));
    r.flush();
  });
};

/** Passband ripple, worst alias/image and latency of one rate pair (deterministic). */
function quality(from: number, to: number) {
  const r = createResampler(from, to);
  const gains = [0.05, 0.25, 0.5, 0.75, 1].map((k) => {
    const hz = Math.round(r.design.passbandHz * k);
    return dB(amplitudeAt(resample(sine(hz, from, 0.5), from, to), to, hz) / amplitudeAt(sine(hz, from, 0.5), from, hz));
  });
  const levels: number[] = [];
  if (to < from) {
    for (const k of [0.01, 0.05, 0.2, 0.5, 0.9]) {
      const hz = Math.round(to / 2 + ((from - to) / 2) * k);
      levels.push(dB(amplitudeAt(resample(sine(hz, from, 0.5), from, to), to, aliasOf(hz, to)) / 0.5));
    }
  } else {
    for (const k of [0.1, 0.5, 0.9, 0.99]) {
      const hz = Math.round((from / 2) * k);
      const out = resample(sine(hz, from, 0.5), from, to);
      for (const image of [from - hz, from + hz]) if (image < to / 2) levels.push(dB(amplitudeAt(out, to, image) / 0.5));
    }
  }
  const x = audio(from).subarray(0, from);
  const whole = resample(x, from, to);
  const c = createResampler(from, to);
  const parts: number[] = [];
  for (let at = 0; at < x.length; at += from / 50) parts.push(...c.process(x.subarray(at, at + from / 50)));
  parts.push(...c.flush());
  const diff = parts.reduce((m, v, i) => Math.max(m, Math.abs(v - (whole[i] as number))), parts.length === whole.length ? 0 : Infinity);
  return {
    taps: r.design.taps,
    phases: r.design.phases,
    passbandHz: r.design.passbandHz,
    rippleDb: +(Math.max(...gains) - Math.min(...gains)).toFixed(4),
    worstAliasDb: +Math.max(...levels).toFixed(1),
    chunkedVsWholeMaxLsb: diff,
    latencyMs: +r.latency.ms.toFixed(2),
  };
}

async function bundleKiB(contents: string): Promise<{ min: number; gzip: number }> {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: path.join(__dirname, '..', 'lib', 'audio'), loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  return { min: +(code.length / 1024).toFixed(1), gzip: +(zlib.gzipSync(code, { level: 9 }).length / 1024).toFixed(1) };
}

export async function audioSuite(opts: { rounds?: number } = {}): Promise<SuiteResult> {
  const rounds = opts.rounds ?? 15;
  const pcm8k = audio(8000);
  const ulaw = encodeG711(pcm8k, 'pcmu');
  const alaw = encodeG711(pcm8k, 'pcma');
  const legacyIn = pcm16ToBytes(audio(24000));
  let sink = 0;
  const samples = await interleave(
    [
      { name: 'resample 24 -> 8 kHz', run: resampling(24000, 8000) },
      { name: 'resample 8 -> 24 kHz', run: resampling(8000, 24000) },
      { name: 'resample 48 -> 24 kHz', run: resampling(48000, 24000) },
      { name: 'resample 44.1 -> 24 kHz', run: resampling(44100, 24000) },
      { name: 'resample 24 -> 48 kHz', run: resampling(24000, 48000) },
      { name: 'resample 16 -> 24 kHz', run: resampling(16000, 24000) },
      { name: 'old linear 24 -> 8 kHz (aliases)', run: timed(() => (sink += resamplePcm16(legacyIn, 24000, 8000).length)) },
      { name: 'G.711 μ-law encode', run: timed(() => (sink += encodeG711(pcm8k, 'pcmu').length)) },
      { name: 'G.711 μ-law decode', run: timed(() => (sink += decodeG711(ulaw, 'pcmu').length)) },
      { name: 'G.711 A-law encode', run: timed(() => (sink += encodeG711(pcm8k, 'pcma').length)) },
      { name: 'G.711 A-law decode', run: timed(() => (sink += decodeG711(alaw, 'pcma').length)) },
    ],
    rounds,
  );
  if (sink === 0) throw new Error('nothing computed');
  // multiples of real time: seconds of audio per second of one core
  const medians = Object.fromEntries(Object.entries(samples).map(([k, v]) => [`${k} (x real time)`, Math.round((SECONDS * 1000) / median(v))]));
  const pairs: Array<[number, number]> = [
    [24000, 8000],
    [8000, 24000],
    [16000, 24000],
    [22050, 24000],
    [44100, 24000],
    [48000, 24000],
    [24000, 16000],
    [48000, 8000],
  ];
  return {
    suite: 'audio: resampler and G.711 throughput (10 s of audio per round, 20 ms chunks)',
    unit: 'multiples of real time on one core, higher is better',
    rounds,
    medians,
    samples,
    ratios: {},
    notes: {
      goal: '24 -> 8 kHz >= 500x real time; G.711 >= 5000x',
      quality: Object.fromEntries(pairs.map(([f, t]) => [`${f / 1000} -> ${t / 1000} kHz`, quality(f, t)])),
      bundle: {
        'G.711 + WAV + PCM helpers (KiB)': await bundleKiB("export { encodeG711, decodeG711, readWav, writeWav, pcm16ToFloat32 } from './index';"),
        'resampler (KiB)': await bundleKiB("export { createResampler } from './resampler';"),
        'whole ./audio toolkit with operators (KiB, rxjs included)': await bundleKiB("export * from './index';"),
      },
    },
  };
}
