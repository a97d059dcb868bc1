import { CliError } from './CliError.js';

/**
 * Run a strict `parseArgs` for a command: an unknown option or a missing value becomes a
 * CliError that names it and points at `--help`.
 *
 * @example
 * ```ts
 * const { values } = strictly('talk', () => parseArgs({ args: argv, options: { in: { type: 'string' } }, strict: true }));
 * ```
 */
export function strictly<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw new CliError(`${(e as Error).message.split('\n')[0]} (see: openai-realtime-rx ${command} --help)`);
  }
}

/** The `--help` flag every command takes. */
export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;
