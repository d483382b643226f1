import { Command } from 'commander';
import { action } from './action';
import type { CliContext } from './context';
import { allowStaleOption, assemblyOption, baselinesOption, jsonOption, markdownOption } from './options';
import { openAssembly, staleNotice } from '../assembly/open';
import { templatesById } from '../assembly/read';
import { readTemplates } from '../safety/baseline-files';
import { diffMarkdown, diffTemplates } from '../safety/template-diff';
import type { CommandOutput } from './output';

export interface DiffOptions {
  readonly assembly: string;
  readonly baselines: string;
  readonly markdown: boolean;
  readonly json: boolean;
  readonly allowStale?: boolean;
}

function plainText(diffs: ReturnType<typeof diffTemplates>): string {
  const lines: string[] = [];
  for (const d of diffs) {
    lines.push(`${d.stack} (${d.status})`);
    for (const r of d.resources) {
      lines.push(`  ${r.action.padEnd(11)} ${r.logicalId} ${r.type}${r.stateful ? ' [stateful]' : ''}`);
    }
  }
  lines.push(`${String(diffs.length)} stack(s) differ from the baselines`);
  return `${lines.join('\n')}\n`;
}

/** `lz diff`: what the current synth changes compared with the accepted baselines, offline. */
export function runDiff(options: DiffOptions): CommandOutput {
  const assembly = openAssembly(options.assembly, { allowStale: options.allowStale === true });
  const baseline = readTemplates(options.baselines);
  const current = templatesById(assembly);
  const diffs = diffTemplates(baseline, current);
  const compared = new Set([...Object.keys(baseline), ...Object.keys(current)]).size;
  const stdout = options.json
    ? `${JSON.stringify({ stacksCompared: compared, stacks: diffs, stale: assembly.stale }, null, 2)}\n`
    : `${staleNotice(assembly)}${options.markdown ? diffMarkdown(diffs, compared) : plainText(diffs)}`;
  // A diff is information, not a verdict: the change guard and the gate decide.
  return { exitCode: 0, stdout, stderr: '' };
}

export function diffCommand(ctx: CliContext): Command {
  return new Command('diff')
    .description('Show what the synthesised assembly changes against the accepted baselines, offline')
    .addOption(assemblyOption())
    .addOption(baselinesOption())
    .addOption(markdownOption())
    .addOption(jsonOption())
    .addOption(allowStaleOption())
    .action(action(ctx, (opts: DiffOptions) => runDiff(opts)));
}
