import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Debian's Chromium, installed by `.ci/run` (`apt-get install chromium`); `CHROMIUM_PATH` overrides. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Flags that keep Chromium off the (closed) network and out of first-run work. */
const QUIET = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export interface LaunchOptions {
  /** A WAV file Chromium's fake microphone plays (looped). Without it no microphone exists. */
  readonly fakeMicrophone?: string;
  /** Deny the microphone permission instead of granting it. */
  readonly denyMicrophone?: boolean;
}

/** A browser context with its own profile folder, removed on close. */
export interface Chromium {
  readonly context: BrowserContext;
  readonly version: string;
  close(): Promise<void>;
}

/**
 * Launch Debian's Chromium through playwright-core (which downloads nothing). A missing binary
 * fails the test with the command that installs it: browser tests never skip.
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<Chromium> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\` (as .ci/run does) or set CHROMIUM_PATH.`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rx-chromium-'));
  const args = [...QUIET, '--autoplay-policy=no-user-gesture-required'];
  if (options.fakeMicrophone !== undefined) {
    args.push('--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${options.fakeMicrophone}`);
    if (options.denyMicrophone !== true) args.push('--use-fake-ui-for-media-stream');
  }
  if (options.denyMicrophone === true) args.push('--deny-permission-prompts');
  try {
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args });
    const version = context.browser()?.version() ?? (await versionOf(context));
    return {
      context,
      version,
      close: async () => {
        await context.close();
        fs.rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

async function versionOf(context: BrowserContext): Promise<string> {
  const page = context.pages()[0] ?? (await context.newPage());
  return page.evaluate(() => navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? 'unknown');
}
