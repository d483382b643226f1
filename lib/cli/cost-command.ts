import { Command, Option } from 'commander';
import { ConfigValidationError, formatDiagnostic } from '../config/diagnostics';
import { action } from './action';
import type { CliContext } from './context';
import {
  allowStaleOption,
  assemblyOption,
  asOfOption,
  configOption,
  jsonOption,
  markdownOption,
  pricesOption,
  usageAssumptionsOption,
  wavesOption,
} from './options';
import { loadConfig } from '../config/load';
import type { LandingZoneConfig } from '../config/schema';
import { costStacks } from '../cost/assembly';
import { openAssembly, staleNotice, type OpenedAssembly } from '../assembly/open';
import { estimateCost, type CostStack } from '../cost/estimate';
import { formatCostMarkdown, formatCostText, type CostReport } from '../figures/format';
import { loadPriceBook } from '../cost/price-table';
import { migratingServers } from '../cost/servers';
import { defaultAssumptions, validateUsageAssumptionsFile } from '../cost/usage-assumptions';
import { buildFigures } from '../figures/model';
import { loadWavePlan } from '../waves/load';
import { EXIT, failure, type CommandOutput } from './output';
import { existsSync } from 'node:fs';

export interface CostInputs {
  readonly assembly: OpenedAssembly;
  readonly waves: string;
  readonly config: string;
  /** A price table, or the directory of one `<region>.yaml` per region. */
  readonly prices: string;
  /** The usage assumptions file; a missing file means every documented default. */
  readonly usage?: string;
  readonly asOf: string;
}

export interface CostOptions extends Omit<CostInputs, 'assembly'> {
  readonly assembly: string;
  readonly json: boolean;
  readonly markdown: boolean;
  readonly detail?: boolean;
  readonly allowStale?: boolean;
}

/**
 * `lz cost`: the monthly cost of the synthesised assembly and the before-and-after of the plan,
 * all from the one figures model (lib/figures). Exit 0 when every deployed charge is priced, 1 when
 * anything is not priced (the total is then a lower bound), 2 when an input cannot be read.
 */
export function runCost(options: CostOptions): CommandOutput {
  const assembly = openAssembly(options.assembly, {
    config: options.config,
    waves: options.waves,
    allowStale: options.allowStale === true,
  });
  const built = buildCostReport({ ...options, assembly });
  if ('error' in built) {
    return failure(built.error);
  }
  const report = built.report;
  const detail = options.detail === true;
  const stdout = options.json
    ? `${JSON.stringify({ ...jsonReport(report), stale: assembly.stale }, null, 2)}\n`
    : `${staleNotice(assembly)}${options.markdown ? formatCostMarkdown(report, detail) : formatCostText(report, detail)}`;
  return {
    exitCode: report.estimate.incomplete ? EXIT.findings : EXIT.ok,
    stdout,
    stderr: report.estimate.incomplete
      ? `INCOMPLETE: ${report.estimate.notPriced.length} deployed charge(s) not priced; the total is a lower bound (lz cost --detail lists them)\n`
      : '',
  };
}

/** The JSON of a report: the figures without the estimate repeated inside them. */
function jsonReport(report: CostReport): Record<string, unknown> {
  const { estimate, ...figures } = report.figures;
  return { asOf: report.asOf, estimate, figures };
}

/** Copies each backup tier keeps of a protected resource. */
export function backupCopiesOf(
  config: LandingZoneConfig,
): ReadonlyMap<string, { readonly copies: number; readonly drRegion: boolean }> {
  return new Map(
    (config.dataProtection?.tiers ?? []).map((t) => [
      t.name,
      {
        // The local recovery point, the backup account's copy (every tier has one), the DR region's.
        copies: 2 + (t.copyToDrRegion ? 1 : 0),
        drRegion: t.copyToDrRegion !== undefined,
      },
    ]),
  );
}

/** The cost report of an assembly and the plan (shared by `lz cost`, `lz review` and `lz waves report`), or why it cannot be built. */
export function buildCostReport(options: CostInputs): { report: CostReport } | { error: string } {
  const fail = (error: string) => ({ error });
  const book = loadPriceBook(options.prices);
  if (!book.tables) {
    return fail(`${book.diagnostics.map(formatDiagnostic).join('\n')}\n`);
  }
  let assumptions = defaultAssumptions();
  if (options.usage !== undefined && existsSync(options.usage)) {
    const read = validateUsageAssumptionsFile(options.usage);
    if (!read.assumptions) {
      return fail(`${read.diagnostics.map(formatDiagnostic).join('\n')}\n`);
    }
    assumptions = read.assumptions;
  }
  const stacks: CostStack[] = costStacks(options.assembly);
  try {
    const config = loadConfig(options.config);
    const plan = loadWavePlan(options.waves, config);
    const workloadWaves = new Map(
      plan.workloads.map(({ workload, wave }) => [workload.id, wave.id] as const),
    );
    const estimate = estimateCost(stacks, book.tables, assumptions, {
      workloadWaves,
      servers: migratingServers(plan, options.asOf),
      backupCopies: backupCopiesOf(config),
      homeRegion: config.organisation.homeRegion,
    });
    return { report: { asOf: options.asOf, estimate, figures: buildFigures(estimate, plan, options.asOf) } };
  } catch (error) {
    const reason =
      error instanceof ConfigValidationError || error instanceof Error ? error.message : String(error);
    return fail(`cannot read the migration plan ${options.waves}: ${reason}\n`);
  }
}

export function costCommand(ctx: CliContext): Command {
  return new Command('cost')
    .description(
      'Estimate the monthly cost of the synthesised assembly and the before-and-after of the plan: totals first, --detail for every line',
    )
    .addOption(assemblyOption())
    .addOption(wavesOption(ctx))
    .addOption(configOption(ctx))
    .addOption(pricesOption())
    .addOption(usageAssumptionsOption())
    .addOption(asOfOption(ctx, 'date decommissioning is judged at'))
    .addOption(
      new Option(
        '--detail',
        'every priced line with its source, the not-priced and the free resources',
      ).default(false),
    )
    .addOption(allowStaleOption())
    .addOption(jsonOption().conflicts('markdown'))
    .addOption(markdownOption())
    .action(action(ctx, (opts: CostOptions) => runCost(opts)));
}
