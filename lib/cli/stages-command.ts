import { Command, Option } from 'commander';
import { openAssembly, staleNotice } from '../assembly/open';
import { readDeploymentRecord } from '../delivery/record';
import { action } from './action';
import type { CliContext } from './context';
import { allowStaleOption, assemblyOption, configOption, jsonOption, wavesOption } from './options';
import { PHASE_TITLES, type DeploymentStage } from '../delivery/stages';
import { EXIT, type CommandOutput } from './output';

export type StagesFormat = 'text' | 'json' | 'github-output';

export interface StagesOptions {
  readonly assembly: string;
  readonly config: string;
  readonly waves: string;
  readonly format: StagesFormat;
  readonly allowStale?: boolean;
}

function formatText(stages: readonly DeploymentStage[]): string {
  const lines: string[] = [];
  stages.forEach((stage, index) => {
    const approval = stage.production ? ', after approval' : '';
    lines.push(
      `${String(index + 1)}. ${stage.id}: ${stage.account} account ${stage.accountId} (${stage.regions.join(', ')})${approval}`,
    );
    lines.push(`   ${PHASE_TITLES[stage.phase]}`);
    for (const stack of stage.stacks) {
      lines.push(`   - ${stack}`);
    }
  });
  const total = stages.reduce((n, s) => n + s.stacks.length, 0);
  lines.push(`${String(total)} stack(s) in ${String(stages.length)} stage(s)`);
  return `${lines.join('\n')}\n`;
}

/**
 * One `stages=<json>` line for `$GITHUB_OUTPUT`: stage id to its space-separated stack names, so
 * each deploy job reads its own list with `fromJSON(needs.synth.outputs.stages)['<stage id>']`.
 */
function formatGithubOutput(stages: readonly DeploymentStage[]): string {
  const byId = Object.fromEntries(stages.map((s) => [s.id, s.stacks.join(' ')]));
  return `stages=${JSON.stringify(byId)}\n`;
}

/**
 * `lz stages`: the ordered deployment stages and the stacks each one deploys, as the synth recorded
 * them in the assembly, so the stages are those of the templates that will be deployed. Exit 1 when
 * the stages could not be planned (a stack without a phase, an order its dependencies break).
 */
export function runStages(options: StagesOptions): CommandOutput {
  const assembly = openAssembly(options.assembly, {
    config: options.config,
    waves: options.waves,
    allowStale: options.allowStale === true,
  });
  const record = readDeploymentRecord(assembly.dir);
  if (record.problems.length > 0) {
    return {
      exitCode: EXIT.findings,
      stdout: '',
      stderr: `the deployment stages cannot be planned:\n${record.problems.map((p) => `  - ${p}`).join('\n')}\n`,
    };
  }
  const stages = record.stages;
  const notice = staleNotice(assembly);
  const stdout =
    options.format === 'json'
      ? `${JSON.stringify({ stages, stale: assembly.stale }, null, 2)}\n`
      : options.format === 'github-output'
        ? formatGithubOutput(stages)
        : `${notice}${formatText(stages)}`;
  // A stale plan must never feed a deployment silently: the notice also goes to stderr.
  return { exitCode: EXIT.ok, stdout, stderr: options.format === 'text' ? '' : notice };
}

export function stagesCommand(ctx: CliContext): Command {
  return new Command('stages')
    .description(
      'The deployment stages of the synthesised assembly in order (per phase and account) and the stacks of each',
    )
    .addOption(assemblyOption())
    .addOption(configOption(ctx))
    .addOption(wavesOption(ctx))
    .addOption(jsonOption().conflicts('githubOutput'))
    .addOption(
      new Option('--github-output', 'one stages=<json> line to append to $GITHUB_OUTPUT').default(false),
    )
    .addOption(allowStaleOption())
    .action(
      action(
        ctx,
        (opts: {
          assembly: string;
          config: string;
          waves: string;
          json: boolean;
          githubOutput: boolean;
          allowStale: boolean;
        }) =>
          runStages({
            ...opts,
            format: opts.githubOutput ? 'github-output' : opts.json ? 'json' : 'text',
          }),
      ),
    );
}
