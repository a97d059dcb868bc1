import type { AudioFormatLike } from '../audio/durations.js';
import { durationMs } from '../audio/durations.js';
import type { ConversationItem } from '../protocol/items.js';
import type { AnyServerEvent } from './AnyServerEvent.js';
import { base64ByteLength } from '../audio/base64.js';

/**
 * One content part of a conversation item as {@link conversation} shows it: its type, its text
 * (typed text, or the transcript so far, assembled from the deltas) and the milliseconds of audio
 * received for it (never the audio bytes).
 *
 * @example
 * ```ts
 * import type { ConversationPart } from 'openai-realtime-rx';
 * const caption = (p: ConversationPart) => (p.audioMs > 0 ? `${p.text} (${Math.round(p.audioMs)} ms)` : p.text);
 * ```
 */
export interface ConversationPart {
  /** `input_text`, `input_audio`, `output_text`, `output_audio`, … */
  readonly type: string;
  readonly text: string;
  readonly audioMs: number;
}

/**
 * One item of the conversation as {@link conversation} shows it.
 *
 * @example
 * ```ts
 * import type { ConversationItemState } from 'openai-realtime-rx';
 * const line = (i: ConversationItemState) => (i.call ? `${i.call.name ?? 'output'}(${i.call.arguments ?? i.call.output})` : `${i.role}: ${i.text}`);
 * ```
 */
export interface ConversationItemState {
  readonly id: string;
  /** `message`, `function_call`, `function_call_output`, `mcp_call`, … */
  readonly type: string;
  readonly role?: 'user' | 'assistant' | 'system';
  /** `in_progress` while the model or the transcriber is still producing it. */
  readonly status?: 'completed' | 'incomplete' | 'in_progress';
  readonly content: readonly ConversationPart[];
  /** The non-empty parts' text, joined by a line break. */
  readonly text: string;
  /** The milliseconds of audio received for all its parts. */
  readonly audioMs: number;
  /**
   * For a `function_call`: its name, call id, arguments (growing with the deltas) and, once the
   * `function_call_output` item is in the conversation, the output. For a `function_call_output`:
   * the call id and the output.
   */
  readonly call?: { readonly callId: string; readonly name?: string; readonly arguments?: string; readonly output?: string };
  /** The response that produced it (model items only). */
  readonly responseId?: string;
  /** Set when the item was truncated (`conversation.item.truncated`): where its audio was cut. */
  readonly truncated?: { readonly contentIndex: number; readonly audioEndMs: number };
}

/**
 * The conversation as {@link conversation} shows it: its items in the server's order, and how
 * many older items were dropped to keep it bounded.
 *
 * @example
 * ```ts
 * import type { ConversationState } from 'openai-realtime-rx';
 * const render = (s: ConversationState) => [s.dropped > 0 ? `(${s.dropped} earlier items)` : '', ...s.items.map((i) => i.text)];
 * ```
 */
export interface ConversationState {
  readonly items: readonly ConversationItemState[];
  /** Items dropped (the oldest first) to keep at most `maxItems`. */
  readonly dropped: number;
}

/**
 * (Internal.) What the reducer folds: a decoded event, or a new connection (`fresh`: a new
 * conversation; otherwise a restore of the old one into a new session).
 *
 * @example
 * ```ts
 * const input: ConversationInput = { kind: 'connected', fresh: true };
 * ```
 */
export type ConversationInput = { readonly kind: 'event'; readonly event: AnyServerEvent } | { readonly kind: 'connected'; readonly fresh: boolean };

/**
 * (Internal.) The reducer's accumulator: the state shown, and what it needs to build it (the audio
 * formats in force, which session it is in, and the restore in progress).
 *
 * @example
 * ```ts
 * const acc = initialConversation();
 * ```
 */
export interface ConversationAcc {
  readonly view: ConversationState;
  readonly sessionFormat: AudioFormatLike;
  readonly responseFormats: Readonly<Record<string, AudioFormatLike>>;
  /** Whether a session was created while items were shown: a new session replaying the old conversation. */
  readonly restored: boolean;
  /** While a new session is being restored: the ids of the existing items not yet matched. */
  readonly unmatched?: readonly string[];
  /** Server ids of replayed items that got a new id → the id they have here. */
  readonly aliases: Readonly<Record<string, string>>;
}

/**
 * (Internal.) The empty conversation.
 *
 * @example
 * ```ts
 * const acc = initialConversation();
 * ```
 */
export const initialConversation = (): ConversationAcc => ({ view: { items: [], dropped: 0 }, sessionFormat: undefined, responseFormats: {}, restored: false, aliases: {} });

