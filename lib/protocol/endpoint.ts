/**
 * The Realtime API's WebSocket endpoint.
 *
 * @example
 * ```ts
 * const url = `${REALTIME_URL}?model=gpt-realtime`;
 * ```
 */
export const REALTIME_URL = 'wss://api.openai.com/v1/realtime';

/**
 * The model used when none is given (the newest GA realtime model at the time of writing).
 *
 * @example
 * ```ts
 * new RealtimeClient({ model: DEFAULT_REALTIME_MODEL });
 * ```
 */
export const DEFAULT_REALTIME_MODEL = 'gpt-realtime-2.1';

/**
 * The URL to connect to: an explicit `url` wins, then a SIP `callId`, then the model endpoint.
 * Values are not URL-encoded (as OpenAI's SDK does not).
 *
 * @example
 * ```ts
 * import { realtimeUrl } from 'openai-realtime-rx';
 * realtimeUrl({ model: 'gpt-realtime' }); // 'wss://api.openai.com/v1/realtime?model=gpt-realtime'
 * realtimeUrl({ callId: 'call_1' });      // 'wss://api.openai.com/v1/realtime?call_id=call_1'
 * ```
 */
export function realtimeUrl(options: { readonly url?: string; readonly callId?: string; readonly model?: string }): string {
  if (options.url !== undefined) return options.url;
  if (options.callId !== undefined) return `${REALTIME_URL}?call_id=${options.callId}`;
  return `${REALTIME_URL}?model=${options.model ?? DEFAULT_REALTIME_MODEL}`;
}
