/**
 * The telephony bridge example end to end, against the simulator: a fake caller speaks the
 * provider's media-stream messages (base64 8 kHz μ-law) over a loopback WebSocket; the bridge
 * runs a `audio/pcmu` session; the reply comes back to the caller as μ-law of exactly the length
 * the simulator spoke; a barge-in clears the caller's buffer and truncates the assistant item at
 * the marks the caller acknowledged, not at what it had received.
 */
import { WebSocket } from 'ws';
import { decodeBase64 } from '../../lib/audio/base64';
import { encodeMuLaw } from '../../lib/audio/g711';
import { tone } from '../../lib/audio/tone';
import { RealtimeSimulator } from '../../lib/testing/index';
import type { SimConnection } from '../../lib/testing/index';
import { speak } from '../../lib/testing/voice';
import type { Bridge, BridgeEvent } from '../../examples/telephony-bridge/bridge';
import { startBridge } from '../../examples/telephony-bridge/bridge';
import { PlaybackLedger } from '../../examples/telephony-bridge/PlaybackLedger';
import { parseCallerMessage } from '../../examples/telephony-bridge/mediaStream';

const REPLY = 'Thank you for calling. Your order ships on Tuesday, and the tracking number follows by text message.';
const STREAM = 'MZ00000000000000000000000000000001';

/** A fake provider: sends the caller's side, records the bridge's. */
class FakeCaller {
  readonly socket: WebSocket;
  readonly media: Uint8Array[] = [];
  /** Each mark received, with the caller's received audio bytes at that point. */
  readonly marks: Array<{ name: string; bytesAt: number }> = [];
  /** The bridge's messages, in order ('media', 'mark', 'clear'). */
  readonly order: string[] = [];
  receivedBytes = 0;
  private readonly checks = new Set<() => void>();

  constructor(url: string) {
    this.socket = new WebSocket(url);
    this.socket.on('message', (data) => {
      const m = JSON.parse((data as Buffer).toString('utf8')) as { event: string; media?: { payload: string }; mark?: { name: string } };
      this.order.push(m.event);
      if (m.event === 'media') {
        const bytes = decodeBase64(m.media!.payload)!;
        this.media.push(bytes);
        this.receivedBytes += bytes.length;
      }
      if (m.event === 'mark') this.marks.push({ name: m.mark!.name, bytesAt: this.receivedBytes });
      this.poke();
    });
  }

  poke(): void {
    for (const check of [...this.checks]) check();
  }

  /** Resolves when the predicate holds (checked on every message from the bridge, and on `poke`). */
  until(predicate: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!predicate()) return;
        this.checks.delete(check);
        resolve();
      };
      this.checks.add(check);
      check();
    });
  }

  send(message: Record<string, unknown>): void {
    this.socket.send(JSON.stringify({ streamSid: STREAM, ...message }));
  }

  /** Send μ-law audio as the provider does: 20 ms (160-byte) media messages. */
  speak(ulaw: Uint8Array): void {
    for (let at = 0, chunk = 1; at < ulaw.length; at += 160, chunk++) {
      this.send({ event: 'media', media: { track: 'inbound', chunk: String(chunk), timestamp: String(at / 8), payload: Buffer.from(ulaw.subarray(at, at + 160)).toString('base64') } });
    }
  }
}

/** Speech the simulator's VAD hears (a tone at -10 dBFS), then enough silence for it to stop. */
const utterance = (speechMs: number) => encodeMuLaw(new Uint8Array([...tone(220, speechMs, 8000, 0.3), ...tone(0, 400, 8000, 0)]));

let sim: RealtimeSimulator;
let bridge: Bridge;
let caller: FakeCaller;
const events: BridgeEvent[] = [];

beforeEach(async () => {
  events.length = 0;
  sim = await new RealtimeSimulator({ realtimeFactor: Infinity, replyPolicy: () => ({ text: REPLY }), transcribe: () => 'where is my order' }).start();
  bridge = await startBridge({
    realtimeUrl: sim.url,
    apiKey: 'test',
    port: 0,
    onEvent: (e) => {
      events.push(e);
      caller?.poke();
    },
  });
  caller = new FakeCaller(bridge.url);
  await new Promise((resolve) => caller.socket.once('open', resolve));
});

afterEach(async () => {
  caller.socket.close();
  await bridge.close();
  await sim.stop();
});

