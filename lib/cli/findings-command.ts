import { Command } from 'commander';
import pc from 'picocolors';
import { openAssembly, staleNotice } from '../assembly/open';
import type { Finding } from '../assembly/validation-report';
import { unacknowledgedFindings, type ValidationReport } from '../assembly/validation-report';
import { action } from './action';
import type { CliContext } from './context';
import { allowStaleOption, assemblyOption } from './options';
import { EXIT, failure, type CommandOutput } from './output';

export function findingLine(f: Finding): string {
  return `${f.plugin} ${f.rule} at ${f.resource}: ${f.description}`;
}

/** The findings verdict of one validation report: exit 1 and every finding when any is unacknowledged. */
export function findingsVerdict(report: ValidationReport, where: string): CommandOutput {
  const findings = unacknowledgedFindings(report);
  const acknowledged = report.pluginReports.reduce((n, p) => n + p.suppressedViolations.length, 0);
  const plugins = report.pluginReports.map((p) => p.pluginName).join(', ');
  if (findings.length === 0) {
    return {
      exitCode: EXIT.ok,
      stdout: pc.green(
        `findings: none unacknowledged (${acknowledged} acknowledged with reasons; plugins reporting: ${plugins})\n`,
      ),
      stderr: '',
    };
  }
  return {
    exitCode: EXIT.findings,
    stdout: '',
    stderr:
      `${pc.red(findings.map(findingLine).join('\n'))}\n` +
      `${pc.red(`findings: ${findings.length} unacknowledged finding(s) in ${where}`)}\n`,
  };
}

export interface FindingsOptions {
  readonly assembly: string;
  readonly allowStale?: boolean;
}

/** `lz findings`: fail if the synth left any violation unacknowledged, in any plugin. */
export function runFindings(options: FindingsOptions): CommandOutput {
  const assembly = openAssembly(options.assembly, {
    requireChecks: true,
    allowStale: options.allowStale === true,
  });
  if (assembly.validationReport === undefined) {
    return failure(`${options.assembly} has no validation report: it was synthesised without the checks`);
  }
  const verdict = findingsVerdict(assembly.validationReport, `${options.assembly}/validation-report.json`);
  const notice = staleNotice(assembly);
  return { ...verdict, stdout: `${notice}${verdict.stdout}`, stderr: `${notice}${verdict.stderr}` };
}

export function findingsCommand(ctx: CliContext): Command {
  return new Command('findings')
    .description('Fail if the last synth left any rule violation unacknowledged, in any validation plugin')
    .addOption(assemblyOption())
    .addOption(allowStaleOption())
    .action(action(ctx, (opts: FindingsOptions) => runFindings(opts)));
}
