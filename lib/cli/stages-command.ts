import { Command, Option } from 'commander';
import { loadConfig } from '../config/load';
import { loadWavePlan } from '../waves/load';
import { action } from './action';
import type { CliContext } from './context';
import { configOption, jsonOption, wavesOption } from './options';
import { PHASE_TITLES, StagePlanError, type DeploymentStage } from '../delivery/stages';
import type { CommandOutput } from './output';

export type StagesFormat = 'text' | 'json' | 'github-output';

export interface StagesOptions {
  /** Plans the stages; bin/ builds the app from the configuration and the migration plan. */
  readonly plan: () => DeploymentStage[];
  readonly format: StagesFormat;
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

/** `lz stages`: the ordered deployment stages and the stacks each one deploys. */
export function runStages(options: StagesOptions): CommandOutput {
  try {
    const stages = options.plan();
    const stdout =
      options.format === 'json'
        ? `${JSON.stringify({ stages }, null, 2)}\n`
        : options.format === 'github-output'
          ? formatGithubOutput(stages)
          : formatText(stages);
    return { exitCode: 0, stdout, stderr: '' };
  } catch (error) {
    if (error instanceof StagePlanError) {
      return { exitCode: 1, stdout: '', stderr: `${error.message}\n` };
    }
    throw error;
  }
}

export function stagesCommand(ctx: CliContext): Command {
  return new Command('stages')
    .description(
      'The deployment stages in order (network, data and backup, then the waves; per account) and the stacks of each',
    )
    .addOption(configOption(ctx))
    .addOption(wavesOption(ctx))
    .addOption(jsonOption().conflicts('githubOutput'))
    .addOption(
      new Option('--github-output', 'one stages=<json> line to append to $GITHUB_OUTPUT').default(false),
    )
    .action(
      action(ctx, (opts: { config: string; waves: string; json: boolean; githubOutput: boolean }) => {
        const config = loadConfig(opts.config);
        const plan = loadWavePlan(opts.waves, config);
        return runStages({
          plan: () => ctx.app.planStages(config, plan),
          format: opts.githubOutput ? 'github-output' : opts.json ? 'json' : 'text',
        });
      }),
    );
}
