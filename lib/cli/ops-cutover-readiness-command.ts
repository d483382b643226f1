import { Command } from 'commander';
import type { CliContext } from './context';
import { assumeRoleOption, awsOptions, opsAction, opsCommand, type OpsFlags } from './ops-options';
import { wavesOption } from './options';
import type { LandingZoneConfig } from '../config/schema';
import { ConfigValidationError } from '../config/diagnostics';
import { backupClient, withStop, type AwsOptions } from '../ops/aws';
import { collectFailedJobs, collectVault } from '../ops/backup-collect';
import {
  evaluateBackupCompliance,
  vaultKey,
  type LiveJob,
  type VaultReading,
} from '../ops/backup-compliance';
import { expectedVaults, protectedResources } from '../ops/backup-plan';
import { workloadNeeds, type WorkloadNeeds } from '../ops/cutover-plan';
import {
  siteStates,
  verdictExitCode,
  waveVerdict,
  workloadVerdict,
  type LiveCheck,
  type Verdict,
  type WorkloadVerdict,
} from '../ops/cutover-readiness';
import { readPlannedDatabases } from '../ops/db-read';
import { silentProgress, type Progress, type ScopeLabel } from '../ops/progress';
import type { Finding } from '../ops/report';
import { renderTable } from '../ops/report';
import { DEFAULT_DEADLINE_MS, withDeadline } from '../ops/run';
import { scoped, scopeOptions, type ScopedError } from '../ops/scopes';
import { readNetworkVpns } from '../ops/vpn-read';
import { plannedDevices } from '../ops/vpn-status';
import { formatDiagnostic } from '../config/diagnostics';
import { loadWavePlan, type WaveInPlan, type WavePlan } from '../waves/load';
import { isMigrating } from '../waves/resolve';
import { loadOpsConfig } from './ops-vpn-status-command';
import { failure, type CommandOutput } from './output';

export interface CutoverReadinessOptions {
  readonly config: string;
  readonly waves: string;
  readonly wave: string;
  readonly json: boolean;
  readonly aws: AwsOptions;
  /** Read each account through this role name; without it every read uses the default credentials. */
  readonly assumeRole?: string;
  readonly now?: Date;
  /** The whole run's limit in ms; what is not read by then makes the verdict NOT READ. @default 2 minutes */
  readonly deadlineMs?: number;
  readonly progress?: Progress;
}

/** How far back a failed backup or copy job still blocks a cutover. */
const FAILED_JOB_WINDOW_MS = 24 * 60 * 60 * 1000;

function awsFor(
  config: LandingZoneConfig,
  options: CutoverReadinessOptions,
  accountName: string,
  region: string,
): AwsOptions {
  const account = config.accounts.find((a) => a.name === accountName);
  return scopeOptions(options.aws, { id: account?.id ?? '' }, region, options.assumeRole);
}

/**
 * The vaults these databases' recovery points and copies live in, and the failed jobs of their
 * accounts, evaluated as backup-compliance does.
 */
async function readBackups(
  config: LandingZoneConfig,
  options: CutoverReadinessOptions,
  identifiers: ReadonlySet<string>,
  now: Date,
  plan: WavePlan | undefined,
  progress: Progress,
): Promise<LiveCheck & { errors: ScopedError[] }> {
  const resources = protectedResources(config, plan).filter((r) => identifiers.has(r.identifier));
  const accounts = new Set(resources.map((r) => r.accountName));
  const vaults = expectedVaults(config).filter(
    (v) =>
      (v.kind === 'workload' && accounts.has(v.accountName)) ||
      (v.kind !== 'workload' && resources.length > 0),
  );
  const since = new Date(now.getTime() - FAILED_JOB_WINDOW_MS);
  const live = new Map<string, VaultReading>();
  const jobs: LiveJob[] = [];
  const errors: ScopedError[] = [];
  const failedScopes = new Set<string>();
  await Promise.all(
    vaults.map(async (v) => {
      const scope = { account: v.accountName, region: v.region };
      const client = backupClient(awsFor(config, options, v.accountName, v.region));
      progress.begin(scope);
      try {
        const result = await collectVault(client, v.vaultName);
        live.set(vaultKey(v), result.vault);
        const failed = v.kind === 'workload' ? await collectFailedJobs(client, since) : undefined;
        if (failed !== undefined) jobs.push(...failed.jobs);
        const all = [...result.errors, ...(failed?.errors ?? [])];
        if (all.length > 0) failedScopes.add(v.kind === 'workload' ? v.accountName : '*');
        errors.push(...all.map((e) => scoped(scope, e)));
      } finally {
        client.destroy();
        progress.end(scope);
      }
    }),
  );
  const { findings } = evaluateBackupCompliance(vaults, resources, live, jobs, now);
  // A vault or job list that could not be read leaves the databases relying on it unchecked.
  const unread = new Set(
    resources
      .filter((r) => failedScopes.has('*') || failedScopes.has(r.accountName))
      .map((r) => r.identifier),
  );
  // A missing vault is reported once for the vault; each database that relies on it gets its own
  // reason: its own vault missing means no backups at all, a copy vault missing means no copies.
  const missing = new Set(findings.filter((f) => f.kind === 'missing-vault').map((f) => f.subject));
  const perDatabase: Finding[] = resources.flatMap((r) =>
    vaults
      .filter((v) => missing.has(vaultKey(v)))
      .filter((v) =>
        v.kind === 'workload'
          ? v.accountName === r.accountName
          : v.kind === 'central'
            ? r.centralCopy
            : r.drCopy,
      )
      .map((v) => ({
        kind: v.kind === 'workload' ? 'missing-vault' : 'missing-copy-vault',
        subject: r.identifier,
        message: `the ${v.kind} vault ${v.vaultName} (${v.accountName} ${v.region}) does not exist`,
      })),
  );
  return { findings: [...findings, ...perDatabase], unread, errors };
}

