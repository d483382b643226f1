import type { Command } from 'commander';
import { Option } from 'commander';
import { join } from 'node:path';
import { openAssembly } from '../assembly/open';
import { loadConfig } from '../config/load';
import type { LandingZoneConfig } from '../config/schema';
import { loadPriceBook } from '../cost/price-table';
import { monitoredEstate } from '../monitoring/monitored-estate';
import { withStop, type AwsOptions } from '../ops/aws';
import { silentProgress, type Progress, type ScopeLabel } from '../ops/progress';
import { DEFAULT_DEADLINE_MS, withDeadline } from '../ops/run';
import { scopeOptions } from '../ops/scopes';
import { awsEstateSource } from '../ops/service-report/aws-source';
import { collectServiceReport } from '../ops/service-report/collect';
import type { Exchange, WorkloadCostEstimate } from '../ops/service-report/cost';
import { reportExitCode } from '../ops/service-report/model';
import { monthPeriods, rangePeriods, type ReportPeriods } from '../ops/service-report/period';
import { renderServiceReportMarkdown } from '../ops/service-report/render-markdown';
import type { EstateSource, Read } from '../ops/service-report/source';
import { writeServiceReport } from '../ops/service-report/write';
import { loadWavePlan } from '../waves/load';
import type { MigrationPlan } from '../waves/migration-plan';
import type { CliContext } from './context';
import { buildCostReport } from './cost-command';
import { assumeRoleOption, awsOptions, opsAction, opsCommand, type OpsFlags } from './ops-options';
import { allowStaleOption, assemblyOption, parseCalendarDate, pricesOption, wavesOption } from './options';
import { failure, type CommandOutput } from './output';

export interface ServiceReportOptions {
  readonly config: string;
  readonly waves: string;
  /** YYYY-MM; or from and to. */
  readonly month?: string;
  readonly from?: string;
  readonly to?: string;
  /** The synthesised assembly and the price table the cost estimate comes from. */
  readonly assembly: string;
  readonly prices: string;
  readonly allowStale?: boolean;
  /** Where the files go. @default reports/service-report/<period> */
  readonly out?: string;
  readonly json: boolean;
  readonly aws: AwsOptions;
  readonly assumeRole?: string;
  /** The account (by name) whose Cost Explorer is read through the role. @default - the caller's credentials */
  readonly costAccount?: string;
  /**
   * Tests and the fixture run give their own source; otherwise the AWS SDK, every call of which
   * ends by the deadline.
   */
  readonly source?: EstateSource;
  readonly now?: Date;
  /** The whole run's limit in ms; what is not read by then is NOT READ (exit 2). @default 2 minutes */
  readonly deadlineMs?: number;
  readonly progress?: Progress;
}

function periodsOf(options: ServiceReportOptions, timeZone: string): ReportPeriods | { error: string } {
  if (options.month !== undefined) {
    if (options.from !== undefined || options.to !== undefined) {
      return { error: 'give either --month or --from and --to, not both' };
    }
    return monthPeriods(options.month, timeZone);
  }
  if (options.from === undefined || options.to === undefined) {
    return { error: 'give the period: --month YYYY-MM, or --from YYYY-MM-DD and --to YYYY-MM-DD' };
  }
  return rangePeriods(options.from, options.to, timeZone);
}

/**
 * The cost estimate per workload, from the project's cost model through its one entry point
 * (`buildCostReport`, what `lz cost` prints). The cost model is to be rewritten; this function is
 * the whole of the service report's dependency on it.
 */
