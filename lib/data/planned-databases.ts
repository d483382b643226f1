import type { Classification } from '../names';
import type { DatabaseEdition, DatabaseEngineName, LicenceModel } from './engines';

/*
 * A planned RDS database: what the CDK app builds and the operations commands check. Two sources
 * feed the list: dataProtection.databases for databases no workload owns, and each migrating
 * workload's databases with target rds. Both are planned once per run, when the configuration and
 * wave files are resolved (lib/waves/migration-plan.ts, plannedRdsDatabases).
 */

/** What RDS runs: engine, edition, version, licence, class and storage. */
export interface RdsInstanceSpec {
  readonly engine: DatabaseEngineName;
  /** @default - none (engines without editions) */
  readonly edition?: DatabaseEdition;
  /** Full RDS engine version. */
  readonly version: string;
  readonly licence: LicenceModel;
  readonly instanceClass: string;
  readonly allocatedStorageGiB: number;
  /** Storage autoscaling ceiling. @default - no autoscaling */
  readonly maxAllocatedStorageGiB?: number;
  /** Extensions the parameter group allows, e.g. postgis. @default - none */
  readonly extensions?: readonly string[];
}

export interface PlannedRdsDatabase extends RdsInstanceSpec {
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
  /** Backup tier name (the backup-tier tag). */
  readonly tier: string;
  readonly rpoMinutes: number;
  readonly rtoMinutes: number;
  readonly regionLoss?: { readonly rpoMinutes: number; readonly rtoMinutes: number };
  /** The classification of its data: OFFICIAL-SENSITIVE databases are audited. */
  readonly classification: Classification;
  /** The wave that moves it (wave databases only). */
  readonly wave?: string;
}
