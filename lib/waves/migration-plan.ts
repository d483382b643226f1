import type { LandingZoneConfig } from '../config/schema';
import type { BackupTierConfig } from '../config/schema-data-protection';
import type { PlannedRdsDatabase } from '../data/planned-databases';
import { databaseInstanceIdentifier } from '../names';
import type { DmsGroup } from './dms-plan';
import type { ReplicationGroup } from './replication';
import { plannedWaveDatabases, type WorkloadTarget } from './resolve';
import type { ProgrammeConfig, WaveHeaderConfig, WorkloadConfig } from './schema';

/*
 * The resolved migration plan: the validated landing-zone configuration and wave files turned, once
 * per run, into the model the stacks, the wave reports and exports, the cost estimate and the
 * operations commands read. Every workload carries its wave, target account and VPC, backup tier,
 * planned RDS databases and resolved dependencies, so nothing downstream derives them again.
 */

export interface WaveInPlan {
  readonly file: string;
  readonly wave: WaveHeaderConfig;
  readonly workloads: readonly WorkloadConfig[];
}

export type DependencyConfig = WorkloadConfig['dependencies'][number];

export interface ResolvedDependency {
  readonly config: DependencyConfig;
  /** The workload depended on. */
  readonly workload: ResolvedWorkload;
}

export interface ResolvedWorkload extends WorkloadTarget {
  readonly workload: WorkloadConfig;
  readonly wave: WaveHeaderConfig;
  readonly file: string;
  /** The backup tier chosen for its RPO (tagged on everything it builds); undefined when none fits. */
  readonly backupTier?: BackupTierConfig;
  /** The RDS databases the landing zone builds for it. */
  readonly databases: readonly PlannedRdsDatabase[];
  readonly dependencies: readonly ResolvedDependency[];
}

/** A validated, resolved migration plan and the landing zone it targets. */
export interface MigrationPlan {
  readonly programme: ProgrammeConfig;
  readonly landingZone: LandingZoneConfig;
  /** Every wave in id order, with its workloads as written. */
  readonly waves: readonly WaveInPlan[];
  /** Every workload, resolved, in wave order and then file order. */
  readonly workloads: readonly ResolvedWorkload[];
  readonly byId: ReadonlyMap<string, ResolvedWorkload>;
  /** Every planned RDS database: dataProtection.databases first, then the waves', in file order. */
  readonly databases: readonly PlannedRdsDatabase[];
  /** Server and database transfer per account, VPC, site and wave still to happen (lib/waves/replication.ts). */
  readonly replication: readonly ReplicationGroup[];
  /** The databases AWS DMS moves, by account, VPC and wave (lib/waves/dms-plan.ts). */
  readonly databaseMigrations: readonly DmsGroup[];
}

/**
 * The older name of MigrationPlan ("plan" alone also means the address plan and the backup plans),
 * still used by lib/ops and lib/cli while they are rewritten; new code uses MigrationPlan.
 */
export type WavePlan = MigrationPlan;

/** One wave of validated workloads, each with the target resolved while it was validated. */
export interface ResolvedWaveInput {
  readonly file: string;
  readonly wave: WaveHeaderConfig;
  readonly workloads: readonly { readonly workload: WorkloadConfig; readonly target: WorkloadTarget }[];
}

/** Builds the resolved plan from validated input; dependencies on unknown workloads are left out. */
export function resolveMigrationPlan(
  landingZone: LandingZoneConfig,
  programme: ProgrammeConfig,
  derived: { readonly replication: readonly ReplicationGroup[]; readonly dms: readonly DmsGroup[] },
  input: readonly ResolvedWaveInput[],
): MigrationPlan {
  const waves = [...input].sort((a, b) => a.wave.id.localeCompare(b.wave.id));
  const workloads: (ResolvedWorkload & { dependencies: ResolvedDependency[] })[] = [];
  for (const { file, wave, workloads: items } of waves) {
    for (const { workload, target } of items) {
      workloads.push({
        ...target,
        workload,
        wave,
        file,
        ...(target.tierChoice?.ok ? { backupTier: target.tierChoice.tier } : {}),
        databases: plannedWaveDatabases(landingZone, workload, wave.id, target),
        dependencies: [],
      });
    }
  }
  const byId = new Map<string, ResolvedWorkload>();
  for (const w of workloads) {
    if (!byId.has(w.workload.id)) {
      byId.set(w.workload.id, w);
    }
  }
  for (const w of workloads) {
    for (const config of w.workload.dependencies) {
      const dependency = byId.get(config.workload);
      if (dependency) {
        w.dependencies.push({ config, workload: dependency });
      }
    }
  }
  return {
    programme,
    landingZone,
    waves: waves.map(({ file, wave, workloads: items }) => ({
      file,
      wave,
      workloads: items.map((i) => i.workload),
    })),
    workloads,
    byId,
    databases: [...plannedConfigDatabases(landingZone), ...workloads.flatMap((w) => w.databases)],
    replication: derived.replication,
    databaseMigrations: derived.dms,
  };
}

/** The planned RDS databases of dataProtection.databases, in file order; the configuration must be validated. */
export function plannedConfigDatabases(config: LandingZoneConfig): PlannedRdsDatabase[] {
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
      classification: db.classification,
    });
  }
  return out;
}

/**
 * Every planned RDS database: those in dataProtection.databases, then those of the migration plan
 * when one is given. Both inputs must be validated.
 */
export function plannedRdsDatabases(config: LandingZoneConfig, plan?: MigrationPlan): PlannedRdsDatabase[] {
  return plan ? [...plan.databases] : plannedConfigDatabases(config);
}
