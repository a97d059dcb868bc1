/**
 * Serve a recorded session back to a client: the recorded server events, each released once the
 * client has sent the recorded client events before it, in real or virtual time.
 *
 * @module
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebSocket } from 'ws';
import { WebSocketServer } from 'ws';
import { decodeBase64, encodeBase64 } from '../audio/base64.js';
import type { RecordedFrame } from '../record/RecordedFrame.js';
import { isElidedAudio, parseRecording } from '../record/RecordedFrame.js';
import { sha256Hex } from '../record/sha256.js';
import type { ReplayDivergence } from './ReplayDivergence.js';
import { shown } from './ReplayDivergence.js';
import { closeHttpServer } from './closeHttpServer.js';

type Json = Record<string, unknown>;
type Line = RecordedFrame & { readonly line: number };

/**
 * Options of the {@link ReplayServer}.
 *
 * @example
 * ```ts
 * const options: ReplayOptions = { timing: 'real', timeoutMs: 5000, ignore: ['response.create.response.metadata'] };
 * ```
 */
export interface ReplayOptions {
  /**
   * `virtual` (default): each server event goes out as soon as the client events recorded before
   * it have arrived, in order, as fast as possible. `real`: with the recorded gaps, counted from
   * the client event that released it.
   */
  readonly timing?: 'virtual' | 'real';
  /** How long to wait for an expected client event before reporting a `timeout`. Default 2000 ms. */
  readonly timeoutMs?: number;
  /**
   * Fields not compared, as `type.path` (`conversation.item.truncate.audio_end_ms`) or a bare
   * path for every type. `event_id` is never compared, nor an audio payload the recording elided;
   * `conversation.item.truncate.audio_end_ms` (it depends on playback timing) is ignored by default.
   */
  readonly ignore?: readonly string[];
  /** The recording's name in reports. Default the file name, or `recording`. */
  readonly name?: string;
  /** The interface to listen on. Default `127.0.0.1`. */
  readonly host?: string;
}

const DEFAULT_IGNORE = ['conversation.item.truncate.audio_end_ms'];
const AUDIO_FIELDS: Record<string, string> = { 'input_audio_buffer.append': 'audio', 'response.output_audio.delta': 'delta', 'response.audio.delta': 'delta' };

/** The first path where `received` differs from `expected` (a recorded value), or undefined. */
function firstDifference(expected: unknown, received: unknown, path: string, skip: (path: string) => boolean): string | undefined {
  if (skip(path)) return undefined;
  if (isElidedAudio(expected) && typeof received === 'string') return undefined; // an elided payload: not compared
  if (typeof expected !== 'object' || expected === null || typeof received !== 'object' || received === null) return Object.is(expected, received) ? undefined : path;
  if (Array.isArray(expected) !== Array.isArray(received)) return path;
  const keys = new Set([...Object.keys(expected), ...Object.keys(received)]);
  for (const key of keys) {
    const at = path ? `${path}.${key}` : key;
    const d = firstDifference((expected as Json)[key], (received as Json)[key], at, skip);
    if (d !== undefined) return d;
  }
  return undefined;
}

const valueAt = (value: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Json)[k] : undefined), value);

/** A recorded server event as sent: elided audio becomes silence of the recorded length. */
function restored(event: Json): Json {
  const field = AUDIO_FIELDS[String(event['type'])];
  if (field === undefined) return event;
  const payload = event[field];
  return isElidedAudio(payload) ? { ...event, [field]: encodeBase64(new Uint8Array(payload.bytes)) } : event;
}

/**
 * A WebSocket server that plays a recording (from `recordSession`) back to one client. Each
 * recorded server event (`dir: 'in'`) is sent once the client has sent every recorded client
 * event (`dir: 'out'`) that came before it; the client's events are compared with the recorded
 * ones in order (type and fields, not `event_id`, not audio the recording elided). Recorded
 * audio that was elided is served as silence of the same length. The first departure becomes a
 * {@link ReplayDivergence} (`divergence`, `diverged`), after which nothing more is sent.
 *
 * One connection is served; a recording of several connections (a reconnect) is played as one.
 *
 * @example
 * ```ts
 * import { RealtimeClient } from 'openai-realtime-rx';
 * import { ReplayServer } from 'openai-realtime-rx/testing';
 *
 * const server = await ReplayServer.fromFile('fixtures/session.jsonl').start();
 * const client = new RealtimeClient({ url: server.url, apiKey: 'replay' });
 * await client.connect();
 * // … drive the client as the recorded app did …
 * const divergence = server.finish(); // undefined when the client did all the recording did
 * await server.stop();
 * ```
 */
