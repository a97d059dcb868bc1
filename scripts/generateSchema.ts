/**
 * `npm run schema`: writes lib/protocol/generated/schema.ts, the compact schemas generated from the
 * server (full and essentials) and client event codecs (see scripts/schemaSource.ts). Run it after
 * changing a codec in lib/protocol; spec/protocol/schema.spec.ts fails while the checked-in file
 * is stale.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as t from 'io-ts';
import { clientEventCodecs } from '../lib/protocol/clientEvents';
import { essentialCodec } from '../lib/protocol/essentials';
import { serverEventCodecs } from '../lib/protocol/serverEvents';
import { schemaSource } from './schemaSource';

/** Where the generated module lives. */
export const SCHEMA_FILE = path.resolve(__dirname, '../lib/protocol/generated/schema.ts');

/** The generated module's text for the protocol's own codecs. */
export const protocolSchemaSource = (): string =>
  schemaSource(
    (Object.entries(serverEventCodecs) as Array<[string, t.Mixed]>).map(([type, codec]) => {
      const essentials = essentialCodec(type);
      if (essentials === undefined) throw new Error(`generateSchema: no essentials for ${type}`);
      return [type, codec, essentials] as const;
    }),
    Object.entries(clientEventCodecs),
  );

if (require.main === module) {
  const source = protocolSchemaSource();
  fs.mkdirSync(path.dirname(SCHEMA_FILE), { recursive: true });
  fs.writeFileSync(SCHEMA_FILE, source);
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)} (${source.length} characters)`);
}
