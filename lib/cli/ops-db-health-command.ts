import { Command } from 'commander';
import type { CliContext } from './context';
import {
  accountOption,
  assumeRoleOption,
  awsOptions,
  opsAction,
  opsCommand,
  opsWavesOption,
  type OpsFlags,
} from './ops-options';
import { withStop, type AwsOptions } from '../ops/aws';
import { silentProgress, type Progress } from '../ops/progress';
import { DEFAULT_DEADLINE_MS, withDeadline } from '../ops/run';
import { plannedDatabases } from '../ops/db-health';
import { committedEndOfSupport } from '../lifecycle/load';
import { readPlannedDatabases } from '../ops/db-read';
import { formatAge, overallStatus, renderSummary, renderTable, EXIT_CODES } from '../ops/report';
import { optionalPlan } from './ops-plan';
import { loadOpsConfig } from './ops-vpn-status-command';
import type { CommandOutput } from './output';

export interface DbHealthOptions {
  readonly config: string;
  readonly json: boolean;
  readonly aws: AwsOptions;
  /** Only the databases planned for these accounts (names in `accounts`); every account holding one when absent. */
  readonly accounts?: readonly string[];
  /** Read each account through this role name; without it, the standard chain's credentials. */
  readonly assumeRole?: string;
  /** The migration plan directory: adds every migrating workload's RDS databases. @default - configuration only */
  readonly waves?: string;
  /** The clock, for tests; defaults to now. */
  readonly now?: Date;
  /** The whole run's limit in ms; what is not read by then is NOT READ (exit 2). @default 2 minutes */
  readonly deadlineMs?: number;
  readonly progress?: Progress;
}

function failure(message: string): CommandOutput {
  return { exitCode: EXIT_CODES.failed, stdout: '', stderr: `${message}\n` };
}

function yesNo(value: boolean | undefined): string {
  return value === undefined ? '-' : value ? 'yes' : 'NO';
}

/**
 * `lz ops db-health`: each planned database as RDS reports it, against its plan and RPO, each
 * account read separately so one that fails leaves only its own databases unread.
 * Exit 0 healthy, 1 degraded, 2 a query failed (what could be read is still shown).
 */
export async function runDbHealth(options: DbHealthOptions): Promise<CommandOutput> {
  const config = loadOpsConfig(options.config);
  if ('exitCode' in config) return config;
  const known = config.accounts.map((a) => a.name);
  const unknown = (options.accounts ?? []).filter((a) => !known.includes(a));
  if (unknown.length > 0) {
    return failure(
      `unknown account ${unknown.map((a) => `"${a}"`).join(', ')} (accounts: ${known.join(', ')})`,
    );
  }
  const loaded = optionalPlan(options.waves, config);
  if ('exitCode' in loaded) return loaded;
  const now = options.now ?? new Date();
  const all = plannedDatabases(config, loaded.plan);
  const holding = [...new Set(all.map((d) => d.account))];
  const empty = (options.accounts ?? []).filter((a) => !holding.includes(a));
  if (empty.length > 0) {
    return failure(
      `--account ${empty.map((a) => `"${a}"`).join(', ')}: no planned database there ` +
        `(accounts with planned databases: ${holding.join(', ') || 'none'}` +
        `${options.waves === undefined ? "; --waves adds the migration plan's" : ''})`,
    );
  }
  const accounts = options.accounts === undefined ? holding : [...new Set(options.accounts)];
  // The default credentials reach one account: reading another account's databases with them would
  // report every one of its databases as missing.
  if (options.assumeRole === undefined && accounts.length > 1) {
    return failure(
      `${accounts.length} accounts hold planned databases (${accounts.join(', ')}) but the default credentials reach one: ` +
        'name it with --account <name>, or read them all with --assume-role <role-name>',
    );
  }
  const planned = all.filter((d) => accounts.includes(d.account));
  // Every planned database is built in the home region.
  const region = options.aws.region ?? config.organisation.homeRegion;
  const progress = options.progress ?? silentProgress;
  progress.plan(accounts.map((account) => ({ account, region })));
  const { rows, findings, errors } = await withDeadline(
    options.deadlineMs ?? DEFAULT_DEADLINE_MS,
    (deadline) =>
      readPlannedDatabases(
        config,
        planned,
        withStop(options.aws, deadline.signal),
        region,
        options.assumeRole,
        now,
        progress,
        // The same table and horizon as the plan's support-dates rule, so the two never disagree.
        {
          table: committedEndOfSupport(),
          warnWithinMonths: loaded.plan?.programme.supportDates.warnWithinMonths ?? 12,
        },
      ),
  );
  const status = overallStatus(findings, errors);
  const exitCode = EXIT_CODES[status];
  if (options.json) {
    const report = { status, checkedAt: now.toISOString(), databases: rows, findings, errors };
    return { exitCode, stdout: `${JSON.stringify(report, null, 2)}\n`, stderr: '' };
  }
  const table = renderTable(
    [
      'Database',
      'Account',
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
      r.account,
      r.exists === undefined ? 'NOT READ' : r.exists ? (r.status ?? '-') : 'MISSING',
      r.engineVersion ?? '-',
      yesNo(r.multiAz),
      yesNo(r.storageEncrypted),
      yesNo(r.deletionProtection),
      r.backupRetentionDays === undefined ? '-' : `${r.backupRetentionDays}d`,
      r.latestRestorableTime === undefined ? '-' : `${formatAge(r.latestRestorableTime, now)} ago`,
      `${r.rpoMinutes}m`,
      !r.maintenanceRead
        ? 'NOT READ'
        : r.pendingMaintenance.length === 0
          ? '-'
          : r.pendingMaintenance.join(', '),
    ]),
  );
  return { exitCode, stdout: `${table}\n${renderSummary(status, findings, errors)}`, stderr: '' };
}

export function dbHealthCommand(ctx: CliContext): Command {
  return opsCommand(
    ctx,
    'db-health',
    'Per planned database: exists, status, version, Multi-AZ, encryption, deletion protection, backups, RPO, maintenance',
    'home',
  )
    .addOption(
      accountOption(
        'only the databases planned for this account (repeatable; default: every account holding one)',
      ),
    )
    .addOption(assumeRoleOption())
    .addOption(
      opsWavesOption(
        "the migration plan: also check every migrating workload's RDS databases (without it, only dataProtection.databases)",
      ),
    )
    .action(
      opsAction(
        ctx,
        'db-health',
        (opts: OpsFlags & { account?: string[]; assumeRole?: string; waves?: string }, progress) =>
          runDbHealth({
            config: opts.config,
            json: opts.json,
            aws: awsOptions(opts),
            deadlineMs: opts.deadline,
            progress,
            ...(opts.account === undefined ? {} : { accounts: opts.account }),
            ...(opts.assumeRole === undefined ? {} : { assumeRole: opts.assumeRole }),
            ...(opts.waves === undefined ? {} : { waves: opts.waves }),
          }),
      ),
    );
}