const MARK: Record<Verdict, string> = {
  go: 'GO',
  'go-with-warnings': 'GO (warnings)',
  'no-go': 'NO-GO',
  'not-read': 'NOT READ',
};
const SEVERITY: Record<'no-go' | 'warning' | 'unread', string> = {
  'no-go': 'NO-GO',
  warning: 'WARNING',
  unread: 'NOT READ',
};

function render(
  wave: WaveInPlan,
  verdict: Verdict,
  workloads: readonly WorkloadVerdict[],
  skipped: readonly string[],
  errors: readonly ScopedError[],
): string {
  const table = renderTable(
    ['Workload', 'Verdict', 'Databases', 'VPN sites', 'No-go', 'Warnings', 'Not read'],
    workloads.map((w) => [
      w.workload,
      MARK[w.verdict],
      w.databases.length === 0 ? '-' : w.databases.join('\n'),
      w.sites.length === 0 ? '-' : w.sites.map((s) => `${s.site} ${s.state}`).join('\n'),
      String(w.reasons.filter((r) => r.severity === 'no-go').length),
      String(w.reasons.filter((r) => r.severity === 'warning').length),
      String(w.reasons.filter((r) => r.severity === 'unread').length),
    ]),
  );
  const lines: string[] = [];
  for (const w of workloads) {
    for (const r of w.reasons) {
      lines.push(`${SEVERITY[r.severity]} ${w.workload} [${r.check}]: ${r.message}`);
    }
  }
  for (const id of skipped) lines.push(`SKIPPED ${id}: retired or retained, does not cut over`);
  for (const e of errors) lines.push(`FAILED ${e.message}`);
  const late = errors.filter((e) => e.kind === 'deadline').length;
  if (late > 0) {
    lines.push(
      `DEADLINE: ${late} call(s) were not answered before the run's deadline; what they would have shown is NOT READ`,
    );
  }
  lines.push(
    `${wave.wave.id} (${wave.wave.name}): ${MARK[verdict]}, ${workloads.length} workload(s), ` +
      `${workloads.filter((w) => w.verdict === 'no-go').length} no-go, ` +
      `${workloads.filter((w) => w.verdict === 'not-read').length} not read, ${errors.length} failed call(s) ` +
      `(exit ${verdictExitCode(verdict, errors.length)})`,
  );
  return `${table}\n${lines.join('\n')}\n`;
}

/** Every account and region the wave's checks read, for the progress shown while they run. */
function readScopes(
  config: LandingZoneConfig,
  databases: readonly { account: string; identifier: string }[],
  wantsVpn: boolean,
  home: string,
  plan: WavePlan | undefined,
): ScopeLabel[] {
  const scopes = new Map<string, ScopeLabel>();
  const add = (account: string, region: string): void => {
    scopes.set(`${account} ${region}`, { account, region });
  };
  if (wantsVpn) add(config.accounts.find((a) => a.role === 'network')?.name ?? 'network', home);
  for (const d of databases) add(d.account, home);
  const ids = new Set(databases.map((d) => d.identifier));
  const accounts = new Set(
    protectedResources(config, plan)
      .filter((r) => ids.has(r.identifier))
      .map((r) => r.accountName),
  );
  for (const v of expectedVaults(config)) {
    if (v.kind === 'workload' ? accounts.has(v.accountName) : accounts.size > 0) add(v.accountName, v.region);
  }
  return [...scopes.values()];
}

