import { formatLocal } from '../time';
import type { Runbook } from './model';
import { emptyRecord } from './record';

/*
 * The runbook as Markdown: what the engineers follow and fill in during the cutover (the record
 * block at the end is read back by `lz waves report`).
 */

const time = (millis: number, zone: string): string => formatLocal(millis, zone).slice(-5);
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export const COVER_LABELS = { rota: 'rota', 'extra-cover': 'extra cover', uncovered: 'NOT COVERED' } as const;

/** The runbook's Markdown; `record` replaces the empty record block (a record kept from the previous version). */
export function runbookMarkdown(book: Runbook, record?: string): string {
  const { workload: r, zone } = book;
  const w = r.workload;
  const lines: string[] = [];
  lines.push(`# Cutover runbook: ${w.id} (${w.name})`, '');
  lines.push(
    `Wave ${r.wave.id} (${r.wave.name}) · window ${formatLocal(book.window.start, zone)} to ${formatLocal(book.window.end, zone)} (${zone}) · ${w.criticality}, ${w.environment} · target ${w.target ? `${w.target.account} / ${w.target.vpc}` : 'none'}`,
    '',
    'Written by `lz waves runbook` from the plan files; regenerate it after changing them (the record at the end is kept).',
    '',
  );
  lines.push(
    book.findings.length === 0
      ? `**Timings:** fit the window, the ${book.rollback.minutes}-minute rollback and the RTO of ${book.outage.rtoMinutes} minutes.`
      : `**Timings do not fit:**\n\n${book.findings.map((f) => `- ${f.message}`).join('\n')}`,
    '',
  );
  lines.push('## Who', '', '| Role | Who |', '| --- | --- |');
  for (const [role, who] of Object.entries(book.roles)) {
    lines.push(`| ${cell(role)} | ${cell(who)} |`);
  }
  lines.push('');
  if (book.window.extraCover) {
    lines.push(`Extra cover outside the rota: ${book.window.extraCover}`, '');
  }
  lines.push('## Before the window', '', '| By | Step | What |', '| --- | --- | --- |');
  for (const p of book.preparation) {
    lines.push(`| ${p.by} | ${cell(p.title)} | ${p.actions.map(cell).join('<br>')} |`);
  }
  lines.push(
    '',
    '## The window',
    '',
    '| # | Time | Step | Owner | Cover | What |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  book.steps.forEach((s, i) => {
    lines.push(
      `| ${i + 1} | ${time(s.start, zone)}-${time(s.end, zone)} | ${cell(s.title)} | ${cell(s.owner)} | ${COVER_LABELS[s.cover]} | ${s.actions.map(cell).join('<br>')} |`,
    );
  });
  lines.push(
    '',
    '## Go/no-go',
    '',
    `- Decision by **${book.goNoGo.owner}** at ${time(book.goNoGo.at, zone)}; latest ${time(book.goNoGo.latest, zone)} (a ${book.rollback.minutes}-minute rollback must end by ${time(book.window.end, zone)}).`,
    `- Point of no return (after go): ${book.pointOfNoReturn}.`,
    '',
    '## Rollback',
    '',
    `- Trigger: ${book.rollback.trigger}.`,
    `- Takes ${book.rollback.minutes} minutes (rollbackMinutes): after a no-go at ${time(book.goNoGo.at, zone)} the service is back on premises by ${time(book.rollback.endsAt, zone)}.`,
    `- Users are without the service for ${book.outage.ifGoMinutes} minutes if the cutover goes ahead, ${book.outage.ifRollbackMinutes} minutes if it is rolled back; the RTO is ${book.outage.rtoMinutes} minutes.`,
    '',
    ...book.rollback.actions.map((a, i) => `${i + 1}. ${a}`),
    '',
    '## Record',
    '',
    record ??
      emptyRecord(
        w.id,
        r.wave.id,
        book.steps.map((s) => s.id),
      ),
    '',
  );
  return lines.join('\n');
}
