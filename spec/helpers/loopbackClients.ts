/**
 * A loopback server for each test, and the clients a test makes against it: registers the
 * `beforeEach` that starts the server and the `afterEach` that disposes the clients and closes it.
 * Call it at the top level of a spec file (or a `describe`).
 */
import { RealtimeClient } from '../../lib/index';
import type { Loopback, Peer } from './loopback';
import { startLoopback } from './loopback';

export interface LoopbackClients {
  /** A client of this test's server (disposed after the test). */
  newClient(): RealtimeClient;
  /** Connect `client`; resolves with the server's side of the connection once it is open. */
  connect(client: RealtimeClient): Promise<Peer>;
  /** A peer that the next connection becomes (for a test that connects by itself). */
  accept(): Promise<Peer>;
}

export function loopbackClients(apiKey = 'sk-test-0123456789'): LoopbackClients {
  let server: Loopback | undefined;
  const clients: RealtimeClient[] = [];
  const current = (): Loopback => {
    if (server === undefined) throw new Error('loopbackClients: used outside a test');
    return server;
  };
  beforeEach(async () => {
    server = await startLoopback();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.dispose();
    await server?.close();
    server = undefined;
  });
  return {
    newClient: () => {
      const c = new RealtimeClient({ apiKey, url: current().url });
      clients.push(c);
      return c;
    },
    connect: async (c) => {
      const peer = current().accept();
      await c.connect();
      return peer;
    },
    accept: () => current().accept(),
  };
}
