import { BADGE_TEXT, chartBox, PALETTE, REPORT_CSS, reportTable } from '../../html/report-page';
import { WORKLOAD_STATES } from '../schema';
import { RAG_RULES, type Rag, type ReportFigures, type ReportModel, type WaveSummary } from './model';
import { runCostSvg } from './cost-chart';
import { pence } from './exports';
// To the penny, as `lz cost` and the review pack print it: the same figures read the same everywhere.
import { gbp } from '../../text';
import {
  blackoutAreas,
  burnDownSvg,
  chartBlackouts,
  cutoverMarkers,
  escapeHtml as e,
  ganttSvg,
  RAG_COLOURS,
} from './svg';

const RAG_LABEL: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green', complete: 'Complete' };

/** A RAG badge: the colour is in the stylesheet (.pill[data-rag]), the meaning in its words. */
function pill(rag: Rag): string {
  return `<span class="pill" data-rag="${rag}">${RAG_LABEL[rag]}</span>`;
}

/** Badge colours per RAG, dark text on amber (see PALETTE): every pair at least 4.5:1. */
const PILL_CSS = (Object.keys(RAG_LABEL) as Rag[])
  .map(
    (rag) =>
      `.pill[data-rag="${rag}"]{background:${RAG_COLOURS[rag]};color:${BADGE_TEXT[rag === 'complete' ? 'blue' : rag]}}`,
  )
  .join('\n');

/** A swatch for a legend, drawn rather than a coloured character, so it is a mark and not text. */
function mark(shape: 'diamond' | 'triangle', colour: string): string {
  const d = shape === 'diamond' ? 'M 6 0 L 12 6 L 6 12 L 0 6 Z' : 'M 6 1 L 12 11 L 0 11 Z';
  return `<svg class="mark" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false"><path d="${d}" fill="${colour}"/></svg>`;
}

function kpi(id: string, label: string, value: string, detail: string): string {
  return `<div class="kpi"><div class="kpi-label">${e(label)}</div><div class="kpi-value" data-testid="${id}">${e(value)}</div><div class="kpi-detail">${e(detail)}</div></div>`;
}

/** A wave's cost, now → after, to the penny, from the figures model (the same as `lz cost`). */
function costCell(f: ReportFigures['waves'][number] | undefined): string {
  return f === undefined
    ? '<td data-label="Cost / month" class="num muted"><span>not estimated</span></td>'
    : `<td data-label="Cost / month" class="num" data-cost-now="${pence(f.runCostNowGbp)}" data-cost-after="${pence(f.afterMonthlyGbp)}"><span>${gbp(f.runCostNowGbp)}<br><span class="muted">→ ${gbp(f.afterMonthlyGbp)}</span></span></td>`;
}

function waveRow(w: WaveSummary, f: ReportFigures['waves'][number] | undefined): string {
  const h = w.wave.wave;
  const pct = Math.round(w.progress * 100);
  // data-label names each cell when the row is a card on a narrow screen; the RAG cell (.first)
  // then comes straight after the wave's name.
  return `<tr data-wave="${h.id}" data-in-scope="${w.inScope}" data-done="${w.done}" data-servers="${w.servers}">
<th scope="row"><strong>${e(h.id)}</strong><br><span class="muted">${e(h.name)}</span></th>
<td data-label="Status" class="nowrap">${e(h.status)}</td>
<td data-label="Dates" class="nowrap"><span>${e(h.planned.start)} → ${e(h.planned.end)}<br><span class="muted">baseline ${e(w.baseline?.end ?? 'n/a')} · forecast ${e(w.forecastEnd)}</span></span></td>
<td data-label="Progress" class="nowrap"><span><span class="bar"><span class="bar-fill" style="width:${pct}%;background:${RAG_COLOURS[w.rag]}"></span></span><span class="wave-progress">${w.done} of ${w.inScope} workloads</span> · ${w.serversDone}/${w.servers} servers<br><span class="muted states">${states(w)}</span></span></td>
${costCell(f)}
<td data-label="RAG" class="first"><span>${pill(w.rag)}<ul class="reasons">${w.reasons.map((r) => `<li>${e(r)}</li>`).join('')}</ul></span></td>
</tr>`;
}

