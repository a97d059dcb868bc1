/**
 * Every TypeScript block of README.md and docs/*.md runs as written (imports mapped to the
 * sources), the way a reader would paste it: it type-checks, and a script block finishes and
 * exits by itself (so it closes what it opens) with exit code 0 and nothing on stderr; a block
 * that is a jest test runs as tests of this suite. Blocks marked `ts no-run` are counted, and the
 * counts below make marking one a visible decision. See spec/docs/codeBlocks.ts.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import type { CodeBlock } from './codeBlocks';
import { codeBlocks, guides, isJestTest, moduleFile, moduleOf, runs } from './codeBlocks';

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
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
      'docs/facade.md': { ran: 0, notRun: 2 },
      'docs/protocol.md': { ran: 1, notRun: 2 },
      'docs/streams.md': { ran: 0, notRun: 6 },
      'docs/testing.md': { ran: 3, notRun: 2 },
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
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string; killed: boolean }>((resolve) => {
      const env = { ...process.env };
      delete env['OPENAI_API_KEY'];
      const child = execFile(tsx, [moduleFile(block)], { cwd: root, env, timeout: 30_000 }, (error, stdout, stderr) =>
        resolve({ code: child.exitCode, stdout, stderr, killed: error?.killed ?? false }),
      );
    });
    if (result.killed) throw new Error(`${where(block)} did not exit within 30 s: it leaves something open\n${result.stdout}`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    if (/console\.log/.test(block.code)) expect(result.stdout).not.toBe('');
  }, 60_000);
});

// The blocks that are jest tests run as tests of this suite.
for (const block of runnable.filter(isJestTest)) {
  describe(where(block), () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(moduleFile(block));
  });
}
