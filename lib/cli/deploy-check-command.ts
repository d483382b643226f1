import { Command } from 'commander';
import pc from 'picocolors';
import { openAssembly, staleNotice } from '../assembly/open';
import { loadConfig } from '../config/load';
import type { DeployCheckReport } from '../deploy-check/check';
import { deployCheckReport } from '../deploy-check/report';
import { action } from './action';
import type { CliContext } from './context';
import { allowStaleOption, assemblyOption, configOption, jsonOption, wavesOption } from './options';
import { EXIT, type CommandOutput } from './output';

export function formatDeployCheck(report: DeployCheckReport): string {
  const lines: string[] = [];
  for (const check of report.checks) {
    const mark = check.problems.length === 0 ? pc.green('PASS') : pc.red('FAIL');
    lines.push(`${mark}  ${check.title}`);
    lines.push(...check.problems.map((p) => pc.red(`      ${p}`)));
    lines.push(...check.notes.map((n) => pc.dim(`      note: ${n}`)));
  }
  lines.push(
    report.passed
      ? pc.green(`deploy-check: ${report.stacks} stacks in ${report.stages} stages would deploy`)
      : pc.red(
          `deploy-check: ${report.checks.reduce((n, c) => n + c.problems.length, 0)} problem(s) would stop the deployment`,
        ),
  );
  return `${lines.join('\n')}\n`;
}

export interface DeployCheckOptions {
  readonly assembly: string;
  readonly config: string;
  readonly waves: string;
  readonly json: boolean;
  readonly allowStale?: boolean;
}

/**
 * `lz deploy-check`: the deployment as CloudFormation will run it, checked offline: parameters,
 * cross-stack references, physical names, quotas, stage order and bootstrap. Exit 1 on a problem.
 */
export function runDeployCheck(options: DeployCheckOptions): CommandOutput {
  const assembly = openAssembly(options.assembly, {
    config: options.config,
    waves: options.waves,
    allowStale: options.allowStale === true,
  });
  const report = deployCheckReport(assembly, loadConfig(options.config));
  const exitCode = report.passed ? EXIT.ok : EXIT.findings;
  if (options.json) {
    return {
      exitCode,
      stdout: `${JSON.stringify({ ...report, stale: assembly.stale }, null, 2)}\n`,
      stderr: '',
    };
  }
  return { exitCode, stdout: `${staleNotice(assembly)}${formatDeployCheck(report)}`, stderr: '' };
}

export function deployCheckCommand(ctx: CliContext): Command {
  return new Command('deploy-check')
    .description(
      'Check the deployment itself before AWS sees it: parameters, cross-stack references, physical names, quotas, stage order, bootstrap, what the scoped execution role may create',
    )
    .addOption(assemblyOption())
    .addOption(configOption(ctx))
    .addOption(wavesOption(ctx))
    .addOption(jsonOption())
    .addOption(allowStaleOption())
    .action(action(ctx, (opts: DeployCheckOptions) => runDeployCheck(opts)));
}
