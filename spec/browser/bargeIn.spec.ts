/**
 * Case 4 of issue #12 in Chromium: the AudioWorklet player renders a reply that arrived much
 * faster than real time; the fake microphone's next sentence is speech over it; bargeIn
 * truncates the item at the player's last reported position, which must be within 40 ms of what
 * the worklet had actually rendered when clear() reached it (and well short of what was received).
 */
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { RealtimeSimulator } from '../../lib/testing';
import type { Chromium } from '../../scripts/chromium';
import { launchChromium } from '../../scripts/chromium';
import { PageServer } from './harness/PageServer';
import { openPage, runInPage } from './harness/openPage';

jest.setTimeout(60_000);

const LONG_REPLY =
  'Here is a long answer, so that there is time to talk over it. The weather today is mild with a light breeze from the west, ' +
  'clouds in the morning and sun in the afternoon, and a chance of rain late in the evening, so take a coat if you go out tonight.';

interface Cut {
  itemId: string;
  audioEndMs: number;
  receivedMs: number;
  playedMs: number;
  basis: string;
  renderedItemId?: string;
  renderedMs?: number;
}

let sim: RealtimeSimulator;
let server: PageServer;
let chromium: Chromium;
let page: Page;

beforeAll(async () => {
  sim = await new RealtimeSimulator({ replyPolicy: () => ({ text: LONG_REPLY }) }).start();
  server = await new PageServer('audio').start();
  chromium = await launchChromium({ fakeMicrophone: path.join(__dirname, '../fixtures/audio/speech-loop.wav') });
  page = await openPage(chromium, server.url);
});

afterAll(async () => {
  await chromium?.close();
  await server?.stop();
  await sim?.stop();
});

test('case 4: speaking over the reply truncates within 40 ms of what the worklet rendered, not at what was received', async () => {
  const cuts = await runInPage<Cut[]>(page, 'bargeInOverPlayback', { simUrl: sim.url, minPlayedMs: 300 });
  process.stdout.write(`barge-in in Chromium: ${cuts.map((c) => `truncated at ${c.audioEndMs} ms, rendered ${c.renderedMs?.toFixed(1)} ms, received ${c.receivedMs} ms`).join('; ')}\n`);
  const heard = cuts.filter((c) => c.playedMs >= 300);
  expect(heard.length).toBeGreaterThanOrEqual(1);
  // once the player has reported on the item, its report is what counts; a speech start that
  // lands before the first report (the item still filling the jitter buffer) uses the wall clock
  expect(heard.map((c) => c.basis)).toEqual(heard.map(() => 'reported'));
  for (const cut of cuts) {
    // clear() answers undefined when the worklet had not begun the item: nothing rendered
    const rendered = cut.renderedItemId === undefined ? 0 : cut.renderedMs!;
    if (cut.renderedItemId !== undefined) expect(cut.renderedItemId).toBe(cut.itemId);
    expect(Math.abs(rendered - cut.audioEndMs)).toBeLessThanOrEqual(40);
    expect(cut.audioEndMs).toBeLessThan(cut.receivedMs); // the reply had arrived far ahead of playback
  }
  // the server was told exactly that
  const truncates = sim.connections.at(-1)!.session.received.filter((e) => e.type === 'conversation.item.truncate');
  expect(truncates.map((t) => [t['item_id'], t['audio_end_ms']])).toEqual(cuts.map((c) => [c.itemId, c.audioEndMs]));
});
