import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebSocket } from 'ws';
import { WebSocketServer } from 'ws';
import { ClientSecrets } from './ClientSecrets.js';
import type { SimSessionConfig } from './defaults.js';
import { defaultSession } from './defaults.js';
import { IdSource } from './ids.js';
import type { ReplyPolicy } from './replyPolicy.js';
import { defaultReplyPolicy } from './replyPolicy.js';
import { SimSession } from './SimSession.js';
import { closeHttpServer } from './closeHttpServer.js';

/**
 * Options of the {@link RealtimeSimulator}. All optional.
 *
 * @example
 * ```ts
 * import { RealtimeSimulator } from 'openai-realtime-rx/testing';
 * const sim = new RealtimeSimulator({ realtimeFactor: Infinity, transcribe: () => 'What is the weather in Paris?' });
 * ```
 */
export interface RealtimeSimulatorOptions {
  /** The interface to listen on. Default `127.0.0.1`. */
  readonly host?: string;
  /** The port. Default `0` (any free port). */
  readonly port?: number;
  /** How much faster than real time audio is streamed (`Infinity`: as fast as possible). Default 10. */
  readonly realtimeFactor?: number;
  /** Milliseconds of audio per `response.output_audio.delta`. Default 40. */
  readonly audioChunkMs?: number;
  /** What the model says. Default {@link defaultReplyPolicy}. */
  readonly replyPolicy?: ReplyPolicy;
  /** What the simulated user said in some input audio. Default: a description of the audio. */
  readonly transcribe?: (audio: Uint8Array, durationMs: number) => string;
  /** End each session after this long: an `error` with code `session_expired`, then close 1001. */
  readonly maxSessionDurationMs?: number;
  /** The model reported when the client names none. Default `gpt-realtime`. */
  readonly model?: string;
}

/**
 * One client connection to the simulator, with controls for tests.
 *
 * @example
 * ```ts
 * const conn = await sim.nextConnection();
 * conn.drop(); // the client sees close 1006
 * ```
 */
export interface SimConnection {
  /** The session state (configuration, conversation, received client events). */
  readonly session: SimSession;
  /** The handshake headers. */
  readonly headers: http.IncomingHttpHeaders;
  /** Send a server event (an `event_id` is added). */
  send(event: Record<string, unknown>): void;
  /** Send a frame exactly as given (for malformed-frame tests). */
  sendRaw(text: string): void;
  /** Close with a code and reason. */
  close(code?: number, reason?: string): void;
  /** Drop the connection without a close frame (the client sees 1006). */
  drop(): void;
  /** Resolves when the connection has closed. */
  readonly closed: Promise<{ code: number; reason: string }>;
}

const keyFrom = (req: http.IncomingMessage): string | undefined => {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ') && auth.slice(7).trim() !== '') return auth.slice(7).trim();
  const protocols = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const key = protocols.find((p) => p.startsWith('openai-insecure-api-key.'))?.slice('openai-insecure-api-key.'.length);
  return key ? key : undefined;
};

/**
 * A local OpenAI Realtime API server (GA protocol, WebSocket) for tests, demos and benchmarks:
 * sessions, conversations, text and audio responses with word-aligned transcripts, server VAD
 * on the input audio, function calls through a pluggable reply policy, the API's errors, and
 * fault injection. No key or network needed: any non-empty key is accepted; a missing one
 * gets HTTP 401.
 *
 * Ephemeral keys: `POST /v1/realtime/client_secrets` on the same port (with any non-empty
 * `Authorization: Bearer` key that is not itself an `ek_` key, as `mintClientSecret` of
 * `openai-realtime-rx/node` sends it) mints an `ek_…` secret with the API's body and answer
 * (`expires_after.seconds` 10 to 7200, default 600). A connection with a minted key, in the
 * `Authorization` header or the browser's `openai-insecure-api-key.` subprotocol, starts with the
 * session configuration given at minting, until the key expires; after that it gets HTTP 401.
 *
 * @example
 * ```ts
 * import { RealtimeClient, userMessage, createResponse } from 'openai-realtime-rx';
 * import { RealtimeSimulator } from 'openai-realtime-rx/testing';
 *
 * const sim = new RealtimeSimulator();
 * await sim.start();
 * const client = new RealtimeClient({ url: sim.url, apiKey: 'test' });
 * await client.connect();
 * client.send(userMessage('Hello'));
 * client.send(createResponse());
 * // ...
 * await sim.stop();
 * ```
 */
export class RealtimeSimulator {
  private readonly options: RealtimeSimulatorOptions;
  private readonly ids = new IdSource();
  private readonly secrets: ClientSecrets;
  private server: http.Server | undefined;
  private wss: WebSocketServer | undefined;
  private address: AddressInfo | undefined;
  private refuse: number | undefined;
  private readonly live = new Set<{ socket: WebSocket; session: SimSession; timer?: ReturnType<typeof setTimeout> }>();
  private readonly waiting: SimConnection[] = [];
  private readonly takers: Array<(c: SimConnection) => void> = [];
  /** Every connection so far, in order. */
  readonly connections: SimConnection[] = [];

  constructor(options: RealtimeSimulatorOptions = {}) {
    this.options = options;
    this.secrets = new ClientSecrets(this.ids, options.model ?? 'gpt-realtime');
  }

  /** The base URL of the simulator's REST endpoints (`client_secrets`): `http://127.0.0.1:<port>/v1`. */
  get httpUrl(): string {
    if (!this.address) throw new Error('RealtimeSimulator: call start() first.');
    return `http://${this.address.address}:${this.address.port}/v1`;
  }

