/**
 * The web demo (npm run demo:web) as a user meets it, in Chromium: connect mints an ek_ key
 * through the demo server, a typed message gets a streamed answer, the open microphone's speech
 * is transcribed and answered, and the event log and the status follow.
 */
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { WebDemo } from '../../examples/web-demo/server';
import { startWebDemo } from '../../examples/web-demo/server';
import type { Chromium } from '../../scripts/chromium';
import { launchChromium } from '../../scripts/chromium';

jest.setTimeout(60_000);

let demo: WebDemo;
let chromium: Chromium;
let page: Page;

beforeAll(async () => {
  demo = await startWebDemo({ realtimeFactor: 10 });
  chromium = await launchChromium({ fakeMicrophone: path.join(__dirname, '../fixtures/audio/speech-loop.wav') });
  page = await chromium.context.newPage();
  await page.goto(demo.url);
});

afterAll(async () => {
  await chromium?.close();
  await demo?.stop();
});

const assistantTexts = () => page.$$eval('#transcript p.assistant', (ps) => ps.map((p) => p.textContent ?? ''));
const logLines = () => page.$$eval('#log li', (lis) => lis.map((li) => li.textContent ?? ''));

test('connect, type, and hear back: status, transcript and event log', async () => {
  expect(await page.textContent('#status')).toBe('disconnected');
  await page.click('#connect');
  await page.waitForSelector('#status[data-status="connected"]');
  const connection = demo.simulator.connections.at(-1)!;
  expect(String(connection.headers['sec-websocket-protocol'])).toMatch(/openai-insecure-api-key\.ek_/); // a minted key, not the server's
  await page.fill('#text', 'Tell me a story');
  await page.click('#send');
  await page.waitForFunction(() => document.querySelectorAll('#transcript p.assistant').length >= 1 && [...document.querySelectorAll('#log li')].some((li) => li.textContent?.endsWith('response.done')), undefined, { timeout: 30_000 });
  expect(await page.textContent('#transcript p.user')).toBe('Tell me a story');
  expect((await assistantTexts())[0]!.length).toBeGreaterThan(50);
  const log = await logLines();
  expect(log.some((l) => l.endsWith('session.created'))).toBe(true);
  expect(log.some((l) => /response\.output_audio\.delta ×\d+$/.test(l))).toBe(true); // a run of deltas is one line
});

test('open mic: the fake microphone is heard, transcribed and answered', async () => {
  const answersBefore = (await assistantTexts()).length;
  await page.click('#mic');
  expect(await page.getAttribute('#mic', 'aria-pressed')).toBe('true');
  await page.waitForFunction((n) => document.querySelectorAll('#transcript p.user').length >= 2 && document.querySelectorAll('#transcript p.assistant').length > n, answersBefore, { timeout: 30_000 });
  await page.click('#mic');
  expect(await page.getAttribute('#mic', 'aria-pressed')).toBe('false');
  const log = await logLines();
  expect(log.some((l) => l.endsWith('input_audio_buffer.speech_started'))).toBe(true);
  expect(await page.textContent('#meter')).toMatch(/s sent$/);
});

test('disconnect returns the page to its first state', async () => {
  await page.click('#disconnect');
  await page.waitForSelector('#status[data-status="disconnected"]');
  expect(await page.isDisabled('#mic')).toBe(true);
  expect(await page.isEnabled('#connect')).toBe(true);
});
