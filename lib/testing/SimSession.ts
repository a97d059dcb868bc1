/**
 * One simulated Realtime session (one WebSocket connection): the session configuration, the
 * conversation, the input audio buffer with server VAD, and responses.
 *
 * @module
 */
import * as E from 'fp-ts/Either';
import * as timers from 'node:timers';
import { decodeBase64 } from '../audio/base64.js';
import { bytesPerMs } from '../audio/durations.js';
import { clientEventCodec } from '../protocol/clientEvents.js';
import { fieldIssues } from '../protocol/failures.js';
import type { SimItem } from './Conversation.js';
import { Conversation } from './Conversation.js';
import type { SimSessionConfig } from './defaults.js';
import { mergeSession } from './defaults.js';
import type { Reply, ReplyPolicy, SimTool } from './replyPolicy.js';
import type { RunHost } from './ResponseRun.js';
import { ResponseRun } from './ResponseRun.js';
import { semanticSilenceMs, Vad } from './Vad.js';

/**
 * `setImmediate` as the environment has it (so jest's fake timers still apply), else Node's: a
 * jsdom test environment (Angular or React component tests) has no global `setImmediate`, and the
 * simulator runs in the same environment as the app under test.
 */
const immediate = {
  set: (fn: () => void): NodeJS.Immediate => ((globalThis as Partial<typeof globalThis>).setImmediate ?? timers.setImmediate)(fn),
  clear: (handle: NodeJS.Immediate): void => ((globalThis as Partial<typeof globalThis>).clearImmediate ?? timers.clearImmediate)(handle),
};

/**
 * What a session needs from its simulator (the simulator provides it).
 *
 * @example
 * ```ts
 * const host: SessionHost = { newId: (p) => `${p}_1`, replyPolicy: defaultReplyPolicy, transcribe: () => 'hi', pace: () => 0, chunkMs: 40 };
 * ```
 */
export interface SessionHost {
  newId(prefix: string): string;
  readonly replyPolicy: ReplyPolicy;
  /** What the simulated user said in some input audio. */
  transcribe(audio: Uint8Array, durationMs: number): string;
  pace(ms: number): number;
  readonly chunkMs: number;
}

type Json = Record<string, unknown>;

/** An API error, as the `error` event carries it. */
interface ApiError {
  readonly code: string;
  readonly message: string;
  readonly param?: string;
}

/**
 * The server side of one connection. `receive(text)` handles a client frame; frames to the client
 * go through `send`. Everything is observable for tests: `session`, `conversation`, `received`.
 *
 * @example
 * ```ts
 * const conn = await sim.nextConnection();
 * conn.session.session.audio.output.voice; // 'marin'
 * conn.session.conversation.all.length;
 * ```
 */
export class SimSession {
  session: SimSessionConfig;
  readonly conversation = new Conversation();
  /** Every valid client event received, in order. */
  readonly received: Json[] = [];
  private input: Uint8Array[] = [];
  private inputBytes = 0;
  private vad: Vad;
  private speechItemId: string | undefined;
  private active: { run: ResponseRun; stop?: () => void } | undefined;
  private readonly heard = new Map<string, string>();
  /** Per assistant audio item: how much audio was sent, and when each word ended. */
  private readonly speech = new Map<string, { audioMs: number; words: ReadonlyArray<{ readonly text: string; readonly endMs: number }> }>();
  private readonly conversationId: string;

  constructor(
    private readonly host: SessionHost,
    private readonly emit: (frame: Json) => void,
    initial: SimSessionConfig,
  ) {
    this.session = initial;
    this.vad = new Vad(initial.audio.input.format);
    this.conversationId = host.newId('conv');
    this.send({ type: 'session.created', session: this.session });
  }

  /** Send a server event (an `event_id` is added). */
  send(frame: Json): void {
    const { type, ...rest } = frame;
    this.emit({ type, event_id: this.host.newId('event'), ...rest });
  }

  /** Stop any response timers (the connection is gone). */
  dispose(): void {
    this.active?.stop?.();
    this.active = undefined;
  }

