/**
 * runTools in virtual time, on a fake client: timeouts, concurrency policies, cancelled
 * responses, the respond option, unsubscription. What `send` got is the wire.
 */
import type { Observable } from 'rxjs';
import { NEVER, map, timer } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { AnyServerEvent, ClientEvent, ConnectionStatus, RunToolsOptions, ToolSet } from '../../lib/index';
import { runTools, toolDefinitions } from '../../lib/index';

const call = (responseId: string, outputIndex: number, name: string, args = '{}'): AnyServerEvent =>
  ({ type: 'response.output_item.done', event_id: 'e', response_id: responseId, output_index: outputIndex, item: { id: `i_${responseId}${outputIndex}`, type: 'function_call', status: 'completed', name, call_id: `${responseId}${outputIndex}`, arguments: args } });
const done = (id: string, status = 'completed'): AnyServerEvent => ({ type: 'response.done', event_id: 'e', response: { id, object: 'realtime.response', status, output: [] } });
const speech = { type: 'input_audio_buffer.speech_started', event_id: 'e', audio_start_ms: 0, item_id: 'u' } as AnyServerEvent;

/** Runs the loop in virtual time (one frame = 1 ms) over marbles of events; the wire and the tool events, each with its frame. */
function run(marbles: string, values: Record<string, AnyServerEvent>, tools: ToolSet, options: RunToolsOptions = {}, status?: (hot: TestScheduler['createHotObservable']) => Observable<ConnectionStatus>) {
  const wire: string[] = [];
  const events: string[] = [];
  const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
  scheduler.run(({ hot }) => {
    const events$ = hot<AnyServerEvent>(marbles, values);
    const send = (c: ClientEvent) => {
      const item = c.type === 'conversation.item.create' ? (c.item as { call_id?: string; output?: string }) : undefined;
      wire.push(`${scheduler.now()}: ${item ? `output ${String(item.call_id)}=${String(item.output)}` : c.type}`);
    };
    const status$ = status?.(hot);
    runTools({ events$, send, ...(status$ ? { status$ } : {}) }, tools, options).subscribe((e) =>
      events.push(`${scheduler.now()}: ${e.kind} ${e.call.callId}${e.kind === 'cancelled' ? ` ${e.reason}` : ''}`),
    );
  });
  return { wire, events };
}

/** A tool that answers `value` after `ms` virtual milliseconds, counting aborts. */
const after = (ms: number, value: string, aborts: string[] = []) => ({
  handler: (_: unknown, ctx: { signal: AbortSignal; call: { callId: string } }) => {
    ctx.signal.addEventListener('abort', () => aborts.push(`${ctx.call.callId}:${String(ctx.signal.reason)}`));
    return timer(ms).pipe(map(() => value));
  },
});

