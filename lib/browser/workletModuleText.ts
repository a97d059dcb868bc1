import { CAPTURE_PROCESSOR, defineCaptureProcessor } from './worklets/captureProcessor.js';
import { PLAYER_PROCESSOR, definePlayerProcessor } from './worklets/playerProcessor.js';
import { workletModuleSource } from './worklets/workletScope.js';

/**
 * The text of one AudioWorklet module that registers both processors (capture and player). The
 * browser entry loads them from `blob:` URLs by default; a page whose Content-Security-Policy
 * does not allow `blob:` can serve this text as a file of its own origin and pass its URL as
 * `workletUrl` to {@link microphone$} and {@link AudioPlayer}.
 *
 * @example
 * ```ts
 * import { workletModuleText } from 'openai-realtime-rx/browser';
 * // at build time: fs.writeFileSync('public/realtime-worklets.js', workletModuleText());
 * // in the page:   new AudioPlayer({ workletUrl: '/realtime-worklets.js' })
 * console.log(workletModuleText().length > 0); // true
 * ```
 */
export function workletModuleText(): string {
  return workletModuleSource(defineCaptureProcessor, CAPTURE_PROCESSOR) + workletModuleSource(definePlayerProcessor, PLAYER_PROCESSOR);
}
