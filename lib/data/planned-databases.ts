import type { LandingZoneConfig } from '../config/schema';
import type { DatabaseEdition, DatabaseEngineName, LicenceModel } from './engines';
import { chooseBackupTier } from '../backup/tier-choice';
import type { WavePlan } from '../waves/load';
import { isMigrating } from '../waves/plan-view';
import type { DatabaseConfig as WaveDatabaseConfig, WorkloadConfig } from '../waves/schema';
import { databaseInstanceIdentifier } from '../names';
import { rdsSpec } from '../waves/rds-spec';

/*
 * The single list of planned RDS databases: the CDK app builds exactly these, and the operations
 * commands check exactly these. Two sources feed it: each migrating workload's databases with
 * target rds (migration-waves/), and dataProtection.databases for databases no workload owns.
 */

export interface PlannedRdsDatabase {
  /** Where it is declared: a wave file, or dataProtection.databases. */
  readonly source: 'wave' | 'config';
  readonly workload: string;
  readonly name: string;
  /** The RDS instance identifier, `<prefix>-<workload>-<name>`. */
  readonly identifier: string;
  /** Account name, as in `accounts`. */
  readonly account: string;
  readonly accountId: string;
  readonly region: string;
  readonly vpc: string;
  /** Isolated subnet tier of the VPC that holds it. */
  readonly subnetTier: string;
  readonly production: boolean;
  readonly engine: DatabaseEngineName;
  readonly edition?: DatabaseEdition;
  /** Full RDS engine version. */
  readonly version: string;
  readonly licence: LicenceModel;
  readonly instanceClass: string;
  readonly allocatedStorageGiB: number;
  readonly maxAllocatedStorageGiB?: number;
  /** Backup tier name (the backup-tier tag). */
  readonly tier: string;
  readonly rpoMinutes: number;
  readonly rtoMinutes: number;
  readonly regionLoss?: { readonly rpoMinutes: number; readonly rtoMinutes: number };
  /** The wave that moves it (wave databases only). */
  readonly wave?: string;
}

/** Workloads the CDK app builds a target for: migrating, landing in AWS (not supplier-hosted), with a target. */
export function buildsTarget(workload: WorkloadConfig): boolean {
  return isMigrating(workload) && workload.strategy !== 'repurchase' && workload.target !== undefined;
}

/** The backup tier of a migrating workload, from its RPO, account and DR-copy need; undefined when none fits. */
export function workloadBackupTier(config: LandingZoneConfig, workload: WorkloadConfig): string | undefined {
  const account = config.accounts.find((a) => a.name === workload.target?.account);
  const choice = chooseBackupTier(config, {
    rpoMinutes: workload.recovery.rpoMinutes,
    production: account?.role === 'production',
    drRegionCopy: workload.recovery.drRegionCopy,
  });
  return choice.ok ? choice.tier.name : undefined;
}

/** The first isolated tier of a VPC: where databases go. */
export function isolatedTierOf(config: LandingZoneConfig, vpcName: string): string | undefined {
  return config.network.vpcs.find((v) => v.name === vpcName)?.subnets.find((t) => t.type === 'isolated')
    ?.name;
}

/** One wave database with target rds, resolved; throws if the plan was not validated. */
export function plannedWaveDatabase(
  config: LandingZoneConfig,
  workload: WorkloadConfig,
  db: WaveDatabaseConfig,
  waveId: string,
): PlannedRdsDatabase {
  const label = `${workload.id}/${db.name}`;
  const target = workload.target;
  const account = config.accounts.find((a) => a.name === target?.account);
  const { spec, problems } = rdsSpec(db, { production: account?.role === 'production' });
  const tier = workloadBackupTier(config, workload);
  const subnetTier = target ? isolatedTierOf(config, target.vpc) : undefined;
  if (!target || !account || !spec || tier === undefined || subnetTier === undefined) {
    const why =
      problems.map((p) => p.message).join('; ') || 'no target, account, tier or isolated subnet tier';
    throw new Error(`database ${label} cannot be planned (validate the plan first): ${why}`);
  }
  return {
    source: 'wave',
    workload: workload.id,
    name: db.name,
    identifier: databaseInstanceIdentifier(config.organisation.shortName, workload.id, db.name),
    account: account.name,
    accountId: account.id,
    region: config.organisation.homeRegion,
    vpc: target.vpc,
    subnetTier,
    production: account.role === 'production',
    ...spec,
    tier,
    rpoMinutes: workload.recovery.rpoMinutes,
    rtoMinutes: workload.recovery.rtoMinutes,
    wave: waveId,
  };
}

/** The RDS databases of one migrating workload (none unless it builds a target). */
export function plannedWorkloadDatabases(
  config: LandingZoneConfig,
  workload: WorkloadConfig,
  waveId: string,
): PlannedRdsDatabase[] {
  if (!buildsTarget(workload)) {
    return [];
  }
  return workload.databases
    .filter((db) => db.target === 'rds')
    .map((db) => plannedWaveDatabase(config, workload, db, waveId));
}

/**
 * Every planned RDS database: those in dataProtection.databases, then those of the migration plan
 * (when given), in file order. Both inputs must be validated.
 */
export function plannedRdsDatabases(config: LandingZoneConfig, plan?: WavePlan): PlannedRdsDatabase[] {
  const prefix = config.organisation.shortName;
  const out: PlannedRdsDatabase[] = [];
  for (const db of config.dataProtection?.databases ?? []) {
    const account = config.accounts.find((a) => a.name === db.account);
    out.push({
      source: 'config',
      workload: db.workload,
      name: db.name,
      identifier: databaseInstanceIdentifier(prefix, db.workload, db.name),
      account: db.account,
      accountId: account?.id ?? 'unknown',
      region: config.organisation.homeRegion,
      vpc: db.vpc,
      subnetTier: db.subnetTier,
      production: account?.role === 'production',
      engine: db.engine,
      ...(db.edition === undefined ? {} : { edition: db.edition }),
      version: db.version,
      licence: db.licence,
      instanceClass: db.instanceClass,
      allocatedStorageGiB: db.allocatedStorageGiB,
      ...(db.maxAllocatedStorageGiB === undefined
        ? {}
        : { maxAllocatedStorageGiB: db.maxAllocatedStorageGiB }),
      tier: db.tier,
      rpoMinutes: db.recovery.rpoMinutes,
      rtoMinutes: db.recovery.rtoMinutes,
      ...(db.recovery.regionLoss === undefined ? {} : { regionLoss: db.recovery.regionLoss }),
    });
  }
  for (const { wave, workloads } of plan?.waves ?? []) {
    for (const workload of workloads) {
      out.push(...plannedWorkloadDatabases(config, workload, wave.id));
    }
  }
  return out;
}
