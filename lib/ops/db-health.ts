import type { LandingZoneConfig } from '../config/schema';
import { databaseInstanceIdentifier } from '../names';
import { plannedRdsDatabases } from '../waves/migration-plan';
import type { WavePlan } from '../waves/load';
import type { Finding } from './report';

/** A planned database, as the health check compares it with RDS. */
export interface PlannedDatabase {
  readonly workload: string;
  readonly name: string;
  readonly account: string;
  readonly identifier: string;
  readonly version: string;
  readonly rpoMinutes: number;
}

/** The parts of DescribeDBInstances (and DescribePendingMaintenanceActions) this check reads. */
export interface LiveDatabase {
  readonly identifier: string;
  readonly arn?: string;
  readonly status?: string;
  readonly engine?: string;
  readonly engineVersion?: string;
  readonly multiAz?: boolean;
  readonly storageEncrypted?: boolean;
  readonly deletionProtection?: boolean;
  readonly backupRetentionDays?: number;
  readonly latestRestorableTime?: Date;
  /** Pending maintenance actions, e.g. `system-update (auto-applied after 2026-12-01)`. */
  readonly pendingMaintenance: readonly string[];
}

export interface DatabaseRow {
  readonly workload: string;
  readonly name: string;
  readonly identifier: string;
  readonly exists: boolean;
  readonly status?: string;
  readonly engineVersion?: string;
  readonly multiAz?: boolean;
  readonly storageEncrypted?: boolean;
  readonly deletionProtection?: boolean;
  readonly backupRetentionDays?: number;
  readonly latestRestorableTime?: Date;
  /** Minutes between the latest restorable time and now: the data that would be lost today. */
  readonly restoreLagMinutes?: number;
  readonly rpoMinutes: number;
  readonly pendingMaintenance: readonly string[];
}

interface DatabaseLike {
  readonly workload: string;
  readonly name: string;
  readonly account: string;
  readonly version: string;
  readonly recovery: { readonly rpoMinutes: number };
}

/**
 * Every planned database with the instance identifier the CouncilDatabase construct gives it.
 * Given the validated configuration (and the migration plan, if any), the list comes from
 * lib/data/planned-databases.ts, the same list the CDK app builds: dataProtection.databases plus
 * every migrating workload's databases with target rds. Given a prefix and a list of databases
 * (dataProtection.databases entries or the like), just those.
 */
export function plannedDatabases(
  config: LandingZoneConfig,
  plan?: WavePlan,
  account?: string,
): PlannedDatabase[];
export function plannedDatabases(
  prefix: string,
  databases: readonly DatabaseLike[],
  account?: string,
): PlannedDatabase[];
export function plannedDatabases(
  source: LandingZoneConfig | string,
  databasesOrPlan?: readonly DatabaseLike[] | WavePlan,
  account?: string,
): PlannedDatabase[] {
  if (typeof source !== 'string') {
    const plan = Array.isArray(databasesOrPlan) ? undefined : (databasesOrPlan as WavePlan | undefined);
    return plannedRdsDatabases(source, plan)
      .filter((db) => account === undefined || db.account === account)
      .map((db) => ({
        workload: db.workload,
        name: db.name,
        account: db.account,
        identifier: db.identifier,
        version: db.version,
        rpoMinutes: db.rpoMinutes,
      }));
  }
  const databases = Array.isArray(databasesOrPlan) ? (databasesOrPlan as readonly DatabaseLike[]) : [];
  return databases
    .filter((db) => account === undefined || db.account === account)
    .map((db) => ({
      workload: db.workload,
      name: db.name,
      account: db.account,
      identifier: databaseInstanceIdentifier(source, db.workload, db.name),
      version: db.version,
      rpoMinutes: db.recovery.rpoMinutes,
    }));
}

/** States in which an instance serves traffic normally. */
const HEALTHY_STATES = new Set([
  'available',
  'backing-up',
  'storage-optimization',
  'configuring-log-exports',
]);

/** Compares each planned database with what RDS reports. Pure, for tests on plain data. */
export function evaluateDbHealth(
  planned: readonly PlannedDatabase[],
  live: readonly LiveDatabase[],
  now: Date,
): { rows: DatabaseRow[]; findings: Finding[] } {
  const byId = new Map(live.map((db) => [db.identifier.toLowerCase(), db]));
  const rows: DatabaseRow[] = [];
  const findings: Finding[] = [];
  for (const plan of planned) {
    const subject = plan.identifier;
    const db = byId.get(plan.identifier.toLowerCase());
    const base = {
      workload: plan.workload,
      name: plan.name,
      identifier: plan.identifier,
      rpoMinutes: plan.rpoMinutes,
    };
    if (db === undefined) {
      rows.push({ ...base, exists: false, pendingMaintenance: [] });
      findings.push({
        kind: 'missing-database',
        subject,
        message: `not found in this account and region (planned for account ${plan.account})`,
      });
      continue;
    }
    const lag =
      db.latestRestorableTime === undefined
        ? undefined
        : Math.max(0, Math.floor((now.getTime() - db.latestRestorableTime.getTime()) / 60000));
    rows.push({
      ...base,
      exists: true,
      ...(db.status === undefined ? {} : { status: db.status }),
      ...(db.engineVersion === undefined ? {} : { engineVersion: db.engineVersion }),
      ...(db.multiAz === undefined ? {} : { multiAz: db.multiAz }),
      ...(db.storageEncrypted === undefined ? {} : { storageEncrypted: db.storageEncrypted }),
      ...(db.deletionProtection === undefined ? {} : { deletionProtection: db.deletionProtection }),
      ...(db.backupRetentionDays === undefined ? {} : { backupRetentionDays: db.backupRetentionDays }),
      ...(db.latestRestorableTime === undefined ? {} : { latestRestorableTime: db.latestRestorableTime }),
      ...(lag === undefined ? {} : { restoreLagMinutes: lag }),
      pendingMaintenance: db.pendingMaintenance,
    });
    if (!HEALTHY_STATES.has(db.status ?? '')) {
      findings.push({ kind: 'status', subject, message: `status is ${db.status ?? 'unknown'}` });
    }
    if (db.engineVersion !== undefined && db.engineVersion !== plan.version) {
      findings.push({
        kind: 'engine-version',
        subject,
        message: `engine version ${db.engineVersion} differs from the planned ${plan.version}`,
      });
    }
    if (db.storageEncrypted !== true) {
      findings.push({ kind: 'not-encrypted', subject, message: 'storage is not encrypted' });
    }
    if (db.deletionProtection !== true) {
      findings.push({ kind: 'no-deletion-protection', subject, message: 'deletion protection is off' });
    }
    if ((db.backupRetentionDays ?? 0) === 0) {
      findings.push({
        kind: 'backups-disabled',
        subject,
        message: 'automated backups are off (retention 0 days): no point-in-time recovery',
      });
    }
    if (lag === undefined) {
      if ((db.backupRetentionDays ?? 0) > 0) {
        findings.push({
          kind: 'no-restorable-time',
          subject,
          message: 'RDS reports no latest restorable time yet',
        });
      }
    } else if (lag > plan.rpoMinutes) {
      findings.push({
        kind: 'rpo-breach',
        subject,
        message: `latest restorable time is ${lag} minutes old, more than the ${plan.rpoMinutes}-minute RPO`,
      });
    }
  }
  return { rows, findings };
}
