/**
 * The built package resolves from a consumer folder through its `exports` map: `require`, Node's
 * native `import`, and the ESM build a bundler would pick.
 */
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import * as zlib from 'node:zlib';
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
  if (consumer) fs.rmSync(consumer, { recursive: true, force: true });
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

describe('the browser bundle of the root entry', () => {
  const bundle = async (source: string) => {
    const entry = path.join(consumer, `entry-${Math.random().toString(36).slice(2)}.mjs`);
    fs.writeFileSync(entry, source);
    const result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      logLevel: 'silent',
      nodePaths: [path.join(root, 'node_modules')],
    });
    const code = result.outputFiles[0]?.text ?? '';
    return { code, inputs: Object.keys(result.metafile.inputs), gzip: zlib.gzipSync(code, { level: 9 }).length };
  };

  const nodeOnly = (inputs: string[]) =>
    inputs.filter(
      (input) =>
        /node_modules\/ws\//.test(input) ||
        /nodeSocket|defaultPlatform\.js$/.test(input) ||
        builtinModules.some((m) => input === m || input === `node:${m}`),
    );

  it('pulls in no Node built-in and no ws, and picks the browser platform', async () => {
    const all = await bundle(`export * from 'openai-realtime-rx';`);
    expect(nodeOnly(all.inputs)).toEqual([]);
    expect(all.inputs.some((i) => i.endsWith('defaultPlatform.browser.js'))).toBe(true);
    expect(all.code).not.toMatch(/require\(["']ws["']\)/);
    const core = await bundle(`export { RealtimeClient, ofType, userMessage, createResponse } from 'openai-realtime-rx';`);
    expect(nodeOnly(core.inputs)).toEqual([]);
    process.stdout.write(
      `browser bundle (esbuild --minify, gzip -9): whole root ${(all.code.length / 1024).toFixed(1)} KB min / ${(all.gzip / 1024).toFixed(1)} KB gz; ` +
        `RealtimeClient core ${(core.code.length / 1024).toFixed(1)} KB min / ${(core.gzip / 1024).toFixed(1)} KB gz\n`,
    );
    expect(core.gzip).toBeLessThan(all.gzip + 1);
  });

  it('fails the check when something Node-only sneaks in', async () => {
    const bad = await bundle(`import WebSocket from 'ws'; export { WebSocket };`);
    expect(nodeOnly(bad.inputs).length).toBeGreaterThan(0);
  });
});
