import type { Decoder } from 'io-ts';
import type { Observable, SchedulerLike, Subscription } from 'rxjs';
import { asyncScheduler, from, isObservable, Observable as Obs } from 'rxjs';
import type { ClientEvent } from '../protocol/clientEvents.js';
import type { AnyServerEvent } from './AnyServerEvent.js';
import { is } from './AnyServerEvent.js';
import type { ToolCall } from './toolCalls.js';

/**
 * What a tool handler gets besides its arguments: the call, and a signal that aborts when the
 * call is cancelled (see {@link runTools}).
 *
 * @example
 * ```ts
 * import type { ToolContext } from 'openai-realtime-rx';
 * const handler = (args: { city: string }, ctx: ToolContext) => fetch(`/weather?city=${args.city}`, { signal: ctx.signal }).then((r) => r.json());
 * ```
 */
export interface ToolContext {
  readonly call: ToolCall;
  readonly signal: AbortSignal;
}

/**
 * How calls of one tool overlap, as rxjs names it: `merge` (all at once, the default), `concat`
 * (one after another), `switch` (a new call cancels the running one), `exhaust` (a call while
 * one runs is refused).
 *
 * @example
 * ```ts
 * import type { ToolConcurrency } from 'openai-realtime-rx';
 * const oneAtATime: ToolConcurrency = 'concat';
 * ```
 */
export type ToolConcurrency = 'merge' | 'concat' | 'switch' | 'exhaust';

/**
 * One tool: what the model is told about it (`description`, `parameters` as JSON schema) and what
 * runs when it is called. The handler may return a value, a promise or an Observable (its last
 * value is the output); a string is sent as it is, anything else as JSON.
 *
 * @example
 * ```ts
 * import type { ToolSpec } from 'openai-realtime-rx';
 * const getWeather: ToolSpec<{ city: string }> = {
 *   description: 'The weather in a city',
 *   parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
 *   handler: async ({ city }) => ({ city, temperature_c: 18 }),
 *   timeoutMs: 5_000,
 * };
 * ```
 */
export interface ToolSpec<A = unknown> {
  readonly description?: string;
  /** The JSON schema of the arguments, as the model is given it. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** An io-ts codec (any decoder) the parsed arguments must pass; its result is what the handler gets. */
  readonly args?: Decoder<unknown, A>;
  /** Returns a value, a `PromiseLike` or an `Observable`. */
  readonly handler: (args: A, ctx: ToolContext) => unknown;
  /** Default `merge`. */
  readonly concurrency?: ToolConcurrency;
  /** Cancel the call after this long (its output then says so, see {@link RunToolsOptions.cancelledOutput}). */
  readonly timeoutMs?: number;
}

/**
 * Tools by name: the names the model calls.
 *
 * @example
 * ```ts
 * import type { ToolSet } from 'openai-realtime-rx';
 * const tools: ToolSet = { ping: { description: 'Answers pong', handler: () => 'pong' } };
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each tool has its own argument type
export type ToolSet = Readonly<Record<string, ToolSpec<any>>>;

/**
 * Why a call was cancelled: the response was cancelled, the user barged in, the connection
 * dropped, the tool's timeout passed, a newer call replaced it (`switch`), one was already
 * running (`exhaust`), or `runTools` was unsubscribed.
 *
 * @example
 * ```ts
 * import type { ToolCancelReason } from 'openai-realtime-rx';
 * const quiet: ToolCancelReason[] = ['barge-in', 'response-cancelled'];
 * ```
 */
export type ToolCancelReason = 'response-cancelled' | 'barge-in' | 'disconnected' | 'timeout' | 'superseded' | 'busy' | 'unsubscribed';

/**
 * What {@link runTools} reports, one value per step of a call. `output`: the handler's result
 * is ready (it is sent once its response is done, unless the turn is abandoned first). `error`: the arguments were invalid or the handler failed; the error output was sent.
 * `cancelled`: the call was cancelled; `output` is what was sent for it, if anything.
 *
 * @example
 * ```ts
 * import type { ToolEvent } from 'openai-realtime-rx';
 * const log = (e: ToolEvent) => console.log(e.kind, e.call.name, e.kind === 'cancelled' ? e.reason : e.output);
 * ```
 */
