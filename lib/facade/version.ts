/**
 * This package's version, used in the handshake markers below.
 *
 * @example
 * ```ts
 * import { VERSION } from 'openai-realtime-rx';
 * console.log(`openai-realtime-rx ${VERSION}`);
 * ```
 */
export const VERSION = '0.1.0';

/**
 * The SDK marker headers sent (in Node) with the default socket, in the shape OpenAI's Agents SDK
 * uses, naming this package.
 *
 * @example
 * ```ts
 * import { HEADERS } from 'openai-realtime-rx';
 * HEADERS['User-Agent']; // 'Agents/JavaScript openai-realtime-rx-0.1.0'
 * ```
 */
export const HEADERS: Readonly<Record<string, string>> = {
  'User-Agent': `Agents/JavaScript openai-realtime-rx-${VERSION}`,
  'X-OpenAI-Agents-SDK': `openai-agents-sdk.openai-realtime-rx-${VERSION}`,
};

/**
 * The SDK marker subprotocol sent (in browsers) after the authentication subprotocols.
 *
 * @example
 * ```ts
 * import { WEBSOCKET_META } from 'openai-realtime-rx';
 * WEBSOCKET_META; // 'openai-agents-sdk.openai-realtime-rx-0.1.0'
 * ```
 */
export const WEBSOCKET_META = `openai-agents-sdk.openai-realtime-rx-${VERSION}`;
