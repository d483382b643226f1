import { readFileSync } from 'node:fs';

/** The operations role the per-account estate is seeded through. */
export const ROLE = 'lz-operations-read-only';
export const STATE_VARIABLE = 'LZ_OPS_IT_STATE';
/**
 * Where the restore drills run: a region of their own, so the instances they create and delete never
 * change the pages the read-only commands are listing at the same time.
 */
export const DRILL_REGION = 'eu-west-1';
/**
 * Where the pagination rows read: the estate again, after more than 100 other instances, so the
 * planned databases are on the second page. The other rows read the home region, which has only the
 * planned ones: moto is slow to list a hundred instances on a busy machine.
 */
export const PAGINATION_REGION = 'eu-west-3';

/** What global-setup.ts started, for the test files. */
export interface MotoState {
  readonly endpoint: string;
  readonly pid: number;
  readonly logFile: string;
  /** The configuration the estate was seeded from. */
  readonly config: string;
  /** The run's directory (removed at the end). */
  readonly dir: string;
}

export function motoState(): MotoState {
  const file = process.env[STATE_VARIABLE];
  if (file === undefined) {
    throw new Error(`${STATE_VARIABLE} is not set: run these tests through the ops-integration jest project`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as MotoState;
}