export type ToolEvent =
  | { readonly kind: 'started'; readonly call: ToolCall }
  | { readonly kind: 'output'; readonly call: ToolCall; readonly output: string }
  | { readonly kind: 'error'; readonly call: ToolCall; readonly error: string; readonly output: string }
  | { readonly kind: 'cancelled'; readonly call: ToolCall; readonly reason: ToolCancelReason; readonly output?: string };

/**
 * Options of {@link runTools}. All optional.
 *
 * @example
 * ```ts
 * import type { RunToolsOptions } from 'openai-realtime-rx';
 * const options: RunToolsOptions = { respond: 'each', cancelledOutput: () => undefined };
 * ```
 */
export interface RunToolsOptions {
  /**
   * When to send `response.create`: `coalesce` (default) once after the outputs of all the calls
   * of a response; `each` after each output; `false` never (the app decides).
   */
  readonly respond?: 'coalesce' | 'each' | false;
  /**
   * The output sent for a cancelled call, or `undefined` for none. Default: an error output for
   * `timeout`, `superseded` and `busy` (the model is still waiting for an answer), nothing for
   * the others (the turn was abandoned).
   */
  readonly cancelledOutput?: (call: ToolCall, reason: ToolCancelReason) => string | undefined;
  /** The output of a failed call. Default `{"error": message}`. */
  readonly errorOutput?: (call: ToolCall, message: string) => string;
  /** Whether `input_audio_buffer.speech_started` cancels the running calls. Default `true`. */
  readonly cancelOnSpeech?: boolean;
  /** The clock of the timeouts. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/**
 * What {@link runTools} needs of a client: events in, commands out, and the connection status
 * (optional: a dropped connection cancels the running calls). A `RealtimeClient` is one.
 *
 * @example
 * ```ts
 * import type { ToolsClient } from 'openai-realtime-rx';
 * const fake: ToolsClient = { events$: recorded$, send: (command) => sent.push(command) };
 * ```
 */
export interface ToolsClient {
  readonly events$: Observable<AnyServerEvent>;
  /** The connection status (a `ConnectionStatus`; only `status` is read). */
  readonly status$?: Observable<{ readonly status: string }>;
  send(command: ClientEvent): unknown;
}

/**
 * The function tools of a {@link ToolSet} as `session.update` takes them, from the same object
 * as the handlers, so the two cannot drift apart.
 *
 * @example
 * ```ts
 * import { toolDefinitions, updateSession } from 'openai-realtime-rx';
 * client.send(updateSession({ type: 'realtime', tools: toolDefinitions(tools), tool_choice: 'auto' }));
 * ```
 */
export function toolDefinitions(tools: ToolSet): Array<{ type: 'function'; name: string; description?: string; parameters?: Record<string, unknown> }> {
  return Object.entries(tools).map(([name, spec]) => ({
    type: 'function' as const,
    name,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    ...(spec.parameters === undefined ? {} : { parameters: { ...spec.parameters } }),
  }));
}

/**
 * A tool with its argument type inferred from its codec (an identity function for type inference).
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { tool } from 'openai-realtime-rx';
 * const getWeather = tool({ args: t.type({ city: t.string }), handler: ({ city }) => `Sunny in ${city}` });
 * ```
 */
export const tool = <A>(spec: ToolSpec<A>): ToolSpec<A> => spec;

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : typeof e === 'string' ? e : JSON.stringify(e) ?? String(e));
const outputOf = (value: unknown): string => (typeof value === 'string' ? value : (JSON.stringify(value ?? null) ?? 'null'));
const defaultCancelled = (call: ToolCall, reason: ToolCancelReason): string | undefined =>
  reason === 'timeout' || reason === 'superseded' || reason === 'busy' ? JSON.stringify({ error: `${call.name}: ${reason === 'timeout' ? 'timed out' : reason === 'busy' ? 'busy with an earlier call' : 'replaced by a newer call'}` }) : undefined;