type Part = { readonly type?: string; readonly text?: string | null; readonly transcript?: string | null };
type Loose = { readonly [k: string]: unknown };

const ROLES = ['user', 'assistant', 'system'] as const;
const STATUSES = ['completed', 'incomplete', 'in_progress'] as const;
const isFinal = (s: string | undefined) => s === 'completed' || s === 'incomplete';
const joined = (parts: readonly ConversationPart[]) =>
  parts
    .map((p) => p.text)
    .filter((t) => t !== '')
    .join('\n');
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function withParts(item: ConversationItemState, content: readonly ConversationPart[]): ConversationItemState {
  return { ...item, content, text: joined(content), audioMs: content.reduce((t, p) => t + p.audioMs, 0) };
}

/** The item as the server describes it, merged into what is known of it (text and audio so far). */
function itemState(raw: ConversationItem, id: string, known: ConversationItemState | undefined, responseId: string | undefined): ConversationItemState {
  const it = raw as Loose;
  const serverParts = Array.isArray(it['content']) ? (it['content'] as Part[]) : [];
  const old = known?.content ?? [];
  const content = Array.from({ length: Math.max(serverParts.length, old.length) }, (_, i): ConversationPart => {
    const p = serverParts[i];
    const was = old[i];
    const text = (p && (str(p.text) || str(p.transcript))) || was?.text || '';
    return { type: p?.type ?? was?.type ?? 'unknown', text, audioMs: was?.audioMs ?? 0 };
  });
  const role = ROLES.find((r) => r === it['role']);
  const status = STATUSES.find((s) => s === it['status']);
  const callId = str(it['call_id']);
  const name = str(it['name']);
  const args = str(it['arguments']);
  const output = str(it['output']);
  const call =
    callId === undefined
      ? known?.call
      : {
          callId,
          ...(name === undefined ? {} : { name }),
          ...(args === undefined ? (known?.call?.arguments === undefined ? {} : { arguments: known.call.arguments }) : { arguments: args }),
          ...(output === undefined ? (known?.call?.output === undefined ? {} : { output: known.call.output }) : { output }),
        };
  const rid = responseId ?? known?.responseId;
  // a late `added` (in_progress) never undoes a final status
  const finalStatus = isFinal(known?.status) && status === 'in_progress' ? known?.status : (status ?? known?.status);
  return withParts(
    {
      id,
      type: str(it['type']) ?? known?.type ?? 'unknown',
      ...(role === undefined ? {} : { role }),
      ...(finalStatus === undefined ? {} : { status: finalStatus }),
      content,
      text: '',
      audioMs: 0,
      ...(call === undefined ? {} : { call }),
      ...(rid === undefined ? {} : { responseId: rid }),
      ...(known?.truncated === undefined ? {} : { truncated: known.truncated }),
    },
    content,
  );
}

/** Text used to recognise a replayed item that came back with a new id. */
const signature = (i: ConversationItemState): string =>
  [
    i.type,
    i.role ?? '',
    i.call?.callId ?? '',
    i.content
      .map((p) => p.text)
      .filter((t) => t !== '')
      .join(' '),
  ].join('\u0000');

function bound(view: ConversationState, items: readonly ConversationItemState[], maxItems: number): ConversationState {
  if (items.length <= maxItems) return { items, dropped: view.dropped };
  const over = items.length - maxItems;
  return { items: items.slice(over), dropped: view.dropped + over };
}

function place(items: readonly ConversationItemState[], item: ConversationItemState, previous: string | null | undefined): ConversationItemState[] {
  if (previous === null) return [item, ...items];
  const after = previous === undefined ? -1 : items.findIndex((i) => i.id === previous);
  if (after < 0) return [...items, item];
  return [...items.slice(0, after + 1), item, ...items.slice(after + 1)];
}

function updateItem(acc: ConversationAcc, id: string | undefined, f: (item: ConversationItemState) => ConversationItemState): ConversationAcc {
  if (id === undefined) return acc;
  const local = acc.aliases[id] ?? id;
  const at = acc.view.items.findIndex((i) => i.id === local);
  const item = acc.view.items[at];
  if (item === undefined) return acc;
  const next = f(item);
  // an event that repeats what is known (a `done` after the deltas) changes nothing
  if (next === item || JSON.stringify(next) === JSON.stringify(item)) return acc;
  const items = [...acc.view.items];
  items[at] = next;
  return { ...acc, view: { ...acc.view, items } };
}

function updatePart(acc: ConversationAcc, id: string | undefined, index: number | undefined, type: string, f: (part: ConversationPart) => ConversationPart): ConversationAcc {
  if (index === undefined || index < 0) return acc;
  return updateItem(acc, id, (item) => {
    const content = [...item.content];
    for (let i = content.length; i <= index; i++) content[i] = { type, text: '', audioMs: 0 };
    const part = content[index] as ConversationPart;
    const next = f(part);
    if (next === part) return item;
    content[index] = next;
    return withParts(item, content);
  });
}

