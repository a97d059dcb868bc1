/**
 * What the generators (scripts/guardSource.ts, scripts/schemaSource.ts) read off an io-ts codec:
 * io-ts's own fields, and `tag` on the protocol's tagged unions (lib/protocol/combinators.ts).
 *
 * @module
 */
import type * as t from 'io-ts';

/** An io-ts codec seen through the fields the generators walk. */
export type CodecNode = t.Mixed & {
  readonly _tag?: string;
  readonly props?: t.Props;
  readonly types?: readonly t.Mixed[];
  readonly type?: t.Mixed;
  readonly value?: unknown;
  readonly keys?: Record<string, unknown>;
  readonly tag?: string;
};
