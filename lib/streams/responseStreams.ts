import type { Observable } from 'rxjs';
import { Observable as Obs } from 'rxjs';
import { Hub } from './Hub.js';
import type { Usage } from '../protocol/response.js';
import type { AudioChunk } from './audio.js';
import type { ToolCall } from './toolCalls.js';
import type { TranscriptUpdate } from './transcripts.js';
import type { Turn } from './turns.js';

/**
 * How a response ended: the server's status (`completed`, `cancelled`, `failed`, `incomplete`)
 * with its reason and usage, or `interrupted` when the connection ended first.
 *
 * @example
 * ```ts
 * const ended = (e: ResponseEnd) => e.status === 'completed' ? 'ok' : `${e.status} ${e.reason ?? ''}`;
 * ```
 */
export interface ResponseEnd {
  readonly status: string;
  readonly reason?: string;
  readonly usage?: Usage;
}

/**
 * One response, as its own streams. Each completes when the response ends; `done$` then emits
 * how it ended. They are hot and do not replay: subscribe in the `responses$` handler (which runs
 * when the response is created) to see all of it.
 *
 * @example
 * ```ts
 * client.responses$.subscribe((r) => {
 *   r.transcript$.subscribe((t) => render(r.id, t.text));
 *   r.done$.subscribe((end) => console.log(r.id, end.status));
 * });
 * ```
 */
export interface ResponseStream {
  readonly id: string;
  /** The response's audio. */
  readonly audio$: Observable<AudioChunk>;
  /** The transcript of its audio, as it streams. */
  readonly transcript$: Observable<TranscriptUpdate>;
  /** Its text output, as it streams. */
  readonly text$: Observable<TranscriptUpdate>;
  /** Its completed function calls. */
  readonly toolCalls$: Observable<ToolCall>;
  /** How it ended: one value, then complete. */
  readonly done$: Observable<ResponseEnd>;
}

/**
 * The sources {@link responseStreams} splits by response: a client's substreams, or the same
 * operators applied to any stream of events.
 *
 * @example
 * ```ts
 * const sources: ResponseSources = { turns$: client.turns$, audio$: client.audio$, transcripts$: client.transcripts$, toolCalls$: client.toolCalls$ };
 * ```
 */
export interface ResponseSources {
  readonly turns$: Observable<Turn>;
  readonly audio$: Observable<AudioChunk>;
  readonly transcripts$: Observable<TranscriptUpdate>;
  readonly toolCalls$: Observable<ToolCall>;
}

interface Sinks {
  readonly audio: Hub<AudioChunk>;
  readonly transcript: Hub<TranscriptUpdate>;
  readonly text: Hub<TranscriptUpdate>;
  readonly toolCalls: Hub<ToolCall>;
  readonly done: Hub<ResponseEnd>;
}

/**
 * One {@link ResponseStream} per response, from a response's start (`turns$` `started`) to its
 * end (`done`, or `interrupted` when the connection ended first). Values of a response that was
 * not seen starting are dropped; at most `maxOpen` responses are tracked at once (the oldest is
 * ended as `interrupted` past it), so a server that never finishes cannot grow it. When
 * `turns$` completes, the open responses end as `interrupted` and the result completes.
 *
 * @example
 * ```ts
 * import { responseStreams } from 'openai-realtime-rx';
 * responseStreams(client).subscribe((r) => r.text$.subscribe((t) => console.log(r.id, t.delta)));
 * ```
 */
export function responseStreams(sources: ResponseSources, maxOpen = 32): Observable<ResponseStream> {
  return new Obs<ResponseStream>((subscriber) => {
    const open = new Map<string, Sinks>();
    const end = (id: string, how: ResponseEnd): void => {
      const sinks = open.get(id);
      if (sinks === undefined) return;
      open.delete(id);
      sinks.done.next(how);
      for (const s of [sinks.audio, sinks.transcript, sinks.text, sinks.toolCalls, sinks.done]) s.complete();
    };
    const route = <T extends { readonly responseId?: string }>(pick: (s: Sinks, value: T) => Hub<T> | undefined) => (value: T) => {
      const sinks = value.responseId === undefined ? undefined : open.get(value.responseId);
      if (sinks !== undefined) pick(sinks, value)?.next(value);
    };
    const subscriptions = [
      sources.turns$.subscribe({
        complete: () => {
          for (const id of [...open.keys()]) end(id, { status: 'interrupted', reason: 'ended' });
          subscriber.complete();
        },
        next: (turn) => {
        if (turn.phase === 'started') {
          if (open.size >= maxOpen) end(open.keys().next().value as string, { status: 'interrupted', reason: 'too many open responses' });
          const sinks: Sinks = { audio: new Hub(), transcript: new Hub(), text: new Hub(), toolCalls: new Hub(), done: new Hub() };
          open.set(turn.responseId, sinks);
          subscriber.next({
            id: turn.responseId,
            audio$: sinks.audio.asObservable(),
            transcript$: sinks.transcript.asObservable(),
            text$: sinks.text.asObservable(),
            toolCalls$: sinks.toolCalls.asObservable(),
            done$: sinks.done.asObservable(),
          });
        } else if (turn.phase === 'done') {
          end(turn.responseId, { status: turn.status ?? 'completed', ...(turn.reason === undefined ? {} : { reason: turn.reason }), ...(turn.usage === undefined ? {} : { usage: turn.usage }) });
        } else end(turn.responseId, { status: 'interrupted', reason: turn.reason });
        },
      }),
      sources.audio$.subscribe(route<AudioChunk>((s) => s.audio)),
      sources.transcripts$.subscribe(
        route<TranscriptUpdate>((s, t) => (t.source === 'output_audio' ? s.transcript : t.source === 'output_text' ? s.text : undefined)),
      ),
      sources.toolCalls$.subscribe(route<ToolCall>((s) => s.toolCalls)),
    ];
    return () => {
      for (const s of subscriptions) s.unsubscribe();
      for (const id of [...open.keys()]) end(id, { status: 'interrupted', reason: 'unsubscribed' });
    };
  });
}