/** How many workloads are in each state, in lifecycle order, e.g. "2 testing · 1 blocked". */
function states(w: WaveSummary): string {
  return WORKLOAD_STATES.flatMap((state) => {
    const count = w.byState[state];
    return count ? [`${count} ${state}`] : [];
  }).join(' · ');
}

/** Cutover records read back from the runbooks, and where the wave file still has to catch up. */
function recordedSection(model: ReportModel): string {
  if (model.recorded.length === 0) {
    return '';
  }
  const rows = model.recorded
    .map(
      (r) =>
        `<tr data-recorded="${e(r.workload)}"><th scope="row">${e(r.workload)}</th><td>${e(r.wave)}</td><td>${e(r.result)}${r.finishedAt ? ` at ${e(r.finishedAt.replace('T', ' '))}` : ''}</td><td>${e(r.status)}${r.status === r.fileStatus ? '' : ` <span class="muted">(wave file still says ${e(r.fileStatus)}: update it)</span>`}</td><td><code>${e(r.file)}</code></td></tr>`,
    )
    .join('');
  return `<section id="recorded"><h2>Cutover records (runbooks)</h2>
${reportTable({ id: 'recorded-table', caption: 'What each runbook recorded, and the status the dashboard used', columns: ['Workload', 'Wave', 'Recorded', 'Status used', 'Runbook'], rows })}</section>`;
}

/**
 * What the Gantt chart shows only on hover (each blackout's name and service areas, each cutover's
 * workloads, each wave's dates), as tables in a <details> under it: reachable by keyboard and touch,
 * and opened when printed.
 */
function timelineText(model: ReportModel): string {
  const waves = model.waves
    .map((w) => {
      const h = w.wave.wave;
      const cutovers = cutoverMarkers(w, model.asOf)
        .map((c) => `${e(c.date)}: ${e(c.ids.join(', '))}${c.note ? ` <strong>(${e(c.note)})</strong>` : ''}`)
        .join('<br>');
      return `<tr data-timeline-wave="${e(h.id)}"><th scope="row">${e(h.id)}</th><td class="nowrap">${e(h.planned.start)} → ${e(h.planned.end)}</td><td class="nowrap">${w.baseline ? `${e(w.baseline.start)} → ${e(w.baseline.end)}` : 'none'}</td><td class="nowrap">${e(w.forecastEnd)}</td><td>${cutovers || 'none'}</td></tr>`;
    })
    .join('');
  const blackouts = chartBlackouts(model)
    .map(
      (b) =>
        `<tr data-timeline-blackout="${e(b.id)}"><th scope="row">${e(b.name)}</th><td class="nowrap">${e(b.start)} → ${e(b.end)}</td><td>${e(blackoutAreas(b))}</td></tr>`,
    )
    .join('');
  return `<details id="timeline-text"><summary>The chart as text: wave dates, cutovers and blackouts</summary>
${reportTable({ id: 'timeline-waves', caption: 'Wave dates and cutover days', columns: ['Wave', 'Planned', 'Baseline', 'Forecast end', 'Cutovers (workloads)'], rows: waves })}
${reportTable({ id: 'timeline-blackouts', caption: 'Blackouts in the chart', columns: ['Blackout', 'Dates', 'Applies to'], rows: blackouts || '<tr><th scope="row">None</th><td></td><td></td></tr>' })}
</details>`;
}

