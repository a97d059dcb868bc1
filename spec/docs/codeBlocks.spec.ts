/**
 * Every TypeScript block of README.md and docs/*.md runs as written (imports mapped to the
 * sources), the way a reader would paste it: it type-checks, and a script block finishes and
 * exits by itself (so it closes what it opens) with exit code 0 and nothing on stderr; a block
 * that is a jest test runs as tests of this suite. Blocks marked `ts no-run` are counted, and the
 * counts below make marking one a visible decision. See spec/docs/codeBlocks.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import type { CodeBlock } from './codeBlocks';
import { codeBlocks, guides, isJestTest, moduleFile, moduleOf, runScript, runs } from './codeBlocks';

const root = path.resolve(__dirname, '../..');
const blocks = guides().flatMap(codeBlocks);
const runnable = blocks.filter(runs);
const where = (b: CodeBlock) => `${b.file}:${b.line}`;

// The generated modules are written while the suite is collected: the jest-test blocks register here.
for (const block of runnable) fs.writeFileSync(moduleFile(block), moduleOf(block));
afterAll(() => runnable.forEach((block) => fs.rmSync(moduleFile(block), { force: true })));

describe('the code blocks of the guides', () => {
  it('run, unless marked `ts no-run` (the counts per guide)', () => {
    const counts: Record<string, { ran: number; notRun: number }> = {};
    for (const block of blocks) {
      const c = (counts[block.file] ??= { ran: 0, notRun: 0 });
      if (runs(block)) c.ran++;
      else c.notRun++;
    }
    const total = (k: 'ran' | 'notRun') => Object.values(counts).reduce((n, c) => n + c[k], 0);
    process.stdout.write(
      `code blocks: ${total('ran')} of ${blocks.length} run (${Object.entries(counts).map(([f, c]) => `${f} ${c.ran}/${c.ran + c.notRun}`).join(', ')})\n`,
    );
    expect(counts).toEqual({
      'README.md': { ran: 7, notRun: 0 },
      'docs/agents.md': { ran: 1, notRun: 0 },
      'docs/angular.md': { ran: 1, notRun: 6 },
      'docs/audio.md': { ran: 7, notRun: 0 },
      'docs/browser.md': { ran: 1, notRun: 6 },
      'docs/errors.md': { ran: 1, notRun: 1 },
      'docs/facade.md': { ran: 0, notRun: 3 },
      'docs/node.md': { ran: 3, notRun: 4 },
      'docs/protocol.md': { ran: 1, notRun: 2 },
      'docs/streams.md': { ran: 0, notRun: 10 },
      'docs/testing.md': { ran: 4, notRun: 5 },
    });
  });

  it('type-check as written', () => {
    const config = ts.readConfigFile(path.join(root, 'tsconfig.json'), (f) => ts.sys.readFile(f));
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
    const program = ts.createProgram(runnable.map(moduleFile), { ...options, noEmit: true });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const head = d.file ? (/^\/\/ (\S+)/.exec(d.file.text)?.[1] ?? d.file.fileName) : '';
      return `${head} (block line ${(at?.line ?? 0) - 1}): ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(problems).toEqual([]);
  }, 120_000);

  const scripts = runnable.filter((b) => !isJestTest(b));
  it.each(scripts.map((b) => [where(b), b] as const))('%s runs and exits by itself', async (_, block) => {
    const result = await runScript(moduleFile(block), 30_000);
    if (result.timedOut) throw new Error(`${where(block)} did not exit within 30 s: it leaves something open\n${result.stdout}`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    if (/console\.log/.test(block.code)) expect(result.stdout).not.toBe('');
  }, 60_000);
});

describe('the runner', () => {
  const probe = (code: string): CodeBlock => ({ file: 'probe.md', line: 1, flags: [], code });
  const runProbe = async (code: string, timeoutMs = 30_000) => {
    const block = probe(code);
    fs.writeFileSync(moduleFile(block), moduleOf(block));
    try {
      return await runScript(moduleFile(block), timeoutMs);
    } finally {
      fs.rmSync(moduleFile(block), { force: true });
    }
  };

  it('reads flags and tells scripts from jest tests', () => {
    const [a, b] = [
      ...codeBlocks('README.md').slice(0, 1),
      { file: 'x.md', line: 1, flags: ['no-run'], code: "it('x', () => {});\n" },
    ];
    expect(runs(a)).toBe(true);
    expect(isJestTest(a)).toBe(false);
    expect([runs(b!), isJestTest(b!)]).toEqual([false, true]);
  });

  it('runs a script with top-level await and its imports mapped to the sources', async () => {
    const result = await runProbe("import { encodeBase64 } from 'openai-realtime-rx/audio';\n\nconsole.log(await Promise.resolve(encodeBase64(new Uint8Array([1, 2]))));\n");
    expect(result).toEqual({ code: 0, stdout: 'AQI=\n', stderr: '', timedOut: false });
  });

  it('reports a script that throws (exit code 1) and one that never exits (timed out)', async () => {
    const thrown = await runProbe("throw new Error('boom');\n");
    expect(thrown.code).toBe(1);
    expect(thrown.stderr).toMatch(/boom/);
    const open = await runProbe('setInterval(() => undefined, 1000);\n', 3_000);
    expect(open.timedOut).toBe(true);
  }, 60_000);
});

// The blocks that are jest tests run as tests of this suite.
for (const block of runnable.filter(isJestTest)) {
  describe(where(block), () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(moduleFile(block));
  });
}
