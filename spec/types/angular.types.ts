/**
 * Type tests for openai-realtime-rx/angular, checked by `npm run typecheck`: provideRealtime fits
 * where Angular takes environment providers, the signals have the types templates rely on, and
 * the tokens carry their types.
 */
import type { EnvironmentProviders, Signal } from '@angular/core';
import { createEnvironmentInjector, inject, Injector, type EnvironmentInjector } from '@angular/core';
import type { ConnectionStatus, RealtimeError } from '../../lib/index';
import { RealtimeClient } from '../../lib/index';
import type { ConversationEntry, RealtimeClientFactory } from '../../lib/angular/index';
import { provideRealtime, REALTIME_CLIENT_FACTORY, REALTIME_CONFIG, RealtimeService } from '../../lib/angular/index';

const providers: EnvironmentProviders = provideRealtime({ apiKey: 'k', maxConversationItems: 10 });
provideRealtime(() => ({ apiKey: () => inject(REALTIME_CONFIG).model ?? 'k' }));
// @ts-expect-error an unknown option is refused
provideRealtime({ apiKey: 'k', maxItems: 10 });
// @ts-expect-error the bound is a number
provideRealtime({ maxConversationItems: '10' });

const injector = createEnvironmentInjector([providers], Injector.NULL as EnvironmentInjector);
const realtime: RealtimeService = injector.get(RealtimeService);
const status: Signal<ConnectionStatus> = realtime.status;
const conversation: Signal<readonly ConversationEntry[]> = realtime.conversation;
const error: Signal<RealtimeError | undefined> = realtime.lastError;
const flags: Array<Signal<boolean>> = [realtime.isConnected, realtime.isResponding, realtime.isUserSpeaking];
const text: Signal<string> = realtime.assistantTranscript;
// @ts-expect-error signals are read-only: no set()
realtime.status.set({ status: 'connected' });
// @ts-expect-error the conversation is read-only
realtime.conversation().push(conversation()[0]!);

const factory: RealtimeClientFactory = (config) => new RealtimeClient(config);
const fromToken: RealtimeClientFactory = injector.get(REALTIME_CLIENT_FACTORY, factory);
void [status, error, flags, text, fromToken];
