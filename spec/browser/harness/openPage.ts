import type { Page } from 'playwright-core';
import type { Chromium } from '../../../scripts/chromium';

/** Open the page server's page and wait until its script has registered its tests. */
export async function openPage(chromium: Chromium, url: string): Promise<Page> {
  const page = await chromium.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.waitForFunction(() => window.pageReady === true, undefined, { timeout: 15_000 }).catch((e: unknown) => {
    throw new Error(`the page did not get ready: ${errors.join('; ') || String(e)}`);
  });
  return page;
}

/** Call a test the page registered and return what it resolved with (JSON). */
export function runInPage<T>(page: Page, name: string, params: Record<string, unknown> = {}): Promise<T> {
  return page.evaluate(([n, p]) => window.tests[n]!(p), [name, params] as const) as Promise<T>;
}
