/** transcriptReadable: final transcripts as text lines, every update as NDJSON; ends at dispose. */
import { once } from 'node:events';
import { filter, firstValueFrom } from 'rxjs';
import { RealtimeClient, createResponse, userMessage } from '../../lib/index';
import type { TranscriptUpdate } from '../../lib/index';
import { transcriptReadable } from '../../lib/node/index';
import { RealtimeSimulator } from '../../lib/testing/index';

let sim: RealtimeSimulator;
let client: RealtimeClient;
beforeEach(async () => {
  sim = await new RealtimeSimulator({ realtimeFactor: Infinity, replyPolicy: () => ({ text: 'Hello there, caller.' }) }).start();
  client = new RealtimeClient({ url: sim.url, apiKey: 'test', session: { output_modalities: ['text'] } });
});
afterEach(async () => {
  client.dispose();
  await sim.stop();
});

async function converse(): Promise<void> {
  const done = firstValueFrom(client.turns$.pipe(filter((t) => t.phase === 'done')));
  await client.connect();
  client.send(userMessage('hi'));
  client.send(createResponse());
  await done;
  client.dispose();
}

const readText = async (stream: NodeJS.ReadableStream): Promise<string> => {
  let text = '';
  for await (const part of stream) text += String(part);
  return text;
};

describe('transcriptReadable', () => {
  it("gives one line per finished transcript, and ends when the client is disposed", async () => {
    const log = transcriptReadable(client);
    const text = readText(log);
    await converse();
    expect(await text).toBe('assistant: Hello there, caller.\n');
  });

  it('gives every update as NDJSON, fragments and the final one', async () => {
    const seen: TranscriptUpdate[] = [];
    client.transcripts$.subscribe((t) => seen.push(t));
    const log = transcriptReadable(client, { format: 'ndjson' });
    const text = readText(log);
    await converse();
    const lines = (await text).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(JSON.parse(JSON.stringify(seen)));
    expect(lines.length).toBeGreaterThan(2);
    expect(JSON.parse(lines[lines.length - 1] as string)).toMatchObject({ source: 'output_text', done: true, text: 'Hello there, caller.' });
  });

  it('stops listening when destroyed, and refuses an unknown format', async () => {
    const log = transcriptReadable(client);
    log.destroy();
    await once(log, 'close');
    await converse();
    expect(log.readableLength).toBe(0);
    expect(() => transcriptReadable(client, { format: 'csv' as never })).toThrow(/'text' or 'ndjson'/);
  });
});
