/**
 * One simulated response: the GA event sequence for each output item (a spoken or written
 * message, or a function call), streamed step by step, and the closing events when it is
 * cancelled part-way.
 *
 * @module
 */
import { encodeBase64 } from '../audio/base64.js';
import { bytesPerMs } from '../audio/durations.js';
import type { SimItem } from './Conversation.js';
import type { Reply } from './replyPolicy.js';
import type { VoiceFormat } from './voice.js';
import { chunk, speak } from './voice.js';

/** What a response needs from its session. */
export interface RunHost {
  send(frame: Record<string, unknown>): void;
  newId(prefix: string): string;
  /** Add an output item to the conversation; returns its `previous_item_id`, or `undefined` when out of band. */
  addItem(item: SimItem): string | null | undefined;
  /** Record how much audio an assistant item has had, and when each word ended, for truncation. */
  recordSpeech(itemId: string, audioMs: number, words: ReadonlyArray<{ readonly text: string; readonly endMs: number }>): void;
  /** The delay, in real milliseconds, for `ms` of simulated audio time. */
  pace(ms: number): number;
  readonly chunkMs: number;
  readonly inputTokens: number;
}

/** The per-response settings. */
export interface RunSettings {
  readonly modalities: readonly string[];
  readonly format: VoiceFormat;
  readonly voice: string;
  readonly speed: number;
  readonly conversationId: string;
  readonly metadata: Record<string, unknown> | null;
}

interface Streaming {
  readonly item: SimItem;
  readonly outputIndex: number;
  readonly previous: string | null | undefined;
  readonly kind: 'audio' | 'text' | 'function_call';
  text: string;
}

/**
 * A response in progress. `steps()` sends the next frames each time it is resumed and yields the
 * delay before the following step; `cancel()` sends the closing events at any point.
 *
 * @example
 * ```ts
 * const run = new ResponseRun(host, [{ text: 'Hello!' }], settings);
 * for (const delay of run.steps()) await sleep(delay);
 * ```
 */
export class ResponseRun {
  readonly id: string;
  private readonly output: SimItem[] = [];
  private current: Streaming | undefined;
  private outputTokens = 0;
  private finished = false;

  constructor(
    private readonly host: RunHost,
    private readonly replies: readonly Reply[],
    private readonly settings: RunSettings,
  ) {
    this.id = host.newId('resp');
  }

  /** Whether `response.done` has been sent. */
  get done(): boolean {
    return this.finished;
  }

  *steps(): Generator<number, void> {
    this.host.send({ type: 'response.created', response: this.response('in_progress', null, []) });
    this.host.send({ type: 'rate_limits.updated', rate_limits: this.rateLimits() });
    yield 0;
    for (const reply of this.replies) {
      if ('toolCall' in reply) yield* this.functionCall(reply.toolCall.name, reply.toolCall.arguments);
      else if (this.settings.modalities.includes('audio')) yield* this.spoken(reply.text);
      else yield* this.written(reply.text);
    }
    this.finish('completed', null);
  }

  /** Stop now: close the item in progress as `incomplete` and end the response as `cancelled`. */
  cancel(reason: 'turn_detected' | 'client_cancelled'): void {
    if (this.finished) return;
    const c = this.current;
    if (c) {
      if (c.kind === 'audio') {
        this.contentEvent('response.output_audio.done', c, {});
        this.contentEvent('response.output_audio_transcript.done', c, { transcript: c.text });
        this.contentEvent('response.content_part.done', c, { part: { type: 'audio', transcript: c.text } });
      } else if (c.kind === 'text') {
        this.contentEvent('response.output_text.done', c, { text: c.text });
        this.contentEvent('response.content_part.done', c, { part: { type: 'text', text: c.text } });
      }
      this.closeItem(c, 'incomplete');
    }
    this.finish('cancelled', { type: 'cancelled', reason });
  }

  private *spoken(text: string): Generator<number, void> {
    const c = this.open({ type: 'message', role: 'assistant', content: [] }, 'audio');
    this.contentEvent('response.content_part.added', c, { part: { type: 'audio', transcript: '' } });
    const perMs = bytesPerMs(this.settings.format);
    const timeline: Array<{ text: string; endMs: number }> = [];
    let elapsed = 0;
    for (const word of speak(text, this.settings.format, this.settings.speed)) {
      c.text += word.text;
      this.outputTokens += 2;
      this.contentEvent('response.output_audio_transcript.delta', c, { delta: word.text });
      for (const piece of chunk(word.audio, this.host.chunkMs, perMs)) {
        this.contentEvent('response.output_audio.delta', c, { delta: encodeBase64(piece) });
        elapsed += piece.length / perMs;
        this.host.recordSpeech(c.item.id, elapsed, timeline);
        yield this.host.pace(piece.length / perMs);
      }
      // the transcript up to and including this word, and when its audio ends
      timeline.push({ text: c.text, endMs: elapsed });
      this.host.recordSpeech(c.item.id, elapsed, timeline);
    }
    this.contentEvent('response.output_audio.done', c, {});
    this.contentEvent('response.output_audio_transcript.done', c, { transcript: c.text });
    this.contentEvent('response.content_part.done', c, { part: { type: 'audio', transcript: c.text } });
    this.closeItem(c, 'completed', [{ type: 'output_audio', transcript: c.text }]);
  }

