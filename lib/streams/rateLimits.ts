import type { OperatorFunction } from 'rxjs';
import type { RateLimit } from '../protocol/response.js';
import type { AnyServerEvent } from './AnyServerEvent.js';
import { is } from './AnyServerEvent.js';
import { collect } from './collect.js';

/**
 * The rate limits the server reports (`rate_limits.updated`), one array per update.
 *
 * @example
 * ```ts
 * import { rateLimits } from 'openai-realtime-rx';
 * events$.pipe(rateLimits()).subscribe((limits) => limits.forEach((l) => console.log(l.name, l.remaining)));
 * ```
 */
export const rateLimits = (): OperatorFunction<AnyServerEvent, readonly RateLimit[]> =>
  collect((e) => (is(e, 'rate_limits.updated') ? e.rate_limits : undefined));
