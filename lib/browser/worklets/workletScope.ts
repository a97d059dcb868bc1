/**
 * The few AudioWorkletGlobalScope names the processors use. TypeScript's `dom` library describes
 * the main thread only, so they are declared here; the processors run in the audio thread, where
 * these globals exist.
 */
export interface WorkletProcessor {
  readonly port: MessagePort;
}

/** The constructor of `AudioWorkletProcessor` in the audio thread. */
export type WorkletProcessorClass = new (options?: { processorOptions?: unknown }) => WorkletProcessor;

/** `registerProcessor` in the audio thread. */
export type RegisterProcessor = (name: string, processor: new (options: { processorOptions?: unknown }) => WorkletProcessor) => void;

/**
 * The source of a worklet module: a self-contained function (no imports, no closure over module
 * state), called in the audio thread with the scope's `AudioWorkletProcessor` and
 * `registerProcessor`, and the name to register. Passing them in keeps the function typed and free of undeclared globals.
 */
export type WorkletDefinition = (base: WorkletProcessorClass, register: RegisterProcessor, name: string) => void;

/** The text of a module that runs `definition` in the audio thread, registering `name`. */
export const workletModuleSource = (definition: WorkletDefinition, name: string): string =>
  `(${definition.toString()})(AudioWorkletProcessor, registerProcessor, ${JSON.stringify(name)});\n`;
