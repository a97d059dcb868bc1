import type { WorkletDefinition } from './workletScope.js';
import { workletModuleSource } from './workletScope.js';

const loaded = new WeakMap<BaseAudioContext, Map<string, Promise<void>>>();

/**
 * Add a processor's module to a context once (later calls share the first one's promise). The
 * module comes from `url` when given (for pages whose Content-Security-Policy forbids `blob:`
 * workers: serve the text of {@link workletModuleSource} yourself), else from a `blob:` URL made
 * of the definition's text, so no bundler configuration is needed.
 */
export function loadWorklet(context: BaseAudioContext, name: string, definition: WorkletDefinition, url?: string): Promise<void> {
  let modules = loaded.get(context);
  if (!modules) loaded.set(context, (modules = new Map<string, Promise<void>>()));
  const existing = modules.get(name);
  if (existing) return existing;
  const promise = addModule(context, name, definition, url);
  modules.set(name, promise);
  promise.catch(() => modules.delete(name));
  return promise;
}

async function addModule(context: BaseAudioContext, name: string, definition: WorkletDefinition, url: string | undefined): Promise<void> {
  if (url !== undefined) return context.audioWorklet.addModule(url);
  const blobUrl = URL.createObjectURL(new Blob([workletModuleSource(definition, name)], { type: 'text/javascript' }));
  try {
    await context.audioWorklet.addModule(blobUrl);
  } finally {
    URL.revokeObjectURL(blobUrl);
  }
}
