import type { WebSocketFactory } from './WebSocketLike.js';

/**
 * What the transport needs to know about the runtime: how to open a socket by default, and
 * whether it is browser-like (where an API key travels in the subprotocol list and is visible to
 * the page, so only ephemeral `ek_` keys are accepted unless the caller opts in).
 *
 * @example
 * ```ts
 * import { defaultPlatform } from 'openai-realtime-rx';
 * console.log(defaultPlatform.name); // 'node' in Node, 'browser' in a browser bundle
 * ```
 */
export interface Platform {
  readonly name: 'node' | 'browser';
  readonly browserLike: boolean;
  readonly createDefaultSocket: WebSocketFactory;
}
