import { randomBytes } from 'node:crypto';
import type { LandingZoneConfig } from '../config/schema';
import { workloadVaultName } from '../backup/vault-names';
import { plannedRdsDatabases } from '../waves/migration-plan';
import type { WavePlan } from '../waves/load';
import { plannedDatabases, type PlannedDatabase } from './db-health';

/** The tag every resource a drill creates carries; the drill role may only change resources with it. */
export const DRILL_TAG = 'lz-restore-drill';
/** Every drill resource name starts with `<prefix>-drill-`, which the drill role's ARNs are limited to. */
export function drillNamePrefix(prefix: string): string {
  return `${prefix}-drill-`;
}

export interface DrillTarget extends PlannedDatabase {
  readonly rtoMinutes: number;
  readonly accountId: string;
  readonly vaultName: string;
}

/**
 * The planned database named `workload/name` (dataProtection.databases and, given the plan, the
 * migrating workloads' RDS databases), or the list of valid names.
 */
export function drillTarget(
  config: LandingZoneConfig,
  ref: string,
  plan?: WavePlan,
): DrillTarget | { error: string } {
  const planned = plannedRdsDatabases(config, plan);
  const db = planned.find((p) => `${p.workload}/${p.name}` === ref);
  const target = plannedDatabases(config, plan).find((p) => `${p.workload}/${p.name}` === ref);
  if (db === undefined || target === undefined) {
    const names = planned.map((p) => `${p.workload}/${p.name}`).join(', ');
    return { error: `--database "${ref}" is not a planned database (workload/name: ${names || 'none'})` };
  }
  const account = config.accounts.find((a) => a.name === target.account);
  return {
    ...target,
    rtoMinutes: db.rtoMinutes,
    accountId: account?.id ?? '',
    vaultName: workloadVaultName(config.organisation.shortName, target.account),
  };
}

/**
 * The name every resource of one drill shares:
 * `<prefix>-drill-<workload>-<name>-<yyyymmddhhmmss>-<4 random hex digits>`, cut to RDS's 63
 * characters and made a valid identifier (letters, digits, single hyphens). Unique to the run, so
 * looking a resource up by this name (after a lost answer) can only find this drill's own.
 */
export function drillId(
  prefix: string,
  target: { workload: string; name: string },
  at: Date,
  nonce: string = randomBytes(2).toString('hex'),
): string {
  const stamp = `${at.toISOString().replace(/[-:T]/g, '').slice(0, 14)}-${nonce}`;
  const body = `${target.workload}-${target.name}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  const head = drillNamePrefix(prefix);
  const room = 63 - head.length - stamp.length - 1;
  return `${head}${body.slice(0, room)}-${stamp}`.replace(/-+/g, '-');
}

/** What a drill will do, shown by `--dry-run` and recorded with the result. */
export interface DrillPlan {
  readonly database: string;
  readonly sourceIdentifier: string;
  readonly recoveryPointArn: string;
  readonly recoveryPointTime?: string;
  readonly vaultName: string;
  readonly drillId: string;
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  readonly port: number;
  readonly runnerSecurityGroup?: string;
  readonly restoreRoleArn: string;
  readonly rtoMinutes: number;
  /** Where the drill runs, for the removal commands in the record. */
  readonly region?: string;
}

export function describePlan(plan: DrillPlan): string {
  const ingress =
    plan.runnerSecurityGroup === undefined
      ? 'no ingress at all (the connectivity check will fail: see docs/operations.md)'
      : `ingress on ${plan.port} only from ${plan.runnerSecurityGroup}`;
  return [
    `Restore drill ${plan.drillId} for ${plan.database} (RTO ${plan.rtoMinutes} minutes)`,
    `  restore:  ${plan.recoveryPointArn}${plan.recoveryPointTime === undefined ? '' : ` (taken ${plan.recoveryPointTime})`}`,
    `            from vault ${plan.vaultName}, a backup of ${plan.sourceIdentifier}, using role ${plan.restoreRoleArn}`,
    `  create:   security group ${plan.drillId} in ${plan.vpcId}: ${ingress}, no egress`,
    `            DB subnet group ${plan.drillId} on the source's isolated subnets ${plan.subnetIds.join(', ')}`,
    `            DB instance ${plan.drillId} (single-AZ, not public, no deletion protection), tagged ${DRILL_TAG}`,
    `  check:    TCP connect to the restored endpoint on port ${plan.port}`,
    `  delete:   DB instance ${plan.drillId} (no final snapshot), then DB subnet group ${plan.drillId}, then the security group`,
  ].join('\n');
}
