/**
 * A telephony bridge: a WebSocket server that speaks a provider's media-stream messages (the shape
 * of Twilio Media Streams: base64 8 kHz μ-law in `media`, `mark` for played audio, `clear` to
 * flush the caller's buffer) and bridges each call to the Realtime API through openai-realtime-rx.
 *
 * The session takes and speaks `audio/pcmu`, so no audio is converted. Each chunk of the
 * assistant's audio goes to the caller followed by a `mark`; the provider echoes a mark when the
 * audio before it has been played. When the caller starts speaking over the assistant
 * (`input_audio_buffer.speech_started`) while audio is still queued at the provider, the bridge
 * sends `clear`, and truncates the assistant's item at what the caller heard (its last echoed
 * mark), not at what it had been sent, so the model's memory of the conversation matches the call.
 *
 * In an app, import from 'openai-realtime-rx' and 'openai-realtime-rx/node'; this example imports
 * the sources so that it runs in the repository.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebSocket } from 'ws';
import { WebSocketServer } from 'ws';
import { RealtimeClient, ofType, truncateItem } from '../../lib/index.js';
import { audioWritable } from '../../lib/node/index.js';
import type { BridgeMessage } from './mediaStream.js';
import { parseCallerMessage } from './mediaStream.js';
import { PlaybackLedger } from './PlaybackLedger.js';

/** What happened on the bridge, for logs and tests. */
export type BridgeEvent =
  | { readonly kind: 'call-started'; readonly streamSid: string }
  | { readonly kind: 'barge-in'; readonly streamSid: string; readonly itemId: string; readonly audioEndMs: number; readonly sentMs: number }
  | { readonly kind: 'truncated'; readonly streamSid: string; readonly itemId: string; readonly audioEndMs: number }
  | { readonly kind: 'call-ended'; readonly streamSid: string }
  | { readonly kind: 'error'; readonly streamSid?: string; readonly code: string; readonly message: string };

export interface BridgeOptions {
  /** The Realtime API endpoint (`wss://api.openai.com/v1/realtime`, or a simulator's URL). */
  readonly realtimeUrl: string;
  readonly apiKey: string;
  /** The port to listen on (0: any free port). */
  readonly port: number;
  /** The interface to listen on. Default 127.0.0.1. */
  readonly host?: string;
  readonly model?: string;
  readonly instructions?: string;
  readonly onEvent?: (event: BridgeEvent) => void;
}

export interface Bridge {
  /** Where the provider connects: `ws://host:port/media`. */
  readonly url: string;
  readonly port: number;
  /** Hang up every call and stop listening. */
  close(): Promise<void>;
}

/** Start the bridge; resolves when it listens. */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const emit = options.onEvent ?? (() => undefined);
  const server = http.createServer((_, res) => res.writeHead(426).end('Connect a media stream WebSocket to /media\n'));
  const wss = new WebSocketServer({ server, path: '/media' });
  const calls = new Set<() => void>();
  wss.on('connection', (ws) => calls.add(handleCall(ws, options, emit, (end) => calls.delete(end))));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `ws://${address.address}:${address.port}/media`,
    port: address.port,
    close: async () => {
      for (const end of [...calls]) end();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One call: the caller's socket, one Realtime connection, the marks. Returns its hang-up. */
function handleCall(ws: WebSocket, options: BridgeOptions, emit: (e: BridgeEvent) => void, forget: (end: () => void) => void): () => void {
  let call: { streamSid: string; end: () => void; onMedia: (payload: string) => void; onMark: (name: string) => void } | undefined;
  const end = () => {
    forget(end);
    call?.end();
    call = undefined;
  };
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    const message = parseCallerMessage(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'));
    if (message === undefined) return;
    switch (message.event) {
      case 'start':
        if (call === undefined) call = startCall(message.start.streamSid, (m) => ws.send(JSON.stringify(m)), options, emit);
        return;
      case 'media':
        return call?.onMedia(message.media.payload);
      case 'mark':
        return call?.onMark(message.mark.name);
      case 'stop':
        return end();
      default:
        return;
    }
  });
  ws.on('close', end);
  return end;
}

function startCall(streamSid: string, send: (m: BridgeMessage) => void, options: BridgeOptions, emit: (e: BridgeEvent) => void) {
  const client = new RealtimeClient({
    url: options.realtimeUrl,
    apiKey: options.apiKey,
    ...(options.model === undefined ? {} : { model: options.model }),
    session: {
      type: 'realtime',
      ...(options.instructions === undefined ? {} : { instructions: options.instructions }),
      audio: {
        input: { format: { type: 'audio/pcmu' }, turn_detection: { type: 'server_vad' } },
        output: { format: { type: 'audio/pcmu' } },
      },
    },
  });
  const ledger = new PlaybackLedger();
  const interrupted = new Set<string>();
  // caller audio is μ-law and so is the session's input: framed in 20 ms, sent as it is
  const mic = audioWritable(client, { inputFormat: 'pcmu', sessionFormat: 'pcmu' });
  mic.on('error', (e: Error & { code?: string }) => emit({ kind: 'error', streamSid, code: e.code ?? 'ERR_STREAM', message: e.message }));
  const subscriptions = [
    client.audio$.subscribe((chunk) => {
      if (interrupted.has(chunk.itemId)) return; // audio of an item the caller talked over
      send({ event: 'media', streamSid, media: { payload: Buffer.from(chunk.data.buffer, chunk.data.byteOffset, chunk.data.byteLength).toString('base64') } });
      send({ event: 'mark', streamSid, mark: { name: ledger.sent(chunk.itemId, chunk.contentIndex, chunk.durationMs) } });
    }),
    client.events$.pipe(ofType('input_audio_buffer.speech_started')).subscribe(() => {
      const cut = ledger.bargeIn();
      if (cut === undefined) return; // the caller had heard everything: nothing to take back
      interrupted.add(cut.itemId);
      send({ event: 'clear', streamSid });
      client.send(truncateItem(cut.itemId, cut.contentIndex, cut.audioEndMs));
      emit({ kind: 'barge-in', streamSid, itemId: cut.itemId, audioEndMs: cut.audioEndMs, sentMs: cut.sentMs });
    }),
    client.items$.subscribe((i) => {
      if (i.phase === 'truncated') emit({ kind: 'truncated', streamSid, itemId: i.itemId, audioEndMs: i.audioEndMs });
    }),
    client.errors$.subscribe((e) => {
      if (!('severity' in e && e.severity === 'warning')) emit({ kind: 'error', streamSid, code: e.code, message: e.message });
    }),
  ];
  client.connect().catch(() => undefined); // a failure is on errors$ already
  emit({ kind: 'call-started', streamSid });
  return {
    streamSid,
    onMedia: (payload: string) => void mic.write(Buffer.from(payload, 'base64')),
    onMark: (name: string) => ledger.acked(name),
    end: () => {
      const hangUp = () => {
        for (const s of subscriptions) s.unsubscribe();
        client.dispose();
        emit({ kind: 'call-ended', streamSid });
      };
      if (mic.writableEnded || mic.destroyed) return hangUp();
      mic.end(hangUp);
    },
  };
}
