import { pcm16ToBytes } from '../../../lib/audio';
import { AudioPlayer } from '../../../lib/browser';
import type { PlayedPosition, PlayerState } from '../../../lib/browser';
import { firstValueFrom, filter, timeout } from 'rxjs';
import { registerTests } from './pageApi';

// Case 5: a player whose context is suspended, as a page's context is before any user gesture.
// Headless Chromium 156 does not apply the autoplay policy (a context made at load, with
// --autoplay-policy=user-gesture-required and navigator.userActivation.hasBeenActive false,
// runs), so the page suspends its context itself: the same state, reached the other way. The
// button's click handler, a trusted input event from playwright, resumes it.
const context = new AudioContext({ sampleRate: 24000 });
const states: PlayerState[] = [];
const positions: PlayedPosition[] = [];

const setup = context.suspend().then(() => {
  const player = new AudioPlayer({ audioContext: context });
  player.state$.subscribe((s) => states.push(s));
  player.played$.subscribe((p) => positions.push(p));
  const samples = new Int16Array(7200); // 300 ms at 24 kHz
  for (let i = 0; i < samples.length; i++) samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 24000));
  player.enqueue({ itemId: 'item_wait', contentIndex: 0, format: { type: 'audio/pcm', rate: 24000 }, data: pcm16ToBytes(samples) });
  player.end('item_wait');
  const playedOut = firstValueFrom(player.played$.pipe(filter((p) => p.playedMs >= 299), timeout(10_000)));
  playedOut.catch(() => undefined);
  document.getElementById('gesture')?.addEventListener('click', () => void player.resume());
  return { player, playedOut };
});

registerTests({
  /** Before the click: suspended, nothing rendered, the context's clock stands still. */
  async suspended() {
    const { player } = await setup;
    await player.ready;
    const clockBefore = context.currentTime;
    // absence can only be observed over a window: 300 ms the audio thread cannot use
    await new Promise((r) => setTimeout(r, 300));
    return { states: [...states], positions: positions.length, clockBefore, clockAfter: context.currentTime };
  },
  /** After the click: running, and the item played to its end. */
  async afterGesture() {
    const { player, playedOut } = await setup;
    const end = await playedOut;
    const result = { playedMs: end.playedMs, states: [...states] };
    await player.close();
    await context.close();
    return result;
  },
});
