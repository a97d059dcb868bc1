/**
 * In-process: the inbound suite's frames (responses of 50 audio deltas with their transcript and
 * framing events) handed straight to each contender's message listener, with no socket and no
 * load generator. What is left is the library's own cost per frame, with far less noise than the
 * socket suites: the floor is `JSON.parse` of every frame plus `Buffer.from(delta, 'base64')` of
 * every audio delta, which every contender also does.
 */
import type * as Core from '../lib/index';
import type { SuiteResult } from './harness';
import { interleave, median, pairedRatios } from './harness';
import { core } from './lib';
import { responseFrames } from './server';

/** A socket that is open at once and whose `deliver` calls the message listeners synchronously. */
class InProcessSocket {
  readyState = 1;
  bufferedAmount = 0;
  binaryType = 'arraybuffer';
  private readonly listeners: Record<string, Array<(event: object) => void>> = {};
  addEventListener(type: string, listener: (event: object) => void): void {
    (this.listeners[type] ??= []).push(listener);
  }
  removeEventListener(type: string, listener: (event: object) => void): void {
    this.listeners[type] = (this.listeners[type] ?? []).filter((l) => l !== listener);
  }
  send(): void {}
  close(): void {
    this.readyState = 3;
    for (const l of this.listeners['close'] ?? []) l({ code: 1000, reason: '', wasClean: true });
  }
  deliver(data: string): void {
    for (const l of this.listeners['message'] ?? []) l({ data });
  }
}

interface Receiver {
  deliver(frames: readonly string[]): void;
  close(): void;
}

export type Setup = (onAudio: (bytes: Uint8Array) => void) => Promise<Receiver>;

const viaSocket = async (connect: (socket: InProcessSocket) => Promise<unknown>, close: () => void): Promise<Receiver> => {
  const socket = new InProcessSocket();
  await connect(socket);
  return {
    deliver: (frames) => {
      for (const f of frames) socket.deliver(f);
    },
    close,
  };
};

/** The floor and both contenders, built from one build of the package (bench/compareBuilds.ts loads several). */
export const setupsFor = ({ OpenAIRealtimeWebSocket, RealtimeClient }: typeof Core): Record<string, Setup> => ({
  'floor (JSON.parse + Buffer base64)': (onAudio) =>
    Promise.resolve({
      deliver: (frames) => {
        for (const f of frames) {
          const event = JSON.parse(f) as { type: string; delta?: string };
          if (event.type === 'response.output_audio.delta') onAudio(Buffer.from(event.delta ?? '', 'base64'));
        }
      },
      close: () => undefined,
    }),
  'RealtimeClient.audio$': async (onAudio) => {
    const client = new RealtimeClient({ apiKey: 'bench' });
    client.audio$.subscribe((chunk) => onAudio(chunk.data));
    return viaSocket(
      (socket) => client.connect({ url: 'ws://in-process', createWebSocket: () => socket, skipOpenEvent: true }),
      () => client.dispose(),
    );
  },
  'ours: OpenAIRealtimeWebSocket': async (onAudio) => {
    let socket: InProcessSocket | undefined;
    const transport = new OpenAIRealtimeWebSocket({ url: 'ws://in-process', createWebSocket: () => (socket = new InProcessSocket()), skipOpenEventListeners: true });
    transport.on('audio', (e) => onAudio(new Uint8Array(e.data)));
    await transport.connect({ apiKey: 'bench' });
    return {
      deliver: (frames) => {
        for (const f of frames) socket?.deliver(f);
      },
      close: () => transport.close(),
    };
  },
});

/** The pipeline suite's setups, on this checkout's build. */
export const setups = setupsFor(core);

export async function pipelineSuite(opts: { responses?: number; rounds?: number } = {}): Promise<SuiteResult> {
  const responses = opts.responses ?? 200;
  const rounds = opts.rounds ?? 15;
  const frames = Array.from({ length: responses }, (_, r) => responseFrames(r % 100)).flat();
  const run = (name: string, setup: Setup) => async () => {
    let bytes = 0;
    const receiver = await setup((chunk) => void (bytes += chunk.byteLength));
    const start = performance.now();
    receiver.deliver(frames);
    const elapsed = performance.now() - start;
    receiver.close();
    if (bytes !== responses * 50 * 960) throw new Error(`${name}: ${bytes} bytes of audio, expected ${responses * 50 * 960}`);
    return elapsed;
  };
  const samples = await interleave(Object.entries(setups).map(([name, setup]) => ({ name, run: run(name, setup) })), rounds);
  const medians = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
  return {
    suite: `in-process pipeline: ${frames.length} frames (${responses} responses) handed to the message listener, no socket`,
    unit: 'ms for all frames',
    rounds,
    medians,
    samples,
    ratios: pairedRatios(samples, 'floor (JSON.parse + Buffer base64)'),
    notes: { perFrameUs: Object.fromEntries(Object.entries(medians).map(([k, v]) => [k, (v * 1000) / frames.length])) },
  };
}
