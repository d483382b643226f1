import { Command } from 'commander';
import pc from 'picocolors';
import { action } from './action';
import type { CliContext } from './context';
import { configOption, jsonOption, wavesOption } from './options';
import { EXIT } from './output';
import { formatDiagnostic, type Diagnostic } from '../config/diagnostics';
import { validateConfigFile } from '../config/load';
import { validateWavesDir, type MigrationPlan } from '../waves/load';
import type { CommandOutput } from './output';

export interface WavesValidateOptions {
  readonly config: string;
  readonly waves: string;
  readonly json: boolean;
}

function summary(plan: MigrationPlan): string {
  const workloads = plan.waves.flatMap((w) => w.workloads);
  const servers = workloads.reduce((n, w) => n + w.servers.length, 0);
  const databases = workloads.reduce((n, w) => n + w.databases.length, 0);
  return `${plan.waves.length} waves, ${workloads.length} workloads, ${servers} servers, ${databases} databases`;
}

/**
 * `lz waves validate`: the landing-zone configuration first (targets resolve against it), then the
 * programme and every wave file together. Errors and warnings are listed separately; exit 2 (invalid input) on any error.
 */
export function runWavesValidate(options: WavesValidateOptions): CommandOutput {
  const lz = validateConfigFile(options.config);
  if (!lz.config) {
    const errors = lz.diagnostics.filter((d) => d.severity === 'error');
    return {
      exitCode: EXIT.cannotRun,
      stdout: '',
      stderr:
        errors.map((d) => pc.red(formatDiagnostic(d))).join('\n') +
        `\n${options.config} is not valid, so the wave targets cannot be checked\n`,
    };
  }
  const result = validateWavesDir(options.waves, lz.config);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
  const exitCode = errors.length > 0 ? EXIT.cannotRun : EXIT.ok;
  if (options.json) {
    const payload = {
      directory: options.waves,
      files: result.files,
      valid: exitCode === 0,
      errors,
      warnings,
    };
    return { exitCode, stdout: `${JSON.stringify(payload, null, 2)}\n`, stderr: '' };
  }
  const lines = (list: Diagnostic[], colour: (s: string) => string): string =>
    list.map((d) => `${colour(formatDiagnostic(d))}\n`).join('');
  const warningBlock =
    warnings.length > 0 ? `Warnings (risky but allowed):\n${lines(warnings, pc.yellow)}` : '';
  if (exitCode !== 0) {
    return {
      exitCode,
      stdout: '',
      stderr:
        `Errors:\n${lines(errors, pc.red)}${warningBlock}` +
        `${options.waves}: ${errors.length} error(s), ${warnings.length} warning(s)\n`,
    };
  }
  const detail = result.plan ? ` (${summary(result.plan)})` : '';
  return {
    exitCode,
    stdout: `${warningBlock}${pc.green(`${options.waves}: valid`)}${detail}, ${warnings.length} warning(s)\n`,
    stderr: '',
  };
}

export function wavesValidateCommand(ctx: CliContext): Command {
  return new Command('validate')
    .description('Check the programme and every wave file; all errors at once, warnings listed separately')
    .addOption(configOption(ctx, 'landing-zone configuration the targets must resolve in'))
    .addOption(wavesOption(ctx, 'directory of programme.yaml and wave-NN-<slug>.yaml files'))
    .addOption(jsonOption())
    .action(action(ctx, (opts: WavesValidateOptions) => runWavesValidate(opts)));
}
