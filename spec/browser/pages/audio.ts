import { RealtimeClient, appendAudio, bargeIn, ofType } from '../../../lib';
import type { Interruption, Turn } from '../../../lib';
import { encodeG711, pcm16ToBytes } from '../../../lib/audio';
import { AudioPlayer, microphone$ } from '../../../lib/browser';
import type { PlayedPosition } from '../../../lib/browser';
import { firstValueFrom, filter, map, timeout } from 'rxjs';
import { registerTests } from './pageApi';

/** A sine tone as PCM16 samples. */
function tone(ms: number, rate: number, hz = 440): Int16Array {
  const out = new Int16Array(Math.round((ms * rate) / 1000));
  for (let i = 0; i < out.length; i++) out[i] = Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / rate));
  return out;
}

const split = (bytes: Uint8Array, parts: number): Uint8Array[] => {
  const size = Math.ceil(bytes.length / parts / 2) * 2;
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.slice(at, at + size));
  return out;
};

/** The first position `predicate` accepts (the page fails after 5 s). */
const reach = (player: AudioPlayer, predicate: (p: PlayedPosition) => boolean): Promise<PlayedPosition> =>
  firstValueFrom(player.played$.pipe(filter(predicate), timeout(5000)));

registerTests({
  /** Case 3: getUserMedia -> AudioWorklet -> PCM16 24 kHz -> the client; the simulator's VAD hears speech and answers. */
  async microphoneToSimulator({ simUrl }) {
    const streams: MediaStream[] = [];
    const mediaDevices = {
      getUserMedia: async (c?: MediaStreamConstraints) => {
        const s = await navigator.mediaDevices.getUserMedia(c);
        streams.push(s);
        return s;
      },
    };
    const client = new RealtimeClient({ url: String(simUrl), apiKey: 'ek_microphone' });
    await client.connect();
    const frameSizes = new Set<number>();
    let frames = 0;
    const started = firstValueFrom(client.events$.pipe(ofType('input_audio_buffer.speech_started')));
    const stopped = firstValueFrom(client.events$.pipe(ofType('input_audio_buffer.speech_stopped')));
    // the sentence has a pause, which may end a turn early: wait for an answer that completed
    const answered = firstValueFrom(client.turns$.pipe(filter((t): t is Extract<Turn, { phase: 'done' }> => t.phase === 'done' && t.status === 'completed')));
    const mic = microphone$({ sampleRate: 24000, mediaDevices })
      .pipe(
        map((frame) => {
          frames++;
          frameSizes.add(frame.length);
          return appendAudio(frame);
        }),
      )
      .subscribe({ next: (c) => client.send(c), error: (e: Error) => console.error('microphone', e) });
    const s = await started;
    const e = await stopped;
    const turn = await answered;
    mic.unsubscribe();
    const tracksEnded = streams.length === 1 && streams[0]!.getTracks().every((t) => t.readyState === 'ended');
    client.close();
    return { frames, frameSizes: [...frameSizes], speechStartMs: s.audio_start_ms, speechEndMs: e.audio_end_ms, turnStatus: turn.status, tracksEnded };
  },

  /**
   * Case 4: the assistant's reply plays in the worklet; the fake microphone speaks over it; the
   * truncation bargeIn sends is compared with what the worklet had rendered when clear() reached
   * it. Resolves at the first interruption after at least `minPlayedMs` of a reply was heard.
   */
  async bargeInOverPlayback({ simUrl, minPlayedMs }) {
    const client = new RealtimeClient({ url: String(simUrl), apiKey: 'ek_barge_in' });
    const player = new AudioPlayer();
    const following = player.attach(client);
    const cuts: Array<{ cut: Interruption; rendered: PlayedPosition | undefined }> = [];
    let done: (value: unknown) => void = () => undefined;
    const finished = new Promise((resolve) => (done = resolve));
    const interrupting = bargeIn(client, { played$: player.played$ }).subscribe((cut) => {
      void player.clear().then((rendered) => {
        cuts.push({ cut, rendered });
        if (cut.playedMs >= Number(minPlayedMs)) done(undefined);
      });
    });
    await client.connect();
    const mic = microphone$({ sampleRate: 24000 })
      .pipe(map(appendAudio))
      .subscribe((c) => client.send(c));
    const timer = setTimeout(() => done(undefined), 30_000);
    await finished;
    clearTimeout(timer);
    mic.unsubscribe();
    interrupting.unsubscribe();
    following.unsubscribe();
    await player.close();
    client.close();
    return cuts.map(({ cut, rendered }) => ({
      itemId: cut.itemId,
      audioEndMs: cut.audioEndMs,
      receivedMs: cut.receivedMs,
      playedMs: cut.playedMs,
      basis: cut.basis,
      renderedItemId: rendered?.itemId,
      renderedMs: rendered?.playedMs,
    }));
  },

  /** The microphone permission denied: the stream ends with a typed error. */
  async microphoneDenied() {
    return new Promise((resolve) => {
      microphone$().subscribe({
        next: () => resolve({ unexpected: 'a frame' }),
        error: (e: { name: string; code: string; causeName?: string }) => resolve({ name: e.name, code: e.code, causeName: e.causeName }),
      });
    });
  },

  /** Playback: PCM16 and G.711 items play gaplessly to their end; positions come from the audio thread. */
  async playerPlaysItems() {
    const player = new AudioPlayer({ startThresholdMs: 60 });
    const positions: PlayedPosition[] = [];
    player.played$.subscribe((p) => positions.push(p));
    const endOf = (itemId: string, ms: number) => reach(player, (p) => p.itemId === itemId && p.playedMs >= ms - 1);
    const pcm = pcm16ToBytes(tone(400, 24000));
    const doneA = endOf('item_pcm', 400);
    for (const data of split(pcm, 10)) player.enqueue({ itemId: 'item_pcm', contentIndex: 0, format: { type: 'audio/pcm', rate: 24000 }, data });
    player.end('item_pcm');
    await doneA;
    const ulaw = encodeG711(tone(300, 8000), 'pcmu');
    const doneB = endOf('item_ulaw', 300);
    for (const data of split(ulaw, 6)) player.enqueue({ itemId: 'item_ulaw', contentIndex: 0, format: { type: 'audio/pcmu' }, data });
    player.end('item_ulaw');
    await doneB;
    const last = (id: string) => positions.filter((p) => p.itemId === id).at(-1)?.playedMs;
    const reports = positions.filter((p) => p.itemId === 'item_pcm').length;
    const result = { pcmPlayedMs: last('item_pcm'), ulawPlayedMs: last('item_ulaw'), pcmReports: reports, underruns: player.underruns, rate: player.context.sampleRate };
    await player.close();
    return result;
  },

  /** clear() stops mid-item and resolves with what the audio thread rendered. */
  async playerClears() {
    const player = new AudioPlayer();
    const pcm = pcm16ToBytes(tone(3000, 24000));
    player.enqueue({ itemId: 'item_long', contentIndex: 0, format: { type: 'audio/pcm', rate: 24000 }, data: pcm });
    const reached = await reach(player, (p) => p.playedMs >= 200);
    const cleared = await player.clear();
    const after: PlayedPosition[] = [];
    player.played$.subscribe((p) => after.push(p));
    await new Promise((r) => setTimeout(r, 100));
    const result = { reachedMs: reached.playedMs, cleared, reportsAfterClear: after.length };
    await player.close();
    return result;
  },
});
