import { Command } from 'commander';
import pc from 'picocolors';
import { formatDiagnostic, type Diagnostic } from '../config/diagnostics';
import { validateConfigFile } from '../config/load';
import type { LandingZoneConfig } from '../config/schema';
import { action } from './action';
import type { CliContext } from './context';
import { configOption, jsonOption } from './options';
import { EXIT, type CommandOutput } from './output';

export interface ValidateOptions {
  readonly config: string;
  readonly json: boolean;
}

function summary(config: LandingZoneConfig): string {
  const n = config.network;
  return (
    `${config.accounts.length} accounts, ${n.vpcs.length} VPCs, ${n.onPremisesRanges.length} on-premises ranges, ` +
    `${n.availabilityZones.length} availability zones`
  );
}

/** `lz validate`: every problem in the file at once; exit 2 (invalid input) if any is an error. */
export function runValidate(options: ValidateOptions): CommandOutput {
  const result = validateConfigFile(options.config);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
  const exitCode = errors.length > 0 ? EXIT.cannotRun : EXIT.ok;
  if (options.json) {
    const payload = { file: options.config, valid: exitCode === 0, errors, warnings };
    return { exitCode, stdout: `${JSON.stringify(payload, null, 2)}\n`, stderr: '' };
  }
  const lines = (list: Diagnostic[], colour: (s: string) => string): string[] =>
    list.map((d) => colour(formatDiagnostic(d)));
  if (exitCode !== 0) {
    return {
      exitCode,
      stdout: '',
      stderr:
        [...lines(errors, pc.red), ...lines(warnings, pc.yellow)].join('\n') +
        `\n${options.config}: ${errors.length} error(s), ${warnings.length} warning(s)\n`,
    };
  }
  const config = result.config;
  const detail = config ? ` (${summary(config)})` : '';
  return {
    exitCode,
    stdout: `${lines(warnings, pc.yellow)
      .map((l) => `${l}\n`)
      .join('')}${pc.green(`${options.config}: valid`)}${detail}\n`,
    stderr: '',
  };
}

export function validateCommand(ctx: CliContext): Command {
  return new Command('validate')
    .description(
      'Check the landing-zone configuration without synthesising; every problem is reported at once',
    )
    .addOption(configOption(ctx, 'configuration file'))
    .addOption(jsonOption())
    .action(action(ctx, (opts: ValidateOptions) => runValidate(opts)));
}
