/**
 * The package as users get it: built, packed with `npm pack`, unpacked into a consumer folder
 * (its dependencies linked from this repository), then required, imported, bundled for the
 * browser, run as a command, and checked by publint and @arethetypeswrong/cli.
 */
import * as esbuild from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import * as zlib from 'node:zlib';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ENTRIES, EXTRA_FILES, packageFields, stubFolder } from '../../scripts/entries.mjs';
import { reportOf, valueNames } from './apiReport';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  exports: Record<string, unknown>;
  files: string[];
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
};
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

let work: string;
let consumer: string;
let installed: string;
let tarball: string;
let packed: { size: number; unpackedSize: number; entryCount: number; files: Array<{ path: string }> };

beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'pipe' });
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'rx-pack-'));
  const json = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' });
  packed = (JSON.parse(json) as (typeof packed & { filename: string })[])[0]!;
  tarball = path.join(work, path.basename((JSON.parse(json) as Array<{ filename: string }>)[0]!.filename));
  consumer = path.join(work, 'consumer');
  installed = path.join(consumer, 'node_modules', pkg.name);
  fs.mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['xzf', tarball, '-C', installed, '--strip-components=1']);
  // the optional peers (@angular/core, for ./angular) as an app that uses them has them
  for (const dep of [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)]) {
    fs.mkdirSync(path.dirname(path.join(consumer, 'node_modules', dep)), { recursive: true });
    fs.symlinkSync(path.join(root, 'node_modules', dep), path.join(consumer, 'node_modules', dep), 'dir');
  }
}, 180_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const node = (file: string, source: string): string => {
  fs.writeFileSync(path.join(consumer, file), source);
  return execFileSync(process.execPath, [file], { cwd: consumer, encoding: 'utf8' }).trim();
};

