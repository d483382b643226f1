import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { sortDiagnostics, unreadable, type Diagnostic } from '../../config/diagnostics';
import { schemaDiagnostics } from '../../config/load';
import { YamlSource } from '../../config/yaml-source';
import type { MigrationPlan } from '../migration-plan';
import { LocalDateTime, type WorkloadConfig, type WorkloadState } from '../schema';
import type { StepId } from './model';

/*
 * The place in a runbook where the engineers record what happened: a YAML block fenced as
 * ```yaml cutover-record in the runbook's Markdown. `lz waves runbook` writes it empty and keeps it
 * when it rewrites the runbook; `lz waves report` reads every record under the runbooks folder back
 * into the workloads' status history (cutting-over from the first step started, then cutover or
 * rolled-back), and lists where the wave file has not caught up.
 */

export const RECORD_FENCE = '```yaml cutover-record';

export const STEP_IDS: readonly StepId[] = [
  'pre-checks',
  'freeze',
  'final-sync',
  'launch',
  'switch',
  'smoke-tests',
  'go-no-go',
  'finalise',
];

const Stamp = LocalDateTime.nullable();
const Text = z.string().nullable();

const StepRecord = z.strictObject({ started: Stamp, finished: Stamp, note: Text });

export const CutoverRecordSchema = z.strictObject({
  workload: z.string().min(1),
  wave: z.string().min(1),
  steps: z.partialRecord(z.enum(STEP_IDS as [StepId, ...StepId[]]), StepRecord),
  decision: z.strictObject({
    outcome: z.enum(['go', 'no-go']).nullable(),
    by: Text,
    at: Stamp,
  }),
  result: z.enum(['cutover', 'rolled-back', 'postponed']).nullable(),
  finishedAt: Stamp,
  note: Text,
});
export type CutoverRecord = z.infer<typeof CutoverRecordSchema>;

export interface PlacedRecord {
  readonly file: string;
  readonly record: CutoverRecord;
}

/** The empty record of a workload, as the runbook writes it. */
export function emptyRecord(workload: string, wave: string, steps: readonly StepId[]): string {
  return [
    RECORD_FENCE,
    "# Fill in during the cutover (times YYYY-MM-DDTHH:MM in the window's time zone); lz waves report reads it back.",
    `workload: ${workload}`,
    `wave: ${wave}`,
    'steps:',
    ...steps.map((s) => `  ${s}: { started: null, finished: null, note: null }`),
    'decision: { outcome: null, by: null, at: null } # outcome: go | no-go; by: the role that decided',
    'result: null # cutover | rolled-back | postponed',
    'finishedAt: null',
    'note: null',
    '```',
  ].join('\n');
}

/** The record block of a runbook's text (fence lines included), with the line it starts on (1-based), if any. */
export function findRecordBlock(text: string): { block: string; body: string; line: number } | undefined {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === RECORD_FENCE);
  if (start < 0) {
    return undefined;
  }
  const end = lines.findIndex((l, i) => i > start && l.trim() === '```');
  if (end < 0) {
    return undefined;
  }
  return {
    block: lines.slice(start, end + 1).join('\n'),
    body: lines.slice(start + 1, end).join('\n'),
    line: start + 2,
  };
}

