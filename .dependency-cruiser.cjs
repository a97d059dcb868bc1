/**
 * The dependency rules of lib/ (see docs/architecture.md). `npm test` runs them; any violation
 * fails the build.
 */
const NODE_ONLY = '^lib/(transport/node|testing|cli|node/)';
/** The files that make the ./audio entry point. */
const AUDIO_ENTRY = '^lib/audio/index\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'import cycles make load order fragile', from: {}, to: { circular: true } },
    { name: 'lib-not-to-spec', severity: 'error', from: { path: '^lib' }, to: { path: '^(spec|bench)' } },
    {
      name: 'lib-not-to-testing',
      severity: 'error',
      comment: 'the simulator is a separate entry point; only the CLI (whose demo runs on it) may import it',
      from: { path: '^lib', pathNot: '^lib/(testing|cli)' },
      to: { path: '^lib/testing' },
    },
    {
      name: 'protocol-is-pure',
      severity: 'error',
      comment: 'codecs import io-ts and fp-ts only',
      from: { path: '^lib/protocol' },
      to: { pathNot: ['^lib/protocol', 'node_modules/(io-ts|fp-ts)/'] },
    },
    {
      name: 'audio-is-pure',
      comment: 'browser-safe audio: its own files and fp-ts (for Either) only; no Node, no resampler library',
      severity: 'error',
      from: { path: '^lib/audio', pathNot: AUDIO_ENTRY },
      to: { pathNot: ['^lib/audio', 'node_modules/fp-ts/'] },
    },
    {
      name: 'audio-entry-adds-only-operators',
      severity: 'error',
      comment: 'the ./audio entry lists lib/audio and the format-aware rxjs operators built on it',
      from: { path: AUDIO_ENTRY },
      to: { pathNot: ['^lib/audio', '^lib/streams/convertAudio\\.ts$', 'node_modules/(fp-ts|rxjs)/'] },
    },
    {
      name: 'core-has-no-resampler',
      severity: 'error',
      comment: 'the resampler (and whatever it may use) belongs to the ./audio entry, not the core bundle',
      from: { path: '^lib/index\\.ts$' },
      to: { path: ['^lib/audio/(resampler|converter|index)\\.ts$', '^lib/streams/convertAudio\\.ts$'], reachable: true },
    },
    {
      name: 'streams-are-pure',
      severity: 'error',
      comment: 'operators over decoded events: protocol, audio and rxjs only',
      from: { path: '^lib/streams' },
      to: { pathNot: ['^lib/(streams|protocol|audio)', 'node_modules/(rxjs|fp-ts|io-ts)/'] },
    },
    {
      name: 'commands-are-pure',
      severity: 'error',
      from: { path: '^lib/commands' },
      to: { pathNot: ['^lib/(commands|protocol|audio)', 'node_modules/(rxjs|fp-ts|io-ts)/'] },
    },
    {
      name: 'browser-only-in-lib-browser',
      severity: 'error',
      comment: 'Web Audio and getUserMedia live behind the ./browser entry; nothing else may import it',
      from: { pathNot: '^lib/browser' },
      to: { path: '^lib/browser' },
    },
    {
      name: 'browser-is-a-leaf',
      severity: 'error',
      comment: 'the browser entry builds on audio, stream types and rxjs, never on the client or the facade',
      from: { path: '^lib/browser' },
      to: { pathNot: ['^lib/(browser|audio|streams)', 'node_modules/(rxjs|fp-ts)/'] },
    },
    {
      name: 'ws-only-in-node-transport',
      severity: 'error',
      comment: 'the browser build must never pull in ws',
      from: { pathNot: NODE_ONLY },
      to: { path: 'node_modules/ws/' },
    },
    {
      name: 'node-builtins-only-in-node-code',
      severity: 'error',
      from: { path: '^lib', pathNot: NODE_ONLY },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'angular-only-in-lib-angular',
      severity: 'error',
      comment: 'Angular is an optional peer: only the ./angular entry point (lib/angular) may import it',
      from: { pathNot: '^lib/angular' },
      // matched resolved (node_modules/@angular/…) or not (dependency-cruiser leaves an ESM-only
      // package whose exports map it cannot follow as the bare '@angular/…')
      to: { path: '(^|node_modules/)@angular/' },
    },
    {
      name: 'core-not-to-angular',
      severity: 'error',
      comment: 'nothing else in lib/ imports the Angular glue, so the other entry points never load @angular/core',
      from: { path: '^lib', pathNot: '^lib/angular' },
      to: { path: '^lib/angular' },
    },
    {
      name: 'angular-imports-lib-and-angular-only',
      severity: 'error',
      comment: 'the Angular glue builds on the core and @angular/core; nothing Node-only, no other package',
      from: { path: '^lib/angular' },
      to: { pathNot: ['^lib/(angular|client|streams|protocol)/', '(^|node_modules/)@angular/core(/|$)', 'node_modules/(rxjs|fp-ts|io-ts)/'] },
    },
    {
      name: 'facade-is-thin',
      severity: 'error',
      comment: 'the facade maps onto the client; it does not reach into the socket',
      from: { path: '^lib/facade' },
      to: { path: '^lib/transport', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.d\\.ts$' },
  },
};