/** The path of the first failing field of an io-ts decode, for the model to read. */
const decodeMessage = (errors: ReadonlyArray<{ readonly context: ReadonlyArray<{ readonly key: string }>; readonly message?: string | undefined }>): string => {
  const first = errors[0];
  if (first === undefined) return 'invalid arguments';
  const path = first.context
    .map((c) => c.key)
    .filter((k) => k !== '')
    .join('.');
  return first.message ?? `invalid arguments${path === '' ? '' : ` at ${path}`}`;
};

interface Run {
  readonly call: ToolCall;
  readonly spec: ToolSpec<unknown> | undefined;
  state: 'waiting' | 'queued' | 'running' | 'settled';
  output: string | undefined;
  sent: boolean;
  abandoned: boolean;
  abort: AbortController | undefined;
  work: Subscription | undefined;
  timer: Subscription | undefined;
}

interface ResponseCalls {
  readonly runs: Run[];
  done: boolean;
  answered: boolean;
}

/**
 * The tool loop: runs the function calls the model makes, sends their outputs and asks for the
 * next response. Subscribing runs it (subscribe once, before the model can call); unsubscribing
 * stops it and cancels the running calls. Declare the same tools to the model with
 * {@link toolDefinitions}. A function, not a client member, so that an app without tools does not
 * ship it.
 *
 * - **Calls**: each completed `function_call` item (`response.output_item.done`) of a tool in
 *   `tools` runs as soon as it arrives (a call to an unknown tool gets an error output). The
 *   arguments must be JSON (and pass the tool's `args` codec): otherwise the call gets an error
 *   output saying why, and the handler is not run. The handler's result (value, promise, or the
 *   last value of an Observable) becomes `function_call_output`.
 * - **Order and responding**: nothing is sent before the response is done (its later items must
 *   precede the outputs); then the outputs of its calls are sent in `output_index` order, each
 *   once the calls before it have settled, and (`respond: 'coalesce'`) one `response.create`
 *   after the last, unless a call was abandoned (below).
 * - **Cancellation**: `ctx.signal` aborts and an Observable handler is unsubscribed when the
 *   response is cancelled (`response.done` with status `cancelled`: its calls), the user barges in
 *   (`input_audio_buffer.speech_started`: all running calls), the connection drops (`status$`
 *   leaves `connected`: all), the tool's `timeoutMs` passes, or a `switch` tool is called again.
 *   An abandoned call (response cancelled, barge-in, disconnect) sends nothing by default and no
 *   `response.create` follows; results ready but not yet sent (their response not done) are
 *   dropped too; a timeout, a superseded or a refused (`exhaust`) call sends an
 *   error output. `cancelledOutput` decides instead.
 * - **Errors**: a handler that throws, rejects or errors sends `{"error": message}` (see
 *   `errorOutput`) and emits an `error` value; nothing a handler does can break the loop or the
 *   client. The stream emits {@link ToolEvent}s, completes when `events$` does, and never errors
 *   by itself.
 *
 * @param client - a `RealtimeClient`, or anything with `events$`, `send` (and `status$`).
 * @param tools - the tools by name.
 * @param options - responding, cancelled and error outputs, the clock.
 * @example
 * ```ts
 * import { runTools, toolDefinitions, updateSession } from 'openai-realtime-rx';
 * const tools = { get_time: { description: 'The time now', handler: () => new Date().toISOString() } };
 * client.send(updateSession({ type: 'realtime', tools: toolDefinitions(tools) }));
 * runTools(client, tools).subscribe((e) => console.log(e.kind, e.call.name));
 * ```
 */
