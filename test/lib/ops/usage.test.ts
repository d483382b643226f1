import { spawn } from 'node:child_process';
import { join } from 'node:path';

// Usage errors of the ops commands are exit 2 (could not run), never 1, which means "degraded" or
// "go with warnings" (docs/cli.md). Real processes, run side by side; no AWS call is made. Output is
// read on 'close' (its streams drained), not 'exit', which can come before the last chunk.
function lz(args: readonly string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(join('node_modules', '.bin', 'ts-node'), ['--swc', 'bin/lz.ts', ...args], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.once('close', (status) => {
      resolve({ status, stderr });
    });
  });
}

describe('lz ops usage errors exit 2', () => {
  it.concurrent.each([
    [['ops', 'vpn-status', '--bogus'], /unknown option '--bogus'/],
    [['ops', 'cutover-readiness'], /required option '--wave <id>' not specified/],
    [['ops', 'db-health', '--max-attempts', 'zero'], /expected a whole number of at least 1, got "zero"/],
    [['ops', 'db-health', '--max-attempts', '0'], /expected a whole number of at least 1, got "0"/],
    [
      ['ops', 'backup-compliance', '--call-timeout', '-5'],
      /expected a positive duration such as 30s, 15m or 2h, got "-5"/,
    ],
    [['ops', 'restore-drill', '--database', 'gis/main', '--deadline', '0s'], /expected a positive duration/],
    [['ops', 'vpn-status', '--retry-mode', 'eager'], /Allowed choices are standard, adaptive/],
  ])('lz %j', async (args, message) => {
    const result = await lz(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('--help on an ops command exits 0 and documents --deadline', async () => {
    const child = spawn(join('node_modules', '.bin', 'ts-node'), [
      '--swc',
      'bin/lz.ts',
      'ops',
      'db-health',
      '--help',
    ]);
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    const status = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(status).toBe(0);
    expect(stdout).toMatch(/--deadline <duration>\s+limit on the whole run/);
    expect(stdout).toContain('(default: 2m)');
  });
});
