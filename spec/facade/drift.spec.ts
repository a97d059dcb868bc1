/**
 * Two-tier decoding in the facade (issue #9, finding 10): a frame whose essentials hold but whose
 * other fields drift from the schema still drives every derived event and wire reaction; the
 * drift goes to `logger.warn`, rate limited per event type, never to `error`.
 */
import * as fs from 'node:fs';
import { DRIFT_LOG_INTERVAL_MS } from '../../lib/facade/InboundDispatcher';
import { corpusPath } from '../helpers/corpus';
import { flush, harness } from './harness';

const frame = (file: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(corpusPath('invalid', file), 'utf8')) as Record<string, unknown>;

const logger = () => ({ warn: jest.fn<void, [string]>(), error: jest.fn() });

describe('drifted frames in OpenAIRealtimeWebSocket', () => {
  it('a response.done whose output items have an unexpected shape still gives usage_update and turn_done', async () => {
    const log = logger();
    const h = harness({ logger: log });
    await h.connected();
    const seen = h.record('*', 'response.done', 'usage_update', 'turn_done', 'error');
    const drifted = frame('x01-response-done-output-item-drift.txt');
    h.deliver(drifted);
    expect(seen.map(([name]) => name)).toEqual(['*', 'response.done', 'usage_update', 'turn_done']);
    expect(seen[2]?.[1]).toMatchObject({ requests: 1, inputTokens: 20, outputTokens: 10, totalTokens: 30 });
    expect(seen[3]?.[1]).toMatchObject({ type: 'response_done', response: { id: 'resp_X01', usage: { inputTokens: 20, outputTokens: 10, totalTokens: 30 } } });
    // the output is passed on as it arrived
    expect((seen[3]?.[1] as { response: { output: unknown[] } }).response.output).toEqual((drifted['response'] as { output: unknown[] }).output);
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn.mock.calls[0]?.[0]).toMatch(/RT_WARN_DRIFT response\.done: delivered, but \/response\/output\/0 /);
    expect(log.error).not.toHaveBeenCalled();
  });

  it('a response.done with an unknown status still ends the response, so a queued response.create goes out', async () => {
    const h = harness({ logger: logger() });
    await h.connected();
    h.deliver({ type: 'response.created', event_id: 'c', response: { id: 'resp_CInv0000000000000002', status: 'in_progress' } });
    h.T.requestResponse();
    await flush();
    expect(h.types()).toEqual([]); // a response is in progress: the request waits
    h.deliver(frame('46-response-status-unknown.txt'));
    await flush();
    expect(h.types()).toEqual(['response.create']);
  });

  it('an mcp_list_tools.in_progress without event_id still triggers the automatic retrieve', async () => {
    const log = logger();
    const h = harness({ logger: log });
    await h.connected();
    const errors = h.record('error');
    h.deliver(frame('x02-mcp-list-tools-in-progress-no-event-id.txt'));
    expect(h.sent).toEqual([{ type: 'conversation.item.retrieve', item_id: 'mcpl_X02' }]);
    expect(errors).toEqual([]);
    expect(log.warn.mock.calls.map(([m]) => m)).toEqual([expect.stringMatching(/mcp_list_tools\.in_progress: delivered, but \/event_id /)]);
  });

  it('a speech_started without audio_start_ms is still delivered, for barge-in', async () => {
    const h = harness({ logger: logger() });
    await h.connected();
    const seen = h.record('input_audio_buffer.speech_started', 'error');
    h.deliver(frame('x06-speech-started-no-audio-start-ms.txt'));
    expect(seen.map(([name]) => name)).toEqual(['input_audio_buffer.speech_started']);
  });

  it('reports an essential failure on error as before, and logs nothing', async () => {
    const log = logger();
    const h = harness({ logger: log });
    await h.connected();
    const seen = h.record('*', 'mcp_list_tools.in_progress', 'error');
    h.deliver(frame('x09-mcp-list-tools-item-id-number.txt'));
    expect(seen.map(([name]) => name)).toEqual(['*', 'error']);
    expect(seen[1]?.[1]).toMatchObject({ error: { code: 'RT_ERR_SHAPE', issues: [{ path: '/item_id' }] } });
    expect(h.sent).toEqual([]);
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('logs at most one drift line per event type per interval, counting the frames it left out', async () => {
    const log = logger();
    const h = harness({ logger: log });
    await h.connected();
    jest.useFakeTimers({ now: 5_000_000, doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    try {
      const drifted = frame('x01-response-done-output-item-drift.txt');
      const turns = h.record('turn_done');
      for (let i = 0; i < 5; i++) h.deliver(drifted);
      h.deliver(frame('x02-mcp-list-tools-in-progress-no-event-id.txt')); // another type has its own budget
      expect(turns).toHaveLength(5); // every frame is handled; only the logging is limited
      expect(log.warn).toHaveBeenCalledTimes(2);

      jest.advanceTimersByTime(DRIFT_LOG_INTERVAL_MS - 1);
      h.deliver(drifted);
      expect(log.warn).toHaveBeenCalledTimes(2);

      jest.advanceTimersByTime(1);
      h.deliver(drifted);
      expect(log.warn).toHaveBeenCalledTimes(3);
      expect(log.warn.mock.calls[2]?.[0]).toMatch(/\(and 5 more response\.done frame\(s\) since the last report\)$/);

      jest.advanceTimersByTime(DRIFT_LOG_INTERVAL_MS);
      h.deliver(drifted);
      expect(log.warn).toHaveBeenCalledTimes(4);
      expect(log.warn.mock.calls[3]?.[0]).not.toMatch(/since the last report/);
    } finally {
      jest.useRealTimers();
    }
  });

  it('defaults to console.warn, and a logger that throws becomes an error event, not an exception', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const h = harness();
      await h.connected();
      h.deliver(frame('x05-text-delta-output-index-string.txt'));
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^openai-realtime-rx: RT_WARN_DRIFT response\.output_text\.delta/));
    } finally {
      warn.mockRestore();
    }
    const h = harness({ logger: { warn: () => { throw new Error('logger down'); }, error: () => undefined } });
    await h.connected();
    const seen = h.record('output_text_delta', 'error');
    expect(() => h.deliver(frame('x05-text-delta-output-index-string.txt'))).not.toThrow();
    expect(seen.map(([name]) => name)).toEqual(['error', 'output_text_delta']);
    expect((seen[0]?.[1] as { error: Error }).error.message).toBe('logger down');
  });
});
