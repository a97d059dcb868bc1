/**
 * Where the decoder and the encoder get their fast guards. This file is the Node build: the guards
 * generated from the codecs (`generated/guards.ts`), about 0.35 µs a frame faster than io-ts's
 * `is` (bench: `decode`), which counts where frames come by the thousand (servers, pipelines,
 * batch jobs). The package's `browser` and `react-native` fields swap in `eventGuards.browser`,
 * which has none: there a session sees some tens of frames a second, and the 2.7 KB gzipped the
 * guards weigh cost more than they save, so the codecs' own `is` decides.
 *
 * @module
 */
import { clientEventGuard as generatedClientGuard, serverEventGuard as generatedServerGuard } from './generated/guards.js';

// Assigned rather than re-exported: a CommonJS re-export is a getter, called on every frame.

/** The generated guard of a server event type (`undefined` for an unknown type). */
export const serverEventGuard = generatedServerGuard;

/** The generated guard of a client event type (`undefined` for an unknown type). */
export const clientEventGuard = generatedClientGuard;

export type { Guard } from './generated/guards.js';
