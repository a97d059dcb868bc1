/**
 * `npm run docs:screenshot`: refresh docs/images/web-demo.png. Starts the web demo against the
 * simulator, opens it in headless Chromium with the fake microphone speaking
 * (spec/fixtures/audio/speech-loop.wav), connects, turns the microphone on, types a question,
 * and photographs the page once the assistant has answered both.
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
    await page.click('#mic');
    await page.waitForFunction(() => document.querySelectorAll('#transcript p.assistant').length >= 1, undefined, { timeout: 30_000 });
    await page.fill('#text', 'What can you do?');
    await page.click('#send');
    await page.waitForFunction(() => document.querySelectorAll('#transcript p.assistant').length >= 2, undefined, { timeout: 30_000 });
    await page.click('#mic'); // microphone off, so the picture is of a settled page
    // the picture is taken once both replies are complete (their response.done is in the log)
    await page.waitForFunction(() => [...document.querySelectorAll('#log li')].filter((li) => li.textContent?.endsWith('response.done')).length >= 2, undefined, { timeout: 30_000 });
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