  /** The URL to connect to: `ws://127.0.0.1:<port>/v1/realtime`. */
  get url(): string {
    if (!this.address) throw new Error('RealtimeSimulator: call start() first.');
    return `ws://${this.address.address}:${this.address.port}/v1/realtime`;
  }

  /** The port in use. */
  get port(): number {
    if (!this.address) throw new Error('RealtimeSimulator: call start() first.');
    return this.address.port;
  }

  /** Listen. Rejects (for example with `EADDRINUSE`) if the port cannot be had. */
  async start(): Promise<this> {
    if (this.server) throw new Error('RealtimeSimulator: already started.');
    const server = http.createServer((req, res) => this.answer(req, res));
    const wss = new WebSocketServer({
      noServer: true,
      // browsers offer `realtime` plus the key; any other client gets its first offer echoed
      handleProtocols: (protocols) => (protocols.has('realtime') ? 'realtime' : ([...protocols][0] ?? false)),
    });
    server.on('upgrade', (req, socket, head) => {
      const key = keyFrom(req);
      const minted = this.secrets.sessionFor(key, new URL(req.url ?? '/', 'ws://localhost').searchParams.get('model') ?? undefined, Date.now());
      const status = this.refuse ?? (key === undefined || minted === 'expired' ? 401 : undefined);
      if (status !== undefined) {
        const message = key === undefined ? 'Missing or empty API key.' : 'The client secret has expired.';
        const body = status === 401 ? JSON.stringify({ error: { type: 'invalid_request_error', code: 'invalid_api_key', message } }) : '';
        socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req, minted === 'expired' ? undefined : minted));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.wss = wss;
    this.address = server.address() as AddressInfo;
    return this;
  }

  /** Close every connection and stop listening. */
  async stop(): Promise<void> {
    for (const c of this.live) {
      c.session.dispose();
      if (c.timer) clearTimeout(c.timer);
      c.socket.terminate();
    }
    this.live.clear();
    this.wss?.close();
    const server = this.server;
    this.server = undefined;
    if (server) {
      await closeHttpServer(server);
    }
  }

  /** Resolves with the next client to connect (or one that connected and was not yet taken). */
  nextConnection(): Promise<SimConnection> {
    const c = this.waiting.shift();
    return c ? Promise.resolve(c) : new Promise((resolve) => this.takers.push(resolve));
  }

  /** Refuse WebSocket upgrades with this HTTP status (`undefined` to accept again). */
  rejectUpgrades(status: number | undefined): void {
    this.refuse = status;
  }

  /** Drop every connection (clients see 1006). */
  dropAll(): void {
    for (const c of this.live) c.socket.terminate();
  }

  /** Plain HTTP: the client-secrets endpoint, or a hint to upgrade. */
  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/v1/realtime/client_secrets') return void res.writeHead(426, { 'Content-Type': 'text/plain' }).end('Upgrade to a WebSocket at /v1/realtime\n');
    if (req.method !== 'POST') return void res.writeHead(405, { Allow: 'POST', 'Content-Type': 'text/plain' }).end('POST a client secret request\n');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { status, body } = this.secrets.mint(req.headers.authorization, Buffer.concat(chunks).toString('utf8'), Date.now());
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    });
  }

  private accept(socket: WebSocket, req: http.IncomingMessage, minted?: SimSessionConfig): void {
    const url = new URL(req.url ?? '/', 'ws://localhost');
    const factor = this.options.realtimeFactor ?? 10;
    const session = new SimSession(
      {
        newId: (prefix) => this.ids.next(prefix),
        replyPolicy: this.options.replyPolicy ?? defaultReplyPolicy,
        transcribe: this.options.transcribe ?? ((_, ms) => `(${(ms / 1000).toFixed(1)} seconds of speech)`),
        pace: (ms) => (Number.isFinite(factor) && factor > 0 ? ms / factor : 0),
        chunkMs: this.options.audioChunkMs ?? 40,
      },
      (frame) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
      },
      minted ?? defaultSession(this.ids.next('sess'), url.searchParams.get('model') ?? this.options.model ?? 'gpt-realtime', Math.floor(Date.now() / 1000) + 3600),
    );
    const entry: { socket: WebSocket; session: SimSession; timer?: ReturnType<typeof setTimeout> } = { socket, session };
    this.live.add(entry);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.on('close', (code, reason) => {
        session.dispose();
        if (entry.timer) clearTimeout(entry.timer);
        this.live.delete(entry);
        resolve({ code, reason: reason.toString() });
      }),
    );
    socket.on('message', (data, isBinary) => {
      if (isBinary) return session.send({ type: 'error', error: { type: 'invalid_request_error', code: 'invalid_event', message: 'Binary frames are not supported.', param: null, event_id: null } });
      session.receive((data as Buffer).toString('utf8'));
    });
    if (this.options.maxSessionDurationMs !== undefined) {
      entry.timer = setTimeout(() => {
        const message = `Your session hit the maximum duration of ${Math.round(this.options.maxSessionDurationMs! / 60000)} minutes.`;
        session.send({ type: 'error', error: { type: 'invalid_request_error', code: 'session_expired', message, param: null, event_id: null } });
        socket.close(1001, message.slice(0, 120));
      }, this.options.maxSessionDurationMs);
    }
    const connection: SimConnection = {
      session,
      headers: req.headers,
      send: (event) => session.send(event),
      sendRaw: (text) => socket.send(text),
      close: (code = 1000, reason = '') => socket.close(code, reason),
      drop: () => socket.terminate(),
      closed,
    };
    this.connections.push(connection);
    const taker = this.takers.shift();
    if (taker) taker(connection);
    else this.waiting.push(connection);
  }
}
