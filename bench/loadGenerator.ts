/**
 * Start a load generator (bench/server.ts, or the simulator) in a child process.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import * as path from 'node:path';

export interface LoadGenerator {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startLoadGenerator(script: 'server.ts' | 'simServer.ts'): Promise<LoadGenerator> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, script)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`load generator exited with ${String(code)}`)));
    child.stdout?.once('data', (d: Buffer) => resolve((JSON.parse(d.toString().split('\n')[0] ?? '{}') as { port: number }).port));
  });
  return {
    url: `ws://127.0.0.1:${port}/v1/realtime`,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