/** Parses the record of one runbook; diagnostics carry the Markdown file's own line numbers. */
export function parseRecord(
  file: string,
  text: string,
): { record?: CutoverRecord; diagnostics: Diagnostic[] } {
  const found = findRecordBlock(text);
  if (!found) {
    return { diagnostics: [] };
  }
  // Blank lines in front keep the YAML parser's line numbers equal to the file's.
  const source = new YamlSource(file, `${'\n'.repeat(found.line - 1)}${found.body}`);
  if (source.parseDiagnostics.length > 0) {
    return { diagnostics: source.parseDiagnostics };
  }
  const parsed = CutoverRecordSchema.safeParse(source.data, { reportInput: true });
  if (!parsed.success) {
    return { diagnostics: schemaDiagnostics(source, parsed.error.issues, CutoverRecordSchema) };
  }
  const r = parsed.data;
  const diagnostics: Diagnostic[] = [];
  if (r.result !== null && r.finishedAt === null) {
    diagnostics.push(source.diagnostic(['finishedAt'], `a ${r.result} record needs the time it finished`));
  }
  if (r.result === 'cutover' && r.decision.outcome !== 'go') {
    diagnostics.push(source.diagnostic(['decision', 'outcome'], 'a cutover needs the go decision recorded'));
  }
  if (r.result === 'rolled-back' && r.decision.outcome === 'go' && r.steps.finalise?.finished) {
    diagnostics.push(
      source.diagnostic(
        ['result'],
        'the cutover was finalised after a go: record rolled-back only after a no-go or a later failure, with a note',
      ),
    );
  }
  return diagnostics.length > 0 ? { diagnostics } : { record: r, diagnostics };
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * Every record under a runbooks folder, checked against the plan (the workload exists, in that
 * wave). A missing folder holds no records.
 */
export function readRecords(
  dir: string,
  plan: MigrationPlan,
): { records: PlacedRecord[]; diagnostics: Diagnostic[] } {
  let files: string[];
  try {
    files = markdownFiles(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { records: [], diagnostics: [] };
    }
    return { records: [], diagnostics: [unreadable(dir, error, '(directory)')] };
  }
  const records: PlacedRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      diagnostics.push(unreadable(file, error));
      continue;
    }
    const parsed = parseRecord(file, text);
    diagnostics.push(...parsed.diagnostics);
    const record = parsed.record;
    if (!record) {
      continue;
    }
    const resolved = plan.byId.get(record.workload);
    const line = (findRecordBlock(text)?.line ?? 1) + 1;
    if (!resolved) {
      diagnostics.push({
        file,
        line,
        column: 1,
        path: 'workload',
        message: `no workload ${record.workload} in the plan`,
        severity: 'error',
      });
    } else if (resolved.wave.id !== record.wave) {
      diagnostics.push({
        file,
        line: line + 1,
        column: 1,
        path: 'wave',
        message: `${record.workload} is in ${resolved.wave.id}, not ${record.wave}`,
        severity: 'error',
      });
    } else {
      records.push({ file, record });
    }
  }
  return { records, diagnostics: sortDiagnostics(diagnostics) };
}

/** What a record adds to a workload's status history: cutting-over when a step started, then its result. */
export function recordedHistory(record: CutoverRecord): { state: WorkloadState; on: string; note: string }[] {
  const out: { state: WorkloadState; on: string; note: string }[] = [];
  const started = STEP_IDS.map((s) => record.steps[s]?.started)
    .filter((x): x is string => typeof x === 'string')
    .sort()[0];
  if (started) {
    out.push({ state: 'cutting-over', on: started.slice(0, 10), note: 'recorded in the runbook' });
  }
  if ((record.result === 'cutover' || record.result === 'rolled-back') && record.finishedAt) {
    out.push({ state: record.result, on: record.finishedAt.slice(0, 10), note: 'recorded in the runbook' });
  }
  return out;
}

/**
 * The workload as the report sees it with its record applied: the recorded states merged into the
 * status history by date (the wave file's own entry first on the same date) up to the report
 * date, and the status the last entry. Returns the workload unchanged when the record adds nothing new.
 */
export function withRecord(
  workload: WorkloadConfig,
  record: CutoverRecord | undefined,
  /** The report date: what the record says happened later is not yet history. */
  asOf: string,
): WorkloadConfig {
  if (!record) {
    return workload;
  }
  const known = new Set(workload.statusHistory.map((h) => `${h.state}|${h.on}`));
  const added = recordedHistory(record).filter(
    (h) =>
      h.on <= asOf &&
      !known.has(`${h.state}|${h.on}`) &&
      !workload.statusHistory.some((x) => x.state === h.state && x.on >= h.on),
  );
  if (added.length === 0) {
    return workload;
  }
  const history = [...workload.statusHistory, ...added].sort((a, b) => a.on.localeCompare(b.on));
  const last = history[history.length - 1];
  return { ...workload, statusHistory: history, status: last?.state ?? workload.status };
}
