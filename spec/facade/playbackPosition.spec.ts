/**
 * `reportPlaybackPosition(itemId, ms)`: an opt-in addition to the drop-in transport. With
 * reports, an interruption truncates at min(reported, received); without, at the wall-clock time
 * since the first delta, as the Agents SDK does.
 */
import { OpenAIRealtimeWebSocket } from '../../lib/index';
import { clock, created, delta, harness } from './harness';

let time: ReturnType<typeof clock>;
beforeEach(() => (time = clock()));
afterEach(() => time.restore());

const truncate = (audio_end_ms: number, item_id = 'item1') => ({ type: 'conversation.item.truncate', item_id, content_index: 0, audio_end_ms });
const speechStarted = { type: 'input_audio_buffer.speech_started', event_id: 'v', audio_start_ms: 100, item_id: 'u1' };
const audioDone = (item = 'item1') => ({ type: 'response.output_audio.done', event_id: 'd', item_id: item, content_index: 0, output_index: 0, response_id: 'r1' });

/** Connected, with response r1 in progress and 200 ms of item1 received at t0. */
async function playing() {
  const h = harness();
  await h.connected();
  h.deliver(created('r1'));
  h.deliver(delta(4800, 'item1'));
  h.deliver(delta(4800, 'item1'));
  return h;
}

describe('OpenAIRealtimeWebSocket.reportPlaybackPosition', () => {
  it('makes interrupt() truncate at the reported position instead of the wall clock', async () => {
    const h = await playing();
    h.T.reportPlaybackPosition('item1', 20);
    h.T.reportPlaybackPosition('item1', 35.9);
    time.advance(150);
    h.T.interrupt();
    expect(h.sent).toEqual([{ type: 'response.cancel' }, truncate(35)]);
  });

  it('leaves the wall-clock rule unchanged without reports', async () => {
    const h = await playing();
    time.advance(150);
    h.T.interrupt();
    expect(h.sent).toEqual([{ type: 'response.cancel' }, truncate(150)]);
  });

  it('never truncates beyond the audio received: min(reported, received)', async () => {
    const h = await playing();
    h.T.reportPlaybackPosition('item1', 500);
    h.T.interrupt(false);
    expect(h.sent).toEqual([truncate(200)]);
  });

  it('ignores reports for another item', async () => {
    const h = await playing();
    h.T.reportPlaybackPosition('item0', 10);
    time.advance(60);
    h.T.interrupt(false);
    expect(h.sent).toEqual([truncate(60)]);
  });

  it('forgets the report when a new item starts, and after an interruption', async () => {
    const h = await playing();
    h.T.reportPlaybackPosition('item1', 10);
    time.advance(100);
    h.deliver(delta(4800, 'item2'));
    time.advance(40);
    h.T.interrupt(false);
    expect(h.sent).toEqual([truncate(40, 'item2')]);
    // interrupted: tracking is reset, so a late report and a second interrupt do nothing
    h.T.reportPlaybackPosition('item2', 70);
    h.T.interrupt(false);
    expect(h.sent).toHaveLength(1);
    // the next deltas of item2 start tracking afresh, on the wall clock
    h.deliver(delta(4800, 'item2'));
    time.advance(25);
    h.T.interrupt(false);
    expect(h.sent).toEqual([truncate(40, 'item2'), truncate(25, 'item2')]);
  });

  it('applies to the interruption on speech too (the server cancels, the transport truncates)', async () => {
    const h = harness();
    await h.connected();
    h.deliver({ type: 'session.updated', event_id: 's', session: { audio: { input: { turn_detection: { type: 'server_vad', interrupt_response: true } } } } });
    h.deliver(created('r1'));
    h.deliver(delta(48_000, 'item1')); // 1 s received at once
    h.T.reportPlaybackPosition('item1', 300);
    time.advance(20);
    h.deliver(speechStarted);
    expect(h.sent).toEqual([truncate(300)]);
  });

  it('reports played out when the player rendered all the generated audio: audio_interrupted, no truncate', async () => {
    const h = await playing();
    const interrupted = h.record('audio_interrupted');
    h.deliver(audioDone());
    h.T.reportPlaybackPosition('item1', 200);
    h.T.interrupt(false);
    expect(interrupted).toHaveLength(1);
    expect(h.sent).toEqual([]);
  });

  it('is forgotten on close', async () => {
    const h = await playing();
    h.T.reportPlaybackPosition('item1', 10);
    h.T.close();
    h.T.reportPlaybackPosition('item1', 10);
    const spy = jest.spyOn(h.T, 'sendEvent');
    h.T.interrupt();
    expect(spy).not.toHaveBeenCalled();
  });

  it('throws on a position that is not one (public-API misuse)', () => {
    const T = new OpenAIRealtimeWebSocket();
    expect(() => T.reportPlaybackPosition('item1', -1)).toThrow(new TypeError('reportPlaybackPosition: playedMs must be a finite number of milliseconds ≥ 0, not -1.'));
    expect(() => T.reportPlaybackPosition('item1', Number.NaN)).toThrow(TypeError);
    expect(() => T.reportPlaybackPosition('item1', '10' as unknown as number)).toThrow(TypeError);
    expect(() => T.reportPlaybackPosition(undefined as unknown as string, 10)).toThrow(/itemId must be a string/);
    expect(() => T.reportPlaybackPosition('nothing-playing', 0)).not.toThrow();
  });
});
