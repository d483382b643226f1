import { escapeHtml as e } from '../report/svg';
import { formatLocal } from '../time';
import { COVER_LABELS } from './markdown';
import type { Runbook } from './model';

const time = (millis: number, zone: string): string => formatLocal(millis, zone).slice(-5);

/**
 * The runbook as one self-contained HTML page (no scripts, no network), readable on a phone at
 * 360 px: the step tables turn into cards on narrow screens. The record is kept in the Markdown.
 */
export function runbookHtml(book: Runbook): string {
  const { workload: r, zone } = book;
  const w = r.workload;
  const fits = book.findings.length === 0;
  const list = (items: readonly string[]): string =>
    `<ul>${items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>`;
  const steps = book.steps
    .map(
      (s, i) =>
        `<tr data-step="${s.id}" data-cover="${s.cover}"><td data-label="#">${i + 1}</td><td data-label="Time" class="nowrap">${time(s.start, zone)}–${time(s.end, zone)}</td><td data-label="Step"><strong>${e(s.title)}</strong></td><td data-label="Owner">${e(s.owner)}</td><td data-label="Cover"><span class="cover ${s.cover}">${COVER_LABELS[s.cover]}</span></td><td data-label="What">${list(s.actions)}</td></tr>`,
    )
    .join('');
  const preparation = book.preparation
    .map(
      (p) =>
        `<tr><td data-label="By" class="nowrap">${e(p.by)}</td><td data-label="Step"><strong>${e(p.title)}</strong></td><td data-label="What">${list(p.actions)}</td></tr>`,
    )
    .join('');
  const roles = Object.entries(book.roles)
    .map(([role, who]) => `<tr><td data-label="Role">${e(role)}</td><td data-label="Who">${e(who)}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cutover runbook: ${e(w.id)}</title>
<style>
*{box-sizing:border-box}
body{margin:0;font-family:"Segoe UI",Arial,Helvetica,sans-serif;color:#0b0c0c;background:#f3f2f1;font-size:16px;line-height:1.45}
header{background:#0b0c0c;color:#fff;padding:14px 16px;border-bottom:6px solid #1d70b8}
header h1{margin:0;font-size:20px;overflow-wrap:anywhere}
header p{margin:4px 0 0;color:#d0d0d0;font-size:14px}
main{max-width:1100px;margin:0 auto;padding:12px}
section{background:#fff;border:1px solid #d8d8d8;border-radius:4px;padding:12px 14px;margin-bottom:12px}
h2{font-size:18px;margin:0 0 8px}
table{width:100%;border-collapse:collapse}
th{text-align:left;font-size:13px;color:#505a5f;border-bottom:2px solid #b1b4b6;padding:6px}
td{border-bottom:1px solid #e5e5e5;padding:6px;vertical-align:top;overflow-wrap:anywhere}
td ul{margin:0;padding-left:18px}
.nowrap{white-space:nowrap}
.verdict{font-weight:700;padding:8px 10px;border-radius:4px;color:#fff}
.verdict.fits{background:#00703c}.verdict.late{background:#d4351c}
.cover{font-size:13px;padding:1px 6px;border-radius:10px;background:#e5e5e5}
.cover.extra-cover{background:#f47738;color:#fff}.cover.uncovered{background:#d4351c;color:#fff}
@media (max-width:640px){
  thead{display:none}
  table,tbody,tr,td{display:block;width:100%}
  tr{border:1px solid #d8d8d8;border-radius:4px;margin-bottom:8px;padding:4px 0}
  td{border:0;padding:3px 8px}
  td::before{content:attr(data-label);display:block;font-size:12px;color:#505a5f;text-transform:uppercase}
}
</style>
</head>
<body>
<header><h1>Cutover runbook: ${e(w.id)}</h1><p>${e(w.name)} · ${e(r.wave.id)} · ${e(formatLocal(book.window.start, zone))} to ${e(formatLocal(book.window.end, zone))} (${e(zone)})</p></header>
<main>
<section id="timings"><p class="verdict ${fits ? 'fits' : 'late'}">${fits ? `Timings fit the window, the ${book.rollback.minutes}-minute rollback and the RTO of ${book.outage.rtoMinutes} minutes` : 'Timings do not fit'}</p>${fits ? '' : list(book.findings.map((f) => f.message))}</section>
<section id="who"><h2>Who</h2><table><thead><tr><th>Role</th><th>Who</th></tr></thead><tbody>${roles}</tbody></table>${book.window.extraCover ? `<p>Extra cover outside the rota: ${e(book.window.extraCover)}</p>` : ''}</section>
<section id="before"><h2>Before the window</h2><table><thead><tr><th>By</th><th>Step</th><th>What</th></tr></thead><tbody>${preparation}</tbody></table></section>
<section id="window"><h2>The window</h2><table><thead><tr><th>#</th><th>Time</th><th>Step</th><th>Owner</th><th>Cover</th><th>What</th></tr></thead><tbody>${steps}</tbody></table></section>
<section id="go-no-go"><h2>Go/no-go</h2><ul><li>Decision by <strong>${e(book.goNoGo.owner)}</strong> at <span data-testid="decision">${time(book.goNoGo.at, zone)}</span>; latest <span data-testid="latest">${time(book.goNoGo.latest, zone)}</span>.</li><li>Point of no return (after go): ${e(book.pointOfNoReturn)}.</li></ul></section>
<section id="rollback"><h2>Rollback</h2><ul><li>Trigger: ${e(book.rollback.trigger)}.</li><li>Takes ${book.rollback.minutes} minutes: after a no-go the service is back on premises by ${time(book.rollback.endsAt, zone)}.</li><li>Without the service: ${book.outage.ifGoMinutes} minutes if it goes ahead, ${book.outage.ifRollbackMinutes} if rolled back; RTO ${book.outage.rtoMinutes}.</li></ul><ol>${book.rollback.actions.map((a) => `<li>${e(a)}</li>`).join('')}</ol></section>
<section id="record"><h2>Record</h2><p>Record what happened in the Markdown runbook beside this page (the <code>cutover-record</code> block); <code>lz waves report</code> reads it back into the status history.</p></section>
</main>
</body>
</html>
`;
}
