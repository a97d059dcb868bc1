/**
 * The contract between a page and its spec: a page registers named async functions on
 * `window.tests`, then sets `window.pageReady`; the spec calls them with `page.evaluate` and
 * gets back plain JSON.
 */
export type PageTests = Record<string, (params: Record<string, unknown>) => Promise<unknown>>;

declare global {
  interface Window {
    tests: PageTests;
    pageReady: boolean;
  }
}

/** Register the page's tests and say it is ready. */
export function registerTests(tests: PageTests): void {
  window.tests = tests;
  window.pageReady = true;
}