/** Link a function call's output to the call. */
function linkOutput(acc: ConversationAcc, item: ConversationItemState): ConversationAcc {
  if (item.type !== 'function_call_output' || item.call?.output === undefined) return acc;
  const { callId, output } = item.call;
  const call = acc.view.items.find((i) => i.type === 'function_call' && i.call?.callId === callId);
  if (call === undefined || call.call?.output === output) return acc;
  return updateItem(acc, call.id, (c) => ({ ...c, call: { ...(c.call as { callId: string }), output } }));
}

/** An item arrives (`added`, `done`, or a response's output item): update it, match a replayed one, or place a new one. */
function onItem(acc: ConversationAcc, raw: ConversationItem, previous: string | null | undefined, responseId: string | undefined, maxItems: number): ConversationAcc {
  const serverId = str((raw as Loose)['id']);
  if (serverId === undefined) return acc;
  const local = acc.aliases[serverId] ?? serverId;
  const items = acc.view.items;
  const at = items.findIndex((i) => i.id === local);
  if (at >= 0) {
    const known = items[at] as ConversationItemState;
    const unmatched = acc.unmatched?.filter((id) => id !== local);
    let next: ConversationAcc = updateItem({ ...acc, ...(unmatched === undefined ? {} : { unmatched }) }, local, () => itemState(raw, local, known, responseId));
    // a move the server made (an item placed after another): follow it, except while replaying
    if (acc.unmatched === undefined && previous !== undefined) {
      const want = previous === null ? -1 : next.view.items.findIndex((i) => i.id === (acc.aliases[previous] ?? previous));
      if ((previous === null || want >= 0) && want !== at - 1) {
        const moving = next.view.items[at] as ConversationItemState;
        const rest = next.view.items.filter((_, i) => i !== at);
        next = { ...next, view: { ...next.view, items: place(rest, moving, previous === null ? null : (acc.aliases[previous] ?? previous)) } };
      }
    }
    return linkOutput(next, next.view.items.find((i) => i.id === local) as ConversationItemState);
  }
  const fresh = itemState(raw, serverId, undefined, responseId);
  if (acc.unmatched !== undefined) {
    // a restore in progress: a replayed item with a new id is the one it replays
    const sig = signature(fresh);
    const match = acc.unmatched.find((id) => {
      const old = items.find((i) => i.id === id);
      return old !== undefined && signature(old) === sig;
    });
    if (match !== undefined) return { ...acc, unmatched: acc.unmatched.filter((id) => id !== match), aliases: { ...acc.aliases, [serverId]: match } };
  }
  const prev = previous === undefined || previous === null ? previous : (acc.aliases[previous] ?? previous);
  // an item the restore did not replay is followed by the new session's items at the end, not at the front
  const placed = acc.restored && prev === null && items.length > 0 ? [...items, fresh] : place(items, fresh, prev);
  const { unmatched: _restored, ...rest } = acc;
  return linkOutput({ ...rest, view: bound(acc.view, placed, maxItems) }, fresh);
}

/**
 * (Internal.) The conversation after one input. Pure: returns the same accumulator when nothing
 * changed. See {@link conversation} for what it follows.
 *
 * @example
 * ```ts
 * const next = reduceConversation(initialConversation(), { kind: 'connected', fresh: true }, 200);
 * ```
 */
