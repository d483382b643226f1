import { rdsClient, type AwsOptions } from '../ops/aws';
import { collectDatabases } from '../ops/db-collect';
import { evaluateDbHealth, plannedDatabases } from '../ops/db-health';
import { formatAge, overallStatus, renderSummary, renderTable, EXIT_CODES } from '../ops/report';
import { optionalPlan } from './ops-plan';
import { loadOpsConfig } from './ops-vpn-status-command';
import type { CommandOutput } from './validate-command';

export interface DbHealthOptions {
  readonly config: string;
  readonly json: boolean;
  readonly aws: AwsOptions;
  /** Only the databases planned for this account (by name in `accounts`); all when absent. */
  readonly account?: string;
  /** The migration plan directory: adds every migrating workload's RDS databases. @default - configuration only */
  readonly waves?: string;
  /** The clock, for tests; defaults to now. */
  readonly now?: Date;
}

function yesNo(value: boolean | undefined): string {
  return value === undefined ? '-' : value ? 'yes' : 'NO';
}

/**
 * `lz ops db-health`: each planned database as RDS reports it, against its plan and RPO.
 * Exit 0 healthy, 1 degraded, 2 a query failed (what could be read is still shown).
 */
export async function runDbHealth(options: DbHealthOptions): Promise<CommandOutput> {
  const config = loadOpsConfig(options.config);
  if ('exitCode' in config) return config;
  const known = config.accounts.map((a) => a.name);
  if (options.account !== undefined && !known.includes(options.account)) {
    return {
      exitCode: EXIT_CODES.failed,
      stdout: '',
      stderr: `unknown account "${options.account}" (accounts: ${known.join(', ')})\n`,
    };
  }
  const loaded = optionalPlan(options.waves, config);
  if ('exitCode' in loaded) return loaded;
  const { plan } = loaded;
  const now = options.now ?? new Date();
  const planned = plannedDatabases(config, plan, options.account);
  const client = rdsClient(options.aws);
  const live = await collectDatabases(client).finally(() => {
    client.destroy();
  });
  // Without the instance list nothing can be said about the databases; without only the maintenance
  // list, everything else is still checked.
  const instancesRead = !live.errors.some((e) => e.action === 'rds:DescribeDBInstances');
  const { rows, findings } = instancesRead
    ? evaluateDbHealth(planned, live.databases, now)
    : { rows: [], findings: [] };
  const status = overallStatus(findings, live.errors);
  const exitCode = EXIT_CODES[status];
  if (options.json) {
    const report = { status, checkedAt: now.toISOString(), databases: rows, findings, errors: live.errors };
    return { exitCode, stdout: `${JSON.stringify(report, null, 2)}\n`, stderr: '' };
  }
  const table = renderTable(
    [
      'Database',
      'Status',
      'Version',
      'Multi-AZ',
      'Encrypted',
      'Del. prot.',
      'Backups',
      'Restorable',
      'RPO',
      'Maintenance',
    ],
    rows.map((r) => [
      r.identifier,
      r.exists ? (r.status ?? '-') : 'MISSING',
      r.engineVersion ?? '-',
      yesNo(r.multiAz),
      yesNo(r.storageEncrypted),
      yesNo(r.deletionProtection),
      r.backupRetentionDays === undefined ? '-' : `${r.backupRetentionDays}d`,
      r.latestRestorableTime === undefined ? '-' : `${formatAge(r.latestRestorableTime, now)} ago`,
      `${r.rpoMinutes}m`,
      r.pendingMaintenance.length === 0 ? '-' : r.pendingMaintenance.join(', '),
    ]),
  );
  return { exitCode, stdout: `${table}\n${renderSummary(status, findings, live.errors)}`, stderr: '' };
}
