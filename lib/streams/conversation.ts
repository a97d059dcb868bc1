import type { Observable, OperatorFunction } from 'rxjs';
import { distinctUntilChanged, filter, map, merge, scan, shareReplay, startWith } from 'rxjs';
import type { AnyServerEvent } from './AnyServerEvent.js';
import type { ConversationInput, ConversationState } from './conversationReducer.js';
import { initialConversation, reduceConversation } from './conversationReducer.js';

/**
 * Options of {@link conversation} and {@link conversationState}.
 *
 * @example
 * ```ts
 * import type { ConversationOptions } from 'openai-realtime-rx';
 * const options: ConversationOptions = { maxItems: 50 };
 * ```
 */
export interface ConversationOptions {
  /** The most items kept; older ones are dropped (counted in `dropped`). Default 200. */
  readonly maxItems?: number;
}

/**
 * What {@link conversation} needs of a client: its decoded events and, optionally, its
 * connection status. A `RealtimeClient` is one.
 *
 * @example
 * ```ts
 * import type { ConversationClient } from 'openai-realtime-rx';
 * const fromRecording: ConversationClient = { events$: recorded$ };
 * ```
 */
export interface ConversationClient {
  readonly events$: Observable<AnyServerEvent>;
  /** The connection status (a `ConnectionStatus`; only these fields are read). */
  readonly status$?: Observable<{ readonly status: string; readonly reconnected?: unknown; readonly rolledOver?: unknown }>;
}

const DEFAULT_MAX_ITEMS = 200;

const maxItemsOf = (options: ConversationOptions): number => {
  const n = options.maxItems ?? DEFAULT_MAX_ITEMS;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`conversation: maxItems must be a positive integer, got ${String(n)}`);
  return n;
};

const fold =
  (maxItems: number): OperatorFunction<ConversationInput, ConversationState> =>
  (inputs$) => {
    const seed = initialConversation();
    return inputs$.pipe(
      scan((acc, input) => reduceConversation(acc, input, maxItems), seed),
      map((acc) => acc.view),
      startWith(seed.view),
      distinctUntilChanged(),
    );
  };

/**
 * The conversation as state, from decoded server events: an operator (pure `scan`; each
 * subscription folds on its own). It starts with the empty conversation and emits a new state
 * whenever one changes. Use {@link conversation} on a client: it also knows when a connection
 * starts a new conversation, and shares one state among subscribers.
 *
 * What it follows:
 * - items in the server's order: each placed after its `previous_item_id` (`null`: at the
 *   front), moved when the server says so, removed on `conversation.item.deleted`, marked on
 *   `conversation.item.truncated`; a late `added` never undoes a `done`;
 * - per item: type, role, status (also from `response.done`: a cancelled response's items are
 *   `incomplete`), the response it came from, each content part's text assembled from the
 *   text, transcript and input-transcription deltas (the `done` text wins), the audio received
 *   (milliseconds, in the output format in force), a function call's name, call id, arguments
 *   (growing) and output (from its `function_call_output` item);
 * - at most `maxItems` items: the oldest are dropped and counted in `dropped`;
 * - a new session (a `session.created` while items are shown) is taken as a restore of the same conversation:
 *   until the model's next `response.created`, the items it replays are matched to the ones
 *   already shown, by id or, when the server gave a new id, by type, role, call id and text, so
 *   nothing is shown twice; items it does not replay stay.
 *
 * Deltas for an item it does not have (dropped, or never added) are ignored. It never throws; it
 * errors only if the events do.
 *
 * @throws RangeError if `maxItems` is not a positive integer.
 *
 * @example
 * ```ts
 * import { conversationState } from 'openai-realtime-rx';
 * recordedEvents$.pipe(conversationState({ maxItems: 50 })).subscribe((s) => console.log(s.items.length));
 * ```
 */
export function conversationState(options: ConversationOptions = {}): OperatorFunction<AnyServerEvent, ConversationState> {
  const maxItems = maxItemsOf(options);
  return (events$) =>
    events$.pipe(
      map((event): ConversationInput => ({ kind: 'event', event })),
      fold(maxItems),
    );
}

/**
 * The conversation of a client as a state stream: {@link conversationState} over its events,
 * plus its connection status: a connection that is not a reconnect or a rollover (`connected`
 * without `reconnected` / `rolledOver`) starts an empty conversation; a restored one keeps the
 * conversation, its replayed items matched to the ones shown.
 *
 * Shared and replaying: every subscriber gets the current state at once. It listens to the
 * client only while someone subscribes (`shareReplay` with `refCount`): when the last
 * subscriber leaves it lets go of the client, and a later subscriber starts from an empty
 * conversation, so subscribe for as long as you show it (the events it would miss in between
 * are not stored anywhere). It is a function, not a member of `RealtimeClient`, so that an app
 * that does not use it does not ship it.
 *
 * @param client - a `RealtimeClient`, or anything with `events$` (and `status$`).
 * @param options - how many items to keep.
 * @throws RangeError if `maxItems` is not a positive integer.
 * @example
 * ```ts
 * import { conversation } from 'openai-realtime-rx';
 * conversation(client).subscribe((s) => render(s.items.map((i) => `${i.role ?? i.type}: ${i.text}`)));
 * ```
 */
export function conversation(client: ConversationClient, options: ConversationOptions = {}): Observable<ConversationState> {
  const maxItems = maxItemsOf(options);
  const connections$ = (client.status$ ?? merge()).pipe(
    map((s): ConversationInput | undefined => (s.status === 'connected' ? { kind: 'connected', fresh: s.reconnected === undefined && s.rolledOver === undefined } : undefined)),
  );
  const events$ = client.events$.pipe(map((event): ConversationInput => ({ kind: 'event', event })));
  return merge(connections$, events$).pipe(
    filter((i): i is ConversationInput => i !== undefined), // status values other than `connected` change nothing
    fold(maxItems),
    shareReplay({ bufferSize: 1, refCount: true }),
  );
}
