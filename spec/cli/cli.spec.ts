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
import { parseWav } from '../../lib/audio/wav';
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
    const wav = parseWav(fs.readFileSync(reply));
    if ('error' in wav) throw new Error(wav.error);
    expect([wav.sampleRate, wav.channels, wav.bitsPerSample]).toEqual([24000, 1, 16]);
    expect(wav.data.length / 48000).toBeGreaterThan(1);
    expect(fs.readFileSync(transcript, 'utf8')).toMatch(/^You said: \(1\.1 seconds of audio from .*in\.wav\)/);
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

    it('a missing file', () => expectUsageError(['talk', '--in', path.join(dir, 'nope.wav'), '--out', 'x.wav'], /cannot read .*nope\.wav: no such file/));

    it('a WAV that is not PCM16 mono', async () => {
      const stereo = writeWav(tone(440, 100, 24000), 24000);
      stereo[22] = 2;
      fs.writeFileSync(path.join(dir, 'stereo.wav'), stereo);
      const eightBit = writeWav(tone(440, 100, 24000), 24000);
      eightBit[34] = 8;
      fs.writeFileSync(path.join(dir, '8bit.wav'), eightBit);
      await expectUsageError(['talk', '--in', path.join(dir, 'stereo.wav'), '--out', 'x.wav'], /WAV has 2 channels; mono is required/);
      await expectUsageError(['talk', '--in', path.join(dir, '8bit.wav'), '--out', 'x.wav'], /WAV has 8-bit samples; PCM16 is required/);
    });

    it('an unknown option or command, naming the command that failed and its help', async () => {
      await expectUsageError(['talk', '--loud'], /^openai-realtime-rx talk: Unknown option '--loud' \(see: openai-realtime-rx talk --help\)$/m);
      await expectUsageError(['simulator', '--speed', '0'], /^openai-realtime-rx simulator: --speed must be a positive number, not "0"$/m);
      await expectUsageError(['--loud'], /^openai-realtime-rx: Unknown option '--loud' \(see: openai-realtime-rx demo --help\)$/m);
      await expectUsageError(['sing'], /^openai-realtime-rx: unknown command "sing" \(commands: demo, talk, simulator; see: openai-realtime-rx --help\)$/m);
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
    for (const command of ['--help', 'demo --help', 'talk --help', 'simulator --help']) {
      const { code, stdout } = await run(command.split(' '));
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: openai-realtime-rx/);
    }
  });
});
