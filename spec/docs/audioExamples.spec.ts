/**
 * Every code block of docs/audio.md runs as written, against the source of the ./audio entry
 * (lib/audio/index.ts), and every `console.log(...); // → x` line prints x.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as rxjs from 'rxjs';
import * as vm from 'node:vm';
import ts from 'typescript';
import * as audio from '../../lib/audio/index';

const modules: Record<string, unknown> = { 'openai-realtime-rx/audio': audio, rxjs };
const guide = fs.readFileSync(path.resolve(__dirname, '../../docs/audio.md'), 'utf8');
const blocks = [...guide.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);

const format = (v: unknown): string => {
  if (ArrayBuffer.isView(v) || Array.isArray(v)) return `[${Array.from(v as ArrayLike<unknown>, format).join(', ')}]`;
  if (typeof v === 'object' && v !== null) return JSON.stringify(v);
  return String(v);
};

/** The block as an async function body: imports become bindings, checked logs become calls. */
const compile = (block: string): string => {
  const lines = block.split('\n').map((line) => {
    const imported = /^import \{ (.+) \} from '(.+)';$/.exec(line);
    if (imported) {
      if (!((imported[2] as string) in modules)) throw new Error(`the guide imports ${imported[2]}`);
      return `const { ${imported[1]} } = __modules[${JSON.stringify(imported[2])}];`;
    }
    const checked = /^(\s*)console\.log\((.*)\);\s*\/\/ → (.*)$/.exec(line);
    return checked ? `${checked[1]}__check([${checked[2]}], ${JSON.stringify(checked[3]?.trim())});` : line;
  });
  return ts.transpileModule(`(async (__modules, __check, console) => {\n${lines.join('\n')}\n});`, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None } }).outputText;
};

describe('docs/audio.md', () => {
  it('has examples, each importing from openai-realtime-rx/audio', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(7);
    for (const block of blocks) expect(block).toMatch(/from 'openai-realtime-rx\/audio'/);
  });

  it.each(blocks.map((b, i) => [i + 1, b] as const))('example %i runs and prints what it says', async (_, block) => {
    const checks: Array<[string, string]> = [];
    const __check = (args: unknown[], expected: string) => checks.push([args.map(format).join(' '), expected]);
    const run = vm.runInThisContext(compile(block)) as (m: typeof modules, check: typeof __check, console: { log: () => void }) => Promise<void>;
    await run(modules, __check, { log: () => undefined });
    expect(checks.length).toBeGreaterThan(0);
    for (const [printed, expected] of checks) expect(printed).toBe(expected);
  });
});
