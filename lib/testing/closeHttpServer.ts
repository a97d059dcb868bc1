import type * as http from 'node:http';

/**
 * Stop an HTTP server now: drop its open connections (keep-alive ones would hold `close()` open)
 * and resolve once it has stopped listening. Internal to the simulator and the replay server,
 * and shared by the tests' and demo's own servers.
 *
 * @example
 * ```ts
 * await closeHttpServer(server);
 * ```
 */
export async function closeHttpServer(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