export function runTools(client: ToolsClient, tools: ToolSet, options: RunToolsOptions = {}): Observable<ToolEvent> {
  const scheduler = options.scheduler ?? asyncScheduler;
  const respond = options.respond ?? 'coalesce';
  const cancelledOutput = options.cancelledOutput ?? defaultCancelled;
  const errorOutput = options.errorOutput ?? ((_call: ToolCall, message: string) => JSON.stringify({ error: message }));
  const cancelOnSpeech = options.cancelOnSpeech ?? true;

  return new Obs<ToolEvent>((subscriber) => {
    const responses = new Map<string, ResponseCalls>();
    /** Calls waiting for their tool (`concat`), by tool name. */
    const queues = new Map<string, Run[]>();
    const running = new Set<Run>();

    const emit = (event: ToolEvent): void => subscriber.next(event);

    /** Send what can be sent for a response: outputs in order, then `response.create`. */
    const flush = (responseId: string): void => {
      const r = responses.get(responseId);
      // nothing is sent while the response runs: its later calls must come first in the conversation
      if (r === undefined || !r.done) return;
      for (const run of r.runs) {
        if (run.state !== 'settled') return;
        if (!run.sent && run.output !== undefined) {
          run.sent = true;
          client.send({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: run.call.callId, output: run.output } });
          if (respond === 'each' && !run.abandoned) client.send({ type: 'response.create' });
        }
      }
      if (r.answered) return;
      r.answered = true;
      responses.delete(responseId);
      const anySent = r.runs.some((run) => run.output !== undefined);
      if (respond === 'coalesce' && anySent && !r.runs.some((run) => run.abandoned)) client.send({ type: 'response.create' });
    };

    const settle = (run: Run, output: string | undefined, event: ToolEvent): void => {
      if (run.state === 'settled') return;
      const wasRunning = run.state === 'running';
      run.state = 'settled';
      run.output = output;
      running.delete(run);
      run.timer?.unsubscribe();
      const work = run.work;
      run.work = undefined;
      work?.unsubscribe();
      emit(event);
      flush(run.call.responseId);
      if (wasRunning) next(run.call.name);
    };

    const cancel = (run: Run, reason: ToolCancelReason): void => {
      if (run.state === 'settled') return;
      run.abandoned = reason === 'response-cancelled' || reason === 'barge-in' || reason === 'disconnected' || reason === 'unsubscribed';
      run.abort?.abort(reason);
      queues.set(run.call.name, (queues.get(run.call.name) ?? []).filter((q) => q !== run));
      const output = reason === 'unsubscribed' ? undefined : cancelledOutput(run.call, reason);
      settle(run, output, { kind: 'cancelled', call: run.call, reason, ...(output === undefined ? {} : { output }) });
    };

    const fail = (run: Run, message: string): void => {
      const output = errorOutput(run.call, message);
      settle(run, output, { kind: 'error', call: run.call, error: message, output });
    };

    const start = (run: Run): void => {
      const spec = run.spec as ToolSpec<unknown>;
      let args: unknown;
      try {
        args = run.call.arguments.trim() === '' ? {} : JSON.parse(run.call.arguments);
      } catch (e) {
        return fail(run, `invalid arguments: not JSON (${messageOf(e)})`);
      }
      if (spec.args !== undefined) {
        const decoded = spec.args.decode(args);
        if (decoded._tag === 'Left') return fail(run, `invalid arguments: ${decodeMessage(decoded.left)}`);
        args = decoded.right;
      }
      run.state = 'running';
      running.add(run);
      const abort = new AbortController();
      run.abort = abort;
      emit({ kind: 'started', call: run.call });
      if (spec.timeoutMs !== undefined) run.timer = scheduler.schedule(() => cancel(run, 'timeout'), spec.timeoutMs);
      let result: unknown;
      try {
        result = spec.handler(args, { call: run.call, signal: abort.signal });
      } catch (e) {
        return fail(run, messageOf(e));
      }
      const source$: Observable<unknown> = isObservable(result)
        ? result
        : result !== null && typeof result === 'object' && typeof (result as PromiseLike<unknown>).then === 'function'
          ? from(result as PromiseLike<unknown>)
          : new Obs<unknown>((s) => {
              s.next(result);
              s.complete();
            });
      let last: { value: unknown } | undefined;
      const work = source$.subscribe({
        next: (value) => (last = { value }),
        error: (e: unknown) => fail(run, messageOf(e)),
        complete: () => {
          const output = outputOf(last?.value);
          settle(run, output, { kind: 'output', call: run.call, output });
        },
      });
      // a synchronous Observable may have settled the call already
      if ((run.state as Run['state']) === 'settled') work.unsubscribe();
      else run.work = work;
    };

    /** Start the next queued call of a `concat` tool. */
    const next = (name: string): void => {
      const queue = queues.get(name) ?? [];
      const head = queue.shift();
      if (head !== undefined) start(head);
    };

    const onCall = (call: ToolCall): void => {
      const spec = tools[call.name] as ToolSpec<unknown> | undefined;
      const run: Run = { call, spec, state: 'waiting', output: undefined, sent: false, abandoned: false, abort: undefined, work: undefined, timer: undefined };
      const r = responses.get(call.responseId) ?? { runs: [], done: false, answered: false };
      responses.set(call.responseId, r);
      r.runs.push(run);
      r.runs.sort((a, b) => a.call.outputIndex - b.call.outputIndex);
      if (spec === undefined) return fail(run, `unknown tool: ${call.name}`);
      const busy = [...running].filter((other) => other.call.name === call.name);
      switch (spec.concurrency ?? 'merge') {
        case 'merge':
          return start(run);
        case 'switch':
          for (const other of busy) cancel(other, 'superseded');
          return start(run);
        case 'exhaust':
          return busy.length > 0 ? cancel(run, 'busy') : start(run);
        case 'concat':
          if (busy.length === 0) return start(run);
          run.state = 'queued';
          queues.set(call.name, [...(queues.get(call.name) ?? []), run]);
          return;
      }
    };

    /** The turn was abandoned: results ready but not sent yet (their response is not done) are dropped. */
    const abandonReady = (): void => {
      for (const r of responses.values()) {
        for (const run of r.runs) {
          if (run.state !== 'settled' || run.sent) continue;
          run.abandoned = true;
          run.output = undefined;
        }
      }
    };

    const onEvent = (e: AnyServerEvent): void => {
      if (is(e, 'response.output_item.done')) {
        const item = e.item;
        if (item.type !== 'function_call' || item.status === 'incomplete' || typeof item.name !== 'string' || typeof item.call_id !== 'string') return;
        onCall({ name: item.name, callId: item.call_id, arguments: item.arguments ?? '', itemId: item.id ?? '', responseId: e.response_id, outputIndex: e.output_index });
      } else if (is(e, 'response.done')) {
        const id = e.response.id;
        if (id === undefined) return;
        const r = responses.get(id);
        if (r === undefined) return;
        if (e.response.status === 'cancelled') {
          for (const run of [...r.runs]) cancel(run, 'response-cancelled');
          abandonReady();
        }
        r.done = true;
        flush(id);
      } else if (cancelOnSpeech && is(e, 'input_audio_buffer.speech_started')) {
        for (const run of [...running, ...[...queues.values()].flat()]) cancel(run, 'barge-in');
        abandonReady();
      }
    };

    const all = () => [...responses.values()].flatMap((r) => r.runs).filter((run) => run.state !== 'settled');
    if (client.status$ !== undefined) {
      subscriber.add(
        client.status$.subscribe({
          next: (s) => {
            if (s.status === 'connected') return;
            for (const run of all()) cancel(run, 'disconnected');
            responses.clear();
          },
          error: () => undefined,
        }),
      );
    }
    subscriber.add(
      client.events$.subscribe({
        next: (e) => {
          try {
            onEvent(e);
          } catch (error) {
            // a send that throws (a misused client) must not end the loop
            void error;
          }
        },
        error: (e: unknown) => subscriber.error(e),
        complete: () => subscriber.complete(),
      }),
    );
    return () => {
      for (const run of all()) {
        run.abort?.abort('unsubscribed');
        run.timer?.unsubscribe();
        run.work?.unsubscribe();
        run.state = 'settled';
      }
    };
  });
}
