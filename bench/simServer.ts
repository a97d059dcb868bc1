/** The embedded simulator as a child process, for the idle-sessions memory benchmark. */
import { testing } from './lib';

const { RealtimeSimulator } = testing;

void new RealtimeSimulator({ realtimeFactor: Infinity })
  .start()
  .then((sim) => process.stdout.write(`${JSON.stringify({ port: sim.port })}\n`));
