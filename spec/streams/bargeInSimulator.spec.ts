/**
 * bargeIn end to end: a real RealtimeClient against the embedded simulator, with a fake player
 * reporting its position.
 */
import { Subject, filter, firstValueFrom, take, toArray } from 'rxjs';
import type { AnyServerEvent, Interruption, PlaybackPosition, RealtimeError, RealtimeClient } from '../../lib/index';
import { appendAudio, bargeIn, createResponse, updateSession, userMessage } from '../../lib/index';
import type { RealtimeSimulator, ReplyPolicy, SimConnection } from '../../lib/testing/index';
import { tone } from '../../lib/testing/index';
import { startSimulatorSession } from '../helpers/simulatorSession';

let sim: RealtimeSimulator;
let client: RealtimeClient;
let conn: SimConnection;
let errors: RealtimeError[];

const STORY = 'Once upon a time there was a small fox who lived at the edge of a very large and very quiet forest, and every morning she went down to the river to listen to the water.';
const storyPolicy: ReplyPolicy = () => [{ text: STORY }];

const start = async (realtimeFactor: number) => {
  ({ sim, client, conn, errors } = await startSimulatorSession({ realtimeFactor, replyPolicy: storyPolicy, transcribe: () => 'Stop, please.' }));
};

afterEach(async () => {
  client?.dispose();
  await sim?.stop();
});

const next = <T extends string>(type: T): Promise<AnyServerEvent & { type: T } & Record<string, unknown>> =>
  firstValueFrom(client.events$.pipe(filter((e) => e.type === type)), { defaultValue: undefined }) as unknown as Promise<AnyServerEvent & { type: T } & Record<string, unknown>>;

const send = (audio: Uint8Array) => {
  for (let i = 0; i < audio.length; i += 960) client.send(appendAudio(audio.subarray(i, i + 960)));
};
/** The user talks: 600 ms of tone, which the simulator's VAD hears as speech. */
const talk = () => send(tone(220, 600, 24000, 0.3));
/** ...then is quiet for long enough to end the turn. */
const stopTalking = () => send(tone(0, 500, 24000, 0));

describe('bargeIn against the simulator', () => {
  it('truncates at the position the player reported, not at what was received or the wall clock', async () => {
    await start(Infinity); // the whole reply arrives at once, far faster than it could be played
    const played$ = new Subject<PlaybackPosition>();
    const interruptions: Interruption[] = [];
    bargeIn(client, { played$ }).subscribe((i) => interruptions.push(i));

    const firstDelta = next('response.output_audio.delta');
    const replyDone = next('response.done');
    client.send(userMessage('Tell me a story.'));
    client.send(createResponse());
    const itemId = String((await firstDelta)['item_id']);
    played$.next({ itemId, playedMs: 300 }); // the player has rendered 300 ms
    await replyDone;

    const truncated = next('conversation.item.truncated');
    const speechStarted = next('input_audio_buffer.speech_started');
    talk();
    stopTalking();
    await speechStarted;
    expect(await truncated).toMatchObject({ item_id: itemId, content_index: 0, audio_end_ms: 300 });
    expect(interruptions).toHaveLength(1);
    expect(interruptions[0]).toMatchObject({ itemId, contentIndex: 0, audioEndMs: 300, playedMs: 300, basis: 'reported', cancelled: false });
    expect(interruptions[0]!.receivedMs).toBeGreaterThan(3000);
    // what the simulator saw: one truncate, no cancel (nothing was in progress)
    const commands = conn.session.received.map((e) => e['type']);
    expect(commands.filter((t) => t === 'conversation.item.truncate' || t === 'response.cancel')).toEqual(['conversation.item.truncate']);
    expect(conn.session.received.find((e) => e['type'] === 'conversation.item.truncate')).toMatchObject({ item_id: itemId, content_index: 0, audio_end_ms: 300 });
    // the assistant's transcript now holds only the words heard by 300 ms
    const item = conn.session.conversation.get(itemId) as unknown as { content: Array<{ transcript: string }> };
    expect(STORY.startsWith(item.content[0]!.transcript)).toBe(true);
    expect(item.content[0]!.transcript.length).toBeLessThan(STORY.length / 4);
    expect(errors).toEqual([]);
  });

  it('cancels the response itself when the session leaves interruption to the client', async () => {
    await start(4); // the reply streams at four times real time, so it is still in progress
    client.send(updateSession({ audio: { input: { turn_detection: { type: 'server_vad', interrupt_response: false } } } }));
    await next('session.updated');
    const played$ = new Subject<PlaybackPosition>();
    const interruptions = firstValueFrom(bargeIn(client, { played$ }).pipe(take(1), toArray()));

    let received = 0;
    const halfSecond = firstValueFrom(client.audio$.pipe(filter((chunk) => (received += chunk.durationMs) >= 500)));
    const replyDone = next('response.done');
    client.send(userMessage('Tell me a story.'));
    client.send(createResponse());
    const { itemId } = await halfSecond;
    played$.next({ itemId, contentIndex: 0, playedMs: 120 }); // the player is behind: 120 ms rendered
    const truncated = next('conversation.item.truncated');
    // the rest of the user's speech only after the interruption, as a live microphone would send it
    talk();
    const [interruption] = await interruptions;
    stopTalking();
    expect(interruption).toMatchObject({ itemId, audioEndMs: 120, basis: 'reported', cancelled: true });
    const done = (await replyDone) as unknown as { response: { status: string; status_details: { reason: string } } };
    expect(done.response.status).toBe('cancelled');
    expect(done.response.status_details.reason).toBe('client_cancelled');
    expect(await truncated).toMatchObject({ item_id: itemId, audio_end_ms: 120 });
    const commands = conn.session.received.map((e) => e['type']).filter((t) => t === 'conversation.item.truncate' || t === 'response.cancel');
    expect(commands).toEqual(['response.cancel', 'conversation.item.truncate']);
    expect(errors).toEqual([]);
  });
});
