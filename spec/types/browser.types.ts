/**
 * Type tests for openai-realtime-rx/browser, checked by `npm run typecheck`: the player and the
 * microphone input fit the Angular service's attach(), a RealtimeClient is what the player and
 * the microphone take, and the player's positions are what bargeIn takes.
 */
import type { Observable } from 'rxjs';
import type { RealtimeAttachment } from '../../lib/angular/index';
import type { PlaybackPosition } from '../../lib/index';
import { RealtimeClient } from '../../lib/index';
import type { AudioInputTarget, PlayedPosition, PlayerSource, PlayerState , AudioPlayer} from '../../lib/browser/index';
import { microphoneInput } from '../../lib/browser/index';

declare const player: AudioPlayer;
const client = new RealtimeClient({ apiKey: 'ek_x' });

const asAttachment: RealtimeAttachment = player;
const micAttachment: RealtimeAttachment = microphoneInput();
const source: PlayerSource = client;
const target: AudioInputTarget = client;
const positions: Observable<PlaybackPosition> = player.played$;
const played: Observable<PlayedPosition> = player.played$;
const state: Observable<PlayerState> = player.state$;
// @ts-expect-error the player is not a sink for commands
const notTarget: AudioInputTarget = player;
// @ts-expect-error a chunk needs its item
player.enqueue({ contentIndex: 0, data: new Uint8Array(2), format: 'audio/pcm' });

export { asAttachment, micAttachment, source, target, positions, played, state, notTarget };
