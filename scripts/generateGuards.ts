/**
 * `npm run guards`: writes lib/protocol/generated/guards.ts, the guards generated from the server
 * and client event codecs (see scripts/guardSource.ts). Run it after changing a codec in
 * lib/protocol; spec/protocol/guards.spec.ts fails while the checked-in file is stale.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as t from 'io-ts';
import { clientEventCodecs } from '../lib/protocol/clientEvents';
import { serverEventCodecs } from '../lib/protocol/serverEvents';
import { guardSource } from './guardSource';

/** Where the generated module lives. */
export const GUARDS_FILE = path.resolve(__dirname, '../lib/protocol/generated/guards.ts');

/** The generated module's text for the protocol's own codecs. */
export const protocolGuardSource = (): string =>
  guardSource(Object.entries(serverEventCodecs) as Array<[string, t.Mixed]>, Object.entries(clientEventCodecs));

if (require.main === module) {
  const source = protocolGuardSource();
  fs.mkdirSync(path.dirname(GUARDS_FILE), { recursive: true });
  fs.writeFileSync(GUARDS_FILE, source);
  console.log(`wrote ${path.relative(process.cwd(), GUARDS_FILE)} (${source.length} characters)`);
}
