import type { EnvironmentProviders } from '@angular/core';
import { makeEnvironmentProviders } from '@angular/core';
import { RealtimeService } from './RealtimeService.js';
import type { RealtimeAngularConfig } from './tokens.js';
import { REALTIME_CONFIG } from './tokens.js';

/**
 * The providers of one shared {@link RealtimeService}: for `bootstrapApplication` (one client for
 * the app) or a route's `providers` (one client for that route, disposed when the route's
 * injector is destroyed). The configuration may be a function, called once in an injection
 * context when the service is first injected, so it can `inject()` what it needs.
 *
 * Replace how the client is made with {@link REALTIME_CLIENT_FACTORY}.
 *
 * @throws TypeError synchronously if the configuration is neither an object nor a function.
 *
 * @example
 * ```ts
 * import { bootstrapApplication } from '@angular/platform-browser';
 * import { inject, provideZonelessChangeDetection } from '@angular/core';
 * import { provideRealtime } from 'openai-realtime-rx/angular';
 *
 * bootstrapApplication(AppComponent, {
 *   providers: [
 *     provideZonelessChangeDetection(),
 *     provideRealtime(() => ({ apiKey: () => inject(KeyService).ephemeralKey(), session: { instructions: 'Be brief.' } })),
 *   ],
 * });
 * ```
 */
export function provideRealtime(config: RealtimeAngularConfig | (() => RealtimeAngularConfig)): EnvironmentProviders {
  if (typeof config !== 'function' && (typeof config !== 'object' || config === null)) {
    throw new TypeError(`provideRealtime: expected a configuration object or a function returning one, got ${config === null ? 'null' : typeof config}.`);
  }
  return makeEnvironmentProviders([
    { provide: REALTIME_CONFIG, useFactory: typeof config === 'function' ? config : () => config },
    { provide: RealtimeService, useFactory: () => new RealtimeService() },
  ]);
}
