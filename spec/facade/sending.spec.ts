/**
 * spec/transport.md §14 D: messages, function outputs, response sequencing (46-64).
 */
import { OpenAIRealtimeWebSocket } from '../../lib/index';
import { created, delta, done, flush, harness } from './harness';

const creates = (sent: unknown[]) => sent.filter((f) => (f as { type: string }).type === 'response.create');

describe('D. messages, function outputs, response sequencing', () => {
  it('46. sends a text message and an automatic response.create', async () => {
    const h = harness();
    await h.connected();
    h.T.sendMessage('hello', {});
    expect(h.sent.map((f) => JSON.stringify(f))).toEqual([
      '{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"hello"}]}}',
      '{"type":"response.create","event_id":"agents_js_response_create_1"}',
    ]);
  });

  it('47. rewrites image parts and spreads otherEventData after the item', async () => {
    const h = harness();
    await h.connected();
    h.T.sendMessage(
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }, { type: 'input_image', image: 'data:image/png;base64,AAA', providerData: { detail: 'high' } }] },
      { event_id: 'custom', previous_item_id: 'p1' },
      { triggerResponse: false },
    );
    expect(h.sent.map((f) => JSON.stringify(f))).toEqual([
      '{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"hi"},{"type":"input_image","image_url":"data:image/png;base64,AAA","detail":"high"}]},"event_id":"custom","previous_item_id":"p1"}',
    ]);
  });

  it('48. adds an image', async () => {
    const h = harness();
    await h.connected();
    h.T.addImage('data:image/png;base64,BBB', { triggerResponse: false });
    expect(h.sent).toEqual([
      { type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_image', image_url: 'data:image/png;base64,BBB' }] } },
    ]);
  });

  it('49. defers the second response.create of the same tick', async () => {
    const h = harness();
    await h.connected();
    h.T.sendMessage('a', {});
    h.T.sendMessage('b', {});
    expect(h.types()).toEqual(['conversation.item.create', 'response.create', 'conversation.item.create']);
  });

  it('50. writes a manual create at once, before later frames', async () => {
    const h = harness();
    await h.connected();
    h.T.sendEvent({ type: 'response.create' });
    h.T.sendEvent({ type: 'input_audio_buffer.append', audio: 'AA==' });
    expect(h.types()).toEqual(['response.create', 'input_audio_buffer.append']);
    expect(h.sent[0]).toEqual({ type: 'response.create', event_id: 'agents_js_response_create_1' });
  });

  it('51. keeps a create’s own event_id', async () => {
    const h = harness();
    await h.connected();
    h.T.sendEvent({ type: 'response.create', event_id: 'mine', response: { instructions: 'x' } });
    expect(h.sent).toEqual([{ type: 'response.create', event_id: 'mine', response: { instructions: 'x' } }]);
  });

  it('52. queues a create until the running response is done', async () => {
    const h = harness();
    await h.connected();
    h.deliver(created());
    h.T.sendEvent({ type: 'response.create', response: { instructions: 'Say hello.' } });
    expect(h.sent).toEqual([]);
    h.deliver(done());
    expect(h.sent).toEqual([]);
    await flush();
    expect(h.sent).toEqual([{ type: 'response.create', event_id: expect.any(String), response: { instructions: 'Say hello.' } }]);
  });

  it('53. interrupt then message: cancel, truncate, item; the create after done', async () => {
    const h = harness();
    await h.connected();
    h.deliver(created());
    h.deliver(delta(480));
    h.T.interrupt();
    h.T.sendMessage('blocked', {});
    expect(h.types()).toEqual(['response.cancel', 'conversation.item.truncate', 'conversation.item.create']);
    h.deliver(done());
    await flush();
    expect(h.types()).toEqual(['response.cancel', 'conversation.item.truncate', 'conversation.item.create', 'response.create']);
  });

  it('54. coalesces automatic requests, never merging a manual one, in order', async () => {
    const h = harness();
    await h.connected();
    h.T.sendMessage('a', {}); // create _1 in flight, unacknowledged
    h.T.sendMessage('b', {});
    h.T.sendMessage('c', {});
    h.T.requestResponse({ instructions: 'manual' });
    h.T.sendMessage('d', {});
    const cycle = async () => {
      h.deliver(created());
      h.deliver(done());
      await flush();
    };
    for (let i = 0; i < 5; i++) await cycle();
    expect(creates(h.sent)).toEqual([
      { type: 'response.create', event_id: 'agents_js_response_create_1' },
      { type: 'response.create', event_id: 'agents_js_response_create_2' },
      { type: 'response.create', response: { instructions: 'manual' }, event_id: 'agents_js_response_create_3' },
      { type: 'response.create', event_id: 'agents_js_response_create_4' },
    ]);
  });

  it('55. keeps an override apart from an automatic request', async () => {
    const h = harness();
    await h.connected();
    h.deliver(created());
    h.T.sendMessage('auto', {});
    h.T.requestResponse({ instructions: 'Use the override.' });
    h.deliver(done());
    await flush();
    expect(creates(h.sent)).toEqual([{ type: 'response.create', event_id: expect.any(String) }]);
    h.deliver(created());
    h.deliver(done());
    await flush();
    expect(creates(h.sent)[1]).toEqual({ type: 'response.create', response: { instructions: 'Use the override.' }, event_id: expect.any(String) });
  });

  it('56. a linked error releases the queued request', async () => {
    const h = harness();
    await h.connected();
    h.deliver(created());
    h.T.requestResponse();
    h.deliver(done());
    await flush();
    const X = (creates(h.sent)[0] as { event_id: string }).event_id;
    h.T.requestResponse();
    h.deliver({ type: 'error', event_id: 'err-1', error: { code: 'bad_response_create', message: 'bad response.create', event_id: X } });
    await flush();
    expect(creates(h.sent)).toHaveLength(2);
  });

  it('57. a failed coalesced create is retried exactly once', async () => {
    const h = harness();
    await h.connected();
    h.deliver(created());
    h.T.sendMessage('a', {});
    h.T.sendMessage('b', {});
    h.T.sendMessage('c', {});
    h.deliver(done());
    await flush();
    expect(creates(h.sent)).toHaveLength(1);
    const X = (creates(h.sent)[0] as { event_id: string }).event_id;
    h.deliver({ type: 'error', event_id: 'e', error: { message: 'failed', event_id: X } });
    await flush();
    expect(creates(h.sent)).toHaveLength(2);
    h.deliver(created());
    h.deliver(done());
    await flush();
    expect(creates(h.sent)).toHaveLength(2);
  });

  it('58. unlinked errors release a create only when they look like a response.create failure', async () => {
    const setup = async () => {
      const h = harness();
      await h.connected();
      h.T.requestResponse();
      h.T.requestResponse({ instructions: 'waiting' });
      return h;
    };
    const released = async (error: Record<string, unknown>) => {
      const h = await setup();
      h.deliver({ type: 'error', event_id: 'e', error });
      await flush();
      return creates(h.sent).length === 2;
    };
    expect(await released({ code: 'invalid_response_create', message: 'x' })).toBe(true);
    expect(await released({ message: 'the response.create failed' })).toBe(true);
    expect(await released({ code: 123, message: null })).toBe(false);
    expect(await released({ message: 'response.create', event_id: 'some_other_event' })).toBe(false);
  });

  it('59. cancel: _cancelResponse only while a response runs, once; sendEvent always writes', async () => {
    const h = harness();
    await h.connected();
    h.T._cancelResponse();
    expect(h.sent).toEqual([]);
    h.T.sendEvent({ type: 'response.cancel' });
    expect(h.sent).toEqual([{ type: 'response.cancel' }]);
    h.sent.length = 0;
    h.deliver(created());
    h.T._cancelResponse();
    h.T._cancelResponse();
    expect(h.sent).toEqual([{ type: 'response.cancel' }]);
    h.T.requestResponse();
    await flush();
    expect(creates(h.sent)).toEqual([]);
    h.deliver(done());
    await flush();
    expect(creates(h.sent)).toHaveLength(1);
  });

  it('60. sends a function call output, records the call, and asks for a response', async () => {
    const h = harness();
    await h.connected();
    const updates = h.record('item_update');
    h.T.sendFunctionCallOutput(
      { type: 'function_call', id: 'item_f', callId: 'call_1', name: 'get_weather', arguments: '{"a":1}', previousItemId: 'prev', responseId: 'r1' },
      '{"ok":true}',
    );
    expect(h.sent.map((f) => JSON.stringify(f))).toEqual([
      '{"type":"conversation.item.create","item":{"type":"function_call_output","output":"{\\"ok\\":true}","call_id":"call_1"}}',
      '{"type":"response.create","event_id":"agents_js_response_create_1"}',
    ]);
    expect(updates).toEqual([
      ['item_update', { itemId: 'item_f', previousItemId: 'prev', type: 'function_call', status: 'completed', arguments: '{"a":1}', name: 'get_weather', output: '{"ok":true}' }],
    ]);
  });

  it('61. asks for no response when startResponse is false', async () => {
    const h = harness();
    await h.connected();
    h.T.sendFunctionCallOutput({ type: 'function_call', id: 'f', callId: 'c', name: 'n', arguments: '{}' }, 'ok', false);
    expect(h.types()).toEqual(['conversation.item.create']);
  });

  it('62. an invalid tool call still sends its frames, records nothing, and logs an error', async () => {
    const error = jest.fn();
    const h = harness({ logger: { warn: jest.fn(), error } });
    await h.connected();
    const updates = h.record('item_update');
    h.T.sendFunctionCallOutput({ type: 'function_call', callId: 'c', name: 'n', arguments: '{}' }, 'ok');
    expect(h.types()).toEqual(['conversation.item.create', 'response.create']);
    expect(updates).toEqual([]);
    expect(error).toHaveBeenCalledTimes(1);
  });

  it('63. sending while not connected throws for events, never for audio, interrupt or cancel', () => {
    const T = new OpenAIRealtimeWebSocket();
    const message = 'WebSocket is not connected. Make sure you call `connect()` before sending events.';
    expect(() => T.sendEvent({ type: 'noop' })).toThrow(message);
    expect(() => T.sendMessage('hi', {})).toThrow(message);
    expect(() => T.requestResponse()).toThrow(message);
    expect(() => T.sendAudio(new ArrayBuffer(4))).not.toThrow();
    expect(() => T.interrupt()).not.toThrow();
    expect(() => T._cancelResponse()).not.toThrow();
  });

  it('64. answers an MCP approval request, with and without a reason', async () => {
    const h = harness();
    await h.connected();
    const request = { itemId: 'mcp2', type: 'mcp_approval_request' as const, serverLabel: 'srv', name: 'tool', arguments: { foo: 'bar' }, approved: null };
    h.T.sendMcpResponse(request, false, 'Denied by policy');
    h.T.sendMcpResponse(request, true);
    expect(h.sent.map((f) => JSON.stringify(f))).toEqual([
      '{"type":"conversation.item.create","previous_item_id":"mcp2","item":{"type":"mcp_approval_response","approval_request_id":"mcp2","approve":false,"reason":"Denied by policy"}}',
      '{"type":"conversation.item.create","previous_item_id":"mcp2","item":{"type":"mcp_approval_response","approval_request_id":"mcp2","approve":true}}',
    ]);
  });

  it('reports a create whose send fails on error, and frees the way for the next request', async () => {
    const h = harness();
    await h.connected();
    const errors = h.record('error');
    const socket = h.sockets[0];
    if (!socket) throw new Error('no socket');
    const send = socket.send.bind(socket);
    socket.send = () => {
      throw new Error('socket full');
    };
    h.T.requestResponse();
    socket.send = send;
    expect(errors).toEqual([['error', { type: 'error', error: new Error('socket full') }]]);
    h.T.requestResponse();
    expect(creates(h.sent)).toEqual([{ type: 'response.create', event_id: 'agents_js_response_create_2' }]);
  });
});
