/**
 * `npm run demo:web`: the web demo against the embedded simulator. One local HTTP server serves
 * the page (bundled from the package's sources with esbuild) and the app's backend route,
 * `POST /session`, which mints an ephemeral `ek_` key with `mintClientSecret` — the flow a
 * production page uses, with the simulator standing in for api.openai.com.
 *
 *   npm run demo:web                # http://127.0.0.1:5173
 *   npm run demo:web -- --port 8080
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { mintClientSecret } from '../../lib/node';
import { RealtimeSimulator } from '../../lib/testing';
import { browserBundle } from '../../scripts/browserBundle';
import { closeHttpServer } from '../../lib/testing/closeHttpServer';

/** The session each minted key opens: the user's speech is transcribed, so the page can show it. */
const SESSION = {
  type: 'realtime',
  model: 'gpt-realtime',
  instructions: 'You are a friendly voice assistant. Keep answers short.',
  audio: { input: { transcription: { model: 'gpt-4o-mini-transcribe' } } },
} as const;

/** A running demo: its page URL, the simulator behind it, and how to stop both. */
export interface WebDemo {
  readonly url: string;
  readonly simulator: RealtimeSimulator;
  stop(): Promise<void>;
}

/** Start the simulator and the page server (port 0: any free port). */
export async function startWebDemo(options: { port?: number; host?: string; realtimeFactor?: number } = {}): Promise<WebDemo> {
  const simulator = await new RealtimeSimulator({ realtimeFactor: options.realtimeFactor ?? 1 }).start();
  const html = fs.readFileSync(path.join(__dirname, 'index.html'), 'utf8');
  const script = await browserBundle(path.join(__dirname, 'page.ts'));
  // The server-side secret. Against the real API this is your OPENAI_API_KEY; it never reaches the page.
  const serverKey = 'sk-demo-server-key';
  const server = http.createServer((req, res) => {
    const route = `${req.method ?? 'GET'} ${(req.url ?? '/').split('?')[0] ?? '/'}`;
    if (route === 'GET /') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    if (route === 'GET /page.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    if (route === 'GET /config') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ realtimeUrl: simulator.url }));
    if (route === 'POST /session') {
      mintClientSecret({ apiKey: serverKey, baseUrl: `http://127.0.0.1:${simulator.port}/v1`, session: SESSION }).then(
        (secret) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ value: secret.value, expiresAt: secret.expiresAt })),
        (error: Error) => res.writeHead(502, { 'content-type': 'text/plain' }).end(error.message),
      );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}/`,
    simulator,
    stop: async () => {
      await closeHttpServer(server);
      await simulator.stop();
    },
  };
}

if (require.main === module) {
  const at = process.argv.indexOf('--port');
  const port = at > 0 ? Number(process.argv[at + 1]) : 5173;
  startWebDemo({ port }).then(
    (demo) => {
      console.log(`web demo: ${demo.url}  (simulator at ${demo.simulator.url}; Ctrl+C to stop)`);
      const stop = () => void demo.stop().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: Error) => {
      console.error(`web demo: ${error.message}`);
      process.exit(1);
    },
  );
}
