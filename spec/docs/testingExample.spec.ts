/**
 * The first example of docs/testing.md, run as written (its imports mapped to the sources).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const doc = fs.readFileSync(path.resolve(__dirname, '../../docs/testing.md'), 'utf8');
const example = /```ts\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
const file = path.join(__dirname, 'testingExample.generated.ts');

describe('docs/testing.md', () => {
  it('has a first example that is a complete jest test', () => {
    expect(example).toContain("from 'openai-realtime-rx/testing'");
    expect(example).toMatch(/\bit\('/);
  });
});

// The example itself, registered as a test of this suite.
fs.writeFileSync(
  file,
  example.replace("from 'openai-realtime-rx/testing'", "from '../../lib/testing/index'").replace("from 'openai-realtime-rx'", "from '../../lib/index'"),
);
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(file);
} finally {
  fs.rmSync(file, { force: true });
}
