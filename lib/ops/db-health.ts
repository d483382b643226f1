import type { LandingZoneConfig } from '../config/schema';
import { engineDefinition, type DatabaseEngineName } from '../data/engines';
import { supportEnd, supportState, versionSupport } from '../lifecycle/end-of-support';
import type { EndOfSupportTable } from '../lifecycle/schema';
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
  /** The planned engine, to judge the running version against the end-of-support table. */
  readonly engine?: DatabaseEngineName;
}

/** The end-of-support table and how far ahead an ending date is reported (the plan's horizon). */
export interface SupportCheck {
  readonly table: EndOfSupportTable;
  /** @default 12 */
  readonly warnWithinMonths?: number;
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
  readonly engine?: DatabaseEngineName;
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
        engine: db.engine,
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
      ...(db.engine === undefined ? {} : { engine: db.engine }),
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
  /** Judge each running engine version against the end-of-support table. @default - not judged */
  support?: SupportCheck,
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
    const supportFinding = support && supportOf(plan, db.engineVersion, now, support);
    if (supportFinding !== undefined) {
      findings.push({ ...supportFinding, subject });
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

/** A date (YYYY-MM-DD) some months on, for the warning horizon. */
function monthsAfter(date: Date, months: number): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()));
  return d.toISOString().slice(0, 10);
}

/**
 * The running engine version against the same end-of-support table the plan's rule reads: out of
 * support (vendor or RDS standard support, whichever ends first) or ending within the horizon. A
 * version the table does not list is not judged (the table names its sources; guessing would not).
 */
function supportOf(
  plan: PlannedDatabase,
  engineVersion: string | undefined,
  now: Date,
  support: SupportCheck,
): Omit<Finding, 'subject'> | undefined {
  if (plan.engine === undefined || engineVersion === undefined) {
    return undefined;
  }
  const entry = versionSupport(support.table, engineDefinition(plan.engine).lifecycleProduct, engineVersion);
  if (entry === undefined) {
    return undefined;
  }
  const end = supportEnd(entry, true);
  const today = now.toISOString().slice(0, 10);
  const months = support.warnWithinMonths ?? 12;
  const state = supportState(end, today, monthsAfter(now, months));
  const whose = end.what;
  if (state === 'ended') {
    return {
      kind: 'support-ended',
      message: `${entry.label} (running ${engineVersion}) has been out of ${whose} since ${end.date} (${end.source}): upgrade it`,
    };
  }
  if (state === 'ending') {
    return {
      kind: 'support-ending',
      message: `${entry.label} (running ${engineVersion}) loses ${whose} on ${end.date}, within ${months} months (${end.source}): plan the upgrade`,
    };
  }
  return undefined;
}
