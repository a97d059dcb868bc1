#!/usr/bin/env node
/**
 * The `openai-realtime-rx` command: `demo` (the default), `talk`, `simulator`.
 */
import { CliError } from './CliError.js';
import { DEMO_HELP, demo } from './demo.js';
import { simulator } from './simulatorCommand.js';
import { talk } from './talk.js';

const HELP = `Usage: openai-realtime-rx [command] [options]

Commands:
  demo        a short voice-agent conversation against the embedded simulator (default)
  talk        send a WAV file as user speech and save the spoken reply
  simulator   run the embedded Realtime API simulator for other clients

Run "openai-realtime-rx <command> --help" for a command's options.

${DEMO_HELP}`;

const commands: Record<string, (argv: string[]) => Promise<void>> = { demo, talk, simulator };

export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  const name = first === undefined || first.startsWith('-') ? 'demo' : first;
  const run = commands[name];
  try {
    if (!run) throw new CliError(`unknown command "${name}" (commands: demo, talk, simulator; see --help)`);
    await run(first === undefined || first.startsWith('-') ? argv : rest);
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`openai-realtime-rx: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`openai-realtime-rx: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