export class ReplayServer {
  private readonly frames: readonly Line[];
  private readonly options: ReplayOptions;
  private server: http.Server | undefined;
  private wss: WebSocketServer | undefined;
  private address: AddressInfo | undefined;
  private socket: WebSocket | undefined;
  /** The index of the next recorded client event to expect, and of the next server event to send. */
  private nextOut = 0;
  private nextIn = 0;
  private readonly outs: readonly Line[];
  private readonly ins: ReadonlyArray<{ readonly frame: Line; readonly gate: number }>;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sending = false;
  /** When the last client event was matched (ms, `performance.now()`), and its recorded `t`. */
  private anchor = { at: 0, t: 0 };
  private lastSentAt = 0;
  private failure: ReplayDivergence | undefined;
  private readonly failed: Array<(d: ReplayDivergence) => void> = [];
  private readonly ended: Array<() => void> = [];
  /** Wall-clock milliseconds from the connection to the last recorded frame, once there. */
  elapsedMs: number | undefined;
  private connectedAt = 0;

  /**
   * A server for recorded frames (see `parseRecording`).
   *
   * @throws Error if the recording has no frames.
   */
  constructor(frames: readonly Line[], options: ReplayOptions = {}) {
    if (frames.length === 0) throw new Error('ReplayServer: the recording has no frames.');
    this.frames = frames;
    this.options = options;
    this.outs = frames.filter((f) => f.dir === 'out');
    let gate = 0;
    const ins: Array<{ frame: Line; gate: number }> = [];
    for (const f of frames) {
      if (f.dir === 'out') gate++;
      else ins.push({ frame: f, gate });
    }
    this.ins = ins;
  }

  /**
   * A server for the recording in a JSON-lines file.
   *
   * @throws Error if the file cannot be read or a line is not a frame (naming the line).
   *
   * @example
   * ```ts
   * const server = await ReplayServer.fromFile('fixtures/session.jsonl', { timing: 'real' }).start();
   * ```
   */
  static fromFile(file: string, options: ReplayOptions = {}): ReplayServer {
    const parsed = parseRecording(fs.readFileSync(file, 'utf8'));
    if (!('frames' in parsed)) throw new Error(`ReplayServer: ${file} line ${parsed.line}: ${parsed.error}`);
    return new ReplayServer(parsed.frames, { name: file.split(/[\\/]/).pop() ?? file, ...options });
  }

  /** The URL to connect to: `ws://127.0.0.1:<port>/v1/realtime`. */
  get url(): string {
    if (!this.address) throw new Error('ReplayServer: call start() first.');
    return `ws://${this.address.address}:${this.address.port}/v1/realtime`;
  }

  /** How many frames the recording has (both directions). */
  get size(): number {
    return this.frames.length;
  }

  /** The first divergence, if any. */
  get divergence(): ReplayDivergence | undefined {
    return this.failure;
  }

  /** Resolves with the first divergence (never, if there is none). */
  get diverged(): Promise<ReplayDivergence> {
    return this.failure ? Promise.resolve(this.failure) : new Promise((resolve) => this.failed.push(resolve));
  }

  /** Resolves when every recorded frame was matched or sent. */
  get completed(): Promise<void> {
    return this.isComplete() ? Promise.resolve() : new Promise((resolve) => this.ended.push(resolve));
  }

