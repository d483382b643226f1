import { chooseBackupTier, type TierChoice } from '../backup/tier-choice';
import type { SiteConfig } from '../config/schema-connectivity';
import type { AccountConfig, LandingZoneConfig, VpcConfig } from '../config/schema';
import type { PlannedRdsDatabase } from '../data/planned-databases';
import { databaseInstanceIdentifier } from '../names';
import { databaseMigration, type DatabaseMigration } from './database-migration';
import { rdsSpec, type RdsSpec, type RdsSpecProblem } from './rds-spec';
import type { DatabaseConfig, ServerConfig, WorkloadConfig, WorkloadState } from './schema';

/*
 * What a workload's target means in the landing zone: its account and VPC, whether it is
 * production, the backup tier chosen for its RPO, the isolated tier its databases go in, and each
 * database with target rds as CouncilDatabase will build it. Computed once per workload while the
 * wave files are validated (lib/waves/load.ts); the wave rules report its problems, and the
 * resolved plan (lib/waves/migration-plan.ts) hands the same values to the stacks, reports, cost
 * and the operations commands.
 */

/** Workloads that move (and so cut over): everything except retire and retain. */
export function isMigrating(w: WorkloadConfig): boolean {
  return w.strategy !== 'retire' && w.strategy !== 'retain';
}

/** States in which a workload has cut over (the source may still be running). */
export const DONE_STATES: readonly WorkloadState[] = ['cutover', 'disconnected', 'complete'];

/** Whether a workload has cut over already: nothing is replicated or migrated for it any more. */
export function isCutOver(w: WorkloadConfig): boolean {
  return DONE_STATES.includes(w.status);
}

/** A server's fully qualified name: its own, or its host name in the programme's domain. */
export function serverFqdn(server: ServerConfig, domain: string): string {
  return server.fqdn ?? `${server.hostname}.${domain}`;
}

/**
 * The servers AWS MGN replicates for a workload that lands in AWS: all of them, except database
 * servers whose every database moves to RDS, SaaS or retirement (nothing on them moves).
 */
export function replicatedServers(workload: WorkloadConfig): readonly ServerConfig[] {
  if (!buildsTarget(workload)) {
    return [];
  }
  const dbsLeaveServers =
    workload.databases.length > 0 && workload.databases.every((d) => d.target !== 'ec2');
  return workload.servers.filter((s) => !(s.tier === 'db' && dbsLeaveServers));
}

/** Workloads the CDK app builds a target for: migrating, landing in AWS (not supplier-hosted), with a target. */
export function buildsTarget(workload: WorkloadConfig): boolean {
  return isMigrating(workload) && workload.strategy !== 'repurchase' && workload.target !== undefined;
}

/** The first isolated tier of a VPC: where databases go. */
export function isolatedTierOf(config: LandingZoneConfig, vpcName: string): string | undefined {
  return config.network.vpcs.find((v) => v.name === vpcName)?.subnets.find((t) => t.type === 'isolated')
    ?.name;
}

export interface WaveRdsDatabase {
  /** Position in the workload's databases list. */
  readonly index: number;
  readonly db: DatabaseConfig;
  /** The RDS instance identifier, `<prefix>-<workload>-<name>`. */
  readonly identifier: string;
  /** What CouncilDatabase builds; undefined when a problem prevents it. */
  readonly spec?: RdsSpec;
  readonly problems: readonly RdsSpecProblem[];
  /** How it moves into RDS: method, source host and database, and anything that stops it. */
  readonly migration: DatabaseMigration;
}

