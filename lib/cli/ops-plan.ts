import type { LandingZoneConfig } from '../config/schema';
import { EXIT_CODES } from '../ops/report';
import { validateWavesDir, type WavePlan } from '../waves/load';
import type { CommandOutput } from './output';

/**
 * The migration plan an `lz ops` command was pointed at with `--waves`, so the databases it checks
 * are the ones the CDK app builds (dataProtection.databases plus the workloads' RDS databases).
 * Without `--waves`, `{ plan: undefined }`: the configuration's databases only. An invalid plan is
 * a failure, never silently ignored.
 */
export function optionalPlan(
  waves: string | undefined,
  config: LandingZoneConfig,
): { plan: WavePlan | undefined } | CommandOutput {
  if (waves === undefined) return { plan: undefined };
  const plan = validateWavesDir(waves, config).plan;
  if (plan === undefined) {
    return {
      exitCode: EXIT_CODES.failed,
      stdout: '',
      stderr: `${waves} is not valid: run \`lz waves validate\` for details\n`,
    };
  }
  return { plan };
}
