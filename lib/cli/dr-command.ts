import { Command } from 'commander';
import { action } from './action';
import type { CliContext } from './context';
import { allowStaleOption, assemblyOption, jsonOption } from './options';
import { openAssembly, staleNotice } from '../assembly/open';
import { outputWidth } from '../text';
import { checkAssembly } from '../dr/check';
import { formatReport } from '../dr/report';
import type { CommandOutput } from './output';

export interface DrCheckOptions {
  readonly assembly: string;
  readonly json: boolean;
  readonly allowStale?: boolean;
  /** Columns to wrap the text report to. @default 100 */
  readonly width?: number;
}

/**
 * `lz dr-check`: the achievable RPO and RTO bound of every database per disruption, worked out from
 * the synthesised templates (not the configuration). Exit 0 all targets met, 1 a breach, 2 no assembly.
 */
export function runDrCheck(options: DrCheckOptions): CommandOutput {
  const assembly = openAssembly(options.assembly, { allowStale: options.allowStale === true });
  const report = checkAssembly(assembly);
  const exitCode = report.breaches > 0 ? 1 : 0;
  const text = options.json
    ? `${JSON.stringify({ ...report, stale: assembly.stale }, null, 2)}\n`
    : `${staleNotice(assembly)}${formatReport(report, options.assembly, options.width)}`;
  return { exitCode, stdout: text, stderr: '' };
}

export function drCheckCommand(ctx: CliContext): Command {
  return new Command('dr-check')
    .description(
      "Work out each database's achievable RPO and RTO per disruption from the synthesised templates and compare with its targets",
    )
    .addOption(assemblyOption())
    .addOption(jsonOption())
    .addOption(allowStaleOption())
    .action(action(ctx, (opts: DrCheckOptions) => runDrCheck({ ...opts, width: outputWidth(ctx.columns) })));
}
