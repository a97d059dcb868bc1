/**
 * Run as a child process by lifecycle specs: close (or dispose) while the WebSocket upgrade is
 * pending, against a server that never answers, and exit 0 only if nothing escaped. An uncaught
 * exception (the crash this guards against) ends the process with a non-zero code.
 *
 * Usage: node --import tsx closeDuringUpgrade.ts <url> <client|facade> <close|dispose|timeout>
 */
import { OpenAIRealtimeWebSocket, RealtimeClient } from '../../../lib/index';

const [url = '', who = 'client', how = 'close'] = process.argv.slice(2);
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 300)); // let ws's next-tick error and close run

async function main(): Promise<void> {
  if (who === 'client') {
    const client = new RealtimeClient({ url, apiKey: 'sk-test', connectTimeoutMs: how === 'timeout' ? 100 : 0 });
    const attempt = client.connect();
    attempt.catch(() => undefined);
    // wait until the socket exists and its upgrade request is on the wire
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (how === 'close') client.close();
    else if (how === 'dispose') client.dispose();
    const outcome = await attempt.then(() => 'resolved', (e: { code?: string }) => e.code);
    await settle();
    process.stdout.write(`${outcome} ${client.status.status}\n`);
    client.dispose();
  } else {
    const transport = new OpenAIRealtimeWebSocket({ url, apiKey: 'sk-test', connectTimeoutMs: how === 'timeout' ? 100 : 0 });
    const attempt = transport.connect();
    attempt.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (how !== 'timeout') transport.close();
    const outcome = await attempt.then(() => 'resolved', (e: { code?: string; message?: string }) => e.code ?? e.message);
    await settle();
    process.stdout.write(`${outcome} ${transport.status} ${transport.client.status.status}\n`);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`failed: ${String(e)}\n`);
    process.exit(3);
  },
);
