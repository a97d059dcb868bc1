/**
 * The four ways to receive (and send) Realtime audio that the benchmarks compare.
 */
import { OpenAIRealtimeWebSocket as PeerTransport } from '@openai/agents-realtime';
import WebSocket from 'ws';
import { OpenAIRealtimeWebSocket, RealtimeClient, appendAudio } from '../lib/index';

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

export type ContenderName = 'floor (raw ws)' | 'RealtimeClient.audio$' | 'ours: OpenAIRealtimeWebSocket' | 'peer: OpenAIRealtimeWebSocket';

const toArrayBuffer = (b: Uint8Array): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

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
