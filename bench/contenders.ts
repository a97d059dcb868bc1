/**
 * The five ways to receive (and send) Realtime audio that the benchmarks compare: the floor (raw
 * `ws`, no validation, no wrapper), this package twice, openai-node's `OpenAIRealtimeWS` (a thin,
 * unvalidated client) and the Agents SDK's transport.
 */
import { OpenAIRealtimeWebSocket as PeerTransport } from '@openai/agents-realtime';
import * as net from 'node:net';
import OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import WebSocket from 'ws';
import { core } from './lib';

const { OpenAIRealtimeWebSocket, RealtimeClient, appendAudio } = core;

/** One connected contender. */
export interface Contender {
  /** Called for every audio chunk with its bytes (the consumer's view). */
  onAudio(handler: (bytes: Uint8Array) => void): void;
  /** Called when an unknown/control event of this type arrives. */
  onControl(type: string, handler: () => void): void;
  /** Send a control frame to the load generator. */
  control(frame: Record<string, unknown>): void;
  /** Append 20 ms of audio the way this contender does it. */
  sendAudio(chunk: Uint8Array): void;
  close(): Promise<void> | void;
}

export type ContenderName =
  | 'floor (raw ws)'
  | 'RealtimeClient.audio$'
  | 'ours: OpenAIRealtimeWebSocket'
  | 'openai-node: OpenAIRealtimeWS'
  | 'peer: OpenAIRealtimeWebSocket';

// The transports take an ArrayBuffer: the chunk's own when it spans it (the benchmark's chunks do),
// so that no contender is charged a copy per append that the floor does not make.
const toArrayBuffer = (b: Uint8Array): ArrayBuffer =>
  b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? (b.buffer as ArrayBuffer) : (b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);

export const contenders: Record<ContenderName, (url: string) => Promise<Contender>> = {
  'floor (raw ws)': async (url) => {
    const ws = new WebSocket(url, { headers: { Authorization: 'Bearer bench' } });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const controls = new Map<string, () => void>();
    let audio: (bytes: Uint8Array) => void = () => undefined;
    ws.on('message', (data) => {
      const event = JSON.parse((data as Buffer).toString()) as { type: string; delta?: string };
      if (event.type === 'response.output_audio.delta') audio(Buffer.from(event.delta ?? '', 'base64'));
      else controls.get(event.type)?.();
    });
    return {
      onAudio: (h) => void (audio = h),
      onControl: (type, h) => void controls.set(type, h),
      control: (frame) => ws.send(JSON.stringify(frame)),
      sendAudio: (chunk) => ws.send(JSON.stringify({ type: 'input_audio_buffer.append', audio: Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('base64') })),
      close: () => ws.close(),
    };
  },

  'RealtimeClient.audio$': async (url) => {
    const client = new RealtimeClient({ url, apiKey: 'bench' });
    await client.connect();
    return {
      onAudio: (h) => void client.audio$.subscribe((chunk) => h(chunk.data)),
      onControl: (type, h) => void client.events$.subscribe((e) => e.type === type && h()),
      control: (frame) => client.sendRaw(frame as { type: string }),
      sendAudio: (chunk) => void client.send(appendAudio(chunk)),
      close: () => client.dispose(),
    };
  },

  'ours: OpenAIRealtimeWebSocket': async (url) => {
    const transport = new OpenAIRealtimeWebSocket({ url });
    await transport.connect({ apiKey: 'bench' });
    return {
      onAudio: (h) => void transport.on('audio', (e) => h(new Uint8Array(e.data))),
      onControl: (type, h) => void transport.on('*', (e) => e['type'] === type && h()),
      control: (frame) => transport.sendEvent(frame as { type: string }),
      sendAudio: (chunk) => transport.sendAudio(toArrayBuffer(chunk)),
      close: () => transport.close(),
    };
  },

  // openai-node builds its URL from the client's baseURL and forces `wss:` (a custom
  // `buildRealtimeURL` must be `wss:` too), while the load generator speaks plain `ws` on
  // 127.0.0.1. A TLS server for this contender alone would charge it TLS time the others do not
  // pay, so instead we use the `ws` client option openai-node passes through (`options`):
  // `createConnection`, which `ws` calls instead of `tls.connect`. The socket is then a plain TCP
  // connection to the same server, exactly like the other contenders'; everything above the socket
  // (handshake, framing, openai-node's parse and dispatch) is openai-node's own code path.
  'openai-node: OpenAIRealtimeWS': async (url) => {
    const { hostname, port } = new URL(url);
    const client = new OpenAI({ apiKey: 'bench', baseURL: url.replace(/^ws:/, 'http:').replace(/\/realtime$/, '') });
    const rt = new OpenAIRealtimeWS(
      { model: 'gpt-realtime', options: { createConnection: () => net.connect({ host: hostname, port: Number(port) }) } },
      client,
    );
    rt.on('error', (e) => console.error('openai-node contender:', e.message));
    await new Promise((resolve, reject) => rt.socket.once('open', resolve).once('error', reject));
    // How openai-node's users receive audio: a typed listener and Buffer.from(delta, 'base64').
    let audio: (bytes: Uint8Array) => void = () => undefined;
    rt.on('response.output_audio.delta', (e) => audio(Buffer.from(e.delta, 'base64')));
    const on = rt.on.bind(rt) as (type: string, h: () => void) => void;
    const send = rt.send.bind(rt) as unknown as (event: Record<string, unknown>) => void;
    return {
      onAudio: (h) => void (audio = h),
      onControl: (type, h) => on(type, h),
      control: (frame) => send(frame),
      sendAudio: (chunk) => rt.send({ type: 'input_audio_buffer.append', audio: Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('base64') }),
      close: () => rt.close(),
    };
  },

  'peer: OpenAIRealtimeWebSocket': async (url) => {
    const transport = new PeerTransport({ url });
    await transport.connect({ apiKey: 'bench' });
    return {
      onAudio: (h) => void transport.on('audio', (e) => h(new Uint8Array(e.data))),
      onControl: (type, h) => void transport.on('*', (e: { type?: string }) => e.type === type && h()),
      control: (frame) => transport.sendEvent(frame as { type: string }),
      sendAudio: (chunk) => transport.sendAudio(toArrayBuffer(chunk)),
      close: () => transport.close(),
    };
  },
};
