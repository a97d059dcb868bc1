import type { Signal } from '@angular/core';
import { DestroyRef, NgZone, PLATFORM_ID, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { Observable } from 'rxjs';
import { Subscription, distinctUntilChanged, filter, map, merge, scan } from 'rxjs';
import { RealtimeClient } from '../client/RealtimeClient.js';
import type { ConnectOptions } from '../client/RealtimeClientConfig.js';
import type { ConnectionStatus } from '../client/ConnectionStatus.js';
import type { RealtimeError } from '../client/RealtimeError.js';
import type { ClientEvent } from '../protocol/clientEvents.js';
import type { AnyServerEvent } from '../streams/AnyServerEvent.js';
import type { AudioChunk } from '../streams/audio.js';
import type { ItemEvent } from '../streams/items.js';
import { ofType } from '../streams/ofType.js';
import type { ToolCall } from '../streams/toolCalls.js';
import type { TranscriptUpdate } from '../streams/transcripts.js';
import type { ResponseUsage, Turn } from '../streams/turns.js';
import type { AssistantTranscriptState } from './assistantTranscript.js';
import { assistantTranscript } from './assistantTranscript.js';
import type { ConversationItemState } from '../streams/conversationReducer.js';
import { conversation } from '../streams/conversation.js';
import type { ConversationEntry } from './ConversationEntry.js';
import type { RealtimeAttachment } from './RealtimeAttachment.js';
import { DEFAULT_MAX_CONVERSATION_ITEMS, REALTIME_CLIENT_FACTORY, REALTIME_CONFIG } from './tokens.js';

/** Angular's platform id on the server (what `isPlatformServer` from `@angular/common` compares with). */
const PLATFORM_SERVER_ID = 'server';

const DISCONNECTED: ConnectionStatus = { status: 'disconnected' };

const isWarning = (e: RealtimeError): boolean => 'severity' in e && e.severity === 'warning';

/**
 * One {@link RealtimeClient} for an Angular app (or a route): its commands, its streams, and
 * signals for templates. {@link provideRealtime} provides it; every component and service that
 * injects it below that injector shares the same client and connection.
 *
 * - **Signals** are built from the client's streams with `toSignal` and `computed`; they change
 *   only when what they show changes (an audio delta changes none of them).
 * - **Zones:** built for zoneless apps (`provideZonelessChangeDetection()`). With zone.js, the
 *   socket, its timers and attachments are started outside the Angular zone, so frames (dozens
 *   of audio deltas a second) do not each trigger change detection; the signals schedule it.
 * - **Server-side rendering:** on the server platform no socket is opened: `connect()` resolves
 *   at once without connecting, `send()` returns `false`, `attach()` does nothing, and the
 *   signals keep their initial values.
 * - **Lifetime:** when its injector is destroyed, attachments are stopped and the client is
 *   disposed (the connection closed, the streams completed).
 *
 * Do not construct it yourself: inject it.
 *
 * @example
 * ```ts
 * import { Component, inject } from '@angular/core';
 * import { userMessage, createResponse } from 'openai-realtime-rx';
 * import { RealtimeService } from 'openai-realtime-rx/angular';
 *
 * @Component({
 *   selector: 'app-chat',
 *   template: `<p>{{ realtime.status().status }}</p><p>{{ realtime.assistantTranscript() }}</p>`,
 * })
 * export class ChatComponent {
 *   readonly realtime = inject(RealtimeService);
 *   async ask(text: string) {
 *     await this.realtime.connect();
 *     this.realtime.send(userMessage(text));
 *     this.realtime.send(createResponse());
 *   }
 * }
 * ```
 */
export class RealtimeService {
  /** The client, for anything the service does not wrap. The service owns it and disposes it. */
  readonly client: RealtimeClient;
  /** Whether this runs on the server platform (no socket is ever opened there). */
  readonly isServer: boolean;

  /** The connection status (`disconnected`, `connecting`, `connected`, with how it ended). */
  readonly status: Signal<ConnectionStatus>;
  /** Whether the connection is open. */
  readonly isConnected: Signal<boolean>;
  /** The text of the current assistant response so far (or of the last one, until the next starts). */
  readonly assistantTranscript: Signal<string>;
  /** Between a response's `response.created` and its `response.done` (or the end of the connection). */
  readonly isResponding: Signal<boolean>;
  /** Between the server's `speech_started` and `speech_stopped` (or the end of the connection). */
  readonly isUserSpeaking: Signal<boolean>;
  /**
   * The conversation, in the server's order, with each item's text or transcript so far, its
   * status, tool call and truncation: the core's `conversation()` state. At most
   * `maxConversationItems` (the oldest go first). Emptied when you connect again; kept, with the
   * replayed items matched, across an automatic reconnect or rollover. An item's `audioMs` is as
   * of its last other change: audio deltas alone do not change the signal.
   */
  readonly conversation: Signal<readonly ConversationEntry[]>;
  /** The latest failure on `errors$` (warnings left out); cleared when a new connection starts. */
  readonly lastError: Signal<RealtimeError | undefined>;

  /** Every decoded server event (see `RealtimeClient.events$`). */
  readonly events$: Observable<AnyServerEvent>;
  /** The connection status, replaying the current one. */
  readonly status$: Observable<ConnectionStatus>;
  /** Every failure and warning, as values. */
  readonly errors$: Observable<RealtimeError>;
  /** Assistant audio chunks, decoded. */
  readonly audio$: Observable<AudioChunk>;
  /** User and assistant transcripts as they stream. */
  readonly transcripts$: Observable<TranscriptUpdate>;
  /** Completed function calls. */
  readonly toolCalls$: Observable<ToolCall>;
  /** Conversation item lifecycle. */
  readonly items$: Observable<ItemEvent>;
  /** Responses started and done. */
  readonly turns$: Observable<Turn>;
  /** Token usage per finished response. */
  readonly usage$: Observable<ResponseUsage>;

  private readonly zone: NgZone | null;
  private readonly attachments = new Subscription();
  private destroyed = false;

  constructor() {
    const { maxConversationItems = DEFAULT_MAX_CONVERSATION_ITEMS, ...clientConfig } = inject(REALTIME_CONFIG);
    if (!Number.isInteger(maxConversationItems) || maxConversationItems < 1) {
      throw new RangeError(`provideRealtime: maxConversationItems must be a positive integer, got ${String(maxConversationItems)}.`);
    }
    const factory = inject(REALTIME_CLIENT_FACTORY, { optional: true }) ?? ((config) => new RealtimeClient(config));
    this.isServer = inject(PLATFORM_ID, { optional: true }) === PLATFORM_SERVER_ID;
    this.zone = inject(NgZone, { optional: true });
    const client = (this.client = factory(clientConfig));
    ({ events$: this.events$, status$: this.status$, errors$: this.errors$, audio$: this.audio$, transcripts$: this.transcripts$ } = client);
    ({ toolCalls$: this.toolCalls$, items$: this.items$, turns$: this.turns$, usage$: this.usage$ } = client);

    if (this.isServer) {
      this.status = signal(DISCONNECTED).asReadonly();
      this.assistantTranscript = signal('').asReadonly();
      this.isResponding = signal(false).asReadonly();
      this.isUserSpeaking = signal(false).asReadonly();
      this.conversation = signal<readonly ConversationEntry[]>([]).asReadonly();
      this.lastError = signal<RealtimeError | undefined>(undefined).asReadonly();
    } else {
      const connecting$ = client.status$.pipe(filter((s) => s.status === 'connecting'));
      const disconnected$ = client.status$.pipe(filter((s) => s.status === 'disconnected'));
      this.status = toSignal(client.status$, { requireSync: true });
      this.isResponding = toSignal(merge(client.turns$.pipe(map((t) => t.phase === 'started')), disconnected$.pipe(map(() => false))), {
        initialValue: false,
      });
      const speech$ = client.events$.pipe(
        ofType('input_audio_buffer.speech_started', 'input_audio_buffer.speech_stopped'),
        map((e) => e.type === 'input_audio_buffer.speech_started'),
      );
      this.isUserSpeaking = toSignal(merge(speech$, disconnected$.pipe(map(() => false))), { initialValue: false });
      this.assistantTranscript = toSignal(
        merge(connecting$.pipe(map(() => 'reset' as const)), client.turns$, client.transcripts$).pipe(
          scan((s: AssistantTranscriptState | undefined, c) => (c === 'reset' ? undefined : assistantTranscript(s, c)), undefined),
          map((s) => s?.text ?? ''),
        ),
        { initialValue: '' },
      );
      // the core's conversation() state; an audio delta alone (audioMs) does not change the signal,
      // so dozens of deltas a second cost no change detection
      this.conversation = toSignal(
        conversation(client, { maxItems: maxConversationItems }).pipe(
          map((state) => state.items),
          distinctUntilChanged(sameButAudio),
        ),
        { initialValue: [] },
      );
      this.lastError = toSignal(merge(client.errors$.pipe(filter((e) => !isWarning(e))), connecting$.pipe(map(() => undefined))), {
        initialValue: undefined,
      });
    }
    const status = this.status;
    this.isConnected = computed(() => status().status === 'connected');

    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.attachments.unsubscribe();
      client.dispose();
    });
  }

  /**
   * Open the connection (see `RealtimeClient.connect`), outside the Angular zone. Resolves when
   * the socket is open; rejects with a `ConnectError` if it cannot be made. On the server, resolves
   * at once and opens nothing.
   *
   * @throws Error synchronously if already connected or connecting, or after the injector is destroyed.
   *
   * @example
   * ```ts
   * await inject(RealtimeService).connect({ apiKey: await fetchEphemeralKey() });
   * ```
   */
  connect(options: ConnectOptions = {}): Promise<void> {
    if (this.isServer) return Promise.resolve();
    return this.outsideAngular(() => this.client.connect(options));
  }

  /**
   * Close the connection (see `RealtimeClient.close`). The service can connect again.
   *
   * @example
   * ```ts
   * inject(RealtimeService).close();
   * ```
   */
  close(code?: number, reason?: string): void {
    this.client.close(code, reason);
  }

  /**
   * Send a command (see `RealtimeClient.send`): whether it was sent or queued; if not, the reason
   * is on `errors$` and in `lastError`. On the server, returns `false` and reports nothing.
   *
   * @example
   * ```ts
   * import { userMessage, createResponse } from 'openai-realtime-rx';
   * realtime.send(userMessage('Hello'));
   * realtime.send(createResponse());
   * ```
   */
  send(command: ClientEvent): boolean {
    if (this.isServer) return false;
    return this.outsideAngular(() => this.client.send(command));
  }

  /**
   * Start an attachment (a microphone, a player, a logger: see {@link RealtimeAttachment}) on the
   * client, outside the Angular zone. Unsubscribe the result to stop it; it stops by itself when
   * the injector is destroyed. On the server, nothing is started.
   *
   * @throws Error synchronously after the injector is destroyed.
   *
   * @example
   * ```ts
   * const logging = realtime.attach({ attach: (client) => client.turns$.subscribe((t) => console.log(t.phase)) });
   * logging.unsubscribe();
   * ```
   */
  attach(attachment: RealtimeAttachment): Subscription {
    if (this.destroyed) throw new Error('RealtimeService: attach() after its injector was destroyed.');
    if (this.isServer) return Subscription.EMPTY;
    const attached = new Subscription();
    attached.add(this.outsideAngular(() => attachment.attach(this.client)));
    this.attachments.add(attached);
    attached.add(() => this.attachments.remove(attached));
    return attached;
  }

  private outsideAngular<T>(fn: () => T): T {
    return this.zone ? this.zone.runOutsideAngular(fn) : fn();
  }
}

/** Equal but for the audio received: the same items, in the same order, with the same text and state. */
function sameButAudio(a: readonly ConversationItemState[], b: readonly ConversationItemState[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as ConversationItemState;
    const y = b[i] as ConversationItemState;
    if (x === y) continue;
    if (x.id !== y.id || x.text !== y.text || x.status !== y.status || x.role !== y.role || x.type !== y.type || x.responseId !== y.responseId) return false;
    if (x.truncated?.audioEndMs !== y.truncated?.audioEndMs || x.call?.arguments !== y.call?.arguments || x.call?.output !== y.call?.output || x.call?.name !== y.call?.name) return false;
    if (x.content.length !== y.content.length) return false;
  }
  return true;
}
