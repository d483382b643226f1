import pc from 'picocolors';
import { formatDiagnostic, type Diagnostic } from '../config/diagnostics';
import { validateConfigFile } from '../config/load';
import type { LandingZoneConfig } from '../config/schema';

export interface ValidateOptions {
  readonly config: string;
  readonly json: boolean;
}

export interface CommandOutput {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

function summary(config: LandingZoneConfig): string {
  const n = config.network;
  return (
    `${config.accounts.length} accounts, ${n.vpcs.length} VPCs, ${n.onPremisesRanges.length} on-premises ranges, ` +
    `${n.availabilityZones.length} availability zones`
  );
}

/** `lz validate`: every problem in the file at once; exit 1 if any is an error. */
export function runValidate(options: ValidateOptions): CommandOutput {
  const result = validateConfigFile(options.config);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
  const exitCode = errors.length > 0 ? 1 : 0;
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