export interface WorkloadTarget {
  /** Whether the CDK app builds anything for the workload (see buildsTarget). */
  readonly builds: boolean;
  /** The target account, when the workload names one that exists. */
  readonly account?: AccountConfig;
  /** The target VPC, when the workload names one that exists. */
  readonly vpc?: VpcConfig;
  readonly production: boolean;
  /**
   * The backup tier for the workload's RPO, account and DR-copy need; undefined when it has no
   * target or the landing zone has no dataProtection section.
   */
  readonly tierChoice?: TierChoice;
  /** The first isolated tier of the target VPC, where its RDS databases go. */
  readonly isolatedTier?: string;
  /** Its databases with target rds, when it builds a target. */
  readonly rdsDatabases: readonly WaveRdsDatabase[];
  /** The council site its servers and databases move from (connectivity.sites), when it names one that exists. */
  readonly site?: SiteConfig;
  /** The servers AWS MGN replicates for it. */
  readonly replicatedServers: readonly ServerConfig[];
}

/** The backup tier name chosen for a workload, when one fits. */
export function backupTierOf(target: WorkloadTarget): string | undefined {
  return target.tierChoice?.ok ? target.tierChoice.tier.name : undefined;
}

export function resolveTarget(lz: LandingZoneConfig, workload: WorkloadConfig): WorkloadTarget {
  const account = workload.target ? lz.accounts.find((a) => a.name === workload.target?.account) : undefined;
  const vpc = workload.target ? lz.network.vpcs.find((v) => v.name === workload.target?.vpc) : undefined;
  const production = account?.role === 'production';
  const builds = buildsTarget(workload);
  const tierChoice =
    workload.target && lz.dataProtection !== undefined
      ? chooseBackupTier(lz, {
          rpoMinutes: workload.recovery.rpoMinutes,
          production,
          drRegionCopy: workload.recovery.drRegionCopy,
        })
      : undefined;
  const isolatedTier = vpc ? isolatedTierOf(lz, vpc.name) : undefined;
  const rdsDatabases = builds
    ? workload.databases.flatMap((db, index): WaveRdsDatabase[] => {
        if (db.target !== 'rds') {
          return [];
        }
        const { spec, problems } = rdsSpec(db, { production });
        return [
          {
            index,
            db,
            identifier: databaseInstanceIdentifier(lz.organisation.shortName, workload.id, db.name),
            ...(spec === undefined ? {} : { spec }),
            problems,
            migration: databaseMigration(workload, db),
          },
        ];
      })
    : [];
  const site = workload.site
    ? lz.connectivity?.sites.find((candidate) => candidate.name === workload.site)
    : undefined;
  return {
    builds,
    ...(site === undefined ? {} : { site }),
    replicatedServers: replicatedServers(workload),
    ...(account === undefined ? {} : { account }),
    ...(vpc === undefined ? {} : { vpc }),
    production,
    ...(tierChoice === undefined ? {} : { tierChoice }),
    ...(isolatedTier === undefined ? {} : { isolatedTier }),
    rdsDatabases,
  };
}

/**
 * The planned RDS databases of a resolved workload; throws if the plan was not validated (a
 * database that cannot be built, or no tier, account or isolated tier).
 */
export function plannedWaveDatabases(
  lz: LandingZoneConfig,
  workload: WorkloadConfig,
  waveId: string,
  target: WorkloadTarget,
): PlannedRdsDatabase[] {
  return target.rdsDatabases.map(({ db, identifier, spec, problems }) => {
    const tier = backupTierOf(target);
    const { account, vpc, isolatedTier } = target;
    if (!account || !vpc || !spec || tier === undefined || isolatedTier === undefined) {
      const why =
        problems.map((p) => p.message).join('; ') || 'no target, account, tier or isolated subnet tier';
      throw new Error(
        `database ${workload.id}/${db.name} cannot be planned (validate the plan first): ${why}`,
      );
    }
    return {
      source: 'wave',
      workload: workload.id,
      name: db.name,
      identifier,
      account: account.name,
      accountId: account.id,
      region: lz.organisation.homeRegion,
      vpc: vpc.name,
      subnetTier: isolatedTier,
      production: target.production,
      ...spec,
      tier,
      rpoMinutes: workload.recovery.rpoMinutes,
      rtoMinutes: workload.recovery.rtoMinutes,
      classification: workload.dataProtection.classification,
      wave: waveId,
    };
  });
}