  /** Listen on a free port. */
  async start(): Promise<this> {
    if (this.server) throw new Error('ReplayServer: already started.');
    const server = http.createServer((_, res) => void res.writeHead(426, { 'Content-Type': 'text/plain' }).end('Upgrade to a WebSocket at /v1/realtime\n'));
    const wss = new WebSocketServer({ server, handleProtocols: (protocols) => (protocols.has('realtime') ? 'realtime' : ([...protocols][0] ?? false)) });
    wss.on('connection', (socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, this.options.host ?? '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.wss = wss;
    this.address = server.address() as AddressInfo;
    return this;
  }

  /**
   * The verdict once the client is done: the divergence so far, or a `missing` one when recorded
   * client events were never sent (the first of them named); `undefined` when the client did all
   * the recording did. Stops the timeout.
   */
  finish(): ReplayDivergence | undefined {
    this.clearTimer();
    if (!this.failure && this.nextOut < this.outs.length) {
      const next = this.outs[this.nextOut] as Line;
      const left = this.outs.length - this.nextOut;
      this.fail({
        kind: 'missing',
        line: next.line,
        expected: next.event,
        message: `${this.where(next.line)}: the client never sent ${next.event.type} (${left} recorded client event${left === 1 ? '' : 's'} left unsent).\n  expected: ${shown(next.event)}`,
      });
    }
    return this.failure;
  }

  /** Close the connection and stop listening. */
  async stop(): Promise<void> {
    this.clearTimer();
    this.socket?.terminate();
    this.wss?.close();
    const server = this.server;
    this.server = undefined;
    if (server) {
      await closeHttpServer(server);
    }
  }

  private where(line: number): string {
    return `Replay of ${this.options.name ?? 'recording'} diverged at line ${line}`;
  }

  private accept(socket: WebSocket): void {
    if (this.socket) return void socket.close(1008, 'The replay serves one connection.');
    this.socket = socket;
    this.connectedAt = globalThis.performance.now();
    this.anchor = { at: this.connectedAt, t: (this.frames[0] as Line).t };
    socket.on('message', (data) => this.receive((data as Buffer).toString('utf8')));
    socket.on('close', () => {
      this.clearTimer();
      if (!this.failure && this.nextOut < this.outs.length) {
        const next = this.outs[this.nextOut] as Line;
        this.fail({ kind: 'closed', line: next.line, expected: next.event, message: `${this.where(next.line)}: the client closed the connection while the recording expected ${next.event.type}.\n  expected: ${shown(next.event)}` });
      }
    });
    this.pump();
  }

  private receive(text: string): void {
    if (this.failure) return;
    let received: Json;
    try {
      received = JSON.parse(text) as Json;
    } catch {
      received = { type: '(not JSON)', text: text.slice(0, 200) };
    }
    const expected = this.outs[this.nextOut];
    const type = String(received['type']);
    if (expected === undefined) {
      const last = this.outs[this.outs.length - 1];
      const line = last?.line ?? (this.frames[this.frames.length - 1] as Line).line;
      return this.fail({ kind: 'extra', line, received, message: `${this.where(line)}: the client sent ${type} after the recording's last client event (line ${line}).\n  received: ${shown(received)}` });
    }
    if (type !== expected.event.type) {
      return this.fail({
        kind: 'type',
        line: expected.line,
        expected: expected.event,
        received,
        message: `${this.where(expected.line)}: expected the client to send ${expected.event.type}, received ${type}.\n  expected: ${shown(expected.event)}\n  received: ${shown(received)}`,
      });
    }
    const ignore = [...DEFAULT_IGNORE, ...(this.options.ignore ?? [])];
    const skip = (path: string): boolean => path === 'event_id' || ignore.includes(path) || ignore.includes(`${type}.${path}`);
    const path = firstDifference(expected.event, received, '', skip);
    if (path !== undefined) {
      const [want, got] = [valueAt(expected.event, path), valueAt(received, path)];
      return this.fail({
        kind: 'field',
        line: expected.line,
        expected: expected.event,
        received,
        path,
        message: `${this.where(expected.line)}: ${type} differs at ${path}: expected ${shown(want)}, received ${shown(got)}.\n  expected: ${shown(expected.event)}\n  received: ${shown(received)}`,
      });
    }
    // an elided payload still has a length to match
    const audioField = AUDIO_FIELDS[type];
    const elided = audioField ? expected.event[audioField] : undefined;
    if (audioField && isElidedAudio(elided)) {
      const bytes = decodeBase64(String(received[audioField]));
      if (bytes === undefined || bytes.length !== elided.bytes) {
        return this.fail({
          kind: 'field',
          line: expected.line,
          expected: expected.event,
          received: { ...received, [audioField]: bytes ? { bytes: bytes.length, sha256: sha256Hex(bytes) } : received[audioField] },
          path: audioField,
          message: `${this.where(expected.line)}: ${type} differs at ${audioField}: expected ${elided.bytes} bytes of audio, received ${bytes ? bytes.length : 'no valid base64'}.`,
        });
      }
    }
    this.nextOut++;
    this.anchor = { at: globalThis.performance.now(), t: expected.t };
    this.pump();
  }

  /** Send every server event the matched client events released (in real time: when due). */
  private pump(): void {
    if (this.sending) return;
    this.sending = true;
    try {
      this.clearTimer();
      while (!this.failure && this.nextIn < this.ins.length) {
        const next = this.ins[this.nextIn] as { frame: Line; gate: number };
        if (next.gate > this.nextOut) break;
        if (this.options.timing === 'real') {
          const due = Math.max(this.lastSentAt, this.anchor.at + Math.max(0, next.frame.t - this.anchor.t));
          const wait = due - globalThis.performance.now();
          if (wait > 1) {
            this.timer = setTimeout(() => {
              this.timer = undefined;
              this.pump();
            }, wait);
            return;
          }
          this.lastSentAt = Math.max(this.lastSentAt, due);
        }
        this.nextIn++;
        if (this.socket?.readyState === this.socket?.OPEN) this.socket?.send(JSON.stringify(restored(next.frame.event)));
      }
      if (this.failure) return;
      if (this.isComplete()) {
        this.elapsedMs ??= globalThis.performance.now() - this.connectedAt;
        this.ended.splice(0).forEach((f) => f());
        return;
      }
      // waiting for the client: not for ever
      const expected = this.outs[this.nextOut];
      if (expected && this.timer === undefined) {
        const timeoutMs = this.options.timeoutMs ?? 2000;
        this.timer = setTimeout(() => {
          this.timer = undefined;
          if (this.failure || this.outs[this.nextOut] !== expected) return;
          this.fail({
            kind: 'timeout',
            line: expected.line,
            expected: expected.event,
            message: `${this.where(expected.line)}: waited ${timeoutMs} ms for the client to send ${expected.event.type}; it sent nothing.\n  expected: ${shown(expected.event)}`,
          });
        }, timeoutMs);
      }
    } finally {
      this.sending = false;
    }
  }

  private isComplete(): boolean {
    return this.nextOut >= this.outs.length && this.nextIn >= this.ins.length;
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private fail(d: Omit<ReplayDivergence, '_tag'>): void {
    if (this.failure) return;
    this.clearTimer();
    this.failure = { _tag: 'ReplayDivergence', ...d };
    this.failed.splice(0).forEach((f) => f(this.failure as ReplayDivergence));
  }
}
