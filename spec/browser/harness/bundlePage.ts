import * as path from 'node:path';
import { browserBundle } from '../../../scripts/browserBundle';

/** Bundle a page script (spec/browser/pages/<name>.ts) for the browser, in memory. */
export function bundlePage(name: string): Promise<string> {
  return browserBundle(path.join(__dirname, '..', 'pages', `${name}.ts`));
}