  private *written(text: string): Generator<number, void> {
    const c = this.open({ type: 'message', role: 'assistant', content: [] }, 'text');
    this.contentEvent('response.content_part.added', c, { part: { type: 'text', text: '' } });
    for (const word of text.split(/(?=\s)/)) {
      c.text += word;
      this.outputTokens += 1;
      this.contentEvent('response.output_text.delta', c, { delta: word });
      yield this.host.pace(20);
    }
    this.contentEvent('response.output_text.done', c, { text: c.text });
    this.contentEvent('response.content_part.done', c, { part: { type: 'text', text: c.text } });
    this.closeItem(c, 'completed', [{ type: 'output_text', text: c.text }]);
  }

  private *functionCall(name: string, args: Record<string, unknown> | string): Generator<number, void> {
    const callId = this.host.newId('call');
    const c = this.open({ type: 'function_call', call_id: callId, name, arguments: '' }, 'function_call');
    const json = typeof args === 'string' ? args : JSON.stringify(args);
    for (const piece of json.match(/.{1,8}/gs) ?? []) {
      c.text += piece;
      this.outputTokens += 1;
      this.host.send({ type: 'response.function_call_arguments.delta', response_id: this.id, item_id: c.item.id, output_index: c.outputIndex, call_id: callId, delta: piece });
      yield this.host.pace(10);
    }
    this.host.send({ type: 'response.function_call_arguments.done', response_id: this.id, item_id: c.item.id, output_index: c.outputIndex, call_id: callId, name, arguments: json });
    this.closeItem(c, 'completed');
  }

  private open(fields: Record<string, unknown>, kind: Streaming['kind']): Streaming {
    const item: SimItem = { id: this.host.newId('item'), type: String(fields['type']), status: 'in_progress', ...fields };
    const outputIndex = this.output.length;
    this.output.push(item);
    this.host.send({ type: 'response.output_item.added', response_id: this.id, output_index: outputIndex, item: { ...item, object: 'realtime.item' } });
    const previous = this.host.addItem(item);
    if (previous !== undefined) this.host.send({ type: 'conversation.item.added', previous_item_id: previous, item: { ...item } });
    this.current = { item, outputIndex, previous, kind, text: '' };
    return this.current;
  }

  private closeItem(c: Streaming, status: 'completed' | 'incomplete', content?: unknown[]): void {
    c.item['status'] = status;
    if (c.kind === 'function_call') c.item['arguments'] = c.text;
    else c.item['content'] = content ?? (c.kind === 'audio' ? [{ type: 'output_audio', transcript: c.text }] : [{ type: 'output_text', text: c.text }]);
    this.host.send({ type: 'response.output_item.done', response_id: this.id, output_index: c.outputIndex, item: { ...c.item, object: 'realtime.item' } });
    if (c.previous !== undefined) this.host.send({ type: 'conversation.item.done', previous_item_id: c.previous, item: { ...c.item } });
    this.current = undefined;
  }

  private contentEvent(type: string, c: Streaming, fields: Record<string, unknown>): void {
    this.host.send({ type, response_id: this.id, item_id: c.item.id, output_index: c.outputIndex, content_index: 0, ...fields });
  }

  private finish(status: 'completed' | 'cancelled', details: Record<string, unknown> | null): void {
    this.finished = true;
    const audio = this.settings.modalities.includes('audio');
    const usage = {
      total_tokens: this.host.inputTokens + this.outputTokens,
      input_tokens: this.host.inputTokens,
      output_tokens: this.outputTokens,
      input_token_details: { text_tokens: this.host.inputTokens, audio_tokens: 0, image_tokens: 0, cached_tokens: 0, cached_tokens_details: { text_tokens: 0, audio_tokens: 0, image_tokens: 0 } },
      output_token_details: { text_tokens: audio ? Math.ceil(this.outputTokens / 2) : this.outputTokens, audio_tokens: audio ? Math.floor(this.outputTokens / 2) : 0 },
    };
    this.host.send({ type: 'response.done', response: this.response(status, details, this.output.map((item) => ({ ...item, object: 'realtime.item' })), usage) });
  }

  private response(status: string, details: Record<string, unknown> | null, output: unknown[], usage: unknown = null): Record<string, unknown> {
    return {
      object: 'realtime.response',
      id: this.id,
      status,
      status_details: details,
      output,
      conversation_id: this.settings.conversationId,
      output_modalities: [...this.settings.modalities],
      max_output_tokens: 'inf',
      audio: { output: { format: this.settings.format, voice: this.settings.voice } },
      usage,
      metadata: this.settings.metadata,
    };
  }

  private rateLimits(): unknown[] {
    return [
      { name: 'requests', limit: 5000, remaining: 4999, reset_seconds: 0.012 },
      { name: 'tokens', limit: 40000, remaining: 40000 - this.host.inputTokens, reset_seconds: 0.5 },
    ];
  }
}
