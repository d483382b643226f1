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
import { backupClient, withStop, type AwsOptions } from '../ops/aws';
import { collectFailedJobs, collectVault } from '../ops/backup-collect';
import {
  evaluateBackupCompliance,
  vaultKey,
  type LiveJob,
  type ResourceRow,
  type VaultReading,
} from '../ops/backup-compliance';
import { expectedVaults, protectedResources, type ExpectedVault } from '../ops/backup-plan';
import { silentProgress, tracked, type Progress } from '../ops/progress';
import { formatAge, overallStatus, renderSummary, renderTable, EXIT_CODES } from '../ops/report';
import { DEFAULT_DEADLINE_MS, withDeadline } from '../ops/run';
import { scoped, scopeOptions, type ScopedError } from '../ops/scopes';
import { parseSince } from '../ops/since';
import { optionalPlan } from './ops-plan';
import { loadOpsConfig } from './ops-vpn-status-command';
import type { CommandOutput } from './output';

export interface BackupComplianceOptions {
  readonly config: string;
  readonly json: boolean;
  readonly aws: AwsOptions;
  /** Accounts to read (names from `accounts`); default: every account that holds a vault. */
  readonly accounts?: readonly string[];
  /** The migration plan directory: adds every migrating workload's RDS databases. @default - configuration only */
  readonly waves?: string;
  /** Regions to read; default: every region a vault lives in (home and DR). */
  readonly regions?: readonly string[];
  /** Read each account through this role name; without it, the standard chain's credentials. */
  readonly assumeRole?: string;
  /** The failed-job window: `24h`, `7d`, or an ISO time (default 24h). */
  readonly since?: string;
  readonly now?: Date;
  /** The whole run's limit in ms; what is not read by then is NOT READ (exit 2). @default 2 minutes */
  readonly deadlineMs?: number;
  readonly progress?: Progress;
}

function failure(message: string): CommandOutput {
  return { exitCode: EXIT_CODES.failed, stdout: '', stderr: `${message}\n` };
}

/** Reads one account and region: its vaults, and for a workload account its failed jobs. */
async function readScope(
  aws: AwsOptions,
  scope: { account: string; region: string },
  vaults: readonly ExpectedVault[],
  since: Date,
): Promise<{
  readings: [string, VaultReading][];
  jobs: LiveJob[];
  jobsRead: boolean;
  errors: ScopedError[];
}> {
  const client = backupClient(aws);
  try {
    const readings: [string, VaultReading][] = [];
    const errors: ScopedError[] = [];
    const jobs: LiveJob[] = [];
    let jobsRead = true;
    const results = await Promise.all(vaults.map((v) => collectVault(client, v.vaultName)));
    vaults.forEach((v, i) => {
      const result = results[i];
      readings.push([vaultKey(v), result?.vault]);
      for (const e of result?.errors ?? []) errors.push(scoped(scope, e));
    });
    // Backup and copy jobs run in the account that owns the resource.
    if (vaults.some((v) => v.kind === 'workload')) {
      const failed = await collectFailedJobs(client, since);
      jobs.push(...failed.jobs);
      jobsRead = failed.errors.length === 0;
      for (const e of failed.errors) errors.push(scoped(scope, e));
    }
    return { readings, jobs, jobsRead, errors };
  } finally {
    client.destroy();
  }
}

function age(value: Date | 'continuous' | undefined, now: Date): string {
  if (value === undefined) return '-';
  return value === 'continuous' ? 'continuous' : `${formatAge(value, now)} ago`;
}

/**
 * `lz ops backup-compliance`: every vault the configuration defines (exists, lock), every planned
 * database's newest recovery point against its RPO, its copies in the backup account and DR-region
 * vaults, and failed, expired or aborted jobs in the window. Accounts and regions are read
 * separately, so one that fails is reported without hiding the others.
 */
