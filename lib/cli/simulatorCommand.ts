/**
 * `openai-realtime-rx simulator`: the embedded Realtime API simulator, standalone.
 */
import { RealtimeSimulator } from '../testing/index.js';
import { CliError } from './CliError.js';
import { Output } from './Output.js';
import { parseArgs } from 'node:util';
import { HELP_OPTION, strictly } from './args.js';

export const SIMULATOR_HELP = `Usage: openai-realtime-rx simulator [--port N] [--host H] [--speed N]

Runs the embedded OpenAI Realtime API simulator until interrupted (Ctrl-C). Point any GA
Realtime client at the URL it prints, with any non-empty API key.

Options:
  --port N    the port (default: any free port)
  --host H    the interface (default 127.0.0.1)
  --speed N   how much faster than real time audio is streamed (default 1: real time)
  -h, --help  show this help
`;

export async function simulator(argv: string[], out = new Output(), stop: Promise<unknown> = onSignal()): Promise<void> {
  const { values } = strictly('simulator', () => parseArgs({ args: argv, options: { ...HELP_OPTION, port: { type: 'string' }, host: { type: 'string' }, speed: { type: 'string' } }, strict: true }));
  if (values.help) return void out.line(SIMULATOR_HELP);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a port number, not "${String(values.port)}"`);
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!(speed > 0)) throw new CliError(`--speed must be a positive number, not "${String(values.speed)}"`);
  const sim = new RealtimeSimulator({ port, host: values.host ?? '127.0.0.1', realtimeFactor: speed });
  try {
    await sim.start();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CliError(`port ${port} is in use; choose another with --port`);
    if (code === 'EACCES') throw new CliError(`no permission to listen on port ${port}`);
    throw e;
  }
  out.line(`Realtime API simulator listening at ${sim.url} (any non-empty API key; Ctrl-C to stop)`);
  await stop;
  await sim.stop();
  out.line('simulator stopped');
}

const onSignal = () => new Promise((resolve) => ['SIGINT', 'SIGTERM'].forEach((s) => process.once(s, resolve)));
