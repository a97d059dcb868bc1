/**
 * Closing while the WebSocket upgrade is pending used to kill Node: `ws` emits `error` on the
 * next tick after its listeners were removed. Each case runs in a child process, so an uncaught
 * exception fails the test (a non-zero exit) instead of being absorbed by jest.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { startHangingServer } from '../helpers/loopback';

const SCRIPT = path.join(__dirname, 'scripts', 'closeDuringUpgrade.ts');

const run = (url: string, who: string, how: string): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', SCRIPT, url, who, how], { cwd: path.join(__dirname, '../..'), timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

describe('closing while the upgrade is pending does not crash the process', () => {
  let server: Awaited<ReturnType<typeof startHangingServer>>;
  beforeAll(async () => (server = await startHangingServer()));
  afterAll(() => server.close());

  it.each([
    ['client', 'close', 'RT_ERR_ABORTED disconnected'],
    ['client', 'dispose', 'RT_ERR_ABORTED disconnected'],
    ['client', 'timeout', 'RT_ERR_CONNECT_TIMEOUT disconnected'],
    ['facade', 'close', 'WebSocket connection was closed before setup completed. disconnected disconnected'],
    ['facade', 'timeout', 'RT_ERR_CONNECT_TIMEOUT disconnected disconnected'],
  ])('%s, %s', async (who, how, expected) => {
    const { code, stdout, stderr } = await run(server.url, who, how);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(expected);
  });
});
