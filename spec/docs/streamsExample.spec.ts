/**
 * The ten-line example of docs/streams.md (written for the live API, so marked `ts no-run` for the
 * generic runner), run against a loopback server that replays OpenAI's text turn: the example's
 * lines are read from the guide itself, so the guide cannot drift from working code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as rxjs from 'rxjs';
import * as lib from '../../lib/index';
import { sessionLines } from '../helpers/corpus';
import type { Loopback } from '../helpers/loopback';
import { startLoopback } from '../helpers/loopback';

let server: Loopback;
beforeEach(async () => (server = await startLoopback()));
afterEach(() => server.close());

const firstExample = (file: string): string => {
  const text = fs.readFileSync(path.resolve(__dirname, '../..', file), 'utf8');
  const block = /```ts[^\n]*\n([\s\S]*?)```/.exec(text)?.[1];
  if (block === undefined) throw new Error(`no example in ${file}`);
  return block;
};

describe('the streams example', () => {
  it('is ten lines', () => {
    expect(firstExample('docs/streams.md').trim().split('\n')).toHaveLength(10);
  });

  it('runs: prints the streamed transcript of the response and sends the user message', async () => {
    const body = firstExample('docs/streams.md')
      .split('\n')
      .filter((line) => !line.startsWith('import '))
      .join('\n')
      .replace('apiKey: process.env.OPENAI_API_KEY,', 'apiKey: "test-key", url: SERVER_URL,');
    const logged: unknown[][] = [];
    const console = { log: (...args: unknown[]) => logged.push(args), error: (...args: unknown[]) => logged.push(['ERROR', ...args]) };
    // run the guide's lines as written, with the library and rxjs in scope
    const code = `(async () => { const { RealtimeClient, createResponse, userMessage } = lib; const { filter } = rxjs; ${body}; return client; })()`;
    const run = (): Promise<lib.RealtimeClient> =>
      vm.runInNewContext(code, { lib, rxjs, console, SERVER_URL: server.url }) as Promise<lib.RealtimeClient>;
    const peerP = server.accept();
    const client = await run();
    const peer = await peerP;
    expect([await peer.next(), await peer.next(), await peer.next()].map((f) => f['type'])).toEqual([
      'session.update',
      'conversation.item.create',
      'response.create',
    ]);
    const done = rxjs.firstValueFrom(client.transcripts$.pipe(rxjs.filter((t) => t.done)));
    for (const line of sessionLines('01-text-turn.jsonl')) peer.send(line);
    await done;
    expect(logged).toEqual([
      ['resp_CZwR5pP9O9fDI6OczLvpG', 'The'],
      ['resp_CZwR5pP9O9fDI6OczLvpG', 'The capital'],
      ['resp_CZwR5pP9O9fDI6OczLvpG', 'The capital of France'],
      ['resp_CZwR5pP9O9fDI6OczLvpG', 'The capital of France is'],
      ['resp_CZwR5pP9O9fDI6OczLvpG', 'The capital of France is Paris.'],
      ['resp_CZwR5pP9O9fDI6OczLvpG', 'The capital of France is Paris.'],
    ]);
    client.dispose();
  });
});
