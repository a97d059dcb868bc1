import type { Plugin } from 'esbuild';
/** The goal for the core `RealtimeClient` bundle, in KB gzipped (issues #12 and #15). */
export declare const CORE_GZIP_GOAL_KB: number;
export declare const FACADE_GZIP_GOAL_KB: number;
/** What the bundle size test enforces for the core `RealtimeClient`, in KB gzipped. */
export declare const CORE_GZIP_LIMIT_KB: number;
export declare const FACADE_GZIP_LIMIT_KB: number;
/** One bundle to measure: its name, the entry point it draws on, and its entry module's text. */
export interface BundleCase {
  readonly name: string;
  readonly subpath: string;
  readonly source: string;
}
export declare function bundleCases(pkg?: string): BundleCase[];
/** Minified and gzip -9 bytes of one bundle, and the minified bytes per input file, largest first. */
export interface BundleSize {
  readonly min: number;
  readonly gzip: number;
  readonly inputs: Readonly<Record<string, number>>;
}
export declare function bundleSize(source: string, options: { root: string; from: 'sources' | 'dist' }): Promise<BundleSize>;
/**
 * An esbuild plugin resolving `openai-realtime-rx` and its subpaths to the sources under lib/,
 * with package.json's `browser` field applied (also used by scripts/browserBundle.ts).
 */
export declare function sourcesPlugin(root: string): Plugin;
