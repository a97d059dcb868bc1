/**
 * Microphone and playback in a real browser (Debian's Chromium through playwright-core): the
 * fake capture device plays a spoken sentence (spec/fixtures/audio/speech-loop.wav, made with
 * espeak-ng), and the AudioWorklet player renders into Chromium's audio output.
 */
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { RealtimeSimulator } from '../../lib/testing';
import type { Chromium } from '../../scripts/chromium';
import { launchChromium } from '../../scripts/chromium';
import { PageServer } from './harness/PageServer';
import { openPage, runInPage } from './harness/openPage';

jest.setTimeout(60_000);

const SPEECH = path.join(__dirname, '../fixtures/audio/speech-loop.wav');

let sim: RealtimeSimulator;
let server: PageServer;

beforeAll(async () => {
  sim = await new RealtimeSimulator().start();
  server = await new PageServer('audio').start();
});

afterAll(async () => {
  await server?.stop();
  await sim?.stop();
});

describe('with a microphone and autoplay allowed', () => {
  let chromium: Chromium;
  let page: Page;
  beforeAll(async () => {
    chromium = await launchChromium({ fakeMicrophone: SPEECH });
    page = await openPage(chromium, server.url);
  });
  afterAll(() => chromium?.close());

  test('case 3: getUserMedia -> AudioWorklet -> PCM16 24 kHz -> the client; the simulator VAD hears the speech and answers', async () => {
    const result = await runInPage<{ frames: number; frameSizes: number[]; speechStartMs: number; speechEndMs: number; turnStatus: string; tracksEnded: boolean }>(page, 'microphoneToSimulator', {
      simUrl: sim.url,
    });
    expect(result.frameSizes).toEqual([960]); // 20 ms of 24 kHz PCM16, every frame
    expect(result.frames).toBeGreaterThan(50); // speech, then the silence that ends the turn
    expect(result.speechEndMs - result.speechStartMs).toBeGreaterThan(500);
    expect(result.turnStatus).toBe('completed');
    expect(result.tracksEnded).toBe(true); // unsubscribing released the device
    const session = sim.connections.at(-1)!.session;
    expect(session.received.filter((e) => e.type === 'input_audio_buffer.append').length).toBeGreaterThan(100);
  });

  test('the player renders PCM16 and G.711 items to their end, with positions from the audio thread', async () => {
    const result = await runInPage<{ pcmPlayedMs: number; ulawPlayedMs: number; pcmReports: number; underruns: number; rate: number }>(page, 'playerPlaysItems');
    expect(result.rate).toBe(24000);
    expect(result.pcmPlayedMs).toBeCloseTo(400, 0);
    expect(Math.abs(result.ulawPlayedMs - 300)).toBeLessThan(2); // 8 kHz μ-law resampled to 24 kHz
    expect(result.pcmReports).toBeGreaterThanOrEqual(20); // every ~10 ms over 400 ms
    expect(result.underruns).toBe(0);
  });

  test('clear() stops mid-item and resolves with the rendered position; nothing is reported after it', async () => {
    const result = await runInPage<{ reachedMs: number; cleared: { itemId: string; playedMs: number } | undefined; reportsAfterClear: number }>(page, 'playerClears');
    expect(result.cleared?.itemId).toBe('item_long');
    expect(result.cleared!.playedMs).toBeGreaterThanOrEqual(result.reachedMs);
    expect(result.cleared!.playedMs).toBeLessThan(3000);
    expect(result.reportsAfterClear).toBe(0);
  });
});

describe('with the audio context suspended (as before a user gesture)', () => {
  let chromium: Chromium;
  let autoplayServer: PageServer;
  let page: Page;
  beforeAll(async () => {
    autoplayServer = await new PageServer('autoplay').start();
    chromium = await launchChromium();
    page = await openPage(chromium, autoplayServer.url);
  });
  afterAll(async () => {
    await chromium?.close();
    await autoplayServer?.stop();
  });

  test('case 5: the suspended context is reported, nothing counts as played, and a click resumes it', async () => {
    const before = await runInPage<{ states: string[]; positions: number; clockBefore: number; clockAfter: number }>(page, 'suspended');
    expect(before.states).toEqual(['suspended']);
    expect(before.positions).toBe(0);
    expect(before.clockAfter).toBe(before.clockBefore); // the audio thread did not run
    await page.click('#gesture'); // a trusted click: the page's handler calls player.resume()
    const after = await runInPage<{ playedMs: number; states: string[] }>(page, 'afterGesture');
    expect(after.playedMs).toBeCloseTo(300, 0);
    expect(after.states).toEqual(['suspended', 'running']);
  });
});

describe('with the microphone permission denied', () => {
  let chromium: Chromium;
  let page: Page;
  beforeAll(async () => {
    chromium = await launchChromium({ fakeMicrophone: SPEECH, denyMicrophone: true });
    page = await openPage(chromium, server.url);
  });
  afterAll(() => chromium?.close());

  test('microphone$ ends with a typed permission error', async () => {
    const result = await runInPage<{ name: string; code: string; causeName?: string }>(page, 'microphoneDenied');
    expect(result).toEqual({ name: 'MicrophoneError', code: 'RT_ERR_MIC_PERMISSION', causeName: 'NotAllowedError' });
  });
});