describe('telephony bridge', () => {
  it('answers 8 kHz μ-law speech with 8 kHz μ-law of the right length, and truncates a barge-in at the acknowledged marks', async () => {
    caller.send({ event: 'connected', protocol: 'Call', version: '1.0.0' });
    caller.send({ event: 'start', sequenceNumber: '1', start: { streamSid: STREAM, callSid: 'CA1', tracks: ['inbound'], mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 } } });
    const conn: SimConnection = await sim.nextConnection();
    const spoken = utterance(600);
    caller.speak(spoken);

    // the whole reply, as the simulator speaks it in audio/pcmu
    const expected = Buffer.concat(speak(REPLY, { type: 'audio/pcmu' }).map((w) => Buffer.from(w.audio)));
    await caller.until(() => caller.receivedBytes >= expected.length && caller.marks.length === caller.media.length);
    const received = Buffer.concat(caller.media.map((m) => Buffer.from(m)));
    expect(received.length).toBe(expected.length);
    expect(Buffer.compare(received, expected)).toBe(0);
    // what the session was, and what reached it: μ-law in 20 ms frames, all of the caller's audio
    expect(conn.session.session.audio.input.format).toMatchObject({ type: 'audio/pcmu' });
    expect(conn.session.session.audio.output.format).toMatchObject({ type: 'audio/pcmu' });
    const appends = conn.session.received.filter((e) => e['type'] === 'input_audio_buffer.append').map((e) => decodeBase64(String(e['audio']))!);
    expect(appends.every((a) => a.length === 160)).toBe(true);
    expect(appends.reduce((n, a) => n + a.length, 0)).toBe(spoken.length);
    // one mark per media message, each after its audio; no clear: the caller had not been talked over
    expect(caller.order.slice(0, 4)).toEqual(['media', 'mark', 'media', 'mark']);
    expect(caller.order).not.toContain('clear');

    // the caller has played the first twenty chunks (about a second), then talks over the rest
    const acked = caller.marks.slice(0, 20);
    for (const m of acked) caller.send({ event: 'mark', mark: { name: m.name } });
    const heardMs = Math.floor(acked[acked.length - 1]!.bytesAt / 8);
    const receivedMs = received.length / 8;
    caller.speak(utterance(300));
    await caller.until(() => caller.order.includes('clear') && events.some((e) => e.kind === 'truncated'));

    const bargeIn = events.find((e) => e.kind === 'barge-in');
    const truncated = events.find((e) => e.kind === 'truncated');
    expect(bargeIn).toMatchObject({ audioEndMs: heardMs, sentMs: receivedMs });
    expect(truncated).toMatchObject({ audioEndMs: heardMs });
    const truncate = conn.session.received.find((e) => e['type'] === 'conversation.item.truncate');
    expect(truncate).toMatchObject({ content_index: 0, audio_end_ms: heardMs });
    expect(heardMs).toBeLessThan(receivedMs);
    // the model remembers only what was heard
    const item = conn.session.conversation.get(String(truncate!['item_id']))!;
    const transcript = String((item['content'] as Array<Record<string, unknown>>)[0]!['transcript']);
    expect(REPLY.startsWith(transcript)).toBe(true);
    expect(transcript.length).toBeGreaterThan(0);
    expect(transcript.length).toBeLessThan(REPLY.length);
    expect(caller.order.filter((e) => e === 'clear')).toHaveLength(1);
    console.log(
      `telephony bridge: caller sent ${spoken.length} B (${spoken.length / 8} ms) of μ-law in ${appends.length} appends; ` +
        `received ${received.length} B (${receivedMs} ms) in ${caller.media.length} media + ${caller.marks.length} marks = the simulator's ${expected.length} B; ` +
        `barge-in after ${acked.length} acked marks: truncated at ${heardMs} ms (acked) of ${receivedMs} ms received; heard "${transcript}"`,
    );
  });

  it('ignores frames it does not know, and a call that hangs up ends its Realtime session', async () => {
    caller.socket.send('not json');
    caller.send({ event: 'dtmf', dtmf: { digit: '1' } });
    caller.send({ event: 'start', start: { streamSid: STREAM } });
    const conn = await sim.nextConnection();
    caller.send({ event: 'stop', stop: { callSid: 'CA1' } });
    await conn.closed;
    await caller.until(() => events.some((e) => e.kind === 'call-ended'));
    expect(events.map((e) => e.kind)).toEqual(['call-started', 'call-ended']);
  });
});

describe('PlaybackLedger', () => {
  it('truncates the item being played at its last acknowledged mark, and at 0 when none came back', () => {
    const ledger = new PlaybackLedger();
    const a = [ledger.sent('item_a', 0, 40), ledger.sent('item_a', 0, 40), ledger.sent('item_a', 0, 20)];
    ledger.acked(a[1]!);
    expect(ledger.unplayed).toBe(1);
    expect(ledger.bargeIn()).toEqual({ itemId: 'item_a', contentIndex: 0, audioEndMs: 80, sentMs: 100 });
    expect(ledger.bargeIn()).toBeUndefined(); // nothing pending any more
    const b = ledger.sent('item_b', 0, 40);
    expect(ledger.bargeIn()).toEqual({ itemId: 'item_b', contentIndex: 0, audioEndMs: 0, sentMs: 40 });
    ledger.acked(b); // a late ack of forgotten audio changes nothing
    expect(ledger.unplayed).toBe(0);
  });

  it('when everything sent was played, there is nothing to truncate', () => {
    const ledger = new PlaybackLedger();
    ledger.acked(ledger.sent('item_a', 0, 40));
    expect(ledger.bargeIn()).toBeUndefined();
  });
});

describe('parseCallerMessage', () => {
  it('takes the provider messages and refuses malformed ones', () => {
    expect(parseCallerMessage('{"event":"media","streamSid":"MZ1","media":{"payload":"/w=="}}')).toMatchObject({ event: 'media' });
    expect(parseCallerMessage('{"event":"mark","streamSid":"MZ1","mark":{"name":"x"}}')).toMatchObject({ event: 'mark' });
    for (const bad of ['nope', '[]', '{"event":"media"}', '{"event":"start","start":{}}', '{"event":"mark","mark":{}}', '{"event":"dtmf"}']) {
      expect(parseCallerMessage(bad)).toBeUndefined();
    }
  });
});