/** The manager dashboard: one self-contained HTML file (inline CSS and SVG, no scripts, no network). */
export function renderDashboard(model: ReportModel, sources: readonly string[]): string {
  const t = model.totals;
  const wavesComplete = model.waves.filter((w) => w.rag === 'complete').length;
  const blockers = model.blockers
    .map(
      (r) =>
        `<tr data-blocker="${e(r.workload.id)}"><th scope="row"><strong>${e(r.workload.id)}</strong><br><span class="muted">${e(r.workload.name)}</span></th><td>${e(r.wave.wave.id)}</td><td>${e(r.workload.status)} since ${e(r.workload.statusHistory[r.workload.statusHistory.length - 1]?.on ?? '')}</td><td>${e(r.workload.notes ?? r.workload.statusHistory[r.workload.statusHistory.length - 1]?.note ?? '')}</td><td>${e(r.workload.owners.business ?? '')}</td></tr>`,
    )
    .join('');
  const risks = model.risks
    .map(
      (d) =>
        `<tr class="risk"><th scope="row" class="nowrap">${e(d.file.split('/').pop() ?? d.file)}:${d.line}</th><td><code>${e(d.path)}</code></td><td>${e(d.message)}</td></tr>`,
    )
    .join('');
  const cutovers = model.upcomingCutovers
    .map(
      (r) =>
        `<tr data-cutover="${e(r.workload.id)}"><th scope="row" class="nowrap">${e((r.cutoverStart ?? '').replace('T', ' '))} → ${e((r.cutoverEnd ?? '').slice(11))}</th><td>${e(r.workload.id)}</td><td>${e(r.wave.wave.id)}</td><td>${e(r.workload.status)}</td><td>${e(r.workload.rollback?.decisionOwner ?? '')}</td></tr>`,
    )
    .join('');
  const blackouts = model.upcomingBlackouts
    .map(
      (b) =>
        `<tr data-upcoming-blackout="${e(b.id)}"><th scope="row" class="nowrap">${e(b.start)} → ${e(b.end)}</th><td>${e(b.name)}</td><td>${e(b.serviceAreas === 'all' ? 'All service areas' : b.serviceAreas.join(', '))}</td></tr>`,
    )
    .join('');
  const programmeSlip = model.forecastFinish > model.baselineFinish;

  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(model.programme.programme.name)}: migration dashboard ${e(model.asOf)}</title>
