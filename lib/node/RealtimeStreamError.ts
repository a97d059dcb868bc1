/**
 * The error a Node stream of this package is destroyed with when the client refuses its work.
 *
 * @module
 */
import type { RealtimeError } from '../client/RealtimeError.js';

/**
 * A stream failure that carries the client's typed report: `code` is the report's stable code
 * (`RT_ERR_NOT_CONNECTED`, `RT_ERR_QUEUE_FULL`, `RT_ERR_SEND`, `RT_ERR_COMMAND_SHAPE`…) and
 * `report` the value that was also put on `client.errors$`.
 *
 * @example
 * ```ts
 * import { RealtimeStreamError } from 'openai-realtime-rx/node';
 * import { pipeline } from 'node:stream/promises';
 * await pipeline(mic, audioWritable(client, { inputFormat: 'pcmu' })).catch((e: unknown) => {
 *   if (e instanceof RealtimeStreamError && e.code === 'RT_ERR_NOT_CONNECTED') reconnect();
 * });
 * ```
 */
export class RealtimeStreamError extends Error {
  override readonly name = 'RealtimeStreamError';
  readonly code: RealtimeError['code'];

  constructor(readonly report: RealtimeError) {
    super(report.message);
    this.code = report.code;
  }
}
