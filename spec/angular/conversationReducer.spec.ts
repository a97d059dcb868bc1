import type { ConversationItem } from '../../lib/protocol/items';
import type { ItemEvent } from '../../lib/streams/items';
import type { ConversationChange, ConversationEntry } from '../../lib/angular/conversationReducer';
import { conversationReducer } from '../../lib/angular/conversationReducer';
import type { TranscriptUpdate } from '../../lib/streams/transcripts';
import { assistantTranscript } from '../../lib/angular/assistantTranscript';

const user = (id: string, text: string): ConversationItem => ({ id, type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_text', text }] });
const spoken = (id: string): ConversationItem => ({ id, type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_audio', audio: 'AAAA', transcript: null }] });
const added = (item: ConversationItem, previousItemId?: string | null): ConversationChange => ({
  kind: 'item',
  event: { phase: 'added', itemId: item.id!, item, ...(previousItemId === undefined ? {} : { previousItemId }) },
});
const item = (event: ItemEvent): ConversationChange => ({ kind: 'item', event });
const transcript = (itemId: string, text: string, contentIndex = 0, source: TranscriptUpdate['source'] = 'input_audio'): ConversationChange => ({
  kind: 'transcript',
  update: { source, itemId, contentIndex, delta: '', text, done: false },
});
const run = (changes: ConversationChange[], max = 10): readonly ConversationEntry[] => changes.reduce<readonly ConversationEntry[]>((s, c) => conversationReducer(s, c, max), []);
const ids = (entries: readonly ConversationEntry[]) => entries.map((e) => e.id);

describe('conversationReducer', () => {
  it('places each item after its previous item; null puts it first; unknown or absent appends', () => {
    const entries = run([added(user('a', 'A')), added(user('c', 'C'), 'a'), added(user('b', 'B'), 'a'), added(user('z', 'Z'), null), added(user('x', 'X'), 'gone')]);
    expect(ids(entries)).toEqual(['z', 'a', 'b', 'c', 'x']);
    expect(entries[1]).toMatchObject({ id: 'a', type: 'message', role: 'user', status: 'completed', parts: ['A'], text: 'A' });
  });

  it('keeps a transcript as it streams, leaves audio bytes out, and lets the server text win at done', () => {
    let entries = run([added(spoken('s'))]);
    expect(entries[0]!.item).toEqual({ ...spoken('s'), content: [{ type: 'input_audio', audio: null, transcript: null }] });
    entries = conversationReducer(entries, transcript('s', 'Hel'), 10);
    entries = conversationReducer(entries, transcript('s', 'Hello'), 10);
    expect(entries[0]!.text).toBe('Hello');
    const same = conversationReducer(entries, transcript('s', 'Hello'), 10);
    expect(same).toBe(entries);
    const done: ConversationItem = { id: 's', type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_audio', transcript: 'Hello there' }] };
    entries = conversationReducer(entries, item({ phase: 'done', itemId: 's', item: done }), 10);
    expect(entries[0]!.text).toBe('Hello there');
    // an item event without text keeps the streamed transcript
    entries = conversationReducer(entries, item({ phase: 'done', itemId: 's', item: spoken('s') }), 10);
    expect(entries[0]!.text).toBe('Hello there');
  });

  it('joins several parts, fills a skipped content index, and ignores a transcript of an unknown item', () => {
    let entries = run([added({ id: 'm', type: 'message', role: 'assistant', status: 'in_progress', content: [] })]);
    entries = conversationReducer(entries, transcript('m', 'second', 1, 'output_audio'), 10);
    expect(entries[0]!.parts).toEqual(['', 'second']);
    entries = conversationReducer(entries, transcript('m', 'first', 0, 'output_audio'), 10);
    expect(entries[0]).toMatchObject({ role: 'assistant', status: 'in_progress', text: 'first\nsecond' });
    expect(conversationReducer(entries, transcript('nope', 'x'), 10)).toBe(entries);
  });

  it('deletes; does not add back a retrieved item it does not hold; ignores truncation; resets', () => {
    const entries = run([added(user('a', 'A')), added(user('b', 'B'), 'a')]);
    expect(ids(conversationReducer(entries, item({ phase: 'deleted', itemId: 'a' }), 10))).toEqual(['b']);
    expect(conversationReducer(entries, item({ phase: 'deleted', itemId: 'q' }), 10)).toBe(entries);
    expect(conversationReducer(entries, item({ phase: 'retrieved', itemId: 'q', item: user('q', 'Q') }), 10)).toBe(entries);
    expect(conversationReducer(entries, item({ phase: 'retrieved', itemId: 'a', item: user('a', 'A2') }), 10)[0]!.text).toBe('A2');
    expect(conversationReducer(entries, item({ phase: 'truncated', itemId: 'a', contentIndex: 0, audioEndMs: 10 }), 10)).toBe(entries);
    expect(conversationReducer(entries, { kind: 'reset' }, 10)).toEqual([]);
    const empty: readonly ConversationEntry[] = [];
    expect(conversationReducer(empty, { kind: 'reset' }, 10)).toBe(empty);
  });

  it('keeps at most maxItems, dropping the oldest', () => {
    const entries = run(['a', 'b', 'c', 'd'].map((id) => added(user(id, id.toUpperCase()))), 3);
    expect(ids(entries)).toEqual(['b', 'c', 'd']);
    expect(run(Array.from({ length: 1000 }, (_, i) => added(user(`i${i}`, 'x'))), 200)).toHaveLength(200);
  });

  it('describes function calls by type, without a role', () => {
    const [entry] = run([added({ id: 'f', type: 'function_call', status: 'completed', call_id: 'c', name: 'get_weather', arguments: '{}' })]);
    expect(entry).toMatchObject({ id: 'f', type: 'function_call', parts: [], text: '' });
    expect(entry).not.toHaveProperty('role');
  });
});

describe('assistantTranscript', () => {
  const update = (text: string, responseId = 'r1', itemId = 'i1', contentIndex = 0, source: TranscriptUpdate['source'] = 'output_audio'): TranscriptUpdate => ({
    source,
    itemId,
    contentIndex,
    responseId,
    delta: '',
    text,
    done: false,
  });

  it('grows with the response, joins its parts, ignores the user, and starts over at the next response', () => {
    let s = assistantTranscript(undefined, { phase: 'started', responseId: 'r1', response: { id: 'r1' } });
    expect(s.text).toBe('');
    s = assistantTranscript(s, update('Hi'));
    s = assistantTranscript(s, update('Hi there'));
    expect(assistantTranscript(s, update('Hi there'))).toBe(s);
    expect(assistantTranscript(s, update('I said', 'r1', 'u', 0, 'input_audio'))).toBe(s);
    s = assistantTranscript(s, update('Second part', 'r1', 'i2'));
    expect(s.text).toBe('Hi there\nSecond part');
    expect(assistantTranscript(s, { phase: 'done', responseId: 'r1', status: 'completed', response: { id: 'r1' } })).toBe(s);
    // a transcript of another response replaces it, even without response.created first
    expect(assistantTranscript(s, update('New', 'r2')).text).toBe('New');
    expect(assistantTranscript(s, { phase: 'started', responseId: 'r3', response: { id: 'r3' } })).toEqual({ responseId: 'r3', parts: [], text: '' });
  });
});
