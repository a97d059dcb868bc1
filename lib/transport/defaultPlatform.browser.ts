import type { Platform } from './Platform.js';
import { createBrowserSocket } from './browserSocket.js';

/** The browser (and React Native) build of {@link defaultPlatform}: native WebSocket, subprotocol auth. */
export const defaultPlatform: Platform = { name: 'browser', browserLike: true, createDefaultSocket: createBrowserSocket };
