import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface LzRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the `lz` command as a real process, without colour, as an engineer or CI would. */
export function lz(...args: string[]): LzRun {
  const result = spawnSync(join('node_modules', '.bin', 'ts-node'), ['--swc', 'bin/lz.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
