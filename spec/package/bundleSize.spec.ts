/**
 * Bundle size, asserted: the core `RealtimeClient` bundled for the browser from the sources under
 * lib/ (esbuild, minified, ES module, gzip -9; platform modules swapped as package.json's `browser`
 * field swaps them) stays within its budget. Sizes are byte counts of a deterministic build, so
 * nothing here depends on timing. The sizes of every browser-safe entry point (from
 * scripts/entries.mjs, so a new entry shows up here by itself), the core client and the facade are
 * printed with each run.
 */
import * as path from 'node:path';
import { CORE_GZIP_LIMIT_KB, FACADE_GZIP_LIMIT_KB, bundleCases, bundleSize } from '../../scripts/bundleSize.mjs';
import { ENTRIES } from '../../scripts/entries.mjs';

const root = path.resolve(__dirname, '..', '..');
const kb = (bytes: number) => (bytes / 1024).toFixed(2);

describe('browser bundle sizes (from lib/, esbuild --minify, gzip -9)', () => {
  const cases = bundleCases();
  const sizes = new Map<string, { min: number; gzip: number; inputs: Readonly<Record<string, number>> }>();

  beforeAll(async () => {
    for (const c of cases) sizes.set(c.name, await bundleSize(c.source, { root, from: 'sources' }));
    const lines = cases.map((c) => {
      const s = sizes.get(c.name)!;
      return `  ${c.name.padEnd(34)} ${kb(s.min).padStart(7)} KB min ${kb(s.gzip).padStart(6)} KB gzip`;
    });
    process.stdout.write(`bundle sizes:\n${lines.join('\n')}\n`);
  }, 120_000);

  it('measures every browser-safe entry point of scripts/entries.mjs', () => {
    const measured = cases.filter((c) => c.name.startsWith('entry ')).map((c) => c.subpath);
    expect(measured).toEqual(ENTRIES.filter((e) => !e.node).map((e) => e.subpath));
    expect(measured).toEqual(expect.arrayContaining(['.', './audio']));
    for (const c of cases) expect(sizes.get(c.name)!.gzip).toBeGreaterThan(0);
  });

  it.each([
    ['core: RealtimeClient', CORE_GZIP_LIMIT_KB],
    ['facade: OpenAIRealtimeWebSocket', FACADE_GZIP_LIMIT_KB],
  ])('keeps the %s bundle at or under %s KB gzipped', (name, limit) => {
    const bundle = sizes.get(name)!;
    const largest = Object.entries(bundle.inputs)
      .slice(0, 8)
      .map(([file, bytes]) => `${file} ${kb(bytes)} KB`);
    if (bundle.gzip > limit * 1024) {
      throw new Error(`the ${name} bundle is ${kb(bundle.gzip)} KB gzipped, over its ${limit} KB budget; largest inputs (minified): ${largest.join(', ')}`);
    }
  });

  it('carries no Node-only module and no reconnect code in the core client', () => {
    const files = Object.keys(sizes.get('core: RealtimeClient')!.inputs);
    expect(files.filter((f) => /nodeSocket|defaultPlatform\.ts$|\bws\//.test(f))).toEqual([]);
    // reconnect, rollover and the conversation log are paid for only by apps that configure them
    expect(files.filter((f) => /reconnecting|reconnectPolicy|ConversationLog/.test(f))).toEqual([]);
    expect(files).toContain('lib/transport/defaultPlatform.browser.ts');
  });

  it.each(['core: RealtimeClient', 'facade: OpenAIRealtimeWebSocket'])('validates without io-ts in the %s bundle: the generated schema, not the codecs, the essentials or the guards', (name) => {
    const files = Object.keys(sizes.get(name)!.inputs);
    expect(files.filter((f) => /^io-ts\/|protocol\/(serverEvents|clientEvents|essentials|combinators|primitives|session|items|response|generated\/guards|eventValidation)\.ts$/.test(f))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['lib/protocol/eventValidation.browser.ts', 'lib/protocol/generated/schema.ts', 'lib/protocol/schemaCheck.ts']));
  });
});
