/**
 * `openai-realtime-rx/angular`: the client as an Angular service with signals, browser-safe and
 * SSR-safe. Optional: it needs `@angular/core` (an optional peer dependency, majors 20 to 22);
 * nothing else in the package imports it.
 *
 * @packageDocumentation
 */
export { provideRealtime } from './provideRealtime.js';
export { RealtimeService } from './RealtimeService.js';
export { REALTIME_CONFIG, REALTIME_CLIENT_FACTORY, DEFAULT_MAX_CONVERSATION_ITEMS } from './tokens.js';
export type { RealtimeAngularConfig, RealtimeClientFactory } from './tokens.js';
export type { ConversationEntry } from './ConversationEntry.js';
export type { RealtimeAttachment } from './RealtimeAttachment.js';
