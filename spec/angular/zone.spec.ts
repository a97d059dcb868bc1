/**
 * With zone.js (a real NgZone), the service keeps the socket out of the Angular zone: a turn
 * with a hundred audio deltas starts no change detection pass of its own, while the same turn
 * on a client connected inside the zone starts one for nearly every frame. The turn runs in a
 * child process (spec/angular/fixtures/zoneTurn.ts), since zone.js patches Node modules that
 * spec files in one jest worker share.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');

type Seen = { turnsOfChangeDetection: number; frames: number; audioDeltas: number; framesInAngularZone: number; transcriptLength: number };

const runTurns = (): Promise<{ zone: string; service: Seen; client: Seen }> =>
  new Promise((resolve, reject) => {
    execFile(
      path.join(root, 'node_modules/.bin/tsx'),
      [path.join(__dirname, 'fixtures/zoneTurn.ts')],
      { cwd: root, timeout: 30_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as { zone: string; service: Seen; client: Seen })),
    );
  });

it('with zone.js, frames arrive outside the Angular zone and start no change detection', async () => {
  const { zone, service, client } = await runTurns();
  process.stdout.write(`zone.js turn: through the service ${JSON.stringify(service)}; a client connected in the zone ${JSON.stringify(client)}\n`);
  expect(zone).toBe('function');
  expect(service.audioDeltas).toBeGreaterThan(20);
  expect(service.transcriptLength).toBeGreaterThan(10);
  expect(service.framesInAngularZone).toBe(0);
  // the two zone.run calls of the test itself (connect, send)
  expect(service.turnsOfChangeDetection).toBeLessThanOrEqual(2);
  // the comparison shows the measure works: inside the zone, every frame is in it
  expect(client.framesInAngularZone).toBe(client.frames);
  expect(client.turnsOfChangeDetection).toBeGreaterThan(client.audioDeltas / 2);
}, 60_000);
