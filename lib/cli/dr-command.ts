import { Command } from 'commander';
import { action } from './action';
import type { CliContext } from './context';
import { assemblyOption, jsonOption } from './options';
import { checkAssembly } from '../dr/check';
import { formatReport } from '../dr/report';
import type { CommandOutput } from './output';

export interface DrCheckOptions {
  readonly assembly: string;
  readonly json: boolean;
}

/**
 * `lz dr-check`: the achievable RPO and RTO bound of every database per disruption, worked out from
 * the synthesised templates (not the configuration). Exit 0 all targets met, 1 a breach, 2 no assembly.
 */
export function runDrCheck(options: DrCheckOptions): CommandOutput {
  let report;
  try {
    report = checkAssembly(options.assembly);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      exitCode: 2,
      stdout: '',
      stderr: `cannot read the cloud assembly ${options.assembly}: ${reason}\nRun \`npm run synth\` first.\n`,
    };
  }
  const exitCode = report.breaches > 0 ? 1 : 0;
  const text = options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report, options.assembly);
  return { exitCode, stdout: text, stderr: '' };
}

export function drCheckCommand(ctx: CliContext): Command {
  return new Command('dr-check')
    .description(
      "Work out each database's achievable RPO and RTO per disruption from the synthesised templates and compare with its targets",
    )
    .addOption(assemblyOption())
    .addOption(jsonOption())
    .action(action(ctx, (opts: DrCheckOptions) => runDrCheck(opts)));
}