<style>
*{box-sizing:border-box}
body{margin:0;font-family:"Segoe UI",Arial,Helvetica,sans-serif;color:#0b0c0c;background:#f3f2f1;font-size:14px;line-height:1.4}
header{background:#0b0c0c;color:#fff;padding:18px 32px;display:flex;flex-wrap:wrap;gap:10px 24px;justify-content:space-between;align-items:center;border-bottom:8px solid #1d70b8}
header h1{margin:0;font-size:22px}
header .sub{color:#d0d0d0;font-size:13px;margin-top:4px}
main{padding:20px 32px 40px;max-width:1280px;margin:0 auto}
section{background:#fff;border:1px solid #d8d8d8;border-radius:4px;padding:16px 20px;margin-bottom:18px}
h2{font-size:17px;margin:0 0 12px}
/* Six cards in a row on a desktop, four on a tablet, two on a phone: never wider than the screen. */
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin-bottom:18px}
.kpi{background:#fff;border:1px solid #d8d8d8;border-top:4px solid #1d70b8;border-radius:4px;padding:10px 12px}
.kpi-label{font-size:12px;color:#505a5f;text-transform:uppercase;letter-spacing:.03em}
.kpi-value{font-size:clamp(20px,5vw,26px);font-weight:700;margin:2px 0;overflow-wrap:anywhere}
.kpi-detail{font-size:12px;color:#505a5f}
.pill{display:inline-block;font-weight:700;font-size:12px;padding:2px 10px;border-radius:12px;letter-spacing:.02em}
.pill.big{font-size:15px;padding:5px 16px}
table{width:100%;border-collapse:collapse}
td{border-bottom:1px solid #e5e5e5;padding:7px 8px;vertical-align:top}
.num{text-align:right;white-space:nowrap}
.nowrap{white-space:nowrap}
.muted{color:#505a5f;font-size:12px}
.bar{display:block;height:10px;background:#e5e5e5;border-radius:5px;overflow:hidden;margin:3px 0 4px;width:180px;max-width:100%}
.bar-fill{display:block;height:100%}
ul.reasons{margin:4px 0 0;padding-left:16px;font-size:12px;color:#383f43}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:18px}
.legend{display:flex;gap:18px;flex-wrap:wrap;font-size:12px;color:#383f43;margin-top:6px}
.swatch{display:inline-block;width:14px;height:10px;margin-right:5px;vertical-align:middle;border-radius:2px}
.mark{vertical-align:middle;margin-right:4px}
.rules li{margin:2px 0}
footer{color:#505a5f;font-size:12px;padding:0 32px 24px;max-width:1280px;margin:0 auto}
code{font-size:12px}
${PILL_CSS}
${REPORT_CSS}
</style>
</head>
<body>
<header>
<div><h1>${e(model.programme.programme.name)}</h1>
<div class="sub">${e(model.organisation)} · Programme owner: ${e(model.programme.programme.owner)} · Report as of <strong data-testid="as-of">${e(model.asOf)}</strong> · Baseline approved ${e(model.programme.baseline.approvedOn)} by ${e(model.programme.baseline.approvedBy)}</div></div>
<div>Programme status ${pill(model.rag).replace('class="pill"', 'class="pill big" id="programme-rag"')}</div>
</header>
<main>
<div class="kpis">
${kpi('workloads-done', 'Workloads moved', `${t.done} / ${t.inScope}`, `${t.workloads} in the plan; ${t.workloads - t.inScope} retained on premises`)}
${kpi('servers-done', 'Servers moved', `${t.serversDone} / ${t.servers}`, `${t.databases} databases in the plan`)}
${kpi('waves-complete', 'Waves complete', `${wavesComplete} / ${model.waves.length}`, `forecast finish ${model.forecastFinish}`)}
${kpi('blocked', 'Blocked', String(t.blocked), t.blocked === 1 ? 'workload needs a decision' : 'workloads need a decision')}
${costKpis(model)}
</div>
<section id="status">
<h2>Programme status ${pill(model.rag)}</h2>
<ul class="reasons">${model.ragReasons.map((r) => `<li>${e(r)}</li>`).join('')}</ul>
<p class="muted">Baseline finish ${e(model.baselineFinish)} · forecast finish <strong>${e(model.forecastFinish)}</strong>${programmeSlip ? ' (later than baseline)' : ''}</p>
</section>
<section id="waves">
<h2>Waves</h2>
${reportTable({
  id: 'wave-table',
  caption: 'Each wave: status, dates, progress, monthly cost and RAG with the reasons',
  columns: ['Wave', 'Status', 'Dates', 'Progress', { html: 'Monthly cost now → after', num: true }, 'RAG'],
  rows: model.waves
    .map((w) =>
      waveRow(
        w,
        model.figures?.waves.find((f) => f.id === w.wave.wave.id),
      ),
    )
    .join('\n'),
  narrow: 'stack',
})}
</section>
${costSection(model)}
<section id="timeline">
<h2>Timeline: waves, cutovers and blackouts</h2>
${chartBox('Gantt chart, scrolls sideways on a narrow screen', 760, ganttSvg(model))}
<div class="legend">
<span><span class="swatch" style="background:${PALETTE.blue}"></span>Plan to forecast end (filled: share moved), colour = RAG</span>
<span><span class="swatch" style="background:${PALETTE.secondary};height:5px"></span>Baseline</span>
<span>${mark('diamond', PALETTE.ink)}Cutover</span>
<span>${mark('diamond', RAG_COLOURS.amber)}Cutover outside its wave's dates</span>
<span>${mark('diamond', RAG_COLOURS.red)}Missed cutover (window passed, not cut over)</span>
<span><span class="swatch" style="background:${PALETTE.red}"></span>Blackout, all services (shaded across the chart)</span>
<span><span class="swatch" style="background:${PALETTE.amber};opacity:.7"></span>Blackout, some service areas (which ones: below)</span>
</div>
${timelineText(model)}
</section>
<section id="burndown">
<h2>Burn-down: what is left to move</h2>
<div class="grid2">
<div><h3 class="muted">Workloads</h3>${chartBox('Burn-down of workloads', 420, burnDownSvg(model, 'workloads'))}</div>
<div><h3 class="muted">Servers</h3>${chartBox('Burn-down of servers', 420, burnDownSvg(model, 'servers'))}</div>
</div>
<div class="legend">
<span><span class="swatch" style="background:${PALETTE.secondary}"></span>Baseline (approved ${e(model.programme.baseline.approvedOn)})</span>
<span><span class="swatch" style="background:${PALETTE.blue}"></span>Forecast (current plan)</span>
<span><span class="swatch" style="background:${PALETTE.ink}"></span>Actual (status history)</span>
<span>${mark('triangle', RAG_COLOURS.amber)}Cutover outside its wave's dates</span>
</div>
</section>
<div class="grid2">
<section id="upcoming-cutovers"><h2>Upcoming cutovers (120 days)</h2>
${reportTable({ id: 'cutover-table', caption: 'Cutover windows in the next 120 days, with who decides go or no-go', columns: ['Window', 'Workload', 'Wave', 'Status', 'Go/no-go'], rows: cutovers || '<tr><td colspan="5">None</td></tr>' })}</section>
<section id="upcoming-blackouts"><h2>Upcoming blackouts (180 days)</h2>
${reportTable({ id: 'blackout-table', caption: 'Change blackouts in the next 180 days and the service areas they apply to', columns: ['Dates', 'Blackout', 'Applies to'], rows: blackouts || '<tr><td colspan="3">None</td></tr>' })}</section>
</div>
${recordedSection(model)}
<section id="blockers"><h2>Blockers</h2>
${reportTable({ id: 'blocker-table', caption: 'Blocked workloads, since when, why, and whose decision it is', columns: ['Workload', 'Wave', 'Status', 'Detail', 'Business owner'], rows: blockers || '<tr><td colspan="5">None</td></tr>' })}</section>
<section id="risks"><h2>Risks (validation warnings)</h2>
${reportTable({ id: 'risk-table', caption: 'Warnings from validating the wave files, by file and line', columns: ['Where', 'Field', 'Risk'], rows: risks || '<tr><td colspan="3">None</td></tr>' })}</section>
<section id="rag-rules"><h2>How RAG status is decided</h2>
<p class="muted">A wave takes the worst colour whose rule applies; the programme takes the worst open wave, and is amber if the forecast finish is after the baseline finish (red if more than 14 days after).</p>
<ol class="rules">${RAG_RULES.map((r) => `<li>${pill(r.rag)} ${e(r.rule)}</li>`).join('')}</ol>
</section>
</main>
<footer>Generated by <code>lz waves report</code> from ${sources.map((s) => `<code>${e(s)}</code>`).join(', ')}. Every figure comes from those files; nothing is typed in twice.</footer>
</body>
</html>
`;
}

/** Run cost now and the savings, from the figures model; said plainly when there are none. */
function costKpis(model: ReportModel): string {
  const f = model.figures;
  if (f === undefined) {
    return kpi(
      'monthly-cost',
      'Run cost',
      'not estimated',
      `${model.figuresMissing ?? 'no assembly'}: run npm run synth`,
    );
  }
  const p = f.programme;
  return `${kpi('monthly-cost', 'Run cost now', gbp(p.runCostNowGbp), `a month: sources still running, what has landed in AWS, the shared landing zone; ${gbp(p.afterMonthlyGbp)} after the move`)}
${kpi('savings', 'Savings realised', gbp(p.realisedSavingGbp), `of ${gbp(p.plannedSavingGbp)} a month planned (sources switched off only; retained never counts)`)}`;
}

/** The before/after chart with the assumptions and the sensitivity beside it. */
function costSection(model: ReportModel): string {
  const f = model.figures;
  if (f === undefined) {
    return '';
  }
  const e2 = f.estimate;
  const sens = f.sensitivity.items
    .filter((i) => i.changeUsd > 0)
    .slice(0, 3)
    .map(
      (i) =>
        `<li>${e(i.text)}: +${gbp(i.changeUsd * f.gbpPerUsd)} a month (${(i.share * 100).toFixed(1)}%)</li>`,
    )
    .join('');
  return `<section id="run-cost">
<h2>Monthly run cost, before and after</h2>
<p>On premises today <strong data-testid="cost-before">${gbp(f.programme.onPremMonthlyGbp)}</strong> · now <strong data-testid="cost-now">${gbp(f.programme.runCostNowGbp)}</strong> · after the move <strong data-testid="cost-after">${gbp(f.programme.afterMonthlyGbp)}</strong> a month (of which the shared landing zone ${gbp(f.shared.awsMonthlyGbp)}). AWS from the synthesised templates and the committed price tables: ${e2.incomplete ? `<strong>incomplete, ${e2.notPriced.length} charges not priced</strong>` : 'every deployed charge priced'}; ${gbp(e2.unconfirmedUsd * f.gbpPerUsd)} of it at unconfirmed prices, ${gbp(e2.assumedUsd * f.gbpPerUsd)} on usage assumptions (<code>pricing/usage-assumptions.yaml</code>, <code>lz cost --detail</code>).</p>
${chartBox('Monthly run cost chart, scrolls sideways on a narrow screen', 640, runCostSvg(f.series.programme, model.asOf))}
<p class="muted">What moves the total most:</p><ul class="sensitivity">${sens}</ul>
<p class="muted">The same points: run-cost.csv.</p>
</section>`;
}