/** The readiness of one wave already loaded: every live check, then the verdicts. */
export async function checkWaveReadiness(
  config: LandingZoneConfig,
  wave: WaveInPlan,
  options: CutoverReadinessOptions,
  /** The whole plan, whose workloads' RDS databases the landing zone builds; configuration only without it. */
  plan?: WavePlan,
): Promise<CommandOutput> {
  const now = options.now ?? new Date();
  const home = options.aws.region ?? config.organisation.homeRegion;
  const moving = wave.workloads.filter(isMigrating);
  const skipped = wave.workloads.filter((w) => !isMigrating(w)).map((w) => w.id);
  const needs: WorkloadNeeds[] = moving.map((w) => workloadNeeds(config, wave.wave, w, plan));
  const databases = needs.flatMap((n) => n.databases);
  const wantsVpn = needs.some((n) => n.sites.length > 0);

  const progress = options.progress ?? silentProgress;
  progress.plan(readScopes(config, databases, wantsVpn, home, plan));
  const [vpn, db, backup] = await withDeadline(options.deadlineMs ?? DEFAULT_DEADLINE_MS, (deadline) => {
    const bounded = { ...options, aws: withStop(options.aws, deadline.signal) };
    return Promise.all([
      wantsVpn ? readNetworkVpns(config, bounded.aws, [home], options.assumeRole, progress) : undefined,
      readPlannedDatabases(config, databases, bounded.aws, home, options.assumeRole, now, progress),
      readBackups(config, bounded, new Set(databases.map((d) => d.identifier)), now, plan, progress),
    ]);
  });
  const devices = plannedDevices(config.organisation.shortName, config.connectivity?.sites ?? []);
  // Any failed VPN call leaves every site unread: a site's state depends on matching its devices.
  const sites = siteStates(devices, vpn === undefined || vpn.errors.length > 0 ? undefined : vpn.evaluation);
  // Pending maintenance is a warning (it could restart a database during the cutover); a database
  // whose instance or maintenance list could not be read is not read.
  const dbCheck: LiveCheck = {
    findings: [
      ...db.findings,
      ...db.rows
        .filter((r) => r.pendingMaintenance.length > 0)
        .map((r) => ({
          kind: 'pending-maintenance',
          subject: r.identifier,
          message: `pending maintenance: ${r.pendingMaintenance.join(', ')}`,
        })),
    ],
    unread: new Set([...db.unread, ...db.maintenanceUnread]),
  };
  const workloads = needs.map((n) => workloadVerdict(n, dbCheck, backup, sites));
  const errors = [...(vpn?.errors ?? []), ...db.errors, ...backup.errors];
  const verdict = waveVerdict(workloads);
  const exitCode = verdictExitCode(verdict, errors.length);
  if (options.json) {
    const report = {
      wave: wave.wave.id,
      verdict,
      checkedAt: now.toISOString(),
      workloads,
      skipped,
      errors,
    };
    return { exitCode, stdout: `${JSON.stringify(report, null, 2)}\n`, stderr: '' };
  }
  return { exitCode, stdout: render(wave, verdict, workloads, skipped, errors), stderr: '' };
}

/**
 * `lz ops cutover-readiness --wave <id>`: for every workload of the wave that moves, its RDS
 * databases healthy and backed up, the VPN sites it needs up, and its approval, test sign-off and
 * DPIA recorded. Exit 0 GO; 1 NO-GO or GO with warnings; 2 something could not be read (the verdict
 * is then NOT READ, or NO-GO if a no-go reason was found in what was read), or an unknown wave or
 * invalid plan.
 */
export async function runCutoverReadiness(options: CutoverReadinessOptions): Promise<CommandOutput> {
  const config = loadOpsConfig(options.config);
  if ('exitCode' in config) return config;
  let plan;
  try {
    plan = loadWavePlan(options.waves, config);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      return failure(
        `${error.diagnostics.map((d) => formatDiagnostic(d)).join('\n')}\n${options.waves}: the migration plan is not valid (lz waves validate)`,
      );
    }
    throw error;
  }
  const wave = plan.waves.find((w) => w.wave.id === options.wave);
  if (wave === undefined) {
    return failure(
      `unknown wave "${options.wave}" in ${options.waves} (known waves: ${plan.waves.map((w) => w.wave.id).join(', ')})`,
    );
  }
  return checkWaveReadiness(config, wave, options, plan);
}

export function cutoverReadinessCommand(ctx: CliContext): Command {
  return opsCommand(
    ctx,
    'cutover-readiness',
    'Go/no-go per workload of a wave: databases healthy and backed up, VPN sites up, approval, sign-off, DPIA (exit 0 GO, 1 NO-GO or warnings, 2 not read)',
    'home',
  )
    .requiredOption('--wave <id>', 'the wave to check, e.g. wave-05')
    .addOption(wavesOption(ctx))
    .addOption(assumeRoleOption())
    .action(
      opsAction(
        ctx,
        'cutover-readiness',
        (opts: OpsFlags & { wave: string; waves: string; assumeRole?: string }, progress) =>
          runCutoverReadiness({
            config: opts.config,
            waves: opts.waves,
            wave: opts.wave,
            json: opts.json,
            aws: awsOptions(opts),
            deadlineMs: opts.deadline,
            progress,
            ...(opts.assumeRole === undefined ? {} : { assumeRole: opts.assumeRole }),
          }),
      ),
    );
}
