import { Command, Option } from 'commander';
import pc from 'picocolors';
import { openAssembly, type OpenedAssembly } from '../assembly/open';
import { readDeploymentRecord } from '../delivery/record';
import { InputError } from '../errors';
import { loadConfig } from '../config/load';
import { evaluateGate, type GateResult } from '../gate/evaluate';
import { writeGateEvidence } from '../gate/evidence';
import { action } from './action';
import type { CliContext } from './context';
import { APP_DEFAULTS, APP_NAMES, type AppName } from './apps';
import { allowStaleOption, configOption, jsonOption, wavesOption } from './options';
import { EXIT, type CommandOutput } from './output';
import { Progress, formatTimings, seconds } from './progress';
import { runSynth } from './synth-command';

export interface GateOptions {
  readonly app: AppName;
  readonly config: string;
  readonly waves: string;
  /** @default APP_DEFAULTS[app].assembly */
  readonly assembly?: string;
  /** Synthesise into the assembly first, exactly as `lz synth` does; false checks the assembly as it is. */
  readonly synth: boolean;
  /** @default APP_DEFAULTS[app].baselines */
  readonly baselines?: string;
  /** @default APP_DEFAULTS[app].allowList */
  readonly allowList?: string;
  /** @default APP_DEFAULTS[app].gateOut */
  readonly out?: string;
  readonly json: boolean;
  readonly allowStale: boolean;
  readonly timings: boolean;
  /** Judge only the stacks of this deployment stage (e.g. network-network). */
  readonly stage?: string;
  /** Judge only these stacks (artifact ids). */
  readonly stacks?: readonly string[];
}

/** The stacks a scoped gate judges, from --stage (the assembly's deployment record) and --stacks. */
function scopeOf(options: GateOptions, assembly: OpenedAssembly): string[] | undefined {
  if (options.stage === undefined && options.stacks === undefined) return undefined;
  const ids = new Set(assembly.stacks.map((s) => s.stackId));
  const selected: string[] = [];
  if (options.stage !== undefined) {
    const record = readDeploymentRecord(assembly.dir);
    const stage = record.stages.find((s) => s.id === options.stage);
    if (stage === undefined) {
      throw new InputError(
        `--stage ${options.stage} is not a stage of ${assembly.dir}; its stages are ${record.stages.map((s) => s.id).join(', ')}`,
      );
    }
    selected.push(...stage.stacks);
  }
  const unknown = (options.stacks ?? []).filter((id) => !ids.has(id));
  if (unknown.length > 0) {
    throw new InputError(
      `--stacks: ${unknown.join(', ')} not in ${assembly.dir} (npm run lz -- stages lists them)`,
    );
  }
  selected.push(...(options.stacks ?? []));
  return [...new Set(selected)].sort();
}

export function formatGate(result: GateResult, files: readonly string[]): string {
  const lines: string[] = [];
  for (const stale of result.stale) {
    lines.push(pc.red(`NOT CURRENT (read with --allow-stale): ${stale}`));
  }
  for (const check of result.checks) {
    const mark = check.status === 'pass' ? pc.green('PASS') : pc.red('FAIL');
    lines.push(`${mark}  ${check.title}: ${check.summary}`);
    for (const problem of check.problems) {
      lines.push(pc.red(`      ${problem}`));
    }
    // Changes a reviewer must read although they fail nothing (safeguards weakened in place, allowed changes).
    if (check.id === 'change-guard') {
      lines.push(...check.notes.map((note) => pc.yellow(`      ${note}`)));
    }
  }
  const evidenced = result.principles.filter((p) => p.status === 'pass').length;
  lines.push(
    `      ${result.acknowledgements.length} acknowledged finding(s) in the register; ` +
      `${evidenced} of ${result.principles.length} NCSC principles evidenced by passing checks`,
  );
  lines.push(`      evidence: ${files.join(', ')}`);
  if (result.assemblyDigest !== undefined) {
    lines.push(`      assembly: ${result.assembly} ${result.assemblyDigest}`);
  }
  const scoped =
    result.scope === undefined
      ? ''
      : ` for ${result.scope.length} stack(s) only (${result.scope.join(', ')}): not a verdict on the deployment`;
  lines.push(result.passed ? pc.green(`gate: passed${scoped}`) : pc.red(`gate: FAILED${scoped}`));
  return `${lines.join('\n')}\n`;
}

