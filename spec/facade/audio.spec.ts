/**
 * spec/transport.md §14 E: audio and interruption (65-78).
 */
import { OpenAIRealtimeWebSocket } from '../../lib/index';
import { clock, created, delta, harness, recordingOptions } from './harness';

/** A transport whose protected interruption state a test may set, as the spec's scenarios do. */
class Exposed extends OpenAIRealtimeWebSocket {
  setAudioLength(ms: number) {
    this._audioLengthMs = ms;
  }
  get audioLength() {
    return this._audioLengthMs;
  }
  get itemId() {
    return this.currentItemId;
  }
  inject(frame: unknown) {
    this._onMessage({ data: JSON.stringify(frame) });
  }
}

let time: ReturnType<typeof clock>;
beforeEach(() => (time = clock()));
afterEach(() => time.restore());

const sessionUpdated = (session: Record<string, unknown>) => ({ type: 'session.updated', event_id: 's', session });

describe('E. audio and interruption', () => {
  it('65. sends audio only while connected, base64 with padding, with an optional commit', async () => {
    const h = harness({ autoOpen: false });
    h.T.sendAudio(new Uint8Array([1, 2]).buffer);
    const attempt = h.T.connect({ apiKey: 'ek_test', model: 'm' });
    await new Promise((r) => setImmediate(r));
    h.T.sendAudio(new Uint8Array([1, 2]).buffer);
    expect(h.sent).toEqual([]);
    h.sockets[0]?.fire('open');
    await attempt;
    h.sent.length = 0;
    h.T.sendAudio(new Uint8Array([1, 2, 3, 4]).buffer, { commit: true });
    h.T.sendAudio(new Uint8Array([255]).buffer);
    expect(h.sent).toEqual([
      { type: 'input_audio_buffer.append', audio: 'AQIDBA==' },
      { type: 'input_audio_buffer.commit' },
      { type: 'input_audio_buffer.append', audio: '/w==' },
    ]);
    h.T.close();
    h.T.sendAudio(new Uint8Array([1]).buffer);
    expect(h.sent).toHaveLength(3);
  });

  it('66. emits audio as an exact ArrayBuffer, after * and the typed event', async () => {
    const h = harness();
    await h.connected();
    const seen = h.record('*', 'response.output_audio.delta', 'audio');
    h.deliver({ ...delta(0), delta: 'AQID', response_id: 'r9' });
    expect(seen.map(([name]) => name)).toEqual(['*', 'response.output_audio.delta', 'audio']);
    const audio = seen[2]?.[1] as { type: string; data: ArrayBuffer; responseId: string };
    expect(audio.type).toBe('audio');
    expect(audio.responseId).toBe('r9');
    expect(audio.data).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(audio.data)]).toEqual([1, 2, 3]);
  });

  it('67. interrupting mid-playback cancels and truncates at the elapsed, floored time, once', async () => {
    const h = harness();
    await h.connected();
    const interrupted = h.record('audio_interrupted');
    h.deliver(created('r1'));
    h.deliver(delta(4800, 'item1'));
    h.deliver(delta(4800, 'item1'));
    time.advance(50.7);
    h.T.interrupt();
    expect(h.sent.map((f) => JSON.stringify(f))).toEqual([
      '{"type":"response.cancel"}',
      '{"type":"conversation.item.truncate","item_id":"item1","content_index":0,"audio_end_ms":50}',
    ]);
    expect(interrupted).toHaveLength(1);
    h.T.interrupt();
    expect(h.sent).toHaveLength(2);
    expect(interrupted).toHaveLength(1);
  });

  it('68. speech start interrupts the same way when the server does not cancel by itself', async () => {
    const h = harness();
    await h.connected();
    h.deliver(created('r1'));
    h.deliver(delta(4800, 'item1'));
    h.deliver(delta(4800, 'item1'));
    time.advance(50);
    const order = h.record('input_audio_buffer.speech_started', 'audio_interrupted');
    h.deliver({ type: 'input_audio_buffer.speech_started', event_id: 'v', audio_start_ms: 100, item_id: 'u1' });
    expect(h.types()).toEqual(['response.cancel', 'conversation.item.truncate']);
    expect(order.map(([n]) => n)).toEqual(['input_audio_buffer.speech_started', 'audio_interrupted']);
  });

  it('69. only truncates when the server cancels responses itself on speech', async () => {
    const h = harness();
    await h.connected();
    h.deliver(sessionUpdated({ audio: { input: { turn_detection: { type: 'server_vad', interrupt_response: true } } } }));
    h.deliver(created('r1'));
    h.deliver(delta(4800, 'item1'));
    time.advance(20);
    h.deliver({ type: 'input_audio_buffer.speech_started', event_id: 'v', audio_start_ms: 100, item_id: 'u1' });
    expect(h.sent).toEqual([{ type: 'conversation.item.truncate', item_id: 'item1', content_index: 0, audio_end_ms: 20 }]);
  });

  it('70. without audio there is nothing to interrupt', async () => {
    const h = harness();
    await h.connected();
    const interrupted = h.record('audio_interrupted');
    h.deliver(created('r1'));
    h.deliver({ type: 'input_audio_buffer.speech_started', event_id: 'v', audio_start_ms: 0, item_id: 'u1' });
    h.T.interrupt();
    expect(h.sent).toEqual([]);
    expect(interrupted).toEqual([]);
  });

  it('71. audio generated and fully played: audio_interrupted, but no frames', async () => {
    const h = harness();
    await h.connected();
    const interrupted = h.record('audio_interrupted');
    h.deliver(delta(4800, 'item1'));
    h.deliver({ type: 'response.output_audio.done', event_id: 'd', item_id: 'item1', content_index: 0, output_index: 0, response_id: 'r1' });
    time.advance(150);
    h.T.interrupt(false);
    expect(interrupted).toHaveLength(1);
    expect(h.sent).toEqual([]);
  });

  it('72. audio generated but not yet played: cancel and truncate', async () => {
    const h = harness();
    await h.connected();
    h.deliver(created('r1'));
    h.deliver(delta(4800, 'item1'));
    h.deliver({ type: 'response.output_audio.done', event_id: 'd', item_id: 'item1', content_index: 0, output_index: 0, response_id: 'r1' });
    time.advance(30);
    h.T.interrupt();
    expect(h.sent).toEqual([{ type: 'response.cancel' }, { type: 'conversation.item.truncate', item_id: 'item1', content_index: 0, audio_end_ms: 30 }]);
  });

  it('73. clamps to the generated audio and floors to an integer', async () => {
    const sent: unknown[] = [];
    const T = new Exposed(recordingOptions(sent));
    await T.connect({ apiKey: 'ek_test' });
    sent.length = 0;
    const at = (length: number, elapsed: number) => {
      T.setAudioLength(length);
      T._interrupt(elapsed, false);
      return (sent.pop() as { audio_end_ms: number } | undefined)?.audio_end_ms;
    };
    expect(at(42.8, 100)).toBe(42);
    expect(at(100, 110.9)).toBe(100);
    expect(at(200, 123.7)).toBe(123);
    expect(at(100, 0.9)).toBe(0);
    expect(at(42, 42.6)).toBe(42);
    expect(at(100, -1)).toBeUndefined();
    expect(sent).toEqual([]);
  });

  it('74. times telephony audio at 8 bytes per millisecond', async () => {
    const h = harness();
    await h.connected();
    h.deliver(sessionUpdated({ audio: { output: { format: { type: 'audio/pcmu' } } } }));
    h.deliver(delta(800, 'item1'));
    time.advance(120);
    h.T.interrupt();
    expect(h.sent).toContainEqual({ type: 'conversation.item.truncate', item_id: 'item1', content_index: 0, audio_end_ms: 100 });
  });

  it('75. times audio in the format of its response', async () => {
    const h = harness();
    await h.connected();
    h.deliver(created('r1', { audio: { output: { format: { type: 'audio/pcm', rate: 16000 } } } }));
    h.deliver(delta(3200, 'item1', 'r1'));
    time.advance(500);
    h.T.interrupt();
    expect(h.sent).toContainEqual({ type: 'conversation.item.truncate', item_id: 'item1', content_index: 0, audio_end_ms: 100 });
  });

  it('76. a new item restarts the timing', async () => {
    const h = harness();
    await h.connected();
    h.deliver(delta(4800, 'item6'));
    time.advance(10);
    h.deliver(delta(480, 'item7'));
    time.advance(5);
    h.T.interrupt();
    expect(h.sent).toEqual([{ type: 'conversation.item.truncate', item_id: 'item7', content_index: 0, audio_end_ms: 5 }]);
  });

  it('77. close() resets playback, so a later interrupt sends nothing', async () => {
    const h = harness();
    await h.connected();
    h.deliver(delta(4800, 'item1'));
    h.T.close();
    const spy = jest.spyOn(h.T, 'sendEvent');
    h.T.interrupt();
    expect(spy).not.toHaveBeenCalled();
  });

  it('78. mute is not supported', () => {
    expect(() => new OpenAIRealtimeWebSocket().mute(true)).toThrow(/Mute is not supported/);
  });

  it('exposes the tracked item to subclasses, and reports undecodable audio on error', async () => {
    const sent: unknown[] = [];
    const T = new Exposed(recordingOptions(sent));
    const errors: unknown[] = [];
    T.on('error', (e: unknown) => errors.push(e));
    await T.connect({ apiKey: 'ek_test' });
    T.inject(delta(4800, 'itemX'));
    expect(T.itemId).toBe('itemX');
    expect(T.audioLength).toBe(100);
    T.inject({ ...delta(0, 'itemX'), delta: 'not*base64' });
    expect(errors).toEqual([{ type: 'error', error: new Error('Audio delta d is not valid base64') }]);
  });
});
