/** A RealtimeClient connected to a fresh simulator, with its server-side connection and its errors. */
import { firstValueFrom } from 'rxjs';
import type { RealtimeError } from '../../lib/index';
import { RealtimeClient, ofType } from '../../lib/index';
import type { SimConnection, RealtimeSimulatorOptions } from '../../lib/testing/index';
import { RealtimeSimulator } from '../../lib/testing/index';

export interface SimulatorSession {
  readonly sim: RealtimeSimulator;
  readonly client: RealtimeClient;
  readonly conn: SimConnection;
  /** Everything the client reported on errors$, from the start. */
  readonly errors: RealtimeError[];
}

/** Start a simulator with these options and connect a client to it, once `session.created` has arrived. */
export async function startSimulatorSession(options: RealtimeSimulatorOptions): Promise<SimulatorSession> {
  const sim = await new RealtimeSimulator(options).start();
  const client = new RealtimeClient({ url: sim.url, apiKey: 'test-key' });
  const errors: RealtimeError[] = [];
  client.errors$.subscribe((e) => errors.push(e));
  const created = firstValueFrom(client.events$.pipe(ofType('session.created')));
  const connection = sim.nextConnection();
  await client.connect();
  await created;
  return { sim, client, conn: await connection, errors };
}
