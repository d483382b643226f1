import { Command, Option } from 'commander';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateConfigFile } from '../config/load';
import { validateWavesDir } from '../waves/load';
import { isCutOver, isMigrating } from '../waves/resolve';
import { runbookHtml } from '../waves/runbook/html';
import { runbookMarkdown } from '../waves/runbook/markdown';
import { buildRunbook, nextWave } from '../waves/runbook/model';
import { findRecordBlock } from '../waves/runbook/record';
import { formatLocal } from '../waves/time';
import { action } from './action';
import type { CliContext } from './context';
import { asOfOption, configOption, wavesOption } from './options';
import { EXIT, failure, result, type CommandOutput } from './output';

export interface WavesRunbookOptions {
  readonly config: string;
  readonly waves: string;
  /** A wave id; without it, the next wave on --as-of. */
  readonly wave?: string;
  readonly out: string;
  readonly asOf: string;
}

/** The runbooks folder `lz waves runbook` writes and `lz waves report` reads records from. */
export const RUNBOOKS_DIR = 'runbooks';

/**
 * `lz waves runbook`: a Markdown and an HTML runbook per migrating workload of a wave, under
 * `<out>/<wave>/`. A record already written in a runbook is kept. Exit 1 when a workload's timings
 * do not fit its window, its rollback or its RTO.
 */
export function runWavesRunbook(options: WavesRunbookOptions): CommandOutput {
  const lz = validateConfigFile(options.config);
  if (!lz.config) {
    return failure(`${options.config} is not valid: run \`lz validate\` for details`);
  }
  const validated = validateWavesDir(options.waves, lz.config);
  const plan = validated.plan;
  if (!plan) {
    return failure(
      `${options.waves} is not valid: run \`lz waves validate\` for details (no runbook from an invalid plan)`,
    );
  }
  const waveId = options.wave ?? nextWave(plan, options.asOf);
  const wave = plan.waves.find((w) => w.wave.id === waveId);
  if (!waveId || !wave) {
    return failure(
      waveId === undefined
        ? `no wave still to cut over on ${options.asOf}; name one with --wave (${plan.waves.map((w) => w.wave.id).join(', ')})`
        : `unknown wave "${waveId}" (${plan.waves.map((w) => w.wave.id).join(', ')})`,
    );
  }
  const dir = join(options.out, wave.wave.id);
  mkdirSync(dir, { recursive: true });
  const lines: string[] = [];
  let late = 0;
  const moving = plan.workloads.filter((r) => r.wave.id === wave.wave.id && isMigrating(r.workload));
  const done = moving.filter((r) => isCutOver(r.workload)).map((r) => r.workload.id);
  for (const resolved of moving.filter((r) => !isCutOver(r.workload))) {
    const book = buildRunbook(plan, resolved);
    if (!book) {
      continue;
    }
    const md = join(dir, `${resolved.workload.id}.md`);
    const kept = existsSync(md) ? findRecordBlock(readFileSync(md, 'utf8'))?.block : undefined;
    writeFileSync(md, runbookMarkdown(book, kept));
    writeFileSync(join(dir, `${resolved.workload.id}.html`), runbookHtml(book));
    const decision = formatLocal(book.goNoGo.at, book.zone).slice(-5);
    const latest = formatLocal(book.goNoGo.latest, book.zone).slice(-5);
    if (book.findings.length > 0) {
      late++;
    }
    lines.push(
      `${resolved.workload.id}: go/no-go ${decision} (latest ${latest}), rollback ${book.rollback.minutes} min, outage ${book.outage.ifGoMinutes}/${book.outage.ifRollbackMinutes} min against RTO ${book.outage.rtoMinutes}: ${book.findings.length === 0 ? 'fits' : book.findings.map((f) => f.message).join('; ')}${kept ? ' (record kept)' : ''}`,
      `  wrote ${md} and .html`,
    );
  }
  const summary =
    `${wave.wave.id}: ${lines.length / 2} runbook(s) in ${dir}; ${late === 0 ? 'every timing fits' : `${late} with timings that do not fit`}` +
    `${done.length > 0 ? `; already cut over: ${done.join(', ')}` : ''}\n`;
  return result(`${lines.join('\n')}\n${summary}`, late > 0 ? EXIT.findings : EXIT.ok);
}

export function wavesRunbookCommand(ctx: CliContext): Command {
  return new Command('runbook')
    .description(
      'Write a cutover runbook (Markdown and HTML) for every workload of a wave, timed on its window; exit 1 when timings do not fit',
    )
    .addOption(configOption(ctx))
    .addOption(wavesOption(ctx, 'directory of programme.yaml and wave files'))
    .addOption(new Option('--wave <id>', 'the wave (default: the next wave still to cut over on --as-of)'))
    .addOption(
      new Option('-o, --out <dir>', 'runbooks folder (one sub-folder per wave)').default(RUNBOOKS_DIR),
    )
    .addOption(asOfOption(ctx, 'date that picks the next wave'))
    .action(action(ctx, (opts: WavesRunbookOptions) => runWavesRunbook(opts)));
}
