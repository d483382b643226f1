import { Command, Option } from 'commander';
import { synthesiseAtomically } from '../assembly/synthesise';
import { validateConfigFile } from '../config/load';
import { formatDiagnostic } from '../config/diagnostics';
import { loadWavePlan } from '../waves/load';
import { action } from './action';
import { APP_DEFAULTS, APP_NAMES, type AppName } from './apps';
import type { CliContext } from './context';
import { findingLine } from './findings-command';
import { configOption, wavesOption } from './options';
import { EXIT, InputError, type CommandOutput } from './output';
import pc from 'picocolors';
import { Progress, formatTimings, seconds } from './progress';

export interface SynthOptions {
  readonly app: AppName;
  readonly config: string;
  readonly waves: string;
  /** @default APP_DEFAULTS[app].assembly */
  readonly output?: string;
  readonly timings: boolean;
}

/**
 * `lz synth`: validates the configuration and the plan, synthesises one app with every check into a
 * new directory, counts its findings, records its provenance and only then puts it in place. Exit 0
 * with no unacknowledged finding, 1 with findings (the assembly is in place for the gate to report),
 * 2 when an input is invalid (nothing is written).
 */
export async function runSynth(ctx: CliContext, options: SynthOptions): Promise<CommandOutput> {
  const outdir = options.output ?? APP_DEFAULTS[options.app].assembly;
  const progress = new Progress(ctx.progress, `synth ${options.app}`);
  progress.phase('validating the configuration and the plan');
  const validated = validateConfigFile(options.config);
  if (!validated.config) {
    const errors = validated.diagnostics.filter((d) => d.severity === 'error');
    throw new InputError(
      `${errors.map(formatDiagnostic).join('\n')}\n${options.config}: ${errors.length} error(s); nothing was synthesised`,
    );
  }
  const config = validated.config;
  const readsPlan = APP_DEFAULTS[options.app].readsPlan;
  const plan = readsPlan ? loadWavePlan(options.waves, config) : undefined;
  const { provenance, findings } = await synthesiseAtomically({
    outdir,
    app: options.app,
    inputs: { config: options.config, ...(readsPlan ? { waves: options.waves } : {}) },
    synthesise: (dir) =>
      ctx.app.synthesise({
        app: options.app,
        config,
        ...(plan === undefined ? {} : { plan }),
        outdir: dir,
        progress: (phase) => {
          progress.phase(phase);
        },
      }),
    progress: (phase) => {
      progress.phase(phase);
    },
  });
  const { timings, elapsedMs } = progress.finish();
  const stacks = Object.keys(provenance.assembly.files).filter((f) => f.endsWith('.template.json')).length;
  const summary =
    `synth: ${options.app} → ${outdir}: ${stacks} template(s) in ${seconds(elapsedMs)}; ` +
    `provenance ${provenance.assembly.digest.slice(0, 19)} of inputs ${provenance.inputs.digest.slice(0, 19)}\n`;
  const timingText = options.timings ? formatTimings('synth', timings, elapsedMs) : '';
  if (findings.length === 0) {
    return {
      exitCode: EXIT.ok,
      stdout:
        summary +
        pc.green(
          `findings: none unacknowledged (${provenance.checks.acknowledged} acknowledged with reasons; ` +
            `checks: ${provenance.checks.plugins.join(', ')}${provenance.checks.builtinValidation ? ', CloudFormation Validate' : ''})\n`,
        ),
      stderr: timingText,
    };
  }
  return {
    exitCode: EXIT.findings,
    stdout: summary,
    stderr:
      `${pc.red(findings.map(findingLine).join('\n'))}\n` +
      pc.red(`findings: ${findings.length} unacknowledged finding(s) in ${outdir}/validation-report.json\n`) +
      timingText,
  };
}

export function synthCommand(ctx: CliContext): Command {
  return new Command('synth')
    .description(
      'Synthesise an app with every check into its assembly, all or nothing, with a provenance record; fail on unacknowledged findings',
    )
    .addOption(new Option('--app <name>', 'which app').choices([...APP_NAMES]).default('landing-zone'))
    .addOption(configOption(ctx))
    .addOption(wavesOption(ctx))
    .addOption(
      new Option(
        '-o, --output <dir>',
        'the assembly directory (default: cdk.out, cdk.pipeline.out or cdk.oidc.out)',
      ),
    )
    .option('--timings', 'print how long each phase took (stderr)', false)
    .action(action(ctx, (opts: SynthOptions) => runSynth(ctx, opts)));
}