/**
 * `lz gate`: every pre-deployment check over one assembly, one combined result, the evidence files
 * and the verdict. With a synth (the default) it first runs exactly what `lz synth` runs, so
 * `lz gate` and `lz synth && lz gate --no-synth` judge the same assembly.
 */
export async function runGate(ctx: CliContext, options: GateOptions): Promise<CommandOutput> {
  const defaults = APP_DEFAULTS[options.app];
  const dir = options.assembly ?? defaults.assembly;
  let synthText = '';
  if (options.synth) {
    const synth = await runSynth(ctx, {
      app: options.app,
      config: options.config,
      waves: options.waves,
      output: dir,
      timings: false,
    });
    if (synth.exitCode === EXIT.cannotRun) {
      return synth;
    }
    synthText = synth.stdout.split('\n')[0] ?? '';
  }
  const progress = new Progress(ctx.progress, 'gate');
  progress.phase('opening the assembly');
  const assembly = openAssembly(dir, {
    config: options.config,
    ...(defaults.readsPlan ? { waves: options.waves } : {}),
    requireChecks: true,
    allowStale: options.allowStale,
  });
  const scope = scopeOf(options, assembly);
  const result = await evaluateGate({
    assembly,
    ...(scope === undefined ? {} : { scope }),
    config: loadConfig(options.config),
    staged: defaults.staged,
    baselines: options.baselines ?? defaults.baselines,
    allowList: options.allowList ?? defaults.allowList,
    progress: (phase) => {
      progress.phase(phase);
    },
  });
  progress.phase('writing the evidence');
  const files = writeGateEvidence(result, options.out ?? defaults.gateOut);
  const { timings, elapsedMs } = progress.finish();
  const exitCode = result.passed ? EXIT.ok : EXIT.findings;
  const timingText = options.timings ? formatTimings('gate', timings, elapsedMs) : '';
  const elapsed = `gate: ${seconds(elapsedMs)}\n`;
  if (options.json) {
    return { exitCode, stdout: `${JSON.stringify(result, null, 2)}\n`, stderr: `${timingText}${elapsed}` };
  }
  return {
    exitCode,
    stdout: `${synthText === '' ? '' : `${synthText}\n`}${formatGate(result, files)}`,
    stderr: `${timingText}${elapsed}`,
  };
}

export function gateCommand(ctx: CliContext): Command {
  return new Command('gate')
    .description(
      'The pre-deployment gate: synth with every check (as lz synth), then rule packs, cfn-lint, deployment, change guard, segmentation and DR checks, and the evidence',
    )
    .addOption(new Option('--app <name>', 'which app').choices([...APP_NAMES]).default('landing-zone'))
    .addOption(configOption(ctx))
    .addOption(wavesOption(ctx))
    .option(
      '--assembly <dir>',
      "cloud assembly to synthesise into and check (default: the app's, e.g. cdk.out)",
    )
    .option('--no-synth', 'check the assembly as it is (it must be current), without synthesising')
    .option('--baselines <dir>', "accepted baseline templates (default: the app's, e.g. baselines)")
    .option('--allow-list <file>', "approved change-guard exceptions (default: the app's)")
    .option(
      '-o, --out <dir>',
      "where to write the result and the evidence (default: the app's, e.g. reports/gate)",
    )
    .addOption(jsonOption())
    .addOption(allowStaleOption())
    .option('--timings', 'print how long each check took (stderr)', false)
    .option('--stage <id>', 'judge only the stacks of this deployment stage (npm run lz -- stages)')
    .addOption(new Option('--stacks <ids...>', 'judge only these stacks (artifact ids)'))
    .action(action(ctx, (opts: GateOptions) => runGate(ctx, opts)));
}