export function reduceConversation(acc: ConversationAcc, input: ConversationInput, maxItems: number): ConversationAcc {
  if (input.kind === 'connected') {
    if (input.fresh) return acc.view.items.length === 0 && acc.view.dropped === 0 && !acc.restored ? acc : initialConversation();
    return acc;
  }
  const e = input.event as Loose & { readonly type: string };
  const item = e['item'] as ConversationItem | undefined;
  const itemId = str(e['item_id']);
  const index = num(e['content_index']);
  switch (e.type) {
    case 'session.created': {
      const format = (e['session'] as { audio?: { output?: { format?: AudioFormatLike } } } | undefined)?.audio?.output?.format;
      const restoring = acc.view.items.length > 0;
      const { unmatched: _old, ...rest } = acc;
      return { ...rest, restored: acc.restored || restoring, sessionFormat: format ?? acc.sessionFormat, responseFormats: {}, ...(restoring ? { unmatched: acc.view.items.map((i) => i.id) } : {}) };
    }
    case 'session.updated': {
      const format = (e['session'] as { audio?: { output?: { format?: AudioFormatLike } } } | undefined)?.audio?.output?.format;
      return format === undefined ? acc : { ...acc, sessionFormat: format };
    }
    case 'response.created': {
      const r = e['response'] as { id?: string; audio?: { output?: { format?: AudioFormatLike } } } | undefined;
      const { unmatched: _restored, ...rest } = acc; // the restore is over once the model answers
      const base = acc.unmatched === undefined ? acc : rest;
      return r?.id === undefined ? base : { ...base, responseFormats: { ...acc.responseFormats, [r.id]: r.audio?.output?.format ?? acc.sessionFormat } };
    }
    case 'conversation.item.added':
    case 'conversation.item.created':
    case 'conversation.item.done':
      return item === undefined ? acc : onItem(acc, item, e['previous_item_id'] as string | null | undefined, undefined, maxItems);
    case 'response.output_item.added':
    case 'response.output_item.done':
      return item === undefined ? acc : onItem(acc, item, undefined, str(e['response_id']), maxItems);
    case 'conversation.item.retrieved': {
      const id = str((item as Loose | undefined)?.['id']);
      return item === undefined ? acc : updateItem(acc, id, (known) => itemState(item, known.id, known, undefined));
    }
    case 'conversation.item.deleted': {
      const local = itemId === undefined ? undefined : (acc.aliases[itemId] ?? itemId);
      const items = acc.view.items.filter((i) => i.id !== local);
      return items.length === acc.view.items.length ? acc : { ...acc, view: { ...acc.view, items } };
    }
    case 'conversation.item.truncated': {
      const audioEndMs = num(e['audio_end_ms']);
      if (index === undefined || audioEndMs === undefined) return acc;
      return updateItem(acc, itemId, (i) => ({ ...i, truncated: { contentIndex: index, audioEndMs } }));
    }
    case 'response.content_part.added': {
      const part = e['part'] as Part | undefined;
      return updatePart(acc, itemId, index, part?.type ?? 'unknown', (p) => (p.type === (part?.type ?? p.type) ? p : { ...p, type: part?.type ?? p.type }));
    }
    case 'response.output_text.delta':
    case 'response.output_audio_transcript.delta':
    case 'conversation.item.input_audio_transcription.delta': {
      const delta = str(e['delta']);
      if (delta === undefined || delta === '') return acc;
      const type = e.type === 'response.output_text.delta' ? 'output_text' : e.type === 'response.output_audio_transcript.delta' ? 'output_audio' : 'input_audio';
      return updatePart(acc, itemId, index, type, (p) => ({ ...p, text: p.text + delta }));
    }
    case 'response.output_text.done':
    case 'response.output_audio_transcript.done':
    case 'conversation.item.input_audio_transcription.completed': {
      const text = str(e['text']) ?? str(e['transcript']);
      if (text === undefined) return acc;
      const type = e.type === 'response.output_text.done' ? 'output_text' : e.type === 'response.output_audio_transcript.done' ? 'output_audio' : 'input_audio';
      return updatePart(acc, itemId, index, type, (p) => (p.text === text ? p : { ...p, text }));
    }
    case 'response.output_audio.delta': {
      const delta = str(e['delta']);
      const rid = str(e['response_id']);
      if (delta === undefined) return acc;
      const format = (rid === undefined ? undefined : acc.responseFormats[rid]) ?? acc.sessionFormat;
      const ms = durationMs(base64ByteLength(delta), format);
      return updatePart(acc, itemId, index, 'output_audio', (p) => ({ ...p, audioMs: p.audioMs + ms }));
    }
    case 'response.function_call_arguments.delta':
    case 'response.function_call_arguments.done': {
      const text = str(e['delta']) ?? str(e['arguments']);
      if (text === undefined) return acc;
      const done = e.type === 'response.function_call_arguments.done';
      return updateItem(acc, itemId, (i) => {
        const callId = str(e['call_id']) ?? i.call?.callId ?? '';
        const args = done ? text : (i.call?.arguments ?? '') + text;
        return i.call?.arguments === args ? i : { ...i, call: { ...i.call, callId, arguments: args } };
      });
    }
    case 'response.done': {
      const r = e['response'] as { id?: string; output?: ConversationItem[] } | undefined;
      let next = acc;
      for (const out of r?.output ?? []) {
        const status = STATUSES.find((s) => s === (out as Loose)['status']);
        if (status !== undefined) next = updateItem(next, str((out as Loose)['id']), (i) => (i.status === status ? i : { ...i, status }));
      }
      if (r?.id !== undefined && r.id in next.responseFormats) {
        const { [r.id]: _done, ...formats } = next.responseFormats;
        next = { ...next, responseFormats: formats };
      }
      return next;
    }
    default:
      return acc;
  }
}
