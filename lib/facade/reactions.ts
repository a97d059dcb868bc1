/**
 * What `OpenAIRealtimeWebSocket` does on the wire and in its own state for each server event,
 * besides emitting listener events: history acknowledgements (before the emissions), then
 * automatic retrieves, response sequencing, audio tracking, interruption on speech, and tracing
 * negotiation (after them). Tables keyed by event type, so the facade holds no `type` switch.
 *
 * @module
 */
import type { HistorySync } from '../commands/HistorySync.js';
import type { ResponseSequencer } from '../commands/ResponseSequencer.js';
import type { ServerEvent, ServerEventOf } from '../protocol/serverEvents.js';
import { serverEventTypes } from '../protocol/eventValidation.js';
import { hasDerivedEmissions } from '../streams/emissions.js';

/**
 * The facade's internals that reactions may use.
 *
 * @example
 * ```ts
 * // implemented by OpenAIRealtimeWebSocket; tests may supply their own
 * const reactor: Reactor = { history, sequencer, retrieve, sessionUpdated, audioDelta, speechStarted, responseCreated, responseDone, sessionCreated };
 * ```
 */
export interface Reactor {
  readonly history: HistorySync;
  readonly sequencer: ResponseSequencer;
  retrieve(itemId: string): void;
  sessionUpdated(event: ServerEventOf<'session.updated'>): void;
  audioDelta(event: ServerEventOf<'response.output_audio.delta'>): void;
  audioDone(): void;
  speechStarted(): void;
  responseCreated(event: ServerEventOf<'response.created'>): void;
  responseDone(event: ServerEventOf<'response.done'>): void;
  sessionCreated(event: ServerEventOf<'session.created'>): void;
}

type Reactions = { readonly [K in ServerEvent['type']]?: (reactor: Reactor, event: ServerEventOf<K>) => void };

type Reaction = (reactor: Reactor, event: ServerEvent) => void;

/** Before the listener events: retire acknowledged history requests. */
export const reactionsBefore: Reactions = {
  'conversation.item.added': (r, e) => {
    if (typeof e.item.id === 'string') r.history.acknowledge('create', e.item.id);
  },
  'conversation.item.deleted': (r, e) => r.history.acknowledge('delete', e.item_id),
  error: (r, e) => {
    if (typeof e.error.event_id === 'string') r.history.reject(e.error.event_id);
  },
};

/** After the listener events: the wire side effects, in OpenAI's Agents SDK order. */
export const reactionsAfter: Reactions = {
  'session.updated': (r, e) => r.sessionUpdated(e),
  'conversation.item.input_audio_transcription.completed': (r, e) => r.retrieve(e.item_id),
  'conversation.item.truncated': (r, e) => r.retrieve(e.item_id),
  'response.mcp_call.in_progress': (r, e) => r.retrieve(e.item_id),
  'mcp_list_tools.in_progress': (r, e) => {
    if (typeof e.item_id === 'string') r.retrieve(e.item_id);
  },
  'response.output_audio.done': (r) => r.audioDone(),
  error: (r, e) => r.sequencer.error(e.error),
  'response.output_audio.delta': (r, e) => r.audioDelta(e),
  'input_audio_buffer.speech_started': (r) => r.speechStarted(),
  'response.created': (r, e) => r.responseCreated(e),
  'response.done': (r, e) => r.responseDone(e),
  'session.created': (r, e) => r.sessionCreated(e),
};

/**
 * What the facade does for one known event type, found with one lookup per frame: its reactions
 * before and after the listener events, and whether it has derived listener events.
 *
 * @example
 * ```ts
 * const plan = planFor('response.output_audio.delta'); // { before: undefined, after: audioDelta reaction, derived: false }
 * ```
 */
export interface Plan {
  readonly before: Reaction | undefined;
  readonly after: Reaction | undefined;
  readonly derived: boolean;
}

const reactionOf = (table: Reactions, type: string): Reaction | undefined =>
  Object.prototype.hasOwnProperty.call(table, type) ? (table[type as ServerEvent['type']] as Reaction) : undefined;

/**
 * One plan per known server event type, in a `Map`: an event's `type` is a string fresh from
 * `JSON.parse`, and looking such a string up as an object key costs a string-table probe on every
 * frame (a large share of the facade's dispatch time when the tables were looked up per frame).
 */
const plans: ReadonlyMap<string, Plan> = new Map(
  serverEventTypes.map((type) => [type, { before: reactionOf(reactionsBefore, type), after: reactionOf(reactionsAfter, type), derived: hasDerivedEmissions(type) }]),
);

/**
 * The plan for a server event type, or `undefined` for a type this library does not know.
 *
 * @example
 * ```ts
 * planFor('response.done')?.derived; // true
 * planFor('beta.event');              // undefined
 * ```
 */
export const planFor = (type: string): Plan | undefined => plans.get(type);
