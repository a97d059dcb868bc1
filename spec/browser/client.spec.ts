/**
 * The core client in a real browser (Debian's Chromium, driven by playwright-core): a page bundled
 * with esbuild from the package's sources talks to the embedded simulator over the browser's own
 * WebSocket.
 */
import type { Page } from 'playwright-core';
import { mintClientSecret } from '../../lib/node';
import { RealtimeSimulator } from '../../lib/testing';
import type { Chromium } from '../../scripts/chromium';
import { launchChromium } from '../../scripts/chromium';
import { PageServer } from './harness/PageServer';
import { openPage, runInPage } from './harness/openPage';

jest.setTimeout(60_000);

let sim: RealtimeSimulator;
let server: PageServer;
let chromium: Chromium;
let page: Page;
let minted: string[];

beforeAll(async () => {
  sim = await new RealtimeSimulator().start();
  server = await new PageServer('client', {
    // the page's own server (the app's backend) mints an ephemeral key with its regular key
    '/session': async (_req, res) => {
      const secret = await mintClientSecret({ apiKey: 'sk-backend-only', baseUrl: sim.httpUrl, session: { type: 'realtime', instructions: 'Tell stories.' } });
      minted.push(secret.value);
      res.writeHead(200, { 'content-type': 'text/plain' }).end(secret.value);
    },
  }).start();
  chromium = await launchChromium();
  page = await openPage(chromium, server.url);
});

beforeEach(() => {
  minted = [];
});

afterAll(async () => {
  await chromium?.close();
  await server?.stop();
  await sim?.stop();
});

test('case 1: an ek_ key from the page server connects, and a text and audio reply streams in', async () => {
  const before = sim.connections.length;
  const result = await runInPage<{ transcript: string; audioBytes: number; audioChunks: number; turnStatus: string; statusBefore: string; browserLike: boolean }>(page, 'ephemeralConversation', { simUrl: sim.url });
  expect(result.browserLike).toBe(true);
  expect(result.statusBefore).toBe('connected');
  expect(result.turnStatus).toBe('completed');
  expect(result.transcript.length).toBeGreaterThan(50);
  expect(result.audioBytes).toBeGreaterThan(48_000); // over a second of 24 kHz PCM16
  expect(result.audioBytes % 2).toBe(0);
  expect(minted).toEqual([expect.stringMatching(/^ek_/)]);
  const connection = sim.connections[before];
  expect(sim.connections.length).toBe(before + 1);
  // the browser sends the minted key as a subprotocol (it cannot set headers); the backend's key never leaves it
  const offered = String(connection?.headers['sec-websocket-protocol']);
  expect(offered).toContain(`openai-insecure-api-key.${minted[0]}`);
  expect(offered).not.toContain('sk-backend-only');
  expect(connection?.headers.authorization).toBeUndefined();
  // the session is the one the secret was minted for
  expect(connection?.session.session['instructions']).toBe('Tell stories.');
});

test('case 2: a regular key is refused in the page with the documented error, and no socket is opened', async () => {
  const before = sim.connections.length;
  const result = await runInPage<{
    clientError: { name: string; code?: string; message: string } | null;
    facadeError: { name: string; message: string } | null;
    clientStatus: string;
    facadeStatus: string;
  }>(page, 'regularKey', { simUrl: sim.url });
  expect(result.clientError).toEqual(expect.objectContaining({ code: 'RT_ERR_CONNECT' }));
  expect(result.clientError?.message).toContain('ephemeral key');
  expect(result.clientError?.message).not.toContain('sk-proj-not-for-browsers');
  expect(result.facadeError?.message).toBe(
    'Using the WebSocket connection in a browser environment requires an ephemeral client key. If you have to use a regular API key, set the `useInsecureApiKey` option to true.',
  );
  expect(result.clientStatus).toBe('disconnected');
  expect(result.facadeStatus).toBe('disconnected');
  expect(sim.connections.length).toBe(before);
});
