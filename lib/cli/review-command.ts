import { Command, Option } from 'commander';
import { action } from './action';
import type { CliContext } from './context';
import {
  allowListOption,
  allowStaleOption,
  assemblyOption,
  asOfOption,
  baselinesOption,
  configOption,
  pricesOption,
  usageAssumptionsOption,
  wavesOption,
} from './options';
import { formatDiagnostic } from '../config/diagnostics';
import { validateConfigFile } from '../config/load';
import { readAllowList } from '../safety/allow-list';
import { openAssembly } from '../assembly/open';
import { renderReviewPage } from '../review/html';
import { reviewMarkdown } from '../review/markdown';
import { buildReviewModel, type ReviewModel } from '../review/model';
import { writeDirectoryAtomically } from '../review/write';
import { buildCostReport } from './cost-command';
import type { CommandOutput } from './output';

export interface ReviewOptions {
  readonly assembly: string;
  readonly config: string;
  readonly waves: string;
  readonly prices: string;
  readonly usage?: string;
  readonly baselines: string;
  readonly allowList: string;
  readonly out: string;
  /** Report date, YYYY-MM-DD; bin/ passes today's date when none is given. */
  readonly asOf: string;
  readonly allowStale?: boolean;
}

export const REVIEW_FILES = { page: 'index.html', summary: 'summary.md' } as const;

function fail(message: string): CommandOutput {
  return { exitCode: 2, stdout: '', stderr: `lz review: ${message}\n` };
}

/**
 * `lz review`: the architect's review pack from a synthesised assembly: an HTML page and a Markdown
 * summary, written together or not at all. Exit 0 with the pack, 2 when an input is missing, stale or
 * invalid (nothing is written then). The pack informs a decision; the gate is what blocks.
 */
export function runReview(options: ReviewOptions): CommandOutput {
  const assembly = openAssembly(options.assembly, {
    config: options.config,
    waves: options.waves,
    requireChecks: true,
    allowStale: options.allowStale === true,
  });
  const lz = validateConfigFile(options.config);
  if (!lz.config) {
    return fail(`${options.config} is not valid:\n${lz.diagnostics.map(formatDiagnostic).join('\n')}`);
  }
  const allow = readAllowList(options.allowList);
  if (allow.diagnostics.length > 0) {
    return fail(allow.diagnostics.map(formatDiagnostic).join('\n'));
  }
  const cost = buildCostReport({ ...options, assembly });
  if ('error' in cost) {
    return fail(cost.error.trimEnd());
  }
  let model: ReviewModel;
  let files: string[];
  try {
    model = buildReviewModel({
      assembly,
      config: lz.config,
      baselines: options.baselines,
      allowList: allow.entries,
      cost: cost.report,
      asOf: options.asOf,
    });
    const sources = [options.assembly, options.config, options.waves, options.prices, options.baselines];
    files = writeDirectoryAtomically(options.out, {
      [REVIEW_FILES.page]: renderReviewPage(model, sources),
      [REVIEW_FILES.summary]: reviewMarkdown(model),
    });
  } catch (error) {
    return fail(`could not build the review pack: ${error instanceof Error ? error.message : String(error)}`);
  }
  const t = model.totals;
  return {
    exitCode: 0,
    stdout:
      `review pack of ${options.assembly}: ${t.resources} resources in ${t.stacks} stacks across ${t.accounts} accounts; ` +
      `${model.security.findings.length} unacknowledged findings, ${model.dr.breaches} DR breaches, ` +
      `${model.changes.list.filter((c) => c.stateful).length} stateful changes (${model.changes.blocked} blocked)\n` +
      files.map((f) => `wrote ${f}\n`).join(''),
    stderr: '',
  };
}

export function reviewCommand(ctx: CliContext): Command {
  return new Command('review')
    .description(
      "The architect's review pack from cdk.out: stacks, network plan, findings, DR posture, changes against the baseline and cost, as HTML and a Markdown summary",
    )
    .addOption(assemblyOption())
    .addOption(configOption(ctx))
    .addOption(wavesOption(ctx))
    .addOption(pricesOption())
    .addOption(usageAssumptionsOption())
    .addOption(baselinesOption())
    .addOption(allowListOption())
    .addOption(
      new Option('-o, --out <dir>', 'where to write index.html and summary.md').default('reports/review'),
    )
    .addOption(asOfOption(ctx, 'report date'))
    .addOption(allowStaleOption())
    .action(action(ctx, (opts: ReviewOptions) => runReview(opts)));
}
