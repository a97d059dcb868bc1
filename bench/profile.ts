/**
 * Profile one contender: `node --import tsx --cpu-prof --cpu-prof-dir=DIR bench/profile.ts
 * 'ours: OpenAIRealtimeWebSocket' 15 [in-process]`, then `npx tsx bench/topFunctions.ts
 * DIR/<file>.cpuprofile`. Runs the inbound suite's flood (200 responses) the given number of
 * times (or, with `outbound`, the outbound suite's 3,000 appends), through a socket to the load generator (which runs in its own process, so the profile
 * holds only the contender) or, with `in-process`, through the pipeline suite's in-process socket.
 */
import type { Contender, ContenderName } from './contenders';
import { contenders } from './contenders';
import { startLoadGenerator } from './loadGenerator';
import { setups } from './pipeline';
import { responseFrames } from './server';

const responses = 200;

/** `rounds` rounds against the load generator, each with a fresh connection of the contender; `round` times one. */
async function overSocket(name: ContenderName, rounds: number, round: (c: Contender) => Promise<number>): Promise<number[]> {
  const gen = await startLoadGenerator('server.ts');
  const times: number[] = [];
  try {
    for (let r = 0; r < rounds; r++) {
      const c = await contenders[name](gen.url);
      times.push(await round(c));
      await c.close();
    }
  } finally {
    await gen.stop();
  }
  return times;
}

/** The inbound flood: time to the last audio chunk. */
const viaSocket = (name: ContenderName, rounds: number): Promise<number[]> =>
  overSocket(name, rounds, async (c) => {
    let count = 0;
    const done = new Promise<number>((resolve) => c.onAudio(() => void (++count === responses * 50 && resolve(performance.now()))));
    const start = performance.now();
    c.control({ type: 'bench.flood', responses });
    return (await done) - start;
  });

const audio = new Uint8Array(960).map((_, i) => (i * 31) & 0xff);
const chunks = 3000;

/** The outbound suite's appends: time to the generator's acknowledgement of the last. */
const outbound = (name: ContenderName, rounds: number): Promise<number[]> =>
  overSocket(name, rounds, async (c) => {
    const acked = new Promise<number>((resolve) => c.onControl('bench.ack', () => resolve(performance.now())));
    c.control({ type: 'bench.expect', appends: chunks });
    const start = performance.now();
    for (let i = 0; i < chunks; i++) c.sendAudio(audio);
    return (await acked) - start;
  });

async function inProcess(name: string, rounds: number): Promise<number[]> {
  const setup = setups[name];
  if (!setup) throw new Error(`choose an in-process setup: ${Object.keys(setups).join(', ')}`);
  const frames = Array.from({ length: responses }, (_, r) => responseFrames(r % 100)).flat();
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const receiver = await setup(() => undefined);
    const start = performance.now();
    receiver.deliver(frames);
    times.push(performance.now() - start);
    receiver.close();
  }
  return times;
}

async function main(): Promise<void> {
  const [name = '', roundsArg = '10', mode] = process.argv.slice(2);
  const rounds = Number(roundsArg);
  let times: number[];
  if (mode === 'in-process') times = await inProcess(name, rounds);
  else if (mode === 'outbound' && name in contenders) times = await outbound(name as ContenderName, rounds);
  else if (name in contenders) times = await viaSocket(name as ContenderName, rounds);
  else throw new Error(`choose a contender: ${Object.keys(contenders).join(', ')}`);
  console.log(`${name}: ${times.map((t) => t.toFixed(0)).join(' ')} ms`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
