import { Command, Option } from 'commander';
import pc from 'picocolors';
import { loadConfig } from '../config/load';
import { loadWavePlan } from '../waves/load';
import { action } from './action';
import type { CliContext } from './context';
import { allowListOption, baselinesOption, configOption, jsonOption, wavesOption } from './options';
import { evaluateGate, type GateResult } from '../gate/evaluate';
import { writeGateEvidence } from '../gate/evidence';
import type { CommandOutput } from './output';

export interface GateOptions {
  readonly assembly: string;
  /** Synthesises into the assembly first (in-process, every check registered); absent to evaluate it as it is. */
  readonly synth?: (outdir: string) => void;
  readonly baselines: string;
  readonly allowList: string;
  readonly out: string;
  readonly json: boolean;
}

export function formatGate(result: GateResult, files: readonly string[]): string {
  const lines: string[] = [];
  for (const check of result.checks) {
    const mark = check.status === 'pass' ? pc.green('PASS') : pc.red('FAIL');
    lines.push(`${mark}  ${check.title}: ${check.summary}`);
    for (const problem of check.problems) {
      lines.push(pc.red(`      ${problem}`));
    }
  }
  const evidenced = result.principles.filter((p) => p.status === 'pass').length;
  lines.push(
    `      ${result.acknowledgements.length} acknowledged finding(s) in the register; ` +
      `${evidenced} of ${result.principles.length} NCSC principles evidenced by passing checks`,
  );
  lines.push(`      evidence: ${files.join(', ')}`);
  lines.push(result.passed ? pc.green('gate: passed') : pc.red('gate: FAILED'));
  return `${lines.join('\n')}\n`;
}

/** `lz gate`: every pre-deployment check, one combined result, the evidence files, and the verdict. */
export function runGate(options: GateOptions): CommandOutput {
  try {
    options.synth?.(options.assembly);
    const result = evaluateGate({
      assembly: options.assembly,
      baselines: options.baselines,
      allowList: options.allowList,
    });
    const files = writeGateEvidence(result, options.out);
    const exitCode = result.passed ? 0 : 1;
    if (options.json) {
      return { exitCode, stdout: `${JSON.stringify(result, null, 2)}\n`, stderr: '' };
    }
    return { exitCode, stdout: formatGate(result, files), stderr: '' };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { exitCode: 2, stdout: '', stderr: `gate could not run: ${reason}\n` };
  }
}

export function gateCommand(ctx: CliContext): Command {
  return new Command('gate')
    .description(
      'The pre-deployment gate: synth with every rule pack, cfn-lint, the change guard and the DR check, then write the evidence',
    )
    .addOption(configOption(ctx))
    .addOption(wavesOption(ctx))
    .addOption(
      new Option('--assembly <dir>', 'cloud assembly to synthesise into and check').default('cdk.out'),
    )
    .option('--no-synth', 'check the assembly as it is, without synthesising')
    .addOption(baselinesOption())
    .addOption(allowListOption())
    .addOption(
      new Option('-o, --out <dir>', 'where to write the result and the evidence').default('reports/gate'),
    )
    .addOption(jsonOption())
    .action(
      action(
        ctx,
        (opts: {
          config: string;
          waves: string;
          assembly: string;
          synth: boolean;
          baselines: string;
          allowList: string;
          out: string;
          json: boolean;
        }) => {
          const synth = opts.synth
            ? (outdir: string): void => {
                const config = loadConfig(opts.config);
                ctx.app.synthesise({ config, plan: loadWavePlan(opts.waves, config), outdir });
              }
            : undefined;
          return runGate({ ...opts, synth });
        },
      ),
    );
}
