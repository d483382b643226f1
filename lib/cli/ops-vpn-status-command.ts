import { Command } from 'commander';
import type { CliContext } from './context';
import { assumeRoleOption, awsOptions, opsAction, opsCommand, type OpsFlags } from './ops-options';
import { loadConfig } from '../config/load';
import { ConfigValidationError } from '../config/diagnostics';
import { withStop, type AwsOptions } from '../ops/aws';
import { silentProgress, type Progress } from '../ops/progress';
import { formatAge, overallStatus, renderSummary, renderTable, EXIT_CODES } from '../ops/report';
import { DEFAULT_DEADLINE_MS, withDeadline } from '../ops/run';
import { readNetworkVpns } from '../ops/vpn-read';
import type { CommandOutput } from './output';

export interface VpnStatusOptions {
  readonly config: string;
  readonly json: boolean;
  readonly aws: AwsOptions;
  /** Regions to read, each separately. @default - the home region in the configuration */
  readonly regions?: readonly string[];
  /** Read the network account through this role name; without it, the standard chain's credentials. */
  readonly assumeRole?: string;
  /** The clock, for tests; defaults to now. */
  readonly now?: Date;
  /** The whole run's limit in ms; what is not read by then is NOT READ (exit 2). @default 2 minutes */
  readonly deadlineMs?: number;
  readonly progress?: Progress;
}

/** Loads the configuration or explains why it cannot (exit 2: the check could not run). */
export function loadOpsConfig(file: string): ReturnType<typeof loadConfig> | CommandOutput {
  try {
    return loadConfig(file);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      return { exitCode: EXIT_CODES.failed, stdout: '', stderr: `${error.message}\n` };
    }
    throw error;
  }
}

/**
 * `lz ops vpn-status`: every configured site device's VPN connection and tunnels in the network
 * account, and the routes the Transit Gateway learned from it, compared with the configuration
 * (a prefix outside the site's lanRanges is a finding), each region read separately so one that
 * fails hides nothing else. Exit 0 healthy, 1 degraded, 2 a query failed (what could be read is still shown).
 */
export async function runVpnStatus(options: VpnStatusOptions): Promise<CommandOutput> {
  const config = loadOpsConfig(options.config);
  if ('exitCode' in config) return config;
  if (options.assumeRole !== undefined && !config.accounts.some((a) => a.role === 'network')) {
    return {
      exitCode: EXIT_CODES.failed,
      stdout: '',
      stderr: 'no account has role network in accounts: --assume-role cannot tell which account to read\n',
    };
  }
  const now = options.now ?? new Date();
  // The CDK app builds the Transit Gateway and its VPNs in the home region; --region reads others.
  const regions =
    options.regions === undefined || options.regions.length === 0
      ? [options.aws.region ?? config.organisation.homeRegion]
      : [...new Set(options.regions)];
  const progress = options.progress ?? silentProgress;
  const account = config.accounts.find((a) => a.role === 'network')?.name ?? 'network';
  progress.plan(regions.map((region) => ({ account, region })));
  const { evaluation, announced, errors } = await withDeadline(
    options.deadlineMs ?? DEFAULT_DEADLINE_MS,
    (deadline) =>
      readNetworkVpns(config, withStop(options.aws, deadline.signal), regions, options.assumeRole, progress),
  );
  const { rows, findings } = evaluation;
  const status = overallStatus(findings, errors);
  const exitCode = EXIT_CODES[status];
  if (options.json) {
    const report = {
      status,
      checkedAt: now.toISOString(),
      regions,
      tunnels: rows,
      announcedRoutes: announced,
      findings,
      errors,
    };
    return { exitCode, stdout: `${JSON.stringify(report, null, 2)}\n`, stderr: '' };
  }
  const table = renderTable(
    ['Site', 'Device', 'Region', 'VPN connection', 'Tunnel', 'State', 'Since change', 'Routes'],
    rows.map((r) => [
      r.site,
      r.device,
      r.region ?? '-',
      r.connectionId,
      r.tunnel,
      r.status,
      r.sinceChange === undefined ? '-' : formatAge(r.sinceChange, now),
      r.acceptedRoutes === undefined ? '-' : String(r.acceptedRoutes),
    ]),
  );
  return { exitCode, stdout: `${table}\n${renderSummary(status, findings, errors)}`, stderr: '' };
}

export function vpnStatusCommand(ctx: CliContext): Command {
  return opsCommand(
    ctx,
    'vpn-status',
    'Per site and tunnel: state, time since last change, BGP routes accepted; learned prefixes outside lanRanges',
    'many-home',
  )
    .addOption(assumeRoleOption('read the network account through the IAM role of this name in it'))
    .action(
      opsAction(ctx, 'vpn-status', (opts: OpsFlags & { region?: string[]; assumeRole?: string }, progress) =>
        runVpnStatus({
          config: opts.config,
          json: opts.json,
          aws: awsOptions(opts),
          deadlineMs: opts.deadline,
          progress,
          ...(opts.region === undefined ? {} : { regions: opts.region }),
          ...(opts.assumeRole === undefined ? {} : { assumeRole: opts.assumeRole }),
        }),
      ),
    );
}
