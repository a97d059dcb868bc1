/**
 * The reconnect policy and the conversation log: pure pieces, tested without sockets or timers.
 */
import { ConversationLog } from '../../lib/commands/ConversationLog';
import { backoffDelay, reconnectPolicy } from '../../lib/client/reconnectPolicy';
import type { ReconnectOptions } from '../../lib/index';
import { RealtimeClient, reconnecting } from '../../lib/index';
import { sessionFiles, sessionLines } from '../helpers/corpus';

describe('reconnectPolicy', () => {
  it('is off unless asked for, and fills in the defaults', () => {
    expect(reconnectPolicy(undefined)).toBeUndefined();
    expect(reconnectPolicy(false)).toBeUndefined();
    expect(reconnectPolicy(true)).toEqual({ maxAttempts: 5, initialDelayMs: 500, maxDelayMs: 8000, stableAfterMs: 30000, rolloverAfterMs: 3_300_000, replay: {} });
    expect(reconnectPolicy({ maxAttempts: 2, replay: false })).toMatchObject({ maxAttempts: 2, replay: false });
  });

  it('refuses a negative bound at once', () => {
    expect(() => reconnectPolicy({ maxAttempts: -1 })).toThrow(/reconnect.maxAttempts must be 0 or more/);
    expect(() => reconnectPolicy({ initialDelayMs: Number.NaN })).toThrow(RangeError);
  });
});

describe('reconnecting: the strategy RealtimeClient takes', () => {
  it('carries the policy with its defaults, and validates at once', () => {
    expect(reconnecting().policy).toEqual(reconnectPolicy(true));
    expect(reconnecting({ maxAttempts: 2, replay: false }).policy).toMatchObject({ maxAttempts: 2, replay: false });
    expect(() => reconnecting({ stableAfterMs: -5 })).toThrow(/reconnect.stableAfterMs must be 0 or more/);
  });

  it('is required: the options bag of earlier versions is refused with a message that names the fix', () => {
    const old = { maxAttempts: 3 } as ReconnectOptions;
    expect(() => new RealtimeClient({ reconnect: old as never })).toThrow(/reconnect: reconnecting\(\{\.\.\.\}\)/);
    expect(() => new RealtimeClient({ reconnect: true as never })).toThrow(TypeError);
    // off, as before
    expect(() => new RealtimeClient({ reconnect: false as never }).dispose()).not.toThrow();
    expect(() => new RealtimeClient({ reconnect: reconnecting() }).dispose()).not.toThrow();
  });
});

describe('backoffDelay: exponential with full jitter', () => {
  const policy = reconnectPolicy(true)!;
  it.each([
    [1, 500],
    [2, 1000],
    [3, 2000],
    [4, 4000],
    [5, 8000],
    [9, 8000],
  ])('attempt %i waits between 0 and %i ms', (attempt, ceiling) => {
    expect(backoffDelay(attempt, policy, () => 0)).toBe(0);
    expect(backoffDelay(attempt, policy, () => 0.5)).toBe(ceiling / 2);
    expect(backoffDelay(attempt, policy, () => 0.999999)).toBe(ceiling - 1);
  });

  it("honours a server's retry-after when it asks for longer", () => {
    expect(backoffDelay(1, policy, () => 0.5, 3000)).toBe(3000);
    expect(backoffDelay(5, policy, () => 0.9, 100)).toBe(7200);
  });
});

describe('ConversationLog', () => {
  const done = (item: Record<string, unknown>) => ({ type: 'conversation.item.done', event_id: 'e', previous_item_id: null, item });
  const user = (id: string, text: string) => done({ id, type: 'message', role: 'user', content: [{ type: 'input_text', text }] });
  const assistantAudio = (id: string, transcript: string) => done({ id, type: 'message', role: 'assistant', content: [{ type: 'output_audio', transcript }] });

  it('replays user text, transcribed speech, assistant transcripts and tool calls in order, chained', () => {
    const log = new ConversationLog();
    log.record(user('u1', 'What is the weather in Paris?'));
    log.record(done({ id: 'f1', type: 'function_call', call_id: 'c1', name: 'get_weather', arguments: '{"city":"Paris"}' }));
    log.record(done({ id: 'o1', type: 'function_call_output', call_id: 'c1', output: '{"forecast":"sunny"}' }));
    log.record(assistantAudio('a1', 'It is sunny.'));
    log.record(done({ id: 'u2', type: 'message', role: 'user', content: [{ type: 'input_audio' }] }));
    log.record({ type: 'conversation.item.input_audio_transcription.completed', item_id: 'u2', content_index: 0, transcript: 'Thanks!' });
    expect(log.replay()).toEqual([
      { type: 'conversation.item.create', item: { id: 'u1', type: 'message', role: 'user', content: [{ type: 'input_text', text: 'What is the weather in Paris?' }] } },
      { type: 'conversation.item.create', previous_item_id: 'u1', item: { id: 'f1', type: 'function_call', call_id: 'c1', name: 'get_weather', arguments: '{"city":"Paris"}' } },
      { type: 'conversation.item.create', previous_item_id: 'f1', item: { id: 'o1', type: 'function_call_output', call_id: 'c1', output: '{"forecast":"sunny"}' } },
      { type: 'conversation.item.create', previous_item_id: 'o1', item: { id: 'a1', type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'It is sunny.' }] } },
      { type: 'conversation.item.create', previous_item_id: 'a1', item: { id: 'u2', type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Thanks!' }] } },
    ]);
  });

  it('keeps the most recent items within the budget, and never an output without its call', () => {
    const log = new ConversationLog();
    log.record(done({ id: 'f1', type: 'function_call', call_id: 'c1', name: 'n', arguments: '{}' }));
    log.record(done({ id: 'o1', type: 'function_call_output', call_id: 'c1', output: 'x' }));
    for (let i = 0; i < 10; i++) log.record(user(`u${i}`, 'x'.repeat(10)));
    expect(log.replay({ maxItems: 3 }).map((c) => c.item.id)).toEqual(['u7', 'u8', 'u9']);
    expect(log.replay({ maxChars: 25 }).map((c) => c.item.id)).toEqual(['u8', 'u9']);
    expect(log.replay({ maxItems: 11 }).map((c) => c.item.id)).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9']); // o1 without f1: left out
  });

  it('forgets deleted items, skips empty messages, and stays within its capacity', () => {
    const log = new ConversationLog(3);
    for (let i = 0; i < 5; i++) log.record(user(`u${i}`, `m${i}`));
    log.record({ type: 'conversation.item.deleted', event_id: 'e', item_id: 'u3' });
    log.record(done({ id: 'empty', type: 'message', role: 'user', content: [] }));
    expect(log.size).toBe(3);
    expect(log.replay().map((c) => c.item.id)).toEqual(['u2', 'u4']);
  });

  it('learns the conversation of every recorded session without throwing', () => {
    for (const file of sessionFiles('.jsonl')) {
      const log = new ConversationLog();
      for (const line of sessionLines(file)) log.record(JSON.parse(line) as { type: string });
      for (const command of log.replay()) expect(command.type).toBe('conversation.item.create');
    }
  });
});