export async function runBackupCompliance(options: BackupComplianceOptions): Promise<CommandOutput> {
  const config = loadOpsConfig(options.config);
  if ('exitCode' in config) return config;
  const loaded = optionalPlan(options.waves, config);
  if ('exitCode' in loaded) return loaded;
  const now = options.now ?? new Date();
  const since = parseSince(options.since ?? '24h', now);
  if ('error' in since) return failure(since.error);

  const allVaults = expectedVaults(config);
  if (allVaults.length === 0) {
    return failure('the configuration defines no backup vaults (no dataProtection or no backup account)');
  }
  const known = [...new Set(allVaults.map((v) => v.accountName))];
  const unknown = (options.accounts ?? []).filter((a) => !known.includes(a));
  if (unknown.length > 0) {
    return failure(
      `--account ${unknown.map((a) => `"${a}"`).join(', ')}: no vault lives there (accounts with vaults: ${known.join(', ')})`,
    );
  }
  const accounts = options.accounts ?? known;
  if (options.assumeRole === undefined && accounts.length > 1) {
    return failure(
      `${accounts.length} accounts hold vaults (${accounts.join(', ')}) but the default credentials reach one: ` +
        'name it with --account <name>, or read them all with --assume-role <role-name>',
    );
  }
  const vaults = allVaults.filter(
    (v) =>
      accounts.includes(v.accountName) &&
      (options.regions === undefined || options.regions.includes(v.region)),
  );
  if (vaults.length === 0) return failure('no configured vault is in the selected accounts and regions');

  const scopes = new Map<string, { account: string; region: string; vaults: ExpectedVault[] }>();
  for (const v of vaults) {
    const key = `${v.accountName}/${v.region}`;
    const scope = scopes.get(key) ?? { account: v.accountName, region: v.region, vaults: [] };
    scope.vaults.push(v);
    scopes.set(key, scope);
  }
  const progress = options.progress ?? silentProgress;
  progress.plan([...scopes.values()]);
  const results = await withDeadline(options.deadlineMs ?? DEFAULT_DEADLINE_MS, (deadline) =>
    Promise.all(
      [...scopes.values()].map((s) => {
        const account = config.accounts.find((a) => a.name === s.account);
        const base = withStop(options.aws, deadline.signal);
        const aws = scopeOptions(base, { id: account?.id ?? '' }, s.region, options.assumeRole);
        return tracked(progress, s, () => readScope(aws, s, s.vaults, since));
      }),
    ),
  );
  const scopeList = [...scopes.values()];
  const jobsUnread = new Set(
    scopeList.filter((_, i) => results[i]?.jobsRead === false).map((s) => s.account),
  );
  const live = new Map(results.flatMap((r) => r.readings));
  // Job IDs are unique; the same job seen twice (two reads of one account) is reported once.
  const jobs = [...new Map(results.flatMap((r) => r.jobs).map((j) => [`${j.kind}:${j.id}`, j])).values()];
  const errors = results.flatMap((r) => r.errors);
  // Only the selected vaults are evaluated; resources of accounts not read get no vault findings.
  const {
    vaults: vaultRows,
    resources,
    findings,
  } = evaluateBackupCompliance(
    vaults,
    protectedResources(config, loaded.plan).filter(
      (r) => accounts.includes(r.accountName) || vaults.some((v) => v.kind !== 'workload'),
    ),
    live,
    jobs,
    now,
    jobsUnread,
  );
  const status = overallStatus(findings, errors);
  const exitCode = EXIT_CODES[status];
  if (options.json) {
    const report = {
      status,
      checkedAt: now.toISOString(),
      jobsSince: since.toISOString(),
      vaults: vaultRows,
      resources,
      findings,
      errors,
    };
    return { exitCode, stdout: `${JSON.stringify(report, null, 2)}\n`, stderr: '' };
  }
  const vaultTable = renderTable(
    ['Vault', 'Kind', 'Account', 'Region', 'Exists', 'Lock', 'Retention', 'Points'],
    vaultRows.map((v) => [
      v.vault,
      v.kind,
      v.account,
      v.region,
      v.exists === undefined ? 'NOT READ' : v.exists ? 'yes' : 'MISSING',
      v.lockMode === undefined
        ? '-'
        : v.lockMode === 'compliance' && v.lockDate !== undefined && v.lockDate > now
          ? `compliance (changeable until ${v.lockDate.toISOString().slice(0, 10)})`
          : v.lockMode,
      v.minRetentionDays === undefined ? '-' : `${v.minRetentionDays}-${v.maxRetentionDays ?? '?'}d`,
      v.recoveryPoints !== undefined ? String(v.recoveryPoints) : v.exists === true ? 'NOT READ' : '-',
    ]),
  );
  const resourceTable = renderTable(
    [
      'Database',
      'Account',
      'Tier',
      'Newest point',
      'RPO',
      'Backup-account copy',
      'DR-region copy',
      'Failed jobs',
    ],
    resources.map((r) => {
      const shown = (column: ResourceRow['unread'][number], text: string): string =>
        r.unread.includes(column) ? 'NOT READ' : text;
      return [
        r.identifier,
        r.account,
        r.tier,
        shown('newest', age(r.newest, now)),
        `${r.rpoMinutes}m`,
        shown('centralCopy', age(r.centralCopy, now)),
        shown('drCopy', age(r.drCopy, now)),
        shown('failedJobs', String(r.failedJobs)),
      ];
    }),
  );
  return {
    exitCode,
    stdout: `${vaultTable}\n${resourceTable}\n${renderSummary(status, findings, errors)}`,
    stderr: '',
  };
}

export function backupComplianceCommand(ctx: CliContext): Command {
  return opsCommand(
    ctx,
    'backup-compliance',
    'Vaults and their locks, each planned database: newest recovery point vs RPO, copies, failed jobs',
    'many',
  )
    .addOption(accountOption('only this account (repeatable; default: every account with a vault)'))
    .addOption(assumeRoleOption())
    .option('--since <window>', 'failed-job window: 90m, 24h, 7d or an ISO time', '24h')
    .addOption(
      opsWavesOption(
        "the migration plan: also check every migrating workload's RDS databases (without it, only dataProtection.databases)",
      ),
    )
    .action(
      opsAction(
        ctx,
        'backup-compliance',
        (
          opts: OpsFlags & {
            account?: string[];
            assumeRole?: string;
            since: string;
            region?: string[];
            waves?: string;
          },
          progress,
        ) =>
          runBackupCompliance({
            config: opts.config,
            json: opts.json,
            aws: awsOptions(opts),
            deadlineMs: opts.deadline,
            progress,
            since: opts.since,
            ...(opts.account === undefined ? {} : { accounts: opts.account }),
            ...(opts.region === undefined ? {} : { regions: opts.region }),
            ...(opts.assumeRole === undefined ? {} : { assumeRole: opts.assumeRole }),
            ...(opts.waves === undefined ? {} : { waves: opts.waves }),
          }),
      ),
    );
}