  /** Handle one client frame. */
  receive(text: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return this.fail(undefined, { code: 'invalid_json', message: 'The frame is not valid JSON.' });
    }
    if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) return this.fail(undefined, { code: 'invalid_event', message: 'The event must be a JSON object.' });
    const event = frame as Json;
    const eventId = typeof event['event_id'] === 'string' ? event['event_id'] : undefined;
    const type = event['type'];
    if (type === undefined) return this.fail(eventId, { code: 'invalid_event', message: "The 'type' field is missing.", param: 'type' });
    const name = typeof type === 'string' ? type : JSON.stringify(type);
    const codec = typeof type === 'string' ? clientEventCodec(type) : undefined;
    if (codec === undefined) return this.fail(eventId, { code: 'invalid_event', message: `Invalid value: '${name.slice(0, 80)}'. Supported values are the GA client events.`, param: 'type' });
    const decoded = codec.decode(event);
    if (E.isLeft(decoded)) {
      const issue = fieldIssues(decoded.left)[0];
      const param = issue ? issue.path.slice(1).replace(/\//g, '.') : undefined;
      return this.fail(eventId, { code: 'invalid_value', message: `Invalid ${name}: ${issue ? `${issue.path} expected ${issue.expected}, got ${issue.actual}` : 'bad payload'}.`, ...(param ? { param } : {}) });
    }
    this.received.push(event);
    const handler = this.handlers[name];
    handler?.(event, eventId);
  }

  private readonly handlers: Record<string, (event: Json, eventId: string | undefined) => void> = {
    'session.update': (e) => {
      this.session = mergeSession(this.session, e['session'] as Json);
      this.vad = new Vad(this.session.audio.input.format);
      this.send({ type: 'session.updated', session: this.session });
    },
    'input_audio_buffer.append': (e, id) => this.append(String(e['audio']), id),
    'input_audio_buffer.commit': (_, id) => {
      const ms = this.inputBytes / bytesPerMs(this.session.audio.input.format);
      if (ms < 100) return this.fail(id, { code: 'input_audio_buffer_commit_empty', message: `Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has ${ms.toFixed(2)}ms of audio.` });
      this.commit(this.host.newId('item'));
    },
    'input_audio_buffer.clear': () => {
      this.input = [];
      this.inputBytes = 0;
      this.send({ type: 'input_audio_buffer.cleared' });
    },
    'output_audio_buffer.clear': (_, id) => this.fail(id, { code: 'invalid_event', message: 'output_audio_buffer.clear is only supported on WebRTC and SIP connections.' }),
    'conversation.item.create': (e, id) => this.createItem(e, id),
    'conversation.item.retrieve': (e, id) => {
      const item = this.conversation.get(String(e['item_id']));
      if (!item) return this.notFound(id, e['item_id']);
      this.send({ type: 'conversation.item.retrieved', item: { ...item } });
    },
    'conversation.item.delete': (e, id) => {
      if (!this.conversation.delete(String(e['item_id']))) return this.notFound(id, e['item_id']);
      this.send({ type: 'conversation.item.deleted', item_id: e['item_id'] });
    },
    'conversation.item.truncate': (e, id) => this.truncate(String(e['item_id']), Number(e['content_index']), Number(e['audio_end_ms']), id),
    'response.create': (e, id) => this.createResponse((e['response'] ?? {}) as Json, id),
    'response.cancel': (e, id) => {
      // with a response_id, only that response is cancelled (a finished one is no longer active)
      const target = e['response_id'];
      if (!this.active || (typeof target === 'string' && target !== this.active.run.id)) {
        return this.fail(id, { code: 'response_cancel_not_active', message: 'Cancellation failed: no active response found' });
      }
      this.cancelActive('client_cancelled');
    },
  };

  private fail(eventId: string | undefined, error: ApiError): void {
    this.send({ type: 'error', error: { type: 'invalid_request_error', code: error.code, message: error.message, param: error.param ?? null, event_id: eventId ?? null } });
  }

  private notFound(eventId: string | undefined, itemId: unknown): void {
    this.fail(eventId, { code: 'item_not_found', message: `Item with item_id not found: ${String(itemId)}`, param: 'item_id' });
  }

  private createItem(e: Json, eventId: string | undefined): void {
    const given = e['item'] as Json;
    const id = typeof given['id'] === 'string' ? given['id'] : this.host.newId('item');
    if (this.conversation.has(id)) return this.fail(eventId, { code: 'item_already_exists', message: `Item with id ${id} already exists.`, param: 'item.id' });
    const item: SimItem = { ...given, id, type: String(given['type']), status: 'completed' };
    if (item.type === 'function_call_output') delete item['status'];
    const previous = e['previous_item_id'] as string | null | undefined;
    const placed = this.conversation.insert(item, previous);
    if (placed === undefined) return this.fail(eventId, { code: 'item_not_found', message: `Previous item with item_id not found: ${String(previous)}`, param: 'previous_item_id' });
    this.send({ type: 'conversation.item.added', previous_item_id: placed, item: { ...item } });
    this.send({ type: 'conversation.item.done', previous_item_id: placed, item: { ...item } });
  }

  private truncate(itemId: string, contentIndex: number, audioEndMs: number, eventId: string | undefined): void {
    const item = this.conversation.get(itemId);
    if (!item) return this.notFound(eventId, itemId);
    const part = (item['content'] as Json[] | undefined)?.[contentIndex];
    const speech = this.speech.get(itemId);
    if (item['role'] !== 'assistant' || part?.['type'] !== 'output_audio' || speech === undefined) {
      return this.fail(eventId, { code: 'invalid_value', message: 'Only model output audio messages can be truncated', param: 'item_id' });
    }
    const total = Math.floor(speech.audioMs);
    if (audioEndMs > total) return this.fail(eventId, { code: 'invalid_value', message: `Audio content of ${total}ms is already shorter than ${audioEndMs}ms`, param: 'audio_end_ms' });
    // what was heard: the words whose audio ended by then
    let heard = '';
    for (const w of speech.words) if (w.endMs <= audioEndMs) heard = w.text;
    part['transcript'] = heard;
    this.speech.set(itemId, { audioMs: audioEndMs, words: speech.words.filter((w) => w.endMs <= audioEndMs) });
    this.send({ type: 'conversation.item.truncated', item_id: itemId, content_index: contentIndex, audio_end_ms: audioEndMs });
  }

  private append(base64: string, eventId: string | undefined): void {
    const bytes = decodeBase64(base64);
    if (bytes === undefined) return this.fail(eventId, { code: 'invalid_value', message: 'Invalid base64 audio.', param: 'audio' });
    this.input.push(bytes);
    this.inputBytes += bytes.length;
    const td = this.session.audio.input.turn_detection;
    if (!td) return;
    // semantic_vad has no threshold, padding or silence of its own: server VAD with the defaults
    // and a silence that follows the eagerness
    const semantic = td['type'] === 'semantic_vad';
    const settings = {
      threshold: !semantic && typeof td['threshold'] === 'number' ? td['threshold'] : 0.5,
      prefixPaddingMs: !semantic && typeof td['prefix_padding_ms'] === 'number' ? td['prefix_padding_ms'] : 300,
      silenceDurationMs: semantic ? semanticSilenceMs(td['eagerness']) : typeof td['silence_duration_ms'] === 'number' ? td['silence_duration_ms'] : 200,
    };
    for (const v of this.vad.push(bytes, settings)) {
      if (v.kind === 'start') {
        this.speechItemId = this.host.newId('item');
        this.send({ type: 'input_audio_buffer.speech_started', audio_start_ms: v.audioStartMs, item_id: this.speechItemId });
        if (this.active && td['interrupt_response'] !== false) this.cancelActive('turn_detected');
      } else {
        const itemId = this.speechItemId ?? this.host.newId('item');
        this.speechItemId = undefined;
        this.send({ type: 'input_audio_buffer.speech_stopped', audio_end_ms: v.audioEndMs, item_id: itemId });
        this.commit(itemId);
        // a transcription session transcribes and never answers
        if (td['create_response'] !== false && this.session.type !== 'transcription') this.createResponse({}, undefined);
      }
    }
  }

  /** Turn the input buffer into a user audio item, with its transcription when configured. */
  private commit(itemId: string): void {
    const audio = new Uint8Array(this.inputBytes);
    let at = 0;
    for (const piece of this.input) {
      audio.set(piece, at);
      at += piece.length;
    }
    this.input = [];
    this.inputBytes = 0;
    const previous = this.conversation.all[this.conversation.all.length - 1]?.id ?? null;
    const item: SimItem = { id: itemId, type: 'message', status: 'completed', role: 'user', content: [{ type: 'input_audio', transcript: null }] };
    this.conversation.insert(item);
    this.send({ type: 'input_audio_buffer.committed', previous_item_id: previous, item_id: itemId });
    this.send({ type: 'conversation.item.added', previous_item_id: previous, item: structuredClone(item) });
    this.send({ type: 'conversation.item.done', previous_item_id: previous, item: structuredClone(item) });
    const text = this.host.transcribe(audio, audio.length / bytesPerMs(this.session.audio.input.format));
    this.heard.set(itemId, text);
    if (this.session.audio.input.transcription) {
      for (const delta of text.split(/(?=\s)/)) this.send({ type: 'conversation.item.input_audio_transcription.delta', item_id: itemId, content_index: 0, delta });
      (item['content'] as Json[])[0] = { type: 'input_audio', transcript: text };
      this.send({ type: 'conversation.item.input_audio_transcription.completed', item_id: itemId, content_index: 0, transcript: text, usage: { type: 'duration', seconds: Math.round(audio.length / bytesPerMs(this.session.audio.input.format)) / 1000 } });
    }
  }

  private createResponse(params: Json, eventId: string | undefined): void {
    if (this.session.type === 'transcription') {
      return this.fail(eventId, { code: 'invalid_session_type', message: 'Responses are not available in a transcription session.', param: 'type' });
    }
    if (this.active) {
      return this.fail(eventId, {
        code: 'conversation_already_has_active_response',
        message: `Conversation already has an active response in progress: ${this.active.run.id}. Wait until the response is finished before creating a new response.`,
      });
    }
    const outOfBand = params['conversation'] === 'none';
    const items = outOfBand ? ((params['input'] as SimItem[] | undefined) ?? []).map((i) => (i.type === 'item_reference' ? (this.conversation.get(String(i['id'])) ?? i) : i)) : this.conversation.all;
    const toolsSource = (params['tools'] ?? this.session['tools'] ?? []) as Json[];
    const replies = this.host.replyPolicy({
      conversation: items,
      userText: this.lastUserText(items),
      tools: toolsSource.filter((t) => t['type'] === 'function') as unknown as SimTool[],
      instructions: (params['instructions'] ?? this.session['instructions']) as string | undefined,
    });
    const output = this.session.audio.output;
    const host: RunHost = {
      send: (f) => this.send(f),
      newId: (p) => this.host.newId(p),
      addItem: (item) => (outOfBand ? undefined : this.conversation.insert(item)),
      recordSpeech: (itemId, audioMs, words) => this.speech.set(itemId, { audioMs, words }),
      pace: (ms) => this.host.pace(ms),
      chunkMs: this.host.chunkMs,
      inputTokens: Math.ceil(JSON.stringify(items).length / 16),
    };
    const run = new ResponseRun(host, (Array.isArray(replies) ? replies : [replies]) as Reply[], {
      modalities: (params['output_modalities'] ?? this.session['output_modalities'] ?? ['audio']) as string[],
      format: output.format,
      voice: String(output.voice),
      speed: typeof output.speed === 'number' ? output.speed : 1,
      conversationId: this.conversationId,
      metadata: (params['metadata'] as Json | undefined) ?? null,
    });
    const active: { run: ResponseRun; stop?: () => void } = { run };
    this.active = active;
    const steps = run.steps();
    const step = () => {
      if (this.active !== active) return;
      const next = steps.next();
      if (next.done) {
        this.active = undefined;
        return;
      }
      if (next.value <= 0) {
        const handle = immediate.set(step);
        active.stop = () => immediate.clear(handle);
      } else {
        const handle = setTimeout(step, next.value);
        active.stop = () => clearTimeout(handle);
      }
    };
    step();
  }

  private cancelActive(reason: 'turn_detected' | 'client_cancelled'): void {
    const active = this.active;
    if (!active) return;
    active.stop?.();
    this.active = undefined;
    active.run.cancel(reason);
  }

  private lastUserText(items: readonly SimItem[]): string | undefined {
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i] as SimItem;
      if (item.type !== 'message' || item['role'] !== 'user') continue;
      const parts = (item['content'] as Json[] | undefined) ?? [];
      const text = parts.map((p) => (p['type'] === 'input_text' ? p['text'] : p['type'] === 'input_audio' ? (p['transcript'] ?? this.heard.get(item.id)) : undefined)).filter((t) => typeof t === 'string');
      return text.join(' ');
    }
    return undefined;
  }
}
