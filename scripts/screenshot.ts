/**
 * `npm run docs:screenshot`: refresh docs/images/web-demo.png. Starts the web demo against the
 * simulator, opens it in headless Chromium with the fake microphone speaking
 * (spec/fixtures/audio/speech-loop.wav), connects, speaks until one answer is complete, types a
 * question, and photographs the page once that answer is complete too.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startWebDemo } from '../examples/web-demo/server';
import { launchChromium } from './chromium';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const out = path.join(root, 'docs', 'images', 'web-demo.png');
  const demo = await startWebDemo({ realtimeFactor: 4 });
  const chromium = await launchChromium({ fakeMicrophone: path.join(root, 'spec', 'fixtures', 'audio', 'speech-loop.wav') });
  try {
    const page = await chromium.context.newPage();
    await page.setViewportSize({ width: 1100, height: 640 });
    await page.goto(demo.url);
    await page.click('#connect');
    await page.waitForSelector('#status[data-status="connected"]');
    // speak (the fake microphone) until one answer has streamed in full, then stop talking
    await page.click('#mic');
    await page.waitForFunction(() => [...document.querySelectorAll('#transcript p.assistant')].some((p) => (p.textContent ?? '').length > 40), undefined, { timeout: 30_000 });
    await page.click('#mic');
    // then type a question, and take the picture once its answer is complete
    await page.fill('#text', 'What can you do?');
    await page.click('#send');
    await page.waitForFunction(
      () => {
        const last = document.querySelector('#transcript p:last-child');
        return last?.classList.contains('assistant') === true && (last.textContent ?? '').includes('What can you do?') && document.querySelector('#log li')?.textContent?.endsWith('response.done') === true;
      },
      undefined,
      { timeout: 30_000 },
    );
    fs.mkdirSync(path.dirname(out), { recursive: true });
    await page.screenshot({ path: out });
    console.log(`wrote ${path.relative(root, out)} (Chromium ${chromium.version})`);
  } finally {
    await chromium.close();
    await demo.stop();
  }
}

main().catch((error: Error) => {
  console.error(`screenshot: ${error.message}`);
  process.exit(1);
});
