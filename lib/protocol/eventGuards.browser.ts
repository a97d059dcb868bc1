/**
 * The browser (and React Native) build of `eventGuards`: no generated guards, so that browser
 * bundles do not carry them; `undefined` makes the decoder and the encoder use the codec's `is`,
 * which gives the same verdict (spec/protocol/guards.spec.ts).
 *
 * @module
 */
import type { Guard } from './generated/guards.js';

/** No generated guard in browser builds: the caller falls back to the codec's `is`. */
export const serverEventGuard = (type: string): Guard | undefined => void type;

/** No generated guard in browser builds: the caller falls back to the codec's `is`. */
export const clientEventGuard = (type: string): Guard | undefined => void type;

export type { Guard } from './generated/guards.js';
