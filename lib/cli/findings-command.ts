import { Command } from 'commander';
import { action } from './action';
import type { CliContext } from './context';
import { assemblyOption } from './options';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pc from 'picocolors';
import { readValidationReport, unacknowledgedFindings } from '../compliance/validation-report';
import type { CommandOutput } from './output';

/** `lz findings`: fail if the last synth left any violation unacknowledged, in any plugin. */
export function runFindings(assembly: string): CommandOutput {
  const file = join(assembly, 'validation-report.json');
  if (!existsSync(file)) {
    return { exitCode: 2, stdout: '', stderr: `${file} does not exist: run \`npm run synth\` first\n` };
  }
  const report = readValidationReport(file);
  const findings = unacknowledgedFindings(report);
  const acknowledged = report.pluginReports.reduce((n, p) => n + p.suppressedViolations.length, 0);
  const plugins = report.pluginReports.map((p) => p.pluginName).join(', ');
  if (findings.length === 0) {
    return {
      exitCode: 0,
      stdout: pc.green(
        `findings: none unacknowledged (${acknowledged} acknowledged with reasons; plugins reporting: ${plugins})\n`,
      ),
      stderr: '',
    };
  }
  const lines = findings.map((f) => `${f.plugin} ${f.rule} at ${f.resource}: ${f.description}`);
  return {
    exitCode: 1,
    stdout: '',
    stderr: `${pc.red(lines.join('\n'))}\n${pc.red(`findings: ${findings.length} unacknowledged finding(s) in ${file}`)}\n`,
  };
}

export function findingsCommand(ctx: CliContext): Command {
  return new Command('findings')
    .description('Fail if the last synth left any rule violation unacknowledged, in any validation plugin')
    .addOption(assemblyOption())
    .action(action(ctx, (opts: { assembly: string }) => runFindings(opts.assembly)));
}
