import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateConfigFile } from '../config/load';
import { validateWavesDir } from '../waves/load';
import { cmdbCsv, markdownSummary, mgnImportCsv, wavesCsv, workloadsCsv } from '../waves/report/exports';
import { renderDashboard } from '../waves/report/html';
import { buildReportModel } from '../waves/report/model';
import type { CommandOutput } from './validate-command';

export interface WavesReportOptions {
  readonly config: string;
  readonly waves: string;
  readonly out: string;
  /** Report date, YYYY-MM-DD; bin/ passes today's date when none is given. */
  readonly asOf: string;
}

export const REPORT_FILES = {
  dashboard: 'dashboard.html',
  summary: 'summary.md',
  waves: 'waves.csv',
  workloads: 'workloads.csv',
  mgnImport: 'mgn-import.csv',
  cmdb: 'cmdb.csv',
} as const;

/** `lz waves report`: the dashboard, the PR summary and the CSV exports, all from the plan files. */
export function runWavesReport(options: WavesReportOptions): CommandOutput {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.asOf) || Number.isNaN(Date.parse(options.asOf))) {
    return {
      exitCode: 1,
      stdout: '',
      stderr: `--as-of must be a date written YYYY-MM-DD, got "${options.asOf}"\n`,
    };
  }
  const lz = validateConfigFile(options.config);
  if (!lz.config) {
    return {
      exitCode: 1,
      stdout: '',
      stderr: `${options.config} is not valid: run \`lz validate\` for details\n`,
    };
  }
  const result = validateWavesDir(options.waves, lz.config);
  if (!result.plan) {
    return {
      exitCode: 1,
      stdout: '',
      stderr: `${options.waves} is not valid: run \`lz waves validate\` for details (no report from an invalid plan)\n`,
    };
  }
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
  const model = buildReportModel(result.plan, options.asOf, warnings);
  mkdirSync(options.out, { recursive: true });
  const outputs: [string, string][] = [
    [REPORT_FILES.dashboard, renderDashboard(model, [options.config, ...result.files])],
    [REPORT_FILES.summary, markdownSummary(model)],
    [REPORT_FILES.waves, wavesCsv(model)],
    [REPORT_FILES.workloads, workloadsCsv(model)],
    [REPORT_FILES.mgnImport, mgnImportCsv(result.plan)],
    [REPORT_FILES.cmdb, cmdbCsv(model)],
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
    stderr: '',
  };
}
