import { Command, Option } from 'commander';
import { action } from './action';
import type { CliContext } from './context';
import {
  allowStaleOption,
  assemblyOption,
  asOfOption,
  configOption,
  pricesOption,
  usageAssumptionsOption,
  wavesOption,
} from './options';
import { openAssembly } from '../assembly/open';
import { buildCostReport } from './cost-command';
import type { Figures } from '../figures/model';
import { EXIT } from './output';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateConfigFile } from '../config/load';
import { validateWavesDir } from '../waves/load';
import {
  cmdbCsv,
  markdownSummary,
  mgnImportCsv,
  runCostCsv,
  wavesCsv,
  workloadsCsv,
} from '../waves/report/exports';
import { formatDiagnostic } from '../config/diagnostics';
import { renderDashboard } from '../waves/report/html';
import { readRecords } from '../waves/runbook/record';
import { RUNBOOKS_DIR } from './waves-runbook-command';
import { buildReportModel } from '../waves/report/model';
import type { CommandOutput } from './output';

export interface WavesReportOptions {
  readonly config: string;
  readonly waves: string;
  readonly out: string;
  /** Report date, YYYY-MM-DD; bin/ passes today's date when none is given. */
  readonly asOf: string;
  /** The synthesised assembly, price tables and usage assumptions the cost figures come from. */
  readonly assembly?: string;
  readonly prices?: string;
  readonly usage?: string;
  readonly allowStale?: boolean;
  /** Runbooks whose cutover records are read back into the status history. @default runbooks */
  readonly runbooks?: string;
}

export const REPORT_FILES = {
  dashboard: 'dashboard.html',
  summary: 'summary.md',
  waves: 'waves.csv',
  workloads: 'workloads.csv',
  mgnImport: 'mgn-import.csv',
  cmdb: 'cmdb.csv',
  runCost: 'run-cost.csv',
} as const;

/**
 * The figures model for the report, from the same inputs as `lz cost`; or why there are none (no
 * current assembly): the report then shows no cost rather than a figure from somewhere else.
 */
function reportFigures(options: WavesReportOptions): { figures?: Figures; missing?: string } {
  const dir = options.assembly ?? 'cdk.out';
  let assembly;
  try {
    assembly = openAssembly(dir, {
      config: options.config,
      waves: options.waves,
      allowStale: options.allowStale === true,
    });
  } catch (error) {
    return {
      missing: `no current assembly in ${dir} (${
        error instanceof Error
          ? error.message
              .split('\n')
              .slice(1, 2)
              .join('')
              .replace(/^\s*-\s*/, '')
          : String(error)
      })`,
    };
  }
  const built = buildCostReport({
    assembly,
    waves: options.waves,
    config: options.config,
    prices: options.prices ?? 'pricing',
    ...(options.usage === undefined ? {} : { usage: options.usage }),
    asOf: options.asOf,
  });
  return 'error' in built ? { missing: built.error.trim() } : { figures: built.report.figures };
}

/** `lz waves report`: the dashboard, the PR summary and the CSV exports, all from the plan files. */
export function runWavesReport(options: WavesReportOptions): CommandOutput {
  const lz = validateConfigFile(options.config);
  if (!lz.config) {
    return {
      exitCode: EXIT.cannotRun,
      stdout: '',
      stderr: `${options.config} is not valid: run \`lz validate\` for details\n`,
    };
  }
  const result = validateWavesDir(options.waves, lz.config);
  if (!result.plan) {
    return {
      exitCode: EXIT.cannotRun,
      stdout: '',
      stderr: `${options.waves} is not valid: run \`lz waves validate\` for details (no report from an invalid plan)\n`,
    };
  }
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
  const runbooks = options.runbooks ?? RUNBOOKS_DIR;
  const records = readRecords(runbooks, result.plan);
  if (records.diagnostics.length > 0) {
    return {
      exitCode: EXIT.cannotRun,
      stdout: '',
      stderr: `${records.diagnostics.map(formatDiagnostic).join('\n')}\n${runbooks}: ${records.diagnostics.length} problem(s) in the cutover records (no report)\n`,
    };
  }
  const model = buildReportModel(
    result.plan,
    options.asOf,
    warnings,
    records.records,
    reportFigures(options),
  );
  mkdirSync(options.out, { recursive: true });
  const outputs: [string, string][] = [
    [REPORT_FILES.dashboard, renderDashboard(model, [options.config, ...result.files])],
    [REPORT_FILES.summary, markdownSummary(model)],
    [REPORT_FILES.waves, wavesCsv(model)],
    [REPORT_FILES.workloads, workloadsCsv(model)],
    [REPORT_FILES.mgnImport, mgnImportCsv(result.plan)],
    [REPORT_FILES.cmdb, cmdbCsv(model)],
    [REPORT_FILES.runCost, runCostCsv(model)],
  ];
  for (const [name, content] of outputs) {
    writeFileSync(join(options.out, name), content);
  }
  const t = model.totals;
  return {
    exitCode: 0,
    stdout:
      `${options.waves} as of ${options.asOf}: ${model.rag.toUpperCase()}; ${t.done}/${t.inScope} workloads and ${t.serversDone}/${t.servers} servers moved\n` +
      outputs.map(([name]) => `wrote ${join(options.out, name)}\n`).join(''),
    stderr: model.figures === undefined ? `cost figures left out: ${model.figuresMissing ?? ''}\n` : '',
  };
}

export function wavesReportCommand(ctx: CliContext): Command {
  return new Command('report')
    .description(
      'Write the manager dashboard (HTML), a Markdown summary and CSV exports (waves, workloads, MGN import, CMDB, run cost)',
    )
    .addOption(configOption(ctx))
    .addOption(wavesOption(ctx, 'directory of programme.yaml and wave files'))
    .addOption(new Option('-o, --out <dir>', 'output directory').default('reports/waves'))
    .addOption(asOfOption(ctx, 'report date'))
    .addOption(
      assemblyOption('synthesised cloud assembly the cost figures are priced from (left out when absent)'),
    )
    .addOption(pricesOption())
    .addOption(usageAssumptionsOption())
    .addOption(allowStaleOption())
    .addOption(
      new Option(
        '--runbooks <dir>',
        'runbooks whose cutover records are read into the status history',
      ).default(RUNBOOKS_DIR),
    )
    .action(action(ctx, (opts: WavesReportOptions) => runWavesReport(opts)));
}
