/**
 * The built package resolves from a consumer folder through its `exports` map: `require`, Node's
 * native `import`, and the ESM build a bundler would pick.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
let consumer: string;

beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'pipe' });
  consumer = fs.mkdtempSync(path.join(os.tmpdir(), 'rx-consumer-'));
  fs.mkdirSync(path.join(consumer, 'node_modules'));
  fs.symlinkSync(root, path.join(consumer, 'node_modules', 'openai-realtime-rx'), 'dir');
}, 120_000);

afterAll(() => {
  fs.rmSync(consumer, { recursive: true, force: true });
});

const node = (file: string, source: string): string => {
  fs.writeFileSync(path.join(consumer, file), source);
  return execFileSync(process.execPath, [file], { cwd: consumer, encoding: 'utf8' }).trim();
};

const probe = `decodeServerEvent('{"type":"input_audio_buffer.cleared","event_id":"e"}').right.type`;

describe('the built package', () => {
  it('works with require()', () => {
    expect(node('a.cjs', `const { decodeServerEvent } = require('openai-realtime-rx'); console.log(${probe});`)).toBe(
      'input_audio_buffer.cleared',
    );
  });

  it("works with Node's native import", () => {
    expect(node('b.mjs', `import { decodeServerEvent } from 'openai-realtime-rx'; console.log(${probe});`)).toBe(
      'input_audio_buffer.cleared',
    );
  });

  it('gives bundlers an ES module build with types', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const esm = path.join(root, pkg.exports['.'].import.default);
    expect(fs.readFileSync(esm, 'utf8')).toMatch(/^export \{ decodeServerEvent \}/m);
    expect(fs.existsSync(path.join(root, pkg.exports['.'].import.types))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(root, 'dist/esm/package.json'), 'utf8')).type).toBe('module');
  });
});
