/**
 * Stall: a server that stops reading while ten minutes of 20 ms audio chunks (30,000 appends)
 * are pushed. Compares the bounded send buffer (the default high-water mark) with the bound
 * turned off (`maxBufferedBytes: Infinity`), measured in the same run: the socket's
 * `bufferedAmount` and the process's memory (heap plus buffers) after the push. Needs --expose-gc.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { core } from './lib';

const { RealtimeClient, appendAudio } = core;
import type { SuiteResult } from './harness';

const CHUNKS = 30_000;

const memoryMB = (): number => {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run the benchmarks with node --expose-gc');
  collect();
  collect();
  const m = process.memoryUsage();
  return (m.heapUsed + m.external) / 2 ** 20;
};

async function push(url: string, wss: WebSocketServer, maxBufferedBytes: number): Promise<{ buffered: number; grewMB: number; sent: number }> {
  const client = new RealtimeClient({ url, apiKey: 'bench', maxBufferedBytes });
  const accepted = new Promise<{ _socket?: Socket }>((resolve) => wss.once('connection', (ws) => resolve(ws as unknown as { _socket?: Socket })));
  await client.connect();
  (await accepted)._socket?.pause();
  const before = memoryMB();
  const chunk = new Uint8Array(960);
  let sent = 0;
  for (let i = 0; i < CHUNKS; i++) if (client.send(appendAudio(chunk))) sent++;
  const buffered = client.bufferedAmount;
  const grewMB = memoryMB() - before;
  client.dispose();
  return { buffered, grewMB, sent };
}

export async function stallSuite(): Promise<SuiteResult> {
  const server = http.createServer();
  const wss = new WebSocketServer({ server });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const unbounded = await push(url, wss, Infinity);
    const bounded = await push(url, wss, 1_048_576);
    return {
      suite: 'stall',
      unit: `a server that stops reading; ${CHUNKS} appends of 20 ms pushed; bytes and MB after the push`,
      rounds: 1,
      medians: {
        'bufferedAmount, bounded (default 1 MiB mark)': bounded.buffered,
        'bufferedAmount, unbounded': unbounded.buffered,
        'memory growth MB, bounded': Number(bounded.grewMB.toFixed(2)),
        'memory growth MB, unbounded': Number(unbounded.grewMB.toFixed(2)),
        'appends sent, bounded': bounded.sent,
      },
      ratios: {
        'bufferedAmount bounded / unbounded': Number((bounded.buffered / unbounded.buffered).toFixed(3)),
      },
      samples: {},
    };
  } finally {
    for (const c of wss.clients) c.terminate();
    wss.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
