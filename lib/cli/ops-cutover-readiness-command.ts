import { Command } from 'commander';
import { action } from './action';
import type { CliContext } from './context';
import { assumeRoleOption, awsOptions, opsCommand, type OpsFlags } from './ops-options';
import { wavesOption } from './options';
import type { LandingZoneConfig } from '../config/schema';
import { ConfigValidationError } from '../config/diagnostics';
import { backupClient, type AwsOptions } from '../ops/aws';
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
  VERDICT_EXIT_CODES,
  waveVerdict,
  workloadVerdict,
  type LiveCheck,
  type Verdict,
  type WorkloadVerdict,
} from '../ops/cutover-readiness';
import { readPlannedDatabases } from '../ops/db-read';
import type { Finding } from '../ops/report';
import { renderTable } from '../ops/report';
import { scoped, scopeOptions, type ScopedError } from '../ops/scopes';
import { readNetworkVpns } from '../ops/vpn-read';
import { plannedDevices } from '../ops/vpn-status';
import { formatDiagnostic } from '../config/diagnostics';
import { loadWavePlan, type WaveInPlan, type WavePlan } from '../waves/load';
import { isMigrating } from '../waves/resolve';
import { loadOpsConfig } from './ops-vpn-status-command';
import type { CommandOutput } from './output';

export interface CutoverReadinessOptions {
  readonly config: string;
  readonly waves: string;
  readonly wave: string;
  readonly json: boolean;
  readonly aws: AwsOptions;
  /** Read each account through this role name; without it every read uses the default credentials. */
  readonly assumeRole?: string;
  readonly now?: Date;
}

/** How far back a failed backup or copy job still blocks a cutover. */
const FAILED_JOB_WINDOW_MS = 24 * 60 * 60 * 1000;

function noGo(message: string): CommandOutput {
  return { exitCode: VERDICT_EXIT_CODES['no-go'], stdout: '', stderr: `${message}\n` };
}

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

const MARK: Record<Verdict, string> = { go: 'GO', 'go-with-warnings': 'GO (warnings)', 'no-go': 'NO-GO' };

function render(
  wave: WaveInPlan,
  verdict: Verdict,
  workloads: readonly WorkloadVerdict[],
  skipped: readonly string[],
  errors: readonly ScopedError[],
): string {
  const table = renderTable(
    ['Workload', 'Verdict', 'Databases', 'VPN sites', 'No-go', 'Warnings'],
    workloads.map((w) => [
      w.workload,
      MARK[w.verdict],
      w.databases.length === 0 ? '-' : w.databases.join('\n'),
      w.sites.length === 0 ? '-' : w.sites.map((s) => `${s.site} ${s.state}`).join('\n'),
      String(w.reasons.filter((r) => r.severity === 'no-go').length),
      String(w.reasons.filter((r) => r.severity === 'warning').length),
    ]),
  );
  const lines: string[] = [];
  for (const w of workloads) {
    for (const r of w.reasons) {
      lines.push(`${r.severity === 'no-go' ? 'NO-GO' : 'WARNING'} ${w.workload} [${r.check}]: ${r.message}`);
    }
  }
  for (const id of skipped) lines.push(`SKIPPED ${id}: retired or retained, does not cut over`);
  for (const e of errors) lines.push(`FAILED ${e.message}`);
  lines.push(
    `${wave.wave.id} (${wave.wave.name}): ${MARK[verdict]}, ${workloads.length} workload(s), ` +
      `${workloads.filter((w) => w.verdict === 'no-go').length} no-go, ${errors.length} failed call(s) ` +
      `(exit ${VERDICT_EXIT_CODES[verdict]})`,
  );
  return `${table}\n${lines.join('\n')}\n`;
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

  const [vpn, db, backup] = await Promise.all([
    wantsVpn ? readNetworkVpns(config, options.aws, [home], options.assumeRole) : undefined,
    readPlannedDatabases(config, databases, options.aws, home, options.assumeRole, now),
    readBackups(config, options, new Set(databases.map((d) => d.identifier)), now, plan),
  ]);
  const devices = plannedDevices(config.organisation.shortName, config.connectivity?.sites ?? []);
  // Only the home region is read, so its connections are either all read or not at all.
  const sites = siteStates(
    devices,
    vpn === undefined || vpn.unreadRegions.length > 0 ? undefined : vpn.evaluation,
  );
  const workloads = needs.map((n) => workloadVerdict(n, db, backup, sites));
  const errors = [...(vpn?.errors ?? []), ...db.errors, ...backup.errors];
  const verdict = waveVerdict(workloads);
  const exitCode = VERDICT_EXIT_CODES[verdict];
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
 * DPIA recorded. Exit 0 go, 1 go with warnings, 2 no-go (an unknown wave or unreadable plan too).
 */
export async function runCutoverReadiness(options: CutoverReadinessOptions): Promise<CommandOutput> {
  const config = loadOpsConfig(options.config);
  if ('exitCode' in config) return config;
  let plan;
  try {
    plan = loadWavePlan(options.waves, config);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      return noGo(
        `${error.diagnostics.map((d) => formatDiagnostic(d)).join('\n')}\n${options.waves}: the migration plan is not valid (lz waves validate)`,
      );
    }
    throw error;
  }
  const wave = plan.waves.find((w) => w.wave.id === options.wave);
  if (wave === undefined) {
    return noGo(
      `unknown wave "${options.wave}" in ${options.waves} (known waves: ${plan.waves.map((w) => w.wave.id).join(', ')})`,
    );
  }
  return checkWaveReadiness(config, wave, options, plan);
}

export function cutoverReadinessCommand(ctx: CliContext): Command {
  return opsCommand(
    ctx,
    'cutover-readiness',
    'Go/no-go per workload of a wave: databases healthy and backed up, VPN sites up, approval, sign-off, DPIA (exit 0 go, 1 warnings, 2 no-go)',
    'home',
  )
    .requiredOption('--wave <id>', 'the wave to check, e.g. wave-05')
    .addOption(wavesOption(ctx))
    .addOption(assumeRoleOption())
    .action(
      action(ctx, (opts: OpsFlags & { wave: string; waves: string; assumeRole?: string }) =>
        runCutoverReadiness({
          config: opts.config,
          waves: opts.waves,
          wave: opts.wave,
          json: opts.json,
          aws: awsOptions(opts),
          ...(opts.assumeRole === undefined ? {} : { assumeRole: opts.assumeRole }),
        }),
      ),
    );
}
