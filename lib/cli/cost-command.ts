import { Command } from 'commander';
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
  wavesOption,
} from './options';
import { loadConfig } from '../config/load';
import { costStacks } from '../cost/assembly';
import { openAssembly, staleNotice, type OpenedAssembly } from '../assembly/open';
import { estimateCost, type CostStack } from '../cost/estimate';
import { formatCostMarkdown, formatCostText, type CostReport } from '../cost/format';
import { validatePriceTableFile } from '../cost/price-table';
import { compareWaves, type WaveCostInput } from '../cost/savings';
import { migratingServers, type ServerCostInput } from '../cost/servers';
import { loadWavePlan } from '../waves/load';
import type { CommandOutput } from './output';

export interface CostInputs {
  readonly assembly: OpenedAssembly;
  readonly waves: string;
  readonly config: string;
  readonly prices: string;
  readonly asOf: string;
}

export interface CostOptions extends Omit<CostInputs, 'assembly'> {
  readonly assembly: string;
  readonly json: boolean;
  readonly markdown: boolean;
  readonly allowStale?: boolean;
}

import { failure } from './output';

/**
 * `lz cost`: the monthly cost of the synthesised assembly per stack, account and wave, priced from
 * the committed price table, and before-and-after per wave. Exit 0, or 2 when an input cannot be read.
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
  const stdout = options.json
    ? `${JSON.stringify({ ...report, stale: assembly.stale }, null, 2)}\n`
    : `${staleNotice(assembly)}${options.markdown ? formatCostMarkdown(report) : formatCostText(report)}`;
  return { exitCode: 0, stdout, stderr: '' };
}

/** The cost report of an assembly and the plan (shared by `lz cost` and `lz review`), or why it cannot be built. */
export function buildCostReport(options: CostInputs): { report: CostReport } | { error: string } {
  const fail = (error: string) => ({ error });
  const prices = validatePriceTableFile(options.prices);
  if (!prices.table) {
    return fail(`${prices.diagnostics.map(formatDiagnostic).join('\n')}\n`);
  }
  const stacks: CostStack[] = costStacks(options.assembly);
  let waves: WaveCostInput[];
  let servers: ServerCostInput[];
  try {
    const config = loadConfig(options.config);
    const plan = loadWavePlan(options.waves, config);
    servers = migratingServers(plan);
    waves = plan.waves.map((w) => ({
      id: w.wave.id,
      name: w.wave.name,
      workloads: w.workloads.map((wl) => ({
        id: wl.id,
        name: wl.name,
        strategy: wl.strategy,
        currentMonthlyGbp: wl.cost.currentMonthlyGbp,
        status: wl.status,
        decommissionDate: wl.decommissionDate,
      })),
    }));
  } catch (error) {
    const reason =
      error instanceof ConfigValidationError
        ? error.message
        : error instanceof Error
          ? error.message
          : String(error);
    return fail(`cannot read the migration plan ${options.waves}: ${reason}\n`);
  }
  const workloadWaves = new Map(waves.flatMap((w) => w.workloads.map((wl) => [wl.id, w.id] as const)));
  const estimate = estimateCost(stacks, prices.table, { workloadWaves, servers });
  return {
    report: { asOf: options.asOf, estimate, waves: compareWaves(estimate, waves, options.asOf) },
  };
}

export function costCommand(ctx: CliContext): Command {
  return new Command('cost')
    .description(
      'Estimate the monthly cost of the synthesised assembly per stack, account and wave, with before-and-after per wave',
    )
    .addOption(assemblyOption())
    .addOption(wavesOption(ctx))
    .addOption(configOption(ctx))
    .addOption(pricesOption())
    .addOption(asOfOption(ctx, 'date decommissioning is judged at'))
    .addOption(allowStaleOption())
    .addOption(jsonOption().conflicts('markdown'))
    .addOption(markdownOption())
    .action(action(ctx, (opts: CostOptions) => runCost(opts)));
}
