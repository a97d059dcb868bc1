import type { Platform } from './Platform.js';
import { createNodeSocket } from './nodeSocket.js';

/**
 * The runtime this build targets. This file is the Node build; the package's `browser` and
 * `react-native` fields swap in `defaultPlatform.browser`, so browser bundles never include `ws`.
 *
 * @example
 * ```ts
 * import { defaultPlatform } from 'openai-realtime-rx';
 * if (defaultPlatform.browserLike) console.log('use an ephemeral ek_ key');
 * ```
 */
export const defaultPlatform: Platform = { name: 'node', browserLike: false, createDefaultSocket: createNodeSocket };
