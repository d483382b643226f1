import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors';
import { ACCOUNT_ROLES } from '../config/schema';
import { DEPLOYMENT_PHASES, type DeploymentStage } from './stages';

/*
 * The deployment stages of an assembly, written by the synth into the assembly itself: `lz stages`,
 * the deploy workflow and the deployment check read the plan that belongs to the templates they
 * deploy, never one worked out again from a working tree that may have moved on.
 */

export const DEPLOYMENT_RECORD_FILE = 'lz-deployment.json';

const StageSchema = z.strictObject({
  id: z.string(),
  phase: z.enum(DEPLOYMENT_PHASES),
  account: z.string(),
  accountId: z.string(),
  role: z.enum(ACCOUNT_ROLES),
  production: z.boolean(),
  regions: z.array(z.string()),
  stacks: z.array(z.string()),
});

const RecordSchema = z.strictObject({
  stages: z.array(StageSchema),
  /** Why the stages could not be planned (a stack without a phase, an order the dependencies break). */
  problems: z.array(z.string()),
});

export type DeploymentRecord = z.infer<typeof RecordSchema>;

export function writeDeploymentRecord(
  dir: string,
  record: { stages: readonly DeploymentStage[]; problems: readonly string[] },
): void {
  writeFileSync(join(dir, DEPLOYMENT_RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
}

/** The record of a synthesised landing-zone assembly; InputError when it has none. */
export function readDeploymentRecord(dir: string): DeploymentRecord {
  const file = join(dir, DEPLOYMENT_RECORD_FILE);
  if (!existsSync(file)) {
    throw new InputError(
      `${dir} has no ${DEPLOYMENT_RECORD_FILE}: it is not a landing-zone assembly written by \`npm run synth\``,
    );
  }
  const parsed = RecordSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new InputError(`${file} is not a deployment record: ${parsed.error.message}`);
  }
  return parsed.data;
}
