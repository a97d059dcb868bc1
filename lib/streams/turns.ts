import type { OperatorFunction } from 'rxjs';
import type { RealtimeResponse, Usage } from '../protocol/response.js';
import type { AnyServerEvent } from './AnyServerEvent.js';
import { is } from './AnyServerEvent.js';
import { collect } from './collect.js';

/**
 * A response starting or finishing. `done` always comes (whatever the outcome) and carries the
 * final status and token usage.
 *
 * @example
 * ```ts
 * import type { Turn } from 'openai-realtime-rx';
 * const onTurn = (t: Turn) => t.phase === 'done' && console.log(t.status, t.usage?.total_tokens);
 * ```
 */
export type Turn =
  | { readonly phase: 'started'; readonly responseId: string; readonly response: RealtimeResponse }
  | {
      readonly phase: 'done';
      readonly responseId: string;
      /** `completed`, `cancelled` (for example by the user speaking), `failed` or `incomplete`. */
      readonly status: RealtimeResponse['status'];
      /** Why it ended that way, when the server says (`turn_detected`, `client_cancelled`, …). */
      readonly reason?: string;
      readonly usage?: Usage;
      readonly response: RealtimeResponse;
    }
  | InterruptedTurn;

/**
 * A response the connection took with it: the connection was lost (`connection-lost`) or closed
 * (`closed`) before the response was done. It will not finish, and it is not requested again.
 * `RealtimeClient.turns$` emits these when a connection ends; the {@link turns} operator, which
 * sees only server events, does not.
 *
 * @example
 * ```ts
 * import type { InterruptedTurn } from 'openai-realtime-rx';
 * const note = (t: InterruptedTurn) => console.warn(`response ${t.responseId} lost: ${t.reason}`);
 * ```
 */
export interface InterruptedTurn {
  readonly phase: 'interrupted';
  readonly responseId: string;
  readonly reason: 'connection-lost' | 'closed';
}

/**
 * Response turns, from `response.created` and `response.done`.
 *
 * @example
 * ```ts
 * import { turns } from 'openai-realtime-rx';
 * events$.pipe(turns()).subscribe((t) => console.log(t.phase, t.responseId));
 * ```
 */
export const turns = (): OperatorFunction<AnyServerEvent, Exclude<Turn, InterruptedTurn>> =>
  collect((e): Exclude<Turn, InterruptedTurn> | undefined => {
    if (is(e, 'response.created')) return { phase: 'started', responseId: e.response.id ?? '', response: e.response };
    if (!is(e, 'response.done')) return undefined;
    const { response } = e;
    const reason = response.status_details?.reason;
    return {
      phase: 'done',
      responseId: response.id ?? '',
      status: response.status,
      ...(typeof reason === 'string' ? { reason } : {}),
      ...(response.usage ? { usage: response.usage } : {}),
      response,
    };
  });

/**
 * Token usage per finished response, in the camelCase shape OpenAI's Agents SDK reports.
 *
 * @example
 * ```ts
 * import type { ResponseUsage } from 'openai-realtime-rx';
 * const add = (total: number, u: ResponseUsage) => total + u.totalTokens;
 * ```
 */
export interface ResponseUsage {
  readonly responseId: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly totalTokens: number;
  readonly inputTokensDetails: NonNullable<Usage['input_token_details']> | Record<string, never>;
  readonly outputTokensDetails: NonNullable<Usage['output_token_details']> | Record<string, never>;
}

/**
 * Usage of every response that reports it (`response.done` with `usage`).
 *
 * @example
 * ```ts
 * import { scan } from 'rxjs';
 * import { usage } from 'openai-realtime-rx';
 * events$.pipe(usage(), scan((sum, u) => sum + u.totalTokens, 0)).subscribe(console.log);
 * ```
 */
export const usage = (): OperatorFunction<AnyServerEvent, ResponseUsage> =>
  collect((e) => {
    if (!is(e, 'response.done') || !e.response.usage) return undefined;
    const u = e.response.usage;
    const inputTokens = u.input_tokens ?? 0;
    const outputTokens = u.output_tokens ?? 0;
    return {
      responseId: e.response.id ?? '',
      inputTokens,
      outputTokens,
      totalTokens: u.total_tokens ?? inputTokens + outputTokens,
      inputTokensDetails: u.input_token_details ?? {},
      outputTokensDetails: u.output_token_details ?? {},
    };
  });
