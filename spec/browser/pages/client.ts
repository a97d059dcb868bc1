import { OpenAIRealtimeWebSocket, RealtimeClient, createResponse, userMessage } from '../../../lib';
import type { Turn } from '../../../lib';
import { firstValueFrom, filter } from 'rxjs';
import { registerTests } from './pageApi';

registerTests({
  /** Case 1: the page fetches an ephemeral key from its server, connects, and hears a reply. */
  async ephemeralConversation({ simUrl }) {
    const client = new RealtimeClient({ url: String(simUrl), apiKey: async () => (await fetch('/session', { method: 'POST' })).text() });
    let transcript = '';
    let audioBytes = 0;
    let audioChunks = 0;
    client.transcripts$.pipe(filter((t) => t.source === 'output_audio' || t.source === 'output_text')).subscribe((t) => (transcript = t.text));
    client.audio$.subscribe((chunk) => {
      audioBytes += chunk.data.length;
      audioChunks++;
    });
    await client.connect();
    const done = firstValueFrom(client.turns$.pipe(filter((t): t is Extract<Turn, { phase: 'done' }> => t.phase === 'done')));
    client.send(userMessage('Tell me a story'));
    client.send(createResponse());
    const turn = await done;
    const statusBefore = client.status.status;
    client.close();
    return { transcript, audioBytes, audioChunks, turnStatus: turn.status, statusBefore, browserLike: client.platform.browserLike };
  },

  /** Case 2: a regular key is refused in the page, by the client and by the facade. */
  async regularKey({ simUrl }) {
    const client = new RealtimeClient({ url: String(simUrl), apiKey: 'sk-proj-not-for-browsers' });
    const clientError = await client.connect().then(
      () => null,
      (e: unknown) => ({ name: (e as Error).name, code: (e as { code?: string }).code, message: (e as Error).message }),
    );
    const facade = new OpenAIRealtimeWebSocket({ url: String(simUrl) });
    const facadeError = await facade.connect({ apiKey: 'sk-proj-not-for-browsers' }).then(
      () => null,
      (e: unknown) => ({ name: (e as Error).name, message: (e as Error).message }),
    );
    return { clientError, facadeError, clientStatus: client.status.status, facadeStatus: facade.status };
  },
});