function costEstimate(
  options: ServiceReportOptions,
  asOf: string,
): { estimate: Read<WorkloadCostEstimate>; exchange: Read<Exchange> } {
  const exchangeFromTable = (): Read<Exchange> => {
    // The exchange rate is one for every region's table; any table of the book carries it.
    const table = [...(loadPriceBook(options.prices).tables?.values() ?? [])][0];
    return table
      ? {
          ok: true,
          value: {
            gbpPerUsd: table.exchangeRate.gbpPerUsd,
            source: `${table.exchangeRate.source}, ${table.exchangeRate.date}`,
          },
        }
      : {
          ok: false,
          failure: { action: 'price table', message: `${options.prices} holds no valid price table` },
        };
  };
  try {
    const assembly = openAssembly(options.assembly, {
      config: options.config,
      waves: options.waves,
      allowStale: options.allowStale === true,
    });
    const built = buildCostReport({
      assembly,
      waves: options.waves,
      config: options.config,
      prices: options.prices,
      asOf,
    });
    if ('error' in built) {
      return {
        estimate: { ok: false, failure: { action: 'lz cost', message: built.error.trim() } },
        exchange: exchangeFromTable(),
      };
    }
    const { estimate } = built.report;
    const rate = estimate.exchangeRate.gbpPerUsd;
    const byWorkload = new Map<string, number>();
    let shared = 0;
    for (const line of estimate.lines) {
      if (line.workload === undefined) shared += line.monthlyUsd * rate;
      else byWorkload.set(line.workload, (byWorkload.get(line.workload) ?? 0) + line.monthlyUsd * rate);
    }
    return {
      estimate: { ok: true, value: { byWorkload, sharedMonthlyGbp: shared } },
      exchange: {
        ok: true,
        value: { gbpPerUsd: rate, source: `${estimate.exchangeRate.source}, ${estimate.exchangeRate.date}` },
      },
    };
  } catch (error) {
    return {
      estimate: {
        ok: false,
        failure: {
          action: 'lz cost',
          message: `the cost estimate needs a current assembly: ${error instanceof Error ? error.message : String(error)}`,
        },
      },
      exchange: exchangeFromTable(),
    };
  }
}

/** Checks what the SDK source needs before anything is read. */
function sourceProblem(
  options: ServiceReportOptions,
  config: LandingZoneConfig,
  accounts: readonly string[],
): string | undefined {
  // The default credentials reach one account: reading the others with them would report their
  // services as down and their backups as missing.
  if (options.assumeRole === undefined && accounts.length > 1) {
    return (
      `the report reads ${accounts.length} accounts (${accounts.join(', ')}) but the default credentials reach one: ` +
      'read them all with --assume-role <role-name>'
    );
  }
  if (options.costAccount !== undefined && !config.accounts.some((a) => a.name === options.costAccount)) {
    return `--cost-account ${options.costAccount}: no such account in the configuration (accounts: ${config.accounts.map((a) => a.name).join(', ')})`;
  }
  return undefined;
}

/**
 * The SDK source: each account in the home region through the role, Cost Explorer through the role
 * in --cost-account (or the caller's credentials), every call stopped by `aws.stop` (the deadline).
 */
function defaultSource(
  options: ServiceReportOptions,
  config: LandingZoneConfig,
  aws: AwsOptions,
): EstateSource {
  const region = config.organisation.homeRegion;
  const costAccount = config.accounts.find((a) => a.name === options.costAccount);
  return awsEstateSource(
    (account) => scopeOptions(aws, account, region, options.assumeRole),
    costAccount === undefined ? aws : scopeOptions(aws, costAccount, 'us-east-1', options.assumeRole),
    costAccount?.name,
  );
}

/**
 * `lz ops service-report`: the month's (or any period's) service against the plan, read from the
 * live AWS APIs, written as HTML, Markdown, JSON and CSV. Exit 0 every target met, 1 a target missed,
 * 2 anything not read (shown NOT READ, never as 0 or met) or invalid input.
 */
