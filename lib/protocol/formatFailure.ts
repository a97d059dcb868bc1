import type { DecodeFailure, DecodeWarning, EncodeFailure } from './failures.js';

/**
 * Turn a decode or encode failure, or a drift warning, into readable text: the code, the event
 * type, every failing (or drifting) field, and (for failed inbound frames) the start of the raw
 * frame.
 *
 * @example
 * ```ts
 * import { decodeServerEvent, formatFailure } from 'openai-realtime-rx';
 * const r = decodeServerEvent('{"type":"conversation.item.deleted","event_id":"e"}');
 * if (r._tag === 'Left') console.error(formatFailure(r.left));
 * // RT_ERR_SHAPE conversation.item.deleted
 * //   /item_id: expected string, got undefined
 * //   raw: {"type":"conversation.item.deleted","event_id":"e"}
 * ```
 */
export function formatFailure(failure: DecodeFailure | EncodeFailure | DecodeWarning): string {
  if (failure._tag === 'DecodeWarning') {
    const lines = [`${failure.code} ${failure.type}${failure.eventId === undefined ? '' : ` ${failure.eventId}`} (delivered; these fields drift from the schema)`];
    for (const issue of failure.issues) lines.push(`  ${issue.path}: expected ${issue.expected}, got ${issue.actual}`);
    return lines.join('\n');
  }
  const head = failure.type === undefined ? `${failure.code} ${failure.message}` : `${failure.code} ${failure.type}`;
  const lines = [head];
  for (const issue of failure.issues) lines.push(`  ${issue.path}: expected ${issue.expected}, got ${issue.actual}`);
  if (failure.type !== undefined && failure.issues.length === 0) lines.push(`  ${failure.message}`);
  if (failure._tag === 'DecodeFailure') lines.push(`  raw: ${failure.raw}`);
  return lines.join('\n');
}
