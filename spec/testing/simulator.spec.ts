import type { Observable } from 'rxjs';
import { filter, firstValueFrom, map, takeWhile, toArray } from 'rxjs';
import type { AnyServerEvent, RealtimeError } from '../../lib/index';
import { RealtimeClient, appendAudio, commitAudio, createItem, createResponse, functionCallOutput, updateSession, userMessage } from '../../lib/index';
import type { RealtimeSimulatorOptions } from '../../lib/testing/index';
import { RealtimeSimulator, tone } from '../../lib/testing/index';

let sim: RealtimeSimulator;
let client: RealtimeClient;
let errors: RealtimeError[];

const start = async (options: RealtimeSimulatorOptions = {}) => {
  sim = await new RealtimeSimulator({ realtimeFactor: Infinity, ...options }).start();
  client = new RealtimeClient({ url: sim.url, apiKey: 'test-key' });
  errors = [];
  client.errors$.subscribe((e) => errors.push(e));
};

afterEach(async () => {
  client?.dispose();
  await sim?.stop();
});

type Ev = AnyServerEvent & Record<string, unknown>;
const next = (type: string): Promise<Ev> => firstValueFrom(client.events$.pipe(filter((e) => e.type === type)));
/** Every event up to and including the next event of `type`. */
const until = (type: string): Promise<Ev[]> =>
  firstValueFrom((client.events$ as Observable<Ev>).pipe(takeWhile((e) => e.type !== type, true), toArray()));
const connect = async () => {
  const created = next('session.created');
  await client.connect();
  return created;
};

