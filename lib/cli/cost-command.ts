import { formatDiagnostic } from '../config/diagnostics';
import { ConfigValidationError } from '../config/diagnostics';
import { loadConfig } from '../config/load';
import { readCostStacks } from '../cost/assembly';
import { estimateCost, type CostStack } from '../cost/estimate';
import { formatCostMarkdown, formatCostText, type CostReport } from '../cost/format';
import { validatePriceTableFile } from '../cost/price-table';
import { compareWaves, type WaveCostInput } from '../cost/savings';
import { loadWavePlan } from '../waves/load';
import type { CommandOutput } from './validate-command';

export interface CostOptions {
  readonly assembly: string;
  readonly waves: string;
  readonly config: string;
  readonly prices: string;
  readonly asOf: string;
  readonly json: boolean;
  readonly markdown: boolean;
}

function fail(message: string): CommandOutput {
  return { exitCode: 2, stdout: '', stderr: message };
}

/**
 * `lz cost`: the monthly cost of the synthesised assembly per stack, account and wave, priced from
 * the committed price table, and before-and-after per wave. Exit 0, or 2 when an input cannot be read.
 */
export function runCost(options: CostOptions): CommandOutput {
  const prices = validatePriceTableFile(options.prices);
  if (!prices.table) {
    return fail(`${prices.diagnostics.map(formatDiagnostic).join('\n')}\n`);
  }
  let stacks: CostStack[];
  try {
    stacks = readCostStacks(options.assembly);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(
      `cannot read the cloud assembly ${options.assembly}: ${reason}\nRun \`npm run synth\` first.\n`,
    );
  }
  let waves: WaveCostInput[];
  try {
    const plan = loadWavePlan(options.waves, loadConfig(options.config));
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
  const estimate = estimateCost(stacks, prices.table, { workloadWaves });
  const report: CostReport = {
    asOf: options.asOf,
    estimate,
    waves: compareWaves(estimate, waves, options.asOf),
  };
  const stdout = options.json
    ? `${JSON.stringify(report, null, 2)}\n`
    : options.markdown
      ? formatCostMarkdown(report)
      : formatCostText(report);
  return { exitCode: 0, stdout, stderr: '' };
}
