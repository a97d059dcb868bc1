#!/usr/bin/env node
/**
 * The `openai-realtime-rx` command: `demo` (the default), `talk`, `transcribe`, `simulator`; `--help`, `--version`.
 */
import { VERSION } from '../facade/version.js';
import { CliError } from './CliError.js';
import { DEMO_HELP, demo } from './demo.js';
import { simulator } from './simulatorCommand.js';
import { talk } from './talk.js';
import { transcribe } from './transcribe.js';

const HELP = `Usage: openai-realtime-rx [command] [options]

Commands:
  demo        a short voice-agent conversation against the embedded simulator (default)
  talk        send a WAV file as user speech and save the spoken reply
  transcribe  transcribe a WAV file, with each segment's timing
  simulator   run the embedded Realtime API simulator for other clients

Options:
  -h, --help     show this help
  -v, --version  print the version

Run "openai-realtime-rx <command> --help" for a command's options.

${DEMO_HELP}`;

const commands: Record<string, (argv: string[]) => Promise<void>> = { demo, talk, transcribe, simulator };

export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (first === '--version' || first === '-v' || first === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  // No command, or options first: the default command, demo.
  const explicit = first !== undefined && !first.startsWith('-');
  const name = explicit ? first : 'demo';
  const run = commands[name];
  // Errors name the command that failed, as the user typed it.
  const prefix = explicit && run ? `openai-realtime-rx ${name}` : 'openai-realtime-rx';
  try {
    if (!run) throw new CliError(`unknown command "${name}" (commands: demo, talk, transcribe, simulator; see: openai-realtime-rx --help)`);
    await run(explicit ? rest : argv);
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`${prefix}: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`${prefix}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
