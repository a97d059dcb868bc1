/**
 * The `openai-realtime-rx` command, run as a user runs it (a child process): the demo, the talk
 * pipeline on a generated WAV file, the standalone simulator, and bad input (exit code 2, one
 * clear line, no stack trace).
 */
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeWav } from '../../lib/audio/index';
import * as E from 'fp-ts/Either';
import { readWav } from '../../lib/audio/wav';
import { tone } from '../../lib/testing/index';

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const main = path.join(root, 'lib', 'cli', 'main.ts');
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rx-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const clean = { ...process.env, ...env };
    delete clean['OPENAI_API_KEY'];
    Object.assign(clean, env);
    execFile(tsx, [main, ...args], { cwd: root, env: clean, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });

describe('openai-realtime-rx', () => {
  it('runs the demo: tool round trip, streaming, interruption with truncation, summary; exit 0', async () => {
    const { code, stdout, stderr } = await run([]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/against the embedded simulator at ws:\/\/127\.0\.0\.1:\d+\/v1\/realtime/);
    expect(stdout).toContain('tool call: get_weather({"city":"Paris"})');
    expect(stdout).toMatch(/assistant: According to get_weather: city Paris, forecast sunny, temperature 21 °C\./);
    expect(stdout).toMatch(/audio: \d+ ms received/);
    expect(stdout).toMatch(/\[cancelled: turn_detected\]/);
    expect(stdout).toMatch(/truncated item_\w+ at \d+ ms/);
    expect(stdout).toMatch(/server events: \d+\n {2}audio received: \d+\.\d s\n {2}first-audio latency: \d+ ms/);
  });

  it('talks: streams a WAV file in, writes the spoken reply and its transcript', async () => {
    const input = path.join(dir, 'in.wav');
    fs.writeFileSync(input, writeWav(new Uint8Array([...tone(0, 100, 16000, 0), ...tone(440, 1000, 16000, 0.3)]), 16000));
    const reply = path.join(dir, 'reply.wav');
    const transcript = path.join(dir, 'reply.txt');
    const { code, stdout } = await run(['talk', '--in', input, '--out', reply, '--transcript', transcript]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/sent .*in\.wav: 1\.10 s in 55 chunks of 20 ms/);
    const wav = readWav(fs.readFileSync(reply));
    if (E.isLeft(wav)) throw new Error(wav.left.message);
    expect([wav.right.sampleRate, wav.right.source.channels, wav.right.source.bitsPerSample, wav.right.source.encoding]).toEqual([24000, 1, 16, 'pcm']);
    expect(wav.right.samples.length / 24000).toBeGreaterThan(1);
    expect(fs.readFileSync(transcript, 'utf8')).toMatch(/^You said: \(1\.1 seconds of audio from .*in\.wav\)/);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]); // written whole, then renamed
  });

  it('talks from a stereo 8-bit 44.1 kHz WAV and writes the reply as 8 kHz μ-law', async () => {
    // 8-bit WAV is unsigned; two channels; 44.1 kHz: everything the old reader refused
    const frames = 44100;
    const data = new Uint8Array(frames * 2);
    for (let i = 0; i < frames; i++) {
      const v = 128 + Math.round(60 * Math.sin((2 * Math.PI * 300 * i) / 44100));
      data[2 * i] = v;
      data[2 * i + 1] = v;
    }
    const header = new Uint8Array(44);
    const view = new DataView(header.buffer);
    header.set([...'RIFF'].map((c) => c.charCodeAt(0)), 0);
    view.setUint32(4, 36 + data.length, true);
    header.set([...'WAVEfmt '].map((c) => c.charCodeAt(0)), 8);
    view.setUint32(16, 16, true);
    view.setUint16(20, 1, true);
    view.setUint16(22, 2, true);
    view.setUint32(24, 44100, true);
    view.setUint32(28, 44100 * 2, true);
    view.setUint16(32, 2, true);
    view.setUint16(34, 8, true);
    header.set([...'data'].map((c) => c.charCodeAt(0)), 36);
    view.setUint32(40, data.length, true);
    const input = path.join(dir, 'stereo8.wav');
    fs.writeFileSync(input, Buffer.concat([header, data]));
    const reply = path.join(dir, 'reply-ulaw.wav');
    const { code, stdout, stderr } = await run(['talk', '--in', input, '--out', reply, '--out-format', 'pcmu']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/sent .*stereo8\.wav: 1\.00 s in 50 chunks of 20 ms/);
    expect(stdout).toMatch(/-> .*reply-ulaw\.wav \(pcmu, 8000 Hz\)/);
    const wav = readWav(fs.readFileSync(reply));
    if (E.isLeft(wav)) throw new Error(wav.left.message);
    expect([wav.right.sampleRate, wav.right.source.encoding, wav.right.source.bitsPerSample]).toEqual([8000, 'pcmu', 8]);
    expect(wav.right.samples.length / 8000).toBeGreaterThan(1);
  });

  it('transcribes a WAV file in a transcription session: one line per segment, with its timing, as text or JSONL', async () => {
    // two bursts of "speech" (tones) at 16 kHz, with a second of silence between them
    const input = path.join(dir, 'two.wav');
    fs.writeFileSync(input, writeWav(new Uint8Array([...tone(0, 500, 16000, 0), ...tone(300, 1000, 16000, 0.3), ...tone(0, 1000, 16000, 0), ...tone(500, 800, 16000, 0.3), ...tone(0, 500, 16000, 0)]), 16000));
    const jsonl = path.join(dir, 'two.jsonl');
    const { code, stdout, stderr } = await run(['transcribe', '--in', input, '--out', jsonl]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/transcribed .*two\.wav: 3\.80 s in 2 segment\(s\)/);
    const segments = fs.readFileSync(jsonl, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { start_ms: number; end_ms: number; text: string });
    expect(segments).toHaveLength(2);
    // each segment is where its burst is (the voice detection adds its padding and its silence)
    expect(segments[0]?.start_ms).toBeLessThanOrEqual(500);
    expect(segments[0]?.end_ms).toBeGreaterThanOrEqual(1500);
    expect(segments[1]?.start_ms).toBeGreaterThanOrEqual(2000);
    expect(segments[1]?.end_ms).toBeGreaterThanOrEqual(3300);
    expect(segments.every((s) => /seconds of speech/.test(s.text))).toBe(true);
    const text = path.join(dir, 'two.txt');
    expect((await run(['transcribe', '--in', input, '--out', text])).code).toBe(0);
    expect(fs.readFileSync(text, 'utf8')).toMatch(/^\[00:00\.\d – 00:0\d\.\d\] \(\d\.\d seconds of speech\)\n\[/);
  });

  it('runs the simulator standalone until interrupted', async () => {
    const child = spawn(tsx, [main, 'simulator', '--port', '0'], { cwd: root });
    const url = await new Promise<string>((resolve) => child.stdout.on('data', (d: Buffer) => {
      const m = /(ws:\/\/\S+)/.exec(d.toString());
      if (m?.[1]) resolve(m[1]);
    }));
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/v1\/realtime$/);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  describe('bad input: exit 2, one clear line, no stack trace', () => {
    const expectUsageError = async (args: string[], message: RegExp, env: NodeJS.ProcessEnv = {}) => {
      const { code, stderr } = await run(args, env);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).not.toMatch(/\n\s+at /);
    };

    it('a missing file', async () => {
      await expectUsageError(['talk', '--in', path.join(dir, 'nope.wav'), '--out', 'x.wav'], /cannot read .*nope\.wav: no such file/);
      await expectUsageError(['transcribe', '--in', path.join(dir, 'nope.wav')], /^openai-realtime-rx transcribe: cannot read .*nope\.wav: no such file$/m);
      await expectUsageError(['transcribe'], /transcribe needs --in FILE/);
    });

    it('a file that is not a WAV, or a WAV the reader cannot take, and nothing half-written', async () => {
      fs.writeFileSync(path.join(dir, 'text.wav'), 'hello, not audio');
      const twelveBit = writeWav(tone(440, 100, 24000), 24000);
      twelveBit[34] = 12;
      fs.writeFileSync(path.join(dir, '12bit.wav'), twelveBit);
      await expectUsageError(['talk', '--in', path.join(dir, 'text.wav'), '--out', path.join(dir, 'never.wav')], /text\.wav is not usable: .*RIFF/);
      await expectUsageError(['talk', '--in', path.join(dir, '12bit.wav'), '--out', path.join(dir, 'never.wav')], /12bit\.wav is not usable: /);
      fs.writeFileSync(path.join(dir, 'ok.wav'), writeWav(tone(440, 100, 24000), 24000));
      await expectUsageError(['talk', '--in', path.join(dir, 'ok.wav'), '--out', path.join(dir, 'never.wav'), '--out-format', 'mp3'], /--out-format must be pcm16, pcmu or pcma/);
      expect(fs.existsSync(path.join(dir, 'never.wav'))).toBe(false);
    });

    it('an unknown option or command, naming the command that failed and its help', async () => {
      await expectUsageError(['talk', '--loud'], /^openai-realtime-rx talk: Unknown option '--loud' \(see: openai-realtime-rx talk --help\)$/m);
      await expectUsageError(['simulator', '--speed', '0'], /^openai-realtime-rx simulator: --speed must be a positive number, not "0"$/m);
      await expectUsageError(['--loud'], /^openai-realtime-rx: Unknown option '--loud' \(see: openai-realtime-rx demo --help\)$/m);
      await expectUsageError(['sing'], /^openai-realtime-rx: unknown command "sing" \(commands: demo, talk, transcribe, simulator; see: openai-realtime-rx --help\)$/m);
    });

    it('a port in use', async () => {
      const blocker = net.createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const { port } = blocker.address() as net.AddressInfo;
      try {
        await expectUsageError(['simulator', '--port', String(port)], new RegExp(`port ${port} is in use`));
      } finally {
        blocker.close();
      }
    });

    it('a live run without a key', () => expectUsageError(['demo', '--live'], /--live needs the OPENAI_API_KEY environment variable/));
  });

  it('prints its version', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const { code, stdout } = await run([flag]);
      expect(code).toBe(0);
      expect(stdout).toBe(`${version}\n`);
    }
  });

  it('prints help for every command', async () => {
    for (const command of ['--help', 'demo --help', 'talk --help', 'transcribe --help', 'simulator --help']) {
      const { code, stdout } = await run(command.split(' '));
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: openai-realtime-rx/);
    }
  });
});
