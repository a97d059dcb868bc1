/**
 * The benchmark load generator, run as a child process so that the contenders are measured on
 * their own (a 2-core machine: one core each). Prints `{"port": N}` once listening.
 *
 * Control frames (sent by the benchmark over the same socket as the contender's traffic):
 * - `{"type":"bench.flood","responses":R}`: send R responses as fast as possible (pre-built frames)
 * - `{"type":"bench.paced","deltas":N,"intervalMs":I}`: send N audio deltas, one every I ms, each
 *   carrying its send time (the system's monotonic clock, `process.hrtime`, in ms) as a float64 in
 *   its first 8 bytes
 * - `{"type":"bench.expect","appends":N}`: count `input_audio_buffer.append` frames and answer
 *   `{"type":"bench.ack"}` when N have arrived
 * Anything else (the contenders' own `session.update` and the like) is ignored.
 */
import { WebSocketServer } from 'ws';
import { monotonicMs } from './clock';

/** One response: the framing events around 50 deltas of 20 ms of 24 kHz PCM16, with transcript deltas. */
export function responseFrames(n: number): string[] {
  const response = `resp_BENCH${String(n).padStart(16, '0')}`;
  const item = `item_BENCH${String(n).padStart(16, '0')}`;
  let e = 0;
  const ev = (type: string, fields: Record<string, unknown>) => JSON.stringify({ type, event_id: `event_${n}_${e++}`, ...fields });
  const ref = { response_id: response, item_id: item, output_index: 0, content_index: 0 };
  const audio = Buffer.alloc(960);
  const frames = [
    ev('response.created', { response: { object: 'realtime.response', id: response, status: 'in_progress', status_details: null, output: [], usage: null } }),
    ev('response.output_item.added', { response_id: response, output_index: 0, item: { id: item, object: 'realtime.item', type: 'message', status: 'in_progress', role: 'assistant', content: [] } }),
    ev('conversation.item.added', { previous_item_id: null, item: { id: item, type: 'message', status: 'in_progress', role: 'assistant', content: [] } }),
    ev('response.content_part.added', { ...ref, part: { type: 'audio', transcript: '' } }),
  ];
  for (let i = 0; i < 50; i++) {
    for (let j = 0; j < audio.length; j++) audio[j] = (i * 7 + j * 13 + n) & 0xff;
    if (i % 5 === 0) frames.push(ev('response.output_audio_transcript.delta', { ...ref, delta: ` word${i}` }));
    frames.push(ev('response.output_audio.delta', { ...ref, delta: audio.toString('base64') }));
  }
  frames.push(
    ev('response.output_audio.done', ref),
    ev('response.output_audio_transcript.done', { ...ref, transcript: 'words' }),
    ev('response.content_part.done', { ...ref, part: { type: 'audio', transcript: 'words' } }),
    ev('response.output_item.done', { response_id: response, output_index: 0, item: { id: item, object: 'realtime.item', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_audio', transcript: 'words' }] } }),
    ev('conversation.item.done', { previous_item_id: null, item: { id: item, type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_audio', transcript: 'words' }] } }),
    ev('response.done', { response: { object: 'realtime.response', id: response, status: 'completed', status_details: null, output: [], usage: { total_tokens: 10, input_tokens: 4, output_tokens: 6 } } }),
    ev('rate_limits.updated', { rate_limits: [{ name: 'tokens', limit: 1000, remaining: 990, reset_seconds: 1 }] }),
  );
  return frames;
}

if (require.main === module) {
  const cache = new Map<number, string[]>();
  const built = (n: number) => {
    let frames = cache.get(n);
    if (!frames) cache.set(n, (frames = responseFrames(n)));
    return frames;
  };
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  wss.on('listening', () => process.stdout.write(`${JSON.stringify({ port: (wss.address() as { port: number }).port })}\n`));
  wss.on('connection', (socket) => {
    let expected = 0;
    let appends = 0;
    socket.on('message', (data) => {
      const text = (data as Buffer).toString('utf8');
      if (text.startsWith('{"type":"input_audio_buffer.append"')) {
        if (++appends === expected) socket.send('{"type":"bench.ack","event_id":"ack"}');
        return;
      }
      const msg = JSON.parse(text) as { type: string; responses?: number; deltas?: number; intervalMs?: number; appends?: number };
      if (msg.type === 'bench.flood') {
        // The same 100 distinct responses, cycled (building 10,000 distinct ones would time the
        // generator). Every 20 responses, wait until the socket has handed its queue to the
        // kernel, so that a million frames never sit in memory at once.
        void (async () => {
          for (let r = 0; r < (msg.responses ?? 1); r++) {
            const frames = built(r % 100);
            for (let i = 0; i < frames.length - 1; i++) socket.send(frames[i] as string);
            const last = frames[frames.length - 1] as string;
            if (r % 20 === 19) await new Promise((resolve) => socket.send(last, resolve));
            else socket.send(last);
          }
        })();
      } else if (msg.type === 'bench.paced') {
        const audio = Buffer.alloc(960);
        let sent = 0;
        const tick = () => {
          if (sent++ >= (msg.deltas ?? 0) || socket.readyState !== socket.OPEN) return;
          audio.writeDoubleLE(monotonicMs(), 0);
          socket.send(JSON.stringify({ type: 'response.output_audio.delta', event_id: `event_p${sent}`, response_id: 'resp_paced', item_id: 'item_paced', output_index: 0, content_index: 0, delta: audio.toString('base64') }));
          setTimeout(tick, msg.intervalMs ?? 5);
        };
        tick();
      } else if (msg.type === 'bench.expect') {
        expected = msg.appends ?? 0;
        appends = 0;
      }
    });
  });
}
