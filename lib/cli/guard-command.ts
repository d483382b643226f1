import { Command } from 'commander';
import { action } from './action';
import type { CliContext } from './context';
import { allowListOption, allowStaleOption, assemblyOption, baselinesOption, jsonOption } from './options';
import { openAssembly, staleNotice } from '../assembly/open';
import { templatesById } from '../assembly/read';
import pc from 'picocolors';
import { formatDiagnostic } from '../config/diagnostics';
import { readAllowList } from '../safety/allow-list';
import { acceptBaseline, baselineSetProblem, readTemplates } from '../safety/baseline-files';
import { describeChange, guardChanges } from '../safety/change-guard';
import { failure, type CommandOutput } from './output';

export interface GuardOptions {
  readonly assembly: string;
  readonly baselines: string;
  readonly allowList: string;
  readonly json: boolean;
  readonly allowStale?: boolean;
}

/** `lz guard`: fail when deploying the current synth would replace, delete or orphan anything stateful. */
export function runGuard(options: GuardOptions): CommandOutput {
  const assembly = openAssembly(options.assembly, { allowStale: options.allowStale === true });
  const allow = readAllowList(options.allowList);
  if (allow.diagnostics.length > 0) {
    return { exitCode: 2, stdout: '', stderr: `${allow.diagnostics.map(formatDiagnostic).join('\n')}\n` };
  }
  const baseline = readTemplates(options.baselines);
  const current = templatesById(assembly);
  const setProblem = baselineSetProblem(
    options.baselines,
    Object.keys(baseline),
    Object.keys(current),
    options.assembly,
  );
  if (setProblem !== undefined) {
    return failure(`change guard: ${setProblem}`);
  }
  const result = guardChanges(baseline, current, allow.entries);
  const exitCode = result.blocked.length > 0 ? 1 : 0;
  if (options.json) {
    return {
      exitCode,
      stdout: `${JSON.stringify({ ...result, stale: assembly.stale }, null, 2)}\n`,
      stderr: '',
    };
  }
  const lines: string[] = staleNotice(assembly) === '' ? [] : [pc.red(staleNotice(assembly).trimEnd())];
  for (const c of result.blocked) {
    lines.push(pc.red(`BLOCKED  ${describeChange(c)}`));
  }
  for (const c of result.changes.filter((x) => x.allowedBy)) {
    lines.push(
      pc.yellow(
        `ALLOWED  ${describeChange(c)} — ${c.allowedBy?.reason ?? ''} (${c.allowedBy?.approvedBy ?? ''})`,
      ),
    );
  }
  for (const a of result.unusedAllowances) {
    lines.push(
      pc.yellow(
        `STALE    allow-list entry ${a.stack}/${a.logicalId} (${a.change}) matches no change: remove it`,
      ),
    );
  }
  const summary =
    exitCode === 0
      ? pc.green(
          `change guard: no unapproved replacement, deletion or orphaning of stateful resources in ${result.stacksCompared} stack(s)`,
        )
      : pc.red(
          `change guard: ${result.blocked.length} stateful resource(s) would be lost or replaced. Restore the construct IDs ` +
            `or properties, or add an entry with a reason to ${options.allowList}.`,
        );
  const text = `${[...lines, summary].join('\n')}\n`;
  return exitCode === 0 ? { exitCode, stdout: text, stderr: '' } : { exitCode, stdout: '', stderr: text };
}

/** Accepts only a current assembly synthesised with every check: a baseline is what will be deployed. */
export function runAcceptBaseline(assembly: string, baselines: string): CommandOutput {
  const opened = openAssembly(assembly, { requireChecks: true });
  const files = acceptBaseline(opened.dir, baselines);
  return {
    exitCode: 0,
    stdout: `accepted ${files.length} template(s) from ${assembly} as the baseline in ${baselines}\n`,
    stderr: '',
  };
}

export function guardCommand(ctx: CliContext): Command {
  return new Command('guard')
    .description(
      'Fail if deploying cdk.out would replace, delete or orphan a stateful resource of the accepted baseline',
    )
    .addOption(assemblyOption())
    .addOption(baselinesOption())
    .addOption(allowListOption())
    .addOption(jsonOption())
    .addOption(allowStaleOption())
    .action(action(ctx, (opts: GuardOptions) => runGuard(opts)));
}

export function baselineCommand(ctx: CliContext): Command {
  return new Command('baseline')
    .description('Accept the current synth as the baseline the change guard compares against')
    .requiredOption('--accept', 'copy the templates from the assembly into the baselines directory')
    .addOption(assemblyOption())
    .addOption(baselinesOption())
    .action(
      action(ctx, (opts: { assembly: string; baselines: string }) =>
        runAcceptBaseline(opts.assembly, opts.baselines),
      ),
    );
}