describe('RealtimeSimulator', () => {
  describe('connecting', () => {
    it('opens a session with the API defaults on connect', async () => {
      await start();
      const created = (await connect()) as { session: Record<string, unknown> };
      expect(created.session).toMatchObject({
        type: 'realtime',
        object: 'realtime.session',
        model: 'gpt-realtime',
        output_modalities: ['audio'],
        audio: {
          input: { format: { type: 'audio/pcm', rate: 24000 }, transcription: null, turn_detection: { type: 'server_vad', silence_duration_ms: 200, create_response: true } },
          output: { voice: 'marin', speed: 1 },
        },
      });
      expect(errors).toEqual([]);
    });

    it('accepts the key as a browser subprotocol, and refuses a missing key with 401', async () => {
      await start();
      const { WebSocket } = await import('ws');
      const browserLike = new WebSocket(sim.url, ['realtime', 'openai-insecure-api-key.ek_123']);
      const first = await new Promise<string>((resolve) => browserLike.on('message', (d) => resolve((d as Buffer).toString())));
      expect(JSON.parse(first)).toMatchObject({ type: 'session.created' });
      expect(browserLike.protocol).toBe('realtime');
      browserLike.close();
      const anonymous = new WebSocket(sim.url);
      anonymous.on('error', () => undefined); // terminating a refused socket reports an error
      const status = await new Promise<number | undefined>((resolve) => anonymous.on('unexpected-response', (_, res) => resolve(res.statusCode)));
      expect(status).toBe(401);
      anonymous.terminate();
      const noKey = new RealtimeClient({ url: sim.url, apiKey: ' ' });
      await expect(noKey.connect()).rejects.toMatchObject({ code: 'RT_ERR_UPGRADE', status: 401 });
      noKey.dispose();
    });
  });

  describe('session.update', () => {
    it('answers with the full merged session, filling in turn-detection defaults', async () => {
      await start();
      await connect();
      const updated = next('session.updated');
      client.send(updateSession({ instructions: 'Be brief.', audio: { input: { turn_detection: { type: 'semantic_vad' }, transcription: { model: 'whisper-1' } }, output: { voice: 'cedar' } } }));
      expect(((await updated) as { session: unknown }).session).toMatchObject({
        instructions: 'Be brief.',
        output_modalities: ['audio'],
        audio: {
          input: { format: { type: 'audio/pcm', rate: 24000 }, transcription: { model: 'whisper-1' }, turn_detection: { type: 'semantic_vad', eagerness: 'auto', create_response: true, interrupt_response: true } },
          output: { voice: 'cedar', speed: 1, format: { type: 'audio/pcm', rate: 24000 } },
        },
      });
    });

    it('answers an invalid client event with an invalid_request_error carrying its event_id', async () => {
      await start();
      await connect();
      const conn = sim.connections[0];
      const error = next('error');
      client.sendRaw({ type: 'session.update', event_id: 'evt_bad', session: { instructions: 'no type' } } as never);
      expect(await error).toMatchObject({ error: { type: 'invalid_request_error', code: 'invalid_value', param: 'session.type', event_id: 'evt_bad' } });
      const missing = next('error');
      client.sendRaw({ event_id: 'evt_typeless' } as never);
      expect(await missing).toMatchObject({ error: { message: "The 'type' field is missing.", event_id: 'evt_typeless' } });
      expect(conn?.session.received).toEqual([]);
    });
  });

  describe('the conversation', () => {
    it('orders items by previous_item_id, with root at the front', async () => {
      await start();
      await connect();
      const text = (t: string) => ({ type: 'message' as const, role: 'user' as const, content: [{ type: 'input_text' as const, text: t }] });
      const done = firstValueFrom(client.events$.pipe(filter((e) => e.type === 'conversation.item.done'), map((e) => (e as Ev)['previous_item_id']), takeWhile((_, i) => i < 2, true), toArray()));
      client.send(createItem({ ...text('b'), id: 'b' }));
      client.send(createItem({ ...text('a'), id: 'a' }, 'root'));
      client.send(createItem({ ...text('c'), id: 'c' }, 'b'));
      expect(await done).toEqual([null, null, 'b']);
      expect(sim.connections[0]?.session.conversation.all.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    });

    it('retrieves and deletes items, and reports unknown ones', async () => {
      await start();
      await connect();
      client.send(createItem({ id: 'x', type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }));
      const retrieved = next('conversation.item.retrieved');
      client.send({ type: 'conversation.item.retrieve', item_id: 'x' });
      expect(await retrieved).toMatchObject({ item: { id: 'x', role: 'user' } });
      const deleted = next('conversation.item.deleted');
      client.send({ type: 'conversation.item.delete', item_id: 'x' });
      expect(await deleted).toMatchObject({ item_id: 'x' });
      const error = next('error');
      client.send({ type: 'conversation.item.retrieve', item_id: 'x', event_id: 'evt_r' });
      expect(await error).toMatchObject({ error: { code: 'item_not_found', event_id: 'evt_r' } });
    });
  });

  describe('responses', () => {
    it('streams a text response with the full GA event sequence', async () => {
      await start();
      await connect();
      client.send(updateSession({ output_modalities: ['text'] }));
      client.send(userMessage('hello there'));
      const events = until('response.done');
      client.send(createResponse());
      const all = await events;
      const types = all.map((e) => e.type);
      const response = types.slice(types.indexOf('response.created'));
      expect(response.filter((t) => t !== 'response.output_text.delta')).toEqual([
        'response.created',
        'rate_limits.updated',
        'response.output_item.added',
        'conversation.item.added',
        'response.content_part.added',
        'response.output_text.done',
        'response.content_part.done',
        'response.output_item.done',
        'conversation.item.done',
        'response.done',
      ]);
      const deltas = all.filter((e) => e.type === 'response.output_text.delta').map((e) => e['delta']).join('');
      const textDone = all.find((e) => e.type === 'response.output_text.done');
      expect(deltas).toBe(textDone?.['text']);
      expect(deltas).toBe('You said: hello there This is the simulator, so my answer is short.');
      expect(all[all.length - 1]).toMatchObject({ response: { status: 'completed', usage: { total_tokens: expect.any(Number) } } });
      expect(errors).toEqual([]);
    });

    it('streams audio whose transcript deltas line up with it, in 40 ms chunks of 24 kHz PCM16', async () => {
      await start();
      await connect();
      client.send(userMessage('hi'));
      const events = until('response.done');
      client.send(createResponse());
      const all = await events;
      const stream = all.filter((e) => e.type === 'response.output_audio_transcript.delta' || e.type === 'response.output_audio.delta');
      expect(stream[0]?.type).toBe('response.output_audio_transcript.delta');
      const bytes = all.filter((e) => e.type === 'response.output_audio.delta').map((e) => Buffer.from(String(e['delta']), 'base64').length);
      expect(Math.max(...bytes)).toBe(1920);
      // every word: its transcript fragment, then its audio (whose length is 60 ms per letter + 120 ms)
      let word = '';
      let ms = 0;
      for (const e of stream) {
        if (e.type === 'response.output_audio_transcript.delta') {
          if (word) expect(ms).toBe(60 * word.trim().length + 120);
          word = String(e['delta']);
          ms = 0;
        } else ms += Buffer.from(String(e['delta']), 'base64').length / 48;
      }
      expect(ms).toBe(60 * word.trim().length + 120);
      const transcript = all.find((e) => e.type === 'response.output_audio_transcript.done')?.['transcript'];
      expect(transcript).toBe('You said: hi This is the simulator, so my answer is short.');
      expect(all.filter((e) => e.type === 'response.output_audio_transcript.delta').map((e) => e['delta']).join('')).toBe(transcript);
    });

    it('speaks G.711 when the session asks for it', async () => {
      await start();
      await connect();
      client.send(updateSession({ audio: { output: { format: { type: 'audio/pcmu' } } } }));
      client.send(userMessage('hi'));
      const chunks: Array<{ data: Uint8Array; durationMs: number }> = [];
      client.audio$.subscribe((c) => chunks.push(c));
      const done = next('response.done');
      client.send(createResponse());
      await done;
      expect(chunks[0]?.data.length).toBe(320);
      expect(chunks[0]?.durationMs).toBe(40);
    });

    it('refuses a second response while one runs, and a cancel with none; cancels a running one', async () => {
      await start({ realtimeFactor: 1 });
      await connect();
      client.send(userMessage('tell me a story'));
      const created = next('response.created');
      client.send(createResponse());
      const { response } = (await created) as unknown as { response: { id: string } };
      const busy = next('error');
      client.send({ type: 'response.create', event_id: 'evt_2' });
      expect(await busy).toMatchObject({ error: { code: 'conversation_already_has_active_response', event_id: 'evt_2' } });
      // a cancel naming another response leaves this one running
      const other = next('error');
      client.send({ type: 'response.cancel', response_id: 'resp_finished_long_ago', event_id: 'evt_3' });
      expect(await other).toMatchObject({ error: { code: 'response_cancel_not_active', event_id: 'evt_3' } });
      const closing = until('response.done');
      client.send({ type: 'response.cancel', response_id: response.id });
      const all = await closing;
      expect(all.find((e) => e.type === 'response.output_item.done')).toMatchObject({ item: { status: 'incomplete' } });
      expect(all[all.length - 1]).toMatchObject({ response: { status: 'cancelled', status_details: { type: 'cancelled', reason: 'client_cancelled' } } });
      const none = next('error');
      client.send({ type: 'response.cancel' });
      expect(await none).toMatchObject({ error: { code: 'response_cancel_not_active', message: 'Cancellation failed: no active response found' } });
    });

    it('truncates assistant audio to what was heard, and refuses what cannot be truncated', async () => {
      await start();
      await connect();
      client.send(userMessage('hi'));
      const done = next('response.done');
      client.send(createResponse());
      const response = (await done) as { response: { output: Array<{ id: string }> } };
      const itemId = response.response.output[0]?.id ?? '';
      const truncated = next('conversation.item.truncated');
      client.send({ type: 'conversation.item.truncate', item_id: itemId, content_index: 0, audio_end_ms: 700 });
      expect(await truncated).toMatchObject({ item_id: itemId, audio_end_ms: 700 });
      const retrieved = next('conversation.item.retrieved');
      client.send({ type: 'conversation.item.retrieve', item_id: itemId });
      // "You" ends at 300 ms and " said:" at 720 ms: by 700 ms only "You" was heard
      expect(await retrieved).toMatchObject({ item: { content: [{ type: 'output_audio', transcript: 'You' }] } });
      const tooLong = next('error');
      client.send({ type: 'conversation.item.truncate', item_id: itemId, content_index: 0, audio_end_ms: 99999 });
      expect(await tooLong).toMatchObject({ error: { message: expect.stringMatching(/^Audio content of \d+ms is already shorter than 99999ms$/) } });
      client.send(createItem({ id: 'u', type: 'message', role: 'user', content: [{ type: 'input_text', text: 'x' }] }));
      const notAudio = next('error');
      client.send({ type: 'conversation.item.truncate', item_id: 'u', content_index: 0, audio_end_ms: 0 });
      expect(await notAudio).toMatchObject({ error: { message: 'Only model output audio messages can be truncated' } });
    });
  });

  it('accepts a truncation anywhere in the audio it has sent, also in the middle of a word', async () => {
    await start({ realtimeFactor: 4 });
    await connect();
    client.send(userMessage('tell me a story'));
    let received = 0;
    let itemId = '';
    client.audio$.subscribe((c) => {
      received += c.durationMs;
      itemId = c.itemId;
    });
    const enough = firstValueFrom(client.audio$.pipe(filter(() => received >= 200)));
    const done = next('response.done');
    client.send(createResponse());
    await enough;
    client.send({ type: 'response.cancel' });
    await done;
    const truncated = next('conversation.item.truncated');
    client.send({ type: 'conversation.item.truncate', item_id: itemId, content_index: 0, audio_end_ms: Math.floor(received) });
    expect(await truncated).toMatchObject({ audio_end_ms: Math.floor(received) });
  });

  describe('input audio', () => {
    const speech = (ms: number) => tone(220, ms, 24000, 0.3);
    const silence = (ms: number) => tone(0, ms, 24000, 0);
    const feed = (audio: Uint8Array) => {
      for (let i = 0; i < audio.length; i += 960) client.send(appendAudio(audio.subarray(i, i + 960)));
    };

    it('runs a server-VAD turn: speech start and stop, commit, user item, transcription, response', async () => {
      await start({ transcribe: () => 'What is the weather like?' });
      await connect();
      client.send(updateSession({ audio: { input: { transcription: { model: 'whisper-1' } } } }));
      const events = until('response.done');
      feed(silence(500));
      feed(speech(800));
      feed(silence(400));
      const all = await events;
      const started = all.find((e) => e.type === 'input_audio_buffer.speech_started');
      const stopped = all.find((e) => e.type === 'input_audio_buffer.speech_stopped');
      expect(started).toMatchObject({ audio_start_ms: 200 });
      expect(stopped).toMatchObject({ audio_end_ms: 1500, item_id: started?.['item_id'] });
      expect(all.map((e) => e.type)).toEqual(
        expect.arrayContaining(['input_audio_buffer.committed', 'conversation.item.added', 'conversation.item.input_audio_transcription.completed', 'response.created', 'response.done']),
      );
      expect(all.find((e) => e.type === 'conversation.item.input_audio_transcription.completed')).toMatchObject({ transcript: 'What is the weather like?' });
      const transcript = all.find((e) => e.type === 'response.output_audio_transcript.done')?.['transcript'];
      expect(transcript).toBe('You said: What is the weather like? This is the simulator, so my answer is short.');
    });

    it('a transcription session transcribes what it hears and never answers; response.create is refused', async () => {
      await start({ transcribe: () => 'Just a note.' });
      await connect();
      client.send(updateSession({ type: 'transcription', audio: { input: { transcription: { model: 'gpt-4o-mini-transcribe' } } } }));
      const events = until('input_audio_buffer.cleared');
      feed(silence(300));
      feed(speech(600));
      feed(silence(400));
      client.send({ type: 'input_audio_buffer.clear' });
      const all = await events;
      expect(all.find((e) => e.type === 'conversation.item.input_audio_transcription.completed')).toMatchObject({ transcript: 'Just a note.' });
      expect(all.filter((e) => e.type.startsWith('response.'))).toEqual([]);
      const refused = next('error');
      client.send(createResponse());
      expect(await refused).toMatchObject({ error: { code: 'invalid_session_type' } });
    });

    it('cancels the response when the user speaks over it (interrupt_response)', async () => {
      await start({ realtimeFactor: 1 });
      await connect();
      client.send(updateSession({ audio: { input: { turn_detection: { type: 'server_vad', create_response: false } } } }));
      client.send(userMessage('tell me a story'));
      const firstAudio = next('response.output_audio.delta');
      const closing = until('response.done');
      client.send(createResponse());
      await firstAudio;
      feed(speech(300));
      const all = await closing;
      expect(all.map((e) => e.type)).toContain('input_audio_buffer.speech_started');
      expect(all[all.length - 1]).toMatchObject({ response: { status: 'cancelled', status_details: { reason: 'turn_detected' } } });
    });

    it('commits and clears the buffer on request, refusing a commit of under 100 ms', async () => {
      await start();
      await connect();
      client.send(updateSession({ audio: { input: { turn_detection: null } } }));
      client.send(appendAudio(silence(50)));
      const tooSmall = next('error');
      client.send(commitAudio());
      expect(await tooSmall).toMatchObject({ error: { code: 'input_audio_buffer_commit_empty' } });
      client.send(appendAudio(speech(200)));
      const committed = next('input_audio_buffer.committed');
      client.send(commitAudio());
      expect(await committed).toMatchObject({ item_id: expect.stringMatching(/^item_/) });
      const cleared = next('input_audio_buffer.cleared');
      client.send({ type: 'input_audio_buffer.clear' });
      await cleared;
    });
  });

  describe('tools and reply policies', () => {
    const weather = { type: 'function' as const, name: 'get_weather', description: 'Weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };

    it('calls a tool the user names, then answers with its output', async () => {
      await start();
      await connect();
      client.send(updateSession({ output_modalities: ['text'], tools: [weather] }));
      client.send(userMessage('Please get_weather in Paris'));
      const call = firstValueFrom(client.toolCalls$);
      const first = next('response.done');
      client.send(createResponse());
      const c = await call;
      expect(c).toMatchObject({ name: 'get_weather', arguments: '{"city":"Paris"}' });
      await first;
      const answer = firstValueFrom(client.transcripts$.pipe(filter((t) => t.done)));
      client.send(functionCallOutput(c.callId, JSON.stringify({ forecast: 'sunny', temperature_c: 21 })));
      client.send(createResponse());
      expect((await answer).text).toBe('According to get_weather: forecast sunny, temperature c 21.');
    });

    it('lets users script the model', async () => {
      await start({ replyPolicy: ({ userText }) => [{ text: userText === 'ping' ? 'pong' : '?' }, { toolCall: { name: 'log', arguments: { n: 1 } } }] });
      await connect();
      client.send(updateSession({ output_modalities: ['text'] }));
      client.send(userMessage('ping'));
      const all = until('response.done');
      client.send(createResponse());
      const output = ((await all).at(-1) as { response: { output: Array<Record<string, unknown>> } }).response.output;
      expect(output.map((i) => i['type'])).toEqual(['message', 'function_call']);
      expect(output[0]).toMatchObject({ content: [{ type: 'output_text', text: 'pong' }] });
      expect(output[1]).toMatchObject({ name: 'log', arguments: '{"n":1}' });
    });
  });

  describe('fault injection', () => {
    it('drops a connection (1006)', async () => {
      await start();
      await connect();
      const closed = firstValueFrom(client.status$.pipe(filter((s) => s.status === 'disconnected')));
      (await sim.nextConnection()).drop();
      expect(await closed).toMatchObject({ code: 1006, wasClean: false });
    });

    it('closes with a code and reason', async () => {
      await start();
      await connect();
      const closed = firstValueFrom(client.status$.pipe(filter((s) => s.status === 'disconnected')));
      (await sim.nextConnection()).close(4000, 'invalid_request_error.beta_api_shape_disabled');
      expect(await closed).toMatchObject({ code: 4000, reason: 'invalid_request_error.beta_api_shape_disabled', recoverable: false });
    });

    it('sends a malformed frame', async () => {
      await start();
      await connect();
      const failure = firstValueFrom(client.errors$);
      (await sim.nextConnection()).sendRaw('{"type":"response.output_text.delta"');
      expect(await failure).toMatchObject({ code: 'RT_ERR_JSON' });
    });

    it('rejects the upgrade with a status', async () => {
      await start();
      sim.rejectUpgrades(503);
      await expect(client.connect()).rejects.toEqual(expect.objectContaining({ code: 'RT_ERR_UPGRADE', status: 503 }));
      sim.rejectUpgrades(undefined);
      await connect();
    });

    it('ends a session at its maximum duration: session_expired, then close 1001', async () => {
      await start({ maxSessionDurationMs: 60_000 * 0.001 });
      const expired = next('error');
      await connect();
      const closed = firstValueFrom(client.status$.pipe(filter((s) => s.status === 'disconnected')));
      expect(await expired).toMatchObject({ error: { code: 'session_expired' } });
      expect(await closed).toMatchObject({ code: 1001, recoverable: true });
    });
  });
});
