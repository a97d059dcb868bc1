/**
 * spec/transport.md §14 F: inbound dispatch (79-93), and the robust handling of the peer quirks
 * listed in §13.
 */
import { harness } from './harness';

const item = (phase: 'added' | 'done' | 'retrieved', it: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: `conversation.item.${phase}`,
  event_id: `e_${phase}`,
  item: it,
  ...extra,
});

describe('F. inbound dispatch', () => {
  it('79. ignores garbage frames without throwing and without a * event, and reports them on error', async () => {
    const h = harness();
    await h.connected();
    const seen = h.record('*');
    const errors = h.record('error');
    expect(() => h.sockets[0]?.fire('message', { data: '{' })).not.toThrow();
    expect(() => h.sockets[0]?.fire('message', { data: new Uint8Array([0, 1, 2]) })).not.toThrow();
    expect(seen).toEqual([]);
    expect(errors.map(([, e]) => (e as { error: { code: string } }).error.code)).toEqual(['RT_ERR_JSON', 'RT_ERR_BINARY_FRAME']);
  });

  it('80. passes an unknown event to * only', async () => {
    const h = harness();
    await h.connected();
    const seen = h.record('*', 'unknown.event', 'error');
    h.deliver({ type: 'unknown.event', event_id: 'evt_x', foo: 'bar' });
    expect(seen).toEqual([['*', { type: 'unknown.event', event_id: 'evt_x', foo: 'bar' }]]);
  });

  it('81. gives * the raw frame and typed listeners the declared fields, isolated from each other', async () => {
    const h = harness();
    await h.connected();
    const raw = { type: 'conversation.created', event_id: 'evt_known', conversation: { id: 'conv_1', provider_nested: { value: true } }, provider_top_level: 123 };
    const seen = h.record('*', 'conversation.created');
    h.deliver(raw);
    expect(seen[0]).toEqual(['*', raw]);
    expect(seen[1]?.[1]).not.toHaveProperty('provider_top_level');
    expect(seen[1]?.[1]).toMatchObject({ type: 'conversation.created', event_id: 'evt_known', conversation: { id: 'conv_1' } });

    const typed: unknown[] = [];
    h.T.on('*', (e: { session?: { instructions?: string } }) => {
      if (e.session) e.session.instructions = 'mutated by a * listener';
    });
    h.T.on('session.updated', (e: unknown) => typed.push(e));
    h.deliver({ type: 'session.updated', event_id: 's', session: { instructions: 'original' } });
    expect(typed).toEqual([{ type: 'session.updated', event_id: 's', session: { instructions: 'original' } }]);
  });

  it('82. reports a known type with a broken payload on error; * still sees it; no typed event', async () => {
    const h = harness();
    await h.connected();
    const seen = h.record('*', 'response.output_audio.delta', 'audio', 'error');
    h.deliver({ type: 'response.output_audio.delta', event_id: 'e16' });
    expect(seen.map(([name]) => name)).toEqual(['*', 'error']);
    expect(seen[1]?.[1]).toMatchObject({ type: 'error', error: { code: 'RT_ERR_SHAPE', type: 'response.output_audio.delta' } });
  });

  it('83. fills in user item statuses: added in_progress, done and retrieved completed; explicit ones kept', async () => {
    const h = harness();
    await h.connected();
    const updates = h.record('item_update');
    const user = { id: 'u1', type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] };
    h.deliver(item('added', user));
    h.deliver(item('done', user));
    h.deliver(item('retrieved', user));
    h.deliver(item('done', { ...user, status: 'in_progress' }));
    h.deliver(item('done', { ...user, status: 'incomplete' }));
    expect(updates.map(([, u]) => (u as { status: string }).status)).toEqual(['in_progress', 'completed', 'completed', 'in_progress', 'incomplete']);
  });

  it('84. records previousItemId from added and done, never from retrieved', async () => {
    const h = harness();
    await h.connected();
    const updates = h.record('item_update');
    const user = { id: 'u1', type: 'message', role: 'user', content: [] };
    h.deliver(item('added', user, { previous_item_id: null }));
    h.deliver(item('done', user, { previous_item_id: 'x' }));
    h.deliver(item('retrieved', user));
    h.deliver(item('added', user));
    expect(updates.map(([, u]) => u)).toEqual([
      { itemId: 'u1', previousItemId: null, type: 'message', role: 'user', status: 'in_progress', content: [] },
      { itemId: 'u1', previousItemId: 'x', type: 'message', role: 'user', status: 'completed', content: [] },
      { itemId: 'u1', type: 'message', role: 'user', status: 'completed', content: [] },
      { itemId: 'u1', type: 'message', role: 'user', status: 'in_progress', content: [] },
    ]);
  });

  it('85. renames legacy assistant audio parts to output_audio, in items and output items', async () => {
    const h = harness();
    await h.connected();
    const updates = h.record('item_update');
    const assistant = { id: 'a1', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'audio', transcript: 'hel' }] };
    h.deliver(item('retrieved', assistant));
    h.deliver({ type: 'response.output_item.done', event_id: 'o', response_id: 'r', output_index: 0, item: assistant });
    expect(updates.map(([, u]) => (u as { content: unknown }).content)).toEqual([
      [{ type: 'output_audio', transcript: 'hel' }],
      [{ type: 'output_audio', transcript: 'hel' }],
    ]);
  });

  it('86. retrieves items after transcription, truncation and MCP progress', async () => {
    const h = harness();
    await h.connected();
    h.deliver({ type: 'conversation.item.input_audio_transcription.completed', event_id: 't', item_id: 'x2', content_index: 0, transcript: 'hi' });
    h.deliver({ type: 'conversation.item.truncated', event_id: 't', item_id: 'x3', content_index: 0, audio_end_ms: 10 });
    h.deliver({ type: 'response.mcp_call.in_progress', event_id: 'm', output_index: 0, item_id: 'm1' });
    h.deliver({ type: 'mcp_list_tools.in_progress', event_id: 'l', item_id: 'tools1' });
    h.deliver({ type: 'mcp_list_tools.in_progress', event_id: 'l2' });
    expect(h.sent.map((f) => JSON.stringify(f))).toEqual([
      '{"type":"conversation.item.retrieve","item_id":"x2"}',
      '{"type":"conversation.item.retrieve","item_id":"x3"}',
      '{"type":"conversation.item.retrieve","item_id":"m1"}',
      '{"type":"conversation.item.retrieve","item_id":"tools1"}',
    ]);
  });

  it('87. reports deletions', async () => {
    const h = harness();
    await h.connected();
    const seen = h.record('item_deleted');
    h.deliver({ type: 'conversation.item.deleted', event_id: 'd', item_id: 'a1' });
    expect(seen).toEqual([['item_deleted', { itemId: 'a1' }]]);
  });

  it('88. turns a completed function call item into item_update then function_call', async () => {
    const h = harness();
    await h.connected();
    const seen = h.record('item_update', 'function_call');
    const call = { id: 'f1', type: 'function_call', status: 'completed', arguments: '{"x":1}', name: 'w', call_id: 'c1' };
    h.deliver({ type: 'response.output_item.done', event_id: 'o', response_id: 'r', output_index: 0, item: call });
    expect(seen).toEqual([
      ['item_update', { itemId: 'f1', type: 'function_call', status: 'in_progress', arguments: '{"x":1}', name: 'w', output: null }],
      ['function_call', { id: 'f1', type: 'function_call', callId: 'c1', arguments: '{"x":1}', name: 'w', responseId: 'r' }],
    ]);
    seen.length = 0;
    h.deliver({ type: 'response.output_item.added', event_id: 'o', response_id: 'r', output_index: 0, item: { ...call, status: 'in_progress' } });
    expect(seen).toEqual([]);
  });

  it('89. gives output messages without status in_progress when added, completed when done', async () => {
    const h = harness();
    await h.connected();
    const updates = h.record('item_update');
    const message = { id: 'a1', type: 'message', role: 'assistant', content: [] };
    h.deliver({ type: 'response.output_item.added', event_id: 'o', response_id: 'r', output_index: 0, item: message });
    h.deliver({ type: 'response.output_item.done', event_id: 'o', response_id: 'r', output_index: 0, item: message });
    expect(updates).toEqual([
      ['item_update', { itemId: 'a1', type: 'message', role: 'assistant', status: 'in_progress', content: [] }],
      ['item_update', { itemId: 'a1', type: 'message', role: 'assistant', status: 'completed', content: [] }],
    ]);
  });

  it('90. emits turn events, with usage before turn_done', async () => {
    const h = harness();
    await h.connected();
    const seen = h.record('response.created', 'turn_started', 'usage_update', 'turn_done');
    const createdEvent = { type: 'response.created', event_id: 'c1', response: { id: 'r' } };
    h.deliver(createdEvent);
    h.deliver({ type: 'response.done', event_id: 'd1', response: { id: 'r', output: [{ type: 'message', role: 'assistant', content: [] }], usage: { input_tokens: 3, output_tokens: 4, input_token_details: { cached_tokens: 1 } } } });
    expect(seen.map(([n]) => n)).toEqual(['response.created', 'turn_started', 'usage_update', 'turn_done']);
    expect(seen[1]?.[1]).toEqual({ type: 'response_started', providerData: createdEvent });
    expect(seen[2]?.[1]).toMatchObject({ inputTokens: 3, outputTokens: 4, totalTokens: 7 });
    expect(seen[3]?.[1]).toEqual({
      type: 'response_done',
      response: {
        id: 'r',
        output: [{ type: 'message', role: 'assistant', content: [] }],
        usage: { inputTokens: 3, inputTokensDetails: { cached_tokens: 1 }, outputTokens: 4, outputTokensDetails: {}, totalTokens: 7 },
      },
    });
  });

  it('91. reports a server error with its message at payload.error.error.message, and no typed event', async () => {
    const h = harness();
    await h.connected();
    const seen = h.record('error');
    h.deliver({ type: 'error', event_id: 'e1', error: { message: 'nope' } });
    expect(seen).toHaveLength(1);
    expect((seen[0]?.[1] as { error: { error: { message: string } } }).error.error.message).toBe('nope');
  });

  it('92. forwards transcript and text deltas', async () => {
    const h = harness();
    await h.connected();
    const seen = h.record('audio_transcript_delta', 'output_text_delta');
    const base = { event_id: 'e', item_id: 'item1', response_id: 'r1', output_index: 0, content_index: 0, delta: 'hi' };
    h.deliver({ ...base, type: 'response.output_audio_transcript.delta' });
    h.deliver({ ...base, type: 'response.output_text.delta' });
    expect(seen).toEqual([
      ['audio_transcript_delta', { type: 'transcript_delta', delta: 'hi', itemId: 'item1', responseId: 'r1' }],
      ['output_text_delta', { type: 'output_text_delta', delta: 'hi', itemId: 'item1', responseId: 'r1' }],
    ]);
  });

  it('93. emits the MCP events', async () => {
    const h = harness();
    await h.connected();
    const seen = h.record('item_update', 'mcp_tools_listed', 'mcp_approval_request', 'mcp_tool_call_completed');
    h.deliver(item('done', { id: 'l1', type: 'mcp_list_tools', server_label: 'srv', tools: [{ name: 'search', input_schema: {} }] }));
    expect(seen).toEqual([['mcp_tools_listed', { serverLabel: 'srv', tools: [{ name: 'search', input_schema: {} }] }]]);
    seen.length = 0;
    h.deliver(item('done', { id: 'ap1', type: 'mcp_approval_request', server_label: 'srv', name: 'tool', arguments: '{"q":1}' }));
    const approval = { itemId: 'ap1', type: 'mcp_approval_request', serverLabel: 'srv', name: 'tool', arguments: { q: 1 } };
    expect(seen).toEqual([
      ['item_update', approval],
      ['mcp_approval_request', approval],
    ]);
    seen.length = 0;
    const call = { id: 'm1', type: 'mcp_call', server_label: 'srv', name: 'tool', arguments: '{}', output: 'ok' };
    h.deliver(item('added', call));
    h.deliver(item('done', call));
    const done = { itemId: 'm1', type: 'mcp_call', status: 'completed', arguments: '{}', name: 'tool', output: 'ok' };
    expect(seen).toEqual([
      ['item_update', { ...done, status: 'in_progress' }],
      ['item_update', done],
      ['mcp_tool_call_completed', done],
    ]);
  });

  describe('§13 quirks, handled robustly', () => {
    it('a server error with no error listener does not throw', async () => {
      const h = harness();
      await h.connected();
      expect(() => h.deliver({ type: 'error', event_id: 'e1', error: { message: 'nope' } })).not.toThrow();
    });

    it('a throwing listener is reported on error; the other listeners and the connection carry on', async () => {
      const h = harness();
      await h.connected();
      const after: string[] = [];
      const errors = h.record('error');
      h.T.on('input_audio_buffer.cleared', () => {
        throw new Error('listener bug');
      });
      h.T.on('input_audio_buffer.cleared', (e: { event_id: string }) => after.push(e.event_id));
      h.deliver({ type: 'input_audio_buffer.cleared', event_id: 'a' });
      h.deliver({ type: 'input_audio_buffer.cleared', event_id: 'b' });
      expect(after).toEqual(['a', 'b']);
      expect(errors).toEqual([
        ['error', { type: 'error', error: new Error('listener bug') }],
        ['error', { type: 'error', error: new Error('listener bug') }],
      ]);
      expect(h.T.status).toBe('connected');
    });

    it('a throwing error listener does not loop or throw; its exception reaches client.errors$ and the logger', async () => {
      const logged: unknown[][] = [];
      const h = harness({ logger: { warn: () => undefined, error: (...args: unknown[]) => void logged.push(args) } });
      await h.connected();
      const reported: unknown[] = [];
      h.T.client.errors$.subscribe((e) => reported.push(e));
      h.T.on('error', () => {
        throw new Error('error listener bug');
      });
      expect(() => h.deliver({ type: 'error', event_id: 'e', error: { message: 'x' } })).not.toThrow();
      expect(reported).toContainEqual(expect.objectContaining({ _tag: 'ListenerError', code: 'RT_ERR_LISTENER', eventName: 'error', cause: new Error('error listener bug') }));
      expect(logged).toEqual([["openai-realtime-rx: a listener of 'error' threw:", new Error('error listener bug')]]);
    });

    it('without an error listener, a throwing listener is never lost: client.errors$ and a rate-limited logger.error', async () => {
      const now = { t: 0 };
      const spy = jest.spyOn(Date, 'now').mockImplementation(() => now.t);
      try {
        const logged: unknown[][] = [];
        const h = harness({ logger: { warn: () => undefined, error: (...args: unknown[]) => void logged.push(args) } });
        await h.connected();
        const reported: unknown[] = [];
        h.T.client.errors$.subscribe((e) => reported.push(e));
        h.T.on('input_audio_buffer.cleared', () => {
          (undefined as unknown as () => void)(); // the classic bug: calling something undefined
        });
        for (let i = 0; i < 114; i++) h.deliver({ type: 'input_audio_buffer.cleared', event_id: `c${i}` });
        expect(reported).toHaveLength(114);
        expect(reported[0]).toMatchObject({ _tag: 'ListenerError', eventName: 'input_audio_buffer.cleared', cause: expect.any(TypeError) });
        expect(logged).toHaveLength(1); // one line per 10 s window, not 114
        expect(logged[0]?.[0]).toBe("openai-realtime-rx: a listener of 'input_audio_buffer.cleared' threw; add an 'error' listener to handle it:");
        now.t += 10_000;
        h.deliver({ type: 'input_audio_buffer.cleared', event_id: 'later' });
        expect(logged).toHaveLength(2);
        expect(logged[1]?.[0]).toMatch(/and 113 more times since the last report/);
        expect(h.T.status).toBe('connected');
      } finally {
        spy.mockRestore();
      }
    });

    it('an item that fits no history shape is reported on error instead of crashing', async () => {
      const h = harness();
      await h.connected();
      const errors = h.record('error');
      const updates = h.record('item_update');
      h.deliver(item('done', { id: 'u1', type: 'message', role: 'user', content: [{ type: 'output_text', text: 'not a user part' }] }));
      expect(updates).toEqual([]);
      expect(errors).toHaveLength(1);
    });

    it('a malformed server error (bad field types) still reaches error listeners with its raw body', async () => {
      const h = harness();
      await h.connected();
      const errors = h.record('error');
      h.deliver({ type: 'error', event_id: 'e', error: { code: 123, message: null } });
      expect(errors).toEqual([['error', { type: 'error', error: { type: 'error', event_id: 'e', error: { code: 123, message: null } } }]]);
    });

    it('on() returns the transport, so calls chain; emit says whether anyone listened', () => {
      const h = harness();
      const calls: string[] = [];
      expect(h.T.on('a', () => calls.push('a')).once('b', () => calls.push('b'))).toBe(h.T);
      expect(h.T.emit('a')).toBe(true);
      expect(h.T.emit('b')).toBe(true);
      expect(h.T.emit('b')).toBe(false);
      expect(calls).toEqual(['a', 'b']);
    });
  });
});