const specifier = (subpath: string) => (subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`);

describe('package.json', () => {
  it('has the exports map and files that scripts/entries.mjs derives (run `npm run build` to sync them)', () => {
    const fields = packageFields();
    expect(pkg.exports).toEqual(fields.exports);
    expect(pkg.files).toEqual(fields.files);
  });
});

describe('the tarball', () => {
  it('holds only what an entry point reaches, the stubs, the bin, README, LICENSE and CHANGELOG; under 220 kB', () => {
    const files = packed.files.map((f) => f.path);
    process.stdout.write(
      `npm pack: ${(packed.size / 1000).toFixed(1)} kB packed, ${(packed.unpackedSize / 1000).toFixed(1)} kB unpacked, ${packed.entryCount} files\n`,
    );
    const stubs = ENTRIES.map((e) => stubFolder(e.subpath)).filter((f): f is string => f !== undefined);
    const allowed = (f: string) =>
      f === 'package.json' ||
      EXTRA_FILES.includes(f) ||
      f.startsWith('dist/') ||
      f.startsWith('bin/') ||
      stubs.some((s) => f === `${s}/package.json`);
    expect(files.filter((f) => !allowed(f))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'CHANGELOG.md', 'bin/openai-realtime-rx.js']));
    expect(files.filter((f) => f.endsWith('.map') || f.startsWith('docs/') || f.startsWith('lib/'))).toEqual([]);
    // the ES module build is for bundlers: no CLI and no Node-only entry in it
    expect(files.filter((f) => /^dist\/esm\/(cli|testing|node)\//.test(f))).toEqual([]);
    // The budget was 150 kB for three entry points (130.6 kB then); ./node, ./angular and the
    // audio toolkit (resampler, converter, WAV reader) added about 43 kB (178.4 kB then);
    // bargeIn, mintClientSecret and the simulator's client secrets (issue #12) about 9.5 kB more,
    // and ./browser (microphone, the AudioWorklet player, both builds and their types) about
    // 11 kB; conversation() and runTools (issue #17, in both builds with their types) about
    // 6 kB; recording and replay (issue #16: recordSession, recordToFile, ReplayServer, replay,
    // the VAD's noise floor) about 8 kB; the guards generated from the codecs (issue #15, in both
    // builds) about 8 kB, and the rest of issue #15's hot path (Hub, the Node/browser guard
    // switch, decodeText, decodedAudio, lazy substreams) about 1.5 kB; the browser builds'
    // validation backend (issue #15: the schema generated from the codecs and its interpreter, in
    // both builds, so that browser bundles carry no io-ts) about 7 kB (240.2 → 247.2 kB). The
    // largest single file is the inferred type of the 46 server event codecs.
    expect(packed.size).toBeLessThan(250_000);
  });

  it('is clean for publint (no errors, no warnings)', () => {
    const result = spawnSync(bin('publint'), ['run', '--strict', tarball], { cwd: work, encoding: 'utf8' });
    process.stdout.write(`publint: ${result.stdout.trim().split('\n').slice(-3).join(' | ')}\n`);
    expect(result.stdout + result.stderr).not.toMatch(/^(Errors|Warnings):/m);
    expect(result.status).toBe(0);
  });

  it('is clean for @arethetypeswrong/cli: every entry resolves with types under node10, node16 (CJS and ESM) and bundler', () => {
    const result = spawnSync(bin('attw'), [tarball, '--format', 'json'], { cwd: work, encoding: 'utf8' });
    type Resolution = { resolution?: { fileName: string } };
    const report = JSON.parse(result.stdout) as {
      problems: Record<string, unknown>;
      analysis: { problems: unknown[]; entrypoints: Record<string, { resolutions: Record<string, Resolution> }> };
    };
    expect(report.problems).toEqual({});
    expect(report.analysis.problems).toEqual([]);
    const { entrypoints } = report.analysis;
    expect(Object.keys(entrypoints).sort()).toEqual([...ENTRIES.map((e) => e.subpath), './package.json'].sort());
    for (const { subpath, source, node } of ENTRIES) {
      const resolutions = entrypoints[subpath]!.resolutions;
      expect(Object.keys(resolutions).sort()).toEqual(['bundler', 'node10', 'node16-cjs', 'node16-esm']);
      for (const [kind, r] of Object.entries(resolutions)) {
        // types found, in the build the resolution picks
        const format = kind === 'bundler' && !node ? 'esm' : 'cjs';
        expect([kind, r.resolution?.fileName]).toEqual([kind, `/node_modules/${pkg.name}/dist/${format}/${source}.d.ts`]);
      }
    }
    expect(result.status).toBe(0);
    process.stdout.write(`attw: no problems in ${ENTRIES.length} entry points x 4 resolutions\n`);
  });
});

describe('every entry point, from the unpacked tarball', () => {
  it.each(ENTRIES.map((e) => [e.subpath, e.source]))('%s exports its API report at run time, with require() and import', (subpath, source) => {
    const expected = valueNames(reportOf(source));
    const required = node(`r-${source.replace('/', '-')}.cjs`, `console.log(JSON.stringify(Object.keys(require('${specifier(subpath)}')).filter((k) => k !== '__esModule').sort()))`);
    expect(JSON.parse(required)).toEqual(expected);
    const imported = node(`i-${source.replace('/', '-')}.mjs`, `import * as m from '${specifier(subpath)}'; console.log(JSON.stringify(Object.keys(m).filter((k) => k !== '__esModule' && k !== 'default').sort()))`);
    expect(JSON.parse(imported)).toEqual(expected);
  });

  it('decodes a frame (require and import of the root)', () => {
    const probe = `decodeServerEvent('{"type":"input_audio_buffer.cleared","event_id":"e"}').right.type`;
    expect(node('a.cjs', `const { decodeServerEvent } = require('${pkg.name}'); console.log(${probe});`)).toBe('input_audio_buffer.cleared');
    expect(node('b.mjs', `import { decodeServerEvent } from '${pkg.name}'; console.log(${probe});`)).toBe('input_audio_buffer.cleared');
  });

  it('gives bundlers an ES module build for every browser-safe entry point, and none for Node-only ones', () => {
    for (const { source, node } of ENTRIES) {
      const esm = path.join(installed, 'dist/esm', `${source}.js`);
      if (node) {
        expect([source, fs.existsSync(esm)]).toEqual([source, false]);
        continue;
      }
      expect(fs.readFileSync(esm, 'utf8')).toMatch(/^export \{/m);
      expect(fs.existsSync(path.join(installed, 'dist/esm', `${source}.d.ts`))).toBe(true);
    }
    expect(JSON.parse(fs.readFileSync(path.join(installed, 'dist/esm/package.json'), 'utf8')).type).toBe('module');
  });

  it('runs the command: `openai-realtime-rx --version` from the built CLI', () => {
    expect(fs.existsSync(path.join(installed, 'lib'))).toBe(false);
    const out = execFileSync(process.execPath, [path.join(installed, 'bin/openai-realtime-rx.js'), '--version'], { cwd: consumer, encoding: 'utf8' });
    expect(out).toBe(`${pkg.version}\n`);
  });
});

describe('the browser bundles of the browser-safe entries', () => {
  const bundle = async (source: string, external: string[] = []) => {
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
      external,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    const output = Object.values(result.metafile.outputs)[0];
    // `inputs`: every module the bundler read; `kept`: those with code in the bundle (after tree-shaking)
    const kept = Object.entries(output?.inputs ?? {}).filter(([, i]) => i.bytesInOutput > 0).map(([name]) => name);
    return { code, inputs: Object.keys(result.metafile.inputs), kept, gzip: zlib.gzipSync(code, { level: 9 }).length };
  };

  const nodeOnly = (inputs: string[]) =>
    inputs.filter(
      (input) =>
        /node_modules\/ws\//.test(input) ||
        /nodeSocket|defaultPlatform\.js$/.test(input) ||
        builtinModules.some((m) => input === m || input === `node:${m}`),
    );

  it('the root pulls in no Node built-in and no ws, and picks the browser platform', async () => {
    const all = await bundle(`export * from '${pkg.name}';`);
    expect(nodeOnly(all.inputs)).toEqual([]);
    expect(all.inputs.some((i) => i.endsWith('defaultPlatform.browser.js'))).toBe(true);
    expect(all.code).not.toMatch(/require\(["']ws["']\)/);
    const core = await bundle(`export { RealtimeClient, ofType, userMessage, createResponse } from '${pkg.name}';`);
    expect(nodeOnly(core.inputs)).toEqual([]);
    process.stdout.write(
      `browser bundle (esbuild --minify, gzip -9): whole root ${(all.code.length / 1024).toFixed(1)} KB min / ${(all.gzip / 1024).toFixed(1)} KB gz; ` +
        `RealtimeClient core ${(core.code.length / 1024).toFixed(1)} KB min / ${(core.gzip / 1024).toFixed(1)} KB gz\n`,
    );
    expect(core.gzip).toBeLessThan(all.gzip + 1);
  });

  it('./audio pulls in no Node built-in and no io-ts; rxjs only for its operators', async () => {
    const audio = await bundle(`export * from '${pkg.name}/audio';`);
    expect(nodeOnly(audio.inputs)).toEqual([]);
    expect(audio.inputs.filter((i) => /node_modules\/io-ts\//.test(i))).toEqual([]);
    // an app that uses the tools but not toPcm16/toG711 gets no rxjs in its bundle
    const tools = await bundle(`export { readWav, writeWav, createResampler, createAudioConverter, encodeG711 } from '${pkg.name}/audio';`);
    expect(tools.kept.filter((i) => /node_modules\/rxjs\//.test(i))).toEqual([]);
    process.stdout.write(`browser bundle of ./audio: ${(audio.code.length / 1024).toFixed(1)} KB min / ${(audio.gzip / 1024).toFixed(1)} KB gz\n`);
  });

  it('./angular pulls in no Node built-in and no ws, with @angular/core left to the app; the root pulls in no Angular', async () => {
    const angular = await bundle(`export * from '${pkg.name}/angular';`, ['@angular/core', '@angular/core/*']);
    expect(nodeOnly(angular.inputs)).toEqual([]);
    expect(angular.inputs.some((i) => i.endsWith('defaultPlatform.browser.js'))).toBe(true);
    expect(angular.inputs.filter((i) => /@angular\//.test(i))).toEqual([]);
    expect(angular.code).toMatch(/from\s*"@angular\/core"/);
    expect(angular.code).toMatch(/from\s*"@angular\/core\/rxjs-interop"/);
    const root = await bundle(`export * from '${pkg.name}';`);
    expect(root.inputs.filter((i) => /angular/.test(i))).toEqual([]);
    process.stdout.write(`browser bundle of ./angular (without @angular/core): ${(angular.code.length / 1024).toFixed(1)} KB min / ${(angular.gzip / 1024).toFixed(1)} KB gz\n`);
  });

  it('fails the check when something Node-only sneaks in', async () => {
    const bad = await bundle(`import WebSocket from 'ws'; export { WebSocket };`);
    expect(nodeOnly(bad.inputs).length).toBeGreaterThan(0);
  });
});