describe('runTools (virtual time)', () => {
  it('a timeout cancels the handler and sends an error output the model can read, then response.create', () => {
    const aborts: string[] = [];
    const { wire, events } = run('a-b', { a: call('r', 0, 'slow'), b: done('r') }, { slow: { ...after(100, 'late', aborts), timeoutMs: 20 } });
    expect(events).toEqual(['0: started r0', '20: cancelled r0 timeout']);
    expect(aborts).toEqual(['r0:timeout']);
    expect(wire).toEqual(['20: output r0={"error":"slow: timed out"}', '20: response.create']);
  });

  it('holds outputs until the response is done, then sends them in output_index order and one response.create (coalesce)', () => {
    const { wire } = run('ab----c', { a: call('r', 0, 'slow'), b: call('r', 1, 'fast'), c: done('r') }, { slow: after(10, 'S'), fast: after(1, 'F') });
    expect(wire).toEqual(['10: output r0=S', '10: output r1=F', '10: response.create']);
  });

  it("respond: 'each' asks after each output; respond: false never", () => {
    const values = { a: call('r', 0, 'a'), b: call('r', 1, 'b'), c: done('r') };
    const tools = { a: { handler: () => 'A' }, b: { handler: () => 'B' } };
    expect(run('abc', values, tools, { respond: 'each' }).wire).toEqual(['2: output r0=A', '2: response.create', '2: output r1=B', '2: response.create']);
    expect(run('abc', values, tools, { respond: false }).wire).toEqual(['2: output r0=A', '2: output r1=B']);
  });

  it('a cancelled response cancels its calls: signals abort, nothing is sent', () => {
    const aborts: string[] = [];
    const { wire, events } = run('a--b', { a: call('r', 0, 'slow'), b: done('r', 'cancelled') }, { slow: after(100, 'x', aborts) });
    expect(events).toEqual(['0: started r0', '3: cancelled r0 response-cancelled']);
    expect(aborts).toEqual(['r0:response-cancelled']);
    expect(wire).toEqual([]);
  });

  it('barge-in cancels the running calls (and a configured cancelled output is sent instead of nothing)', () => {
    const { wire, events } = run('ab-c', { a: call('r', 0, 'slow'), b: done('r'), c: speech }, { slow: after(100, 'x') }, { cancelledOutput: (c, reason) => `{"cancelled":"${reason}"}` });
    expect(events).toEqual(['0: started r0', '3: cancelled r0 barge-in']);
    // the output is sent, but no response.create: the user is talking
    expect(wire).toEqual(['3: output r0={"cancelled":"barge-in"}']);
  });

  it('a result ready before its response is done is dropped when the user barges in and the response is cancelled', () => {
    const { wire, events } = run('a-bc', { a: call('r', 0, 'fast'), b: speech, c: done('r', 'cancelled') }, { fast: { handler: () => 'ready' } });
    expect(events).toEqual(['0: started r0', '0: output r0']);
    expect(wire).toEqual([]);
  });

  it('a dropped connection cancels the running calls', () => {
    const { wire, events } = run('ab', { a: call('r', 0, 'slow'), b: done('r') }, { slow: after(100, 'x') }, {}, (hot) =>
      hot('c----d', { c: { status: 'connected' }, d: { status: 'reconnecting', attempt: 1, delayMs: 0, cause: { status: 'disconnected' } } }),
    );
    expect(events).toEqual(['0: started r0', '5: cancelled r0 disconnected']);
    expect(wire).toEqual([]);
  });

  it("concurrency: 'concat' queues, 'switch' supersedes, 'exhaust' refuses", () => {
    const three = { a: call('r', 0, 't'), b: call('r', 1, 't'), c: call('r', 2, 't'), d: done('r') };
    expect(run('abcd', three, { t: { ...after(10, 'x'), concurrency: 'concat' } }).events).toEqual([
      '0: started r0', '10: output r0', '10: started r1', '20: output r1', '20: started r2', '30: output r2',
    ]);
    expect(run('abcd', three, { t: { ...after(10, 'x'), concurrency: 'switch' } }).events).toEqual([
      '0: started r0', '1: cancelled r0 superseded', '1: started r1', '2: cancelled r1 superseded', '2: started r2', '12: output r2',
    ]);
    const exhaust = run('abcd', three, { t: { ...after(10, 'x'), concurrency: 'exhaust' } });
    expect(exhaust.events).toEqual(['0: started r0', '1: cancelled r1 busy', '2: cancelled r2 busy', '10: output r0']);
    expect(exhaust.wire).toEqual([
      '10: output r0=x',
      '10: output r1={"error":"t: busy with an earlier call"}',
      '10: output r2={"error":"t: busy with an earlier call"}',
      '10: response.create',
    ]);
  });

  it('an unknown tool, a handler that throws synchronously and a handler Observable that errors become error outputs', () => {
    const tools: ToolSet = {
      throws: {
        handler: () => {
          throw new Error('boom');
        },
      },
      errors: { handler: () => timer(5).pipe(map(() => { throw new Error('late boom'); })) },
    };
    const { wire } = run('abcd', { a: call('r', 0, 'nope'), b: call('r', 1, 'throws'), c: call('r', 2, 'errors'), d: done('r') }, tools);
    // the outputs settled when the response is done go then, the late one when it fails
    expect(wire).toEqual(['3: output r0={"error":"unknown tool: nope"}', '3: output r1={"error":"boom"}', '7: output r2={"error":"late boom"}', '7: response.create']);
  });

  it('unsubscribing aborts the running calls and sends nothing', () => {
    const aborts: string[] = [];
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    const wire: string[] = [];
    scheduler.run(({ hot }) => {
      const sub = runTools({ events$: hot('a', { a: call('r', 0, 'slow') }), send: (c) => wire.push(c.type) }, { slow: after(100, 'x', aborts) }).subscribe();
      scheduler.schedule(() => sub.unsubscribe(), 5);
    });
    expect(aborts).toEqual(['r0:unsubscribed']);
    expect(wire).toEqual([]);
  });

  it('toolDefinitions: the session.update tools from the same object', () => {
    expect(toolDefinitions({ get_weather: { description: 'Weather', parameters: { type: 'object' }, handler: () => NEVER }, ping: { handler: () => 'pong' } })).toEqual([
      { type: 'function', name: 'get_weather', description: 'Weather', parameters: { type: 'object' } },
      { type: 'function', name: 'ping' },
    ]);
  });
});
