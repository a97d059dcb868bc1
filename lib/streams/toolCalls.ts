import type { OperatorFunction } from 'rxjs';
import type { AnyServerEvent } from './AnyServerEvent.js';
import { is } from './AnyServerEvent.js';
import { collect } from './collect.js';

/**
 * A function call the model has finished asking for: run the tool, then answer with
 * `functionCallOutput(call.callId, output)` and ask for a response.
 *
 * @example
 * ```ts
 * import type { ToolCall } from 'openai-realtime-rx';
 * const run = (call: ToolCall) => tools[call.name]?.(JSON.parse(call.arguments));
 * ```
 */
export interface ToolCall {
  readonly name: string;
  readonly callId: string;
  /** The arguments as JSON text, exactly as the model wrote them (parse it yourself: it may be invalid). */
  readonly arguments: string;
  readonly itemId: string;
  readonly responseId: string;
  readonly outputIndex: number;
}

/**
 * Completed function calls, from `response.output_item.done` with a `function_call` item. A call
 * cut off by an interruption (status `incomplete`) is not a call to run and is skipped.
 *
 * @example
 * ```ts
 * import { toolCalls } from 'openai-realtime-rx';
 * events$.pipe(toolCalls()).subscribe((call) => console.log(call.name, call.arguments));
 * ```
 */
export const toolCalls = (): OperatorFunction<AnyServerEvent, ToolCall> =>
  collect((e) => {
    if (!is(e, 'response.output_item.done')) return undefined;
    const { item } = e;
    if (item.type !== 'function_call' || item.status === 'incomplete') return undefined;
    if (typeof item.name !== 'string' || typeof item.call_id !== 'string') return undefined;
    return {
      name: item.name,
      callId: item.call_id,
      arguments: item.arguments ?? '',
      itemId: item.id ?? '',
      responseId: e.response_id,
      outputIndex: e.output_index,
    };
  });
