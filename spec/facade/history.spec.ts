/**
 * spec/transport.md §14 G: history reset (94-103).
 */
import type { RealtimeItem } from '../../lib/index';
import { UserError } from '../../lib/index';
import { harness } from './harness';

const u = (id: string, text: string): RealtimeItem => ({ itemId: id, type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_text', text }] });
const a = (id: string, text: string): RealtimeItem => ({ itemId: id, type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text }] });
const s = (id: string, text: string): RealtimeItem => ({ itemId: id, type: 'message', role: 'system', content: [{ type: 'input_text', text }] });
const call = (id: string, args = '{}'): RealtimeItem => ({ itemId: id, type: 'function_call', status: 'completed', arguments: args, name: 'f', output: null });
const mcp = (id: string): RealtimeItem => ({ itemId: id, type: 'mcp_call', status: 'completed', arguments: '{}', name: 'tool', output: null });

const connected = async () => {
  const h = harness();
  await h.connected();
  return h;
};

describe('G. history reset', () => {
  it('94. replaces one item by another', async () => {
    const h = await connected();
    h.T.resetHistory([u('1', 'a')], [u('2', 'b')]);
    expect(h.sent.map((f) => JSON.stringify(f))).toEqual([
      '{"type":"conversation.item.delete","item_id":"1","event_id":"agents_delete_1"}',
      '{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"b"}],"id":"2","status":"completed"},"event_id":"agents_create_2"}',
    ]);
  });

  it('95. updates an item in the middle: delete, then create after its predecessor', async () => {
    const h = await connected();
    h.T.resetHistory([u('1', 'x'), a('2', 'old'), u('3', 'y')], [u('1', 'x'), a('2', 'new'), u('3', 'y')]);
    expect(h.sent).toEqual([
      { type: 'conversation.item.delete', item_id: '2', event_id: 'agents_delete_1' },
      { type: 'conversation.item.create', previous_item_id: '1', item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'new' }], id: '2', status: 'completed' }, event_id: 'agents_create_2' },
    ]);
  });

  it('96. inserts at the front with root, a system item without status', async () => {
    const h = await connected();
    h.T.resetHistory([u('1', 'x'), a('2', 'y')], [s('0', 'sys'), u('1', 'x'), a('2', 'y')]);
    expect(h.sent).toEqual([
      { type: 'conversation.item.create', previous_item_id: 'root', item: { type: 'message', role: 'system', content: [{ type: 'input_text', text: 'sys' }], id: '0' }, event_id: 'agents_create_1' },
    ]);
  });

  it('97. appends without a previous_item_id', async () => {
    const h = await connected();
    h.T.resetHistory([u('1', 'x')], [u('1', 'x'), a('2', 'y'), u('3', 'z')]);
    expect(h.sent).toEqual([
      { type: 'conversation.item.create', item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'y' }], id: '2', status: 'completed' }, event_id: 'agents_create_1' },
      { type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'z' }], id: '3', status: 'completed' }, event_id: 'agents_create_2' },
    ]);
  });

  it('98. orders a complex reset', async () => {
    const h = await connected();
    h.T.resetHistory([u('1', 'a'), u('2', 'b'), u('3', 'c')], [u('N1', 'n1'), u('N2', 'n2'), u('1', 'a'), u('2', "b'"), u('3', 'c'), u('N3', 'n3')]);
    expect(h.sent.map((f) => [(f as { type: string }).type, (f as { item_id?: string; item?: { id: string } }).item_id ?? (f as { item: { id: string } }).item.id, (f as { previous_item_id?: string }).previous_item_id])).toEqual([
      ['conversation.item.delete', '2', undefined],
      ['conversation.item.create', 'N1', 'root'],
      ['conversation.item.create', 'N2', 'N1'],
      ['conversation.item.create', '2', '1'],
      ['conversation.item.create', 'N3', undefined],
    ]);
  });

  it('99. does not anchor on an item whose delete is still pending', async () => {
    const h = await connected();
    h.T.resetHistory([u('1', 'a'), u('2', 'b')], [u('2', 'b')]);
    h.sent.length = 0;
    h.T.resetHistory([u('1', 'a'), u('2', 'b')], [u('1', 'a'), u('X', 'x'), u('2', 'b')]);
    expect(h.sent).toEqual([expect.objectContaining({ type: 'conversation.item.create', previous_item_id: 'root', item: expect.objectContaining({ id: 'X' }) })]);
    h.sent.length = 0;
    h.deliver({ type: 'conversation.item.deleted', event_id: 'd', item_id: '1' });
    h.T.resetHistory([u('1', 'a'), u('2', 'b')], [u('1', 'a'), u('Y', 'y'), u('2', 'b')]);
    expect(h.sent).toEqual([expect.objectContaining({ previous_item_id: '1', item: expect.objectContaining({ id: 'Y' }) })]);
  });

  it('100. sends nothing for identical histories, warns for an added call, only deletes a changed call', async () => {
    const warn = jest.fn();
    const h = harness({ logger: { warn, error: jest.fn() } });
    await h.connected();
    h.T.resetHistory([u('1', 'a')], [u('1', 'a')]);
    expect(h.sent).toEqual([]);
    h.T.resetHistory([u('1', 'a')], [u('1', 'a'), call('f1')]);
    expect(h.sent).toEqual([]);
    expect(warn).toHaveBeenCalledWith('Function calls cannot be manually added or updated at the moment. Ignoring.');
    h.T.resetHistory([u('1', 'a'), call('f1')], [u('1', 'a'), call('f1', '{"changed":true}')]);
    expect(h.sent).toEqual([{ type: 'conversation.item.delete', item_id: 'f1', event_id: expect.stringMatching(/^agents_delete_/) }]);
  });

  it('101. refuses to add or replace MCP items; removing one is fine', async () => {
    const h = await connected();
    expect(() => h.T.resetHistory([], [mcp('m')])).toThrow(UserError);
    expect(() => h.T.resetHistory([], [mcp('m')])).toThrow(
      /^MCP items cannot be added or updated via updateHistory\(\)\. Found a 'mcp_call' item \(itemId: m\) would be added or updated\./,
    );
    expect(() => h.T.resetHistory([mcp('m')], [u('m', 'x')])).toThrow(/Found itemId m replaces an existing 'mcp_call' item with a 'message' item/);
    expect(h.sent).toEqual([]);
    h.T.resetHistory([mcp('m')], []);
    expect(h.sent).toEqual([{ type: 'conversation.item.delete', item_id: 'm', event_id: 'agents_delete_1' }]);
  });

  it('102. refuses to replay assistant audio, but leaves an unchanged audio item alone', async () => {
    const h = await connected();
    const audio: RealtimeItem = { itemId: 'au', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_audio', transcript: 'hi' }] };
    expect(() => h.T.resetHistory([], [audio])).toThrow(/Convert its transcript to output_text content or remove the item before calling updateHistory\(\)/);
    expect(() => h.T.resetHistory([{ ...audio, status: 'incomplete' }], [audio])).toThrow(UserError);
    expect(h.sent).toEqual([]);
    h.T.resetHistory([audio, u('remove-me', 'x')], [audio]);
    expect(h.sent).toEqual([{ type: 'conversation.item.delete', item_id: 'remove-me', event_id: 'agents_delete_1' }]);
  });

  it('103. counts a different key order as a change', async () => {
    const h = await connected();
    const before = u('1', 'a');
    const reordered = { content: [{ type: 'input_text', text: 'a' }], itemId: '1', role: 'user', status: 'completed', type: 'message' } as RealtimeItem;
    h.T.resetHistory([before], [reordered]);
    expect(h.types()).toEqual(['conversation.item.delete', 'conversation.item.create']);
  });

  it('forgets a request the server rejects, and all of them on disconnect', async () => {
    const h = await connected();
    h.T.resetHistory([u('1', 'a'), u('2', 'b')], [u('2', 'b')]); // delete 1 pending (agents_delete_1)
    h.deliver({ type: 'error', event_id: 'e', error: { message: 'no such item', event_id: 'agents_delete_1' } });
    h.sent.length = 0;
    h.T.resetHistory([u('1', 'a'), u('2', 'b')], [u('1', 'a'), u('X', 'x'), u('2', 'b')]);
    expect(h.sent).toEqual([expect.objectContaining({ previous_item_id: '1' })]);
  });
});
