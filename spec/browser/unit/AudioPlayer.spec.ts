/**
 * The player's main-thread half with fake Web Audio: what it posts to the audio thread (format
 * conversion, item ends, clear), how it reads the audio thread's reports, its state, and its
 * failure when the worklet cannot load. The audio thread itself: playerProcessor.spec.ts; both
 * together in Chromium: spec/browser/audio.spec.ts.
 */
import { Subject } from 'rxjs';
import { AudioPlayer } from '../../../lib/browser';
import type { PlayedPosition, PlayerState } from '../../../lib/browser';
import { encodeG711 } from '../../../lib/audio';
import type { PlayerCommand } from '../../../lib/browser/worklets/playerProcessor';
import { FakeContext, FakeWorkletNode, installFakeWebAudio } from './fakeWebAudio';

let uninstall: () => void;
beforeEach(() => {
  uninstall = installFakeWebAudio();
});
afterEach(() => uninstall());

async function ready(options: ConstructorParameters<typeof AudioPlayer>[0] = {}) {
  const context = new FakeContext({ sampleRate: 24000 });
  const player = new AudioPlayer({ audioContext: context as unknown as AudioContext, ...options });
  await player.ready;
  const node = FakeWorkletNode.created.at(-1)!;
  const commands = () => node.port.posted as PlayerCommand[];
  return { player, context, node, commands };
}

test('PCM16 at the context rate goes to the audio thread as floats; an item end follows its audio', async () => {
  const { player, commands } = await ready();
  player.enqueue({ itemId: 'item_1', contentIndex: 0, format: { type: 'audio/pcm', rate: 24000 }, data: new Uint8Array([0x00, 0x40, 0x00, 0xc0]) });
  player.end('item_1');
  expect(commands()).toEqual([
    { type: 'push', itemId: 'item_1', contentIndex: 0, samples: new Float32Array([0.5, -0.5]) },
    { type: 'end', itemId: 'item_1' },
  ]);
});

test('G.711 is decoded and resampled to the context rate, flushed at the item end: 20 ms in, 20 ms out', async () => {
  const { player, commands } = await ready();
  player.enqueue({ itemId: 'item_1', contentIndex: 0, format: { type: 'audio/pcmu' }, data: encodeG711(new Int16Array(160).fill(1000), 'pcmu') });
  player.end('item_1');
  const pushed = commands().filter((c): c is Extract<PlayerCommand, { type: 'push' }> => c.type === 'push');
  expect(pushed.reduce((n, c) => n + c.samples.length, 0)).toBe(480);
  expect(commands().at(-1)).toEqual({ type: 'end', itemId: 'item_1' });
});

test('audio enqueued before the worklet is ready is sent once it is, in order', async () => {
  const context = new FakeContext({ sampleRate: 24000 });
  const player = new AudioPlayer({ audioContext: context as unknown as AudioContext });
  player.enqueue({ itemId: 'a', contentIndex: 0, format: 'audio/pcm', data: new Uint8Array(4) });
  player.end('a');
  await player.ready;
  expect((FakeWorkletNode.created[0]!.port.posted as PlayerCommand[]).map((c) => c.type)).toEqual(['push', 'end']);
});

test('played$ turns the audio thread frame counts into milliseconds; clear() resolves with the last position', async () => {
  const { player, node, commands } = await ready();
  const seen: PlayedPosition[] = [];
  player.played$.subscribe((p) => seen.push(p));
  node.port.emit({ type: 'position', position: { itemId: 'a', contentIndex: 0, frames: 2400 }, ended: false });
  const cleared = player.clear();
  expect(commands().at(-1)).toEqual({ type: 'clear' });
  node.port.emit({ type: 'cleared', position: { itemId: 'a', contentIndex: 0, frames: 2640 } });
  await expect(cleared).resolves.toEqual({ itemId: 'a', contentIndex: 0, playedMs: 110 });
  expect(seen).toEqual([
    { itemId: 'a', contentIndex: 0, playedMs: 100 },
    { itemId: 'a', contentIndex: 0, playedMs: 110 },
  ]);
  node.port.emit({ type: 'underrun', itemId: 'a' });
  node.port.emit({ type: 'dropped', frames: 4800 });
  expect(player.underruns).toBe(1);
  expect(player.droppedMs).toBe(200);
});

test('state$ follows the context without repeats, and completes on close', async () => {
  const { player, context } = await ready();
  const states: PlayerState[] = [];
  let completed = false;
  player.state$.subscribe({ next: (s) => states.push(s), complete: () => (completed = true) });
  context.setState('suspended');
  context.setState('suspended');
  context.setState('running');
  await player.close();
  expect(states).toEqual(['running', 'suspended', 'running', 'closed']);
  expect(completed).toBe(true);
  expect(context.state).toBe('running'); // a context passed in is left open
});

test('a worklet that cannot load: ready rejects, state$ says failed, audio is refused rather than kept', async () => {
  FakeContext.refuseModules = true;
  const context = new FakeContext({ sampleRate: 24000 });
  const player = new AudioPlayer({ audioContext: context as unknown as AudioContext });
  const states: PlayerState[] = [];
  player.state$.subscribe((s) => states.push(s));
  player.enqueue({ itemId: 'a', contentIndex: 0, format: 'audio/pcm', data: new Uint8Array(4) });
  await expect(player.ready).rejects.toThrow('blocked by CSP');
  player.enqueue({ itemId: 'a', contentIndex: 0, format: 'audio/pcm', data: new Uint8Array(4) });
  expect(states).toEqual(['running', 'failed']);
  expect(FakeWorkletNode.created).toHaveLength(0);
});

test('attach plays a client: its audio$ chunks, and an end at each response.output_audio.done', async () => {
  const { player, commands } = await ready();
  const audio$ = new Subject<{ itemId: string; contentIndex: number; data: Uint8Array; format: { type: 'audio/pcm'; rate: number } }>();
  const events$ = new Subject<{ type: string; item_id?: string }>();
  const sub = player.attach({ audio$, events$ });
  audio$.next({ itemId: 'x', contentIndex: 0, data: new Uint8Array(4), format: { type: 'audio/pcm', rate: 24000 } });
  events$.next({ type: 'response.output_audio.done', item_id: 'x' });
  sub.unsubscribe();
  audio$.next({ itemId: 'y', contentIndex: 0, data: new Uint8Array(4), format: { type: 'audio/pcm', rate: 24000 } });
  expect(commands().map((c) => c.type)).toEqual(['push', 'end']);
});
