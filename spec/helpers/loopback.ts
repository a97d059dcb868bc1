/**
 * A scripted WebSocket server on 127.0.0.1, port 0, for integration tests: it records what
 * clients send and lets the test send frames, close, drop, or refuse the upgrade.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as net from 'node:net';
import type { WebSocket } from 'ws';
import { WebSocketServer } from 'ws';
import { closeHttpServer } from '../../lib/testing/closeHttpServer';

export interface Peer {
  readonly socket: WebSocket;
  readonly headers: http.IncomingHttpHeaders;
  readonly protocols: string[];
  /** Every text frame received, parsed. */
  readonly received: Array<Record<string, unknown>>;
  /** Resolves with the next frame received (or one already waiting). */
  next(): Promise<Record<string, unknown>>;
  send(frame: unknown): void;
  closed: Promise<{ code: number; reason: string }>;
}

export interface Loopback {
  readonly url: string;
  readonly peers: Peer[];
  /** Resolves with the next client to connect (or one already connected and not yet taken). */
  accept(): Promise<Peer>;
  /** Refuse upgrades with this HTTP status (and headers) from now on (undefined to accept again). */
  refuseWith(status: number | undefined, headers?: Record<string, string>): void;
  /** How many upgrade requests arrived. */
  readonly upgrades: number;
  close(): Promise<void>;
}

export async function startLoopback(): Promise<Loopback> {
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true });
  const peers: Peer[] = [];
  const waiting: Peer[] = [];
  const takers: Array<(p: Peer) => void> = [];
  let refuse: number | undefined;
  let refuseHeaders: Record<string, string> = {};
  let upgrades = 0;

  server.on('upgrade', (req, socket, head) => {
    upgrades++;
    if (refuse !== undefined) {
      const extra = Object.entries(refuseHeaders).map(([k, v]) => `${k}: ${v}\r\n`).join('');
      socket.end(`HTTP/1.1 ${refuse} Refused\r\n${extra}Content-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const received: Array<Record<string, unknown>> = [];
      const readers: Array<(f: Record<string, unknown>) => void> = [];
      let unread = 0;
      ws.on('message', (data) => {
        const frame = JSON.parse((data as Buffer).toString('utf8')) as Record<string, unknown>;
        received.push(frame);
        const reader = readers.shift();
        if (reader) reader(frame);
        else unread++;
      });
      const peer: Peer = {
        socket: ws,
        headers: req.headers,
        protocols: String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter(Boolean),
        received,
        next: () =>
          new Promise((resolve) => {
            if (unread > 0) {
              resolve(received[received.length - unread] as Record<string, unknown>);
              unread--;
            } else readers.push(resolve);
          }),
        send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
        closed: new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) }))),
      };
      peers.push(peer);
      const taker = takers.shift();
      if (taker) taker(peer);
      else waiting.push(peer);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `ws://127.0.0.1:${port}/v1/realtime`,
    peers,
    accept: () =>
      new Promise((resolve) => {
        const peer = waiting.shift();
        if (peer) resolve(peer);
        else takers.push(resolve);
      }),
    refuseWith: (status, headers = {}) => {
      refuse = status;
      refuseHeaders = headers;
    },
    get upgrades() {
      return upgrades;
    },
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await closeHttpServer(server);
    },
  };
}

/**
 * A TCP server on 127.0.0.1 that accepts connections and never answers: a WebSocket upgrade to
 * it hangs forever. `connections` counts the sockets it holds; `close()` destroys them.
 */
export async function startHangingServer(): Promise<{ url: string; readonly connections: number; readonly open: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.resume(); // read (and ignore) the request, so that the client's hang-up is noticed
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/v1/realtime`,
    get connections() {
      return connections;
    },
    get open() {
      return sockets.size;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback port that nothing listens on (bound, then released). */
export async function refusedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `ws://127.0.0.1:${port}/v1/realtime`;
}