export async function runServiceReport(options: ServiceReportOptions): Promise<CommandOutput> {
  const config = loadConfig(options.config);
  let plan: MigrationPlan;
  try {
    plan = loadWavePlan(options.waves, config);
  } catch (error) {
    return failure(
      `cannot read the migration plan ${options.waves}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const now = options.now ?? new Date();
  const periods = periodsOf(options, plan.programme.programme.timeZone);
  if ('error' in periods) return failure(periods.error);
  if (periods.current.end.getTime() > now.getTime()) {
    return failure(
      `the period ${periods.current.label} has not ended yet: report on it from ${periods.current.end.toISOString()}`,
    );
  }
  const estate = monitoredEstate(config, plan);
  const accounts = estate.alertAccounts.map((a) => a.name);
  if (options.source === undefined) {
    const problem = sourceProblem(options, config, accounts);
    if (problem !== undefined) return failure(problem);
  }

  // The estimate is local (the assembly and the price table): read before the clock starts.
  const { estimate, exchange } = costEstimate(options, now.toISOString().slice(0, 10));
  const costScope: ScopeLabel = { account: options.costAccount ?? 'caller', region: 'us-east-1' };
  const report = await withDeadline(options.deadlineMs ?? DEFAULT_DEADLINE_MS, (deadline) =>
    collectServiceReport({
      estate,
      periods,
      now,
      source: options.source ?? defaultSource(options, config, withStop(options.aws, deadline.signal)),
      estimate,
      exchange,
      tierRetentionDays: Object.fromEntries(
        (config.dataProtection?.tiers ?? []).map((t) => [t.name, t.retentionDays]),
      ),
      vpnLoadAlarmPercent: config.monitoring?.vpnLoadAlarmPercent ?? 80,
      progress: options.progress ?? silentProgress,
      costScope,
    }),
  );
  // What was read is written even when the deadline passed: the rest is NOT READ in every file.
  const out = options.out ?? join('reports', 'service-report', periods.current.label.replace(/ /g, '_'));
  const written = writeServiceReport(report, out);
  const exitCode = reportExitCode(report);
  if (options.json) {
    return { exitCode, stdout: `${JSON.stringify(report, null, 2)}\n`, stderr: '' };
  }
  const markdown = renderServiceReportMarkdown(report);
  const summary = markdown.slice(0, markdown.indexOf('\n## Availability'));
  return {
    exitCode,
    stdout: `${summary}\nWrote ${written.length} files to ${out}: ${written.map((w) => w.slice(out.length + 1)).join(', ')}\n`,
    stderr: '',
  };
}

export function serviceReportCommand(ctx: CliContext): Command {
  return opsCommand(
    ctx,
    'service-report',
    'The service over a month (or any period): availability, incidents, backups and RPO, network load per site, database headroom and cost, against the plan; HTML, Markdown, JSON and CSV',
    'home',
  )
    .option('--month <YYYY-MM>', 'the calendar month to report on (the council time zone)')
    .addOption(new Option('--from <date>', 'first day of a period, YYYY-MM-DD').argParser(parseCalendarDate))
    .addOption(
      new Option('--to <date>', 'last day of a period, YYYY-MM-DD (inclusive)').argParser(parseCalendarDate),
    )
    .addOption(wavesOption(ctx))
    .addOption(assemblyOption('synthesised cloud assembly the cost estimate is made from'))
    .addOption(pricesOption())
    .addOption(allowStaleOption())
    .option('--out <dir>', 'where to write the report (default reports/service-report/<period>)')
    .addOption(assumeRoleOption())
    .option(
      '--cost-account <name>',
      "read Cost Explorer through the role in this account (default: the caller's credentials)",
    )
    .action(
      opsAction(
        ctx,
        'service-report',
        (
          opts: OpsFlags & {
            month?: string;
            from?: string;
            to?: string;
            waves: string;
            assembly: string;
            prices: string;
            allowStale: boolean;
            out?: string;
            assumeRole?: string;
            costAccount?: string;
          },
          progress,
        ) =>
          runServiceReport({
            config: opts.config,
            waves: opts.waves,
            assembly: opts.assembly,
            prices: opts.prices,
            allowStale: opts.allowStale,
            json: opts.json,
            aws: awsOptions(opts),
            deadlineMs: opts.deadline,
            progress,
            ...(opts.month === undefined ? {} : { month: opts.month }),
            ...(opts.from === undefined ? {} : { from: opts.from }),
            ...(opts.to === undefined ? {} : { to: opts.to }),
            ...(opts.out === undefined ? {} : { out: opts.out }),
            ...(opts.assumeRole === undefined ? {} : { assumeRole: opts.assumeRole }),
            ...(opts.costAccount === undefined ? {} : { costAccount: opts.costAccount }),
          }),
      ),
    );
}
