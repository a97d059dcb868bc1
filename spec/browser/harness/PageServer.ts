import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { bundlePage } from './bundlePage';
import { closeHttpServer } from '../../../lib/testing/closeHttpServer';

/** A route the test adds to the page server (for example `/session`, which mints a key). */
export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

/**
 * Serves a page at `/` that loads the bundled page script, plus the test's own routes, on
 * 127.0.0.1 and a free port. The page talks to the simulator on the simulator's port.
 */
export class PageServer {
  private server: http.Server | undefined;
  private script = '';

  constructor(
    private readonly page: string,
    private readonly routes: Record<string, Route> = {},
  ) {}

  get url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('PageServer: call start() first.');
    return `http://127.0.0.1:${address.port}/`;
  }

  async start(): Promise<this> {
    this.script = await bundlePage(this.page);
    const server = http.createServer((req, res) => {
      const route = this.routes[(req.url ?? '/').split('?')[0] ?? '/'];
      if (route) {
        Promise.resolve(route(req, res)).catch((error: unknown) => res.writeHead(500).end(String(error)));
      } else if (req.url === '/page.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(this.script);
      } else if (req.url === '/' || req.url?.startsWith('/?')) {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><meta charset="utf-8"><title>test</title><button id="gesture">gesture</button><script type="module" src="/page.js"></script>');
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await closeHttpServer(server);
  }
}
