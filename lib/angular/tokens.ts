import { InjectionToken } from '@angular/core';
import type { RealtimeClient } from '../client/RealtimeClient.js';
import type { RealtimeClientConfig } from '../client/RealtimeClientConfig.js';

/**
 * What {@link provideRealtime} takes: the {@link RealtimeClient}'s options, plus the bound on the
 * conversation the service keeps for templates.
 *
 * @example
 * ```ts
 * import type { RealtimeAngularConfig } from 'openai-realtime-rx/angular';
 * const config: RealtimeAngularConfig = { apiKey: () => fetchEphemeralKey(), session: { output_modalities: ['text'] }, maxConversationItems: 50 };
 * ```
 */
export interface RealtimeAngularConfig extends RealtimeClientConfig {
  /**
   * How many conversation items {@link RealtimeService.conversation} keeps; past it, the oldest
   * are dropped. Default {@link DEFAULT_MAX_CONVERSATION_ITEMS}.
   */
  readonly maxConversationItems?: number;
}

/**
 * The default bound on {@link RealtimeService.conversation}: 200 items.
 *
 * @example
 * ```ts
 * import { provideRealtime, DEFAULT_MAX_CONVERSATION_ITEMS } from 'openai-realtime-rx/angular';
 * provideRealtime({ apiKey: 'ek_…', maxConversationItems: DEFAULT_MAX_CONVERSATION_ITEMS * 2 });
 * ```
 */
export const DEFAULT_MAX_CONVERSATION_ITEMS = 200;

/**
 * Makes the client a {@link RealtimeService} runs on. The service owns what it returns: it
 * disposes the client when its injector is destroyed.
 *
 * @example
 * ```ts
 * import { RealtimeClient } from 'openai-realtime-rx';
 * import type { RealtimeClientFactory } from 'openai-realtime-rx/angular';
 * const factory: RealtimeClientFactory = (config) => new RealtimeClient({ ...config, connectTimeoutMs: 5_000 });
 * ```
 */
export type RealtimeClientFactory = (config: RealtimeClientConfig) => RealtimeClient;

/**
 * The configuration {@link provideRealtime} registers. Inject it to read what the app was given.
 *
 * @example
 * ```ts
 * import { inject } from '@angular/core';
 * import { REALTIME_CONFIG } from 'openai-realtime-rx/angular';
 * const model = inject(REALTIME_CONFIG).model;
 * ```
 */
export const REALTIME_CONFIG = new InjectionToken<RealtimeAngularConfig>('openai-realtime-rx REALTIME_CONFIG');

/**
 * Replaces how the {@link RealtimeService} makes its client (default: `new RealtimeClient(config)`):
 * for tests (a client on the simulator, a fake socket), for server-side rendering, or to share
 * a client built elsewhere. Provide it in the same injector as {@link provideRealtime} or above it.
 *
 * @example
 * ```ts
 * import { RealtimeClient } from 'openai-realtime-rx';
 * import { provideRealtime, REALTIME_CLIENT_FACTORY } from 'openai-realtime-rx/angular';
 * const providers = [
 *   provideRealtime({ apiKey: 'test' }),
 *   { provide: REALTIME_CLIENT_FACTORY, useValue: (config: object) => new RealtimeClient({ ...config, url: 'ws://127.0.0.1:8080/v1/realtime' }) },
 * ];
 * ```
 */
export const REALTIME_CLIENT_FACTORY = new InjectionToken<RealtimeClientFactory>('openai-realtime-rx REALTIME_CLIENT_FACTORY');
