import { WORKLOAD_STATES } from '../schema';
import { RAG_RULES, type Rag, type ReportFigures, type ReportModel, type WaveSummary } from './model';
import { runCostSvg } from './cost-chart';
import { pence } from './exports';
// To the penny, as `lz cost` and the review pack print it: the same figures read the same everywhere.
import { gbp } from '../../text';
import { burnDownSvg, escapeHtml as e, ganttSvg, RAG_COLOURS } from './svg';

const RAG_LABEL: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green', complete: 'Complete' };

function pill(rag: Rag): string {
  return `<span class="pill" data-rag="${rag}" style="background:${RAG_COLOURS[rag]}">${RAG_LABEL[rag]}</span>`;
}

function kpi(id: string, label: string, value: string, detail: string): string {
  return `<div class="kpi"><div class="kpi-label">${e(label)}</div><div class="kpi-value" data-testid="${id}">${e(value)}</div><div class="kpi-detail">${e(detail)}</div></div>`;
}

/** A wave's cost, now → after, to the penny, from the figures model (the same as `lz cost`). */
function costCell(f: ReportFigures['waves'][number] | undefined): string {
  return f === undefined
    ? '<td class="num muted">not estimated</td>'
    : `<td class="num" data-cost-now="${pence(f.runCostNowGbp)}" data-cost-after="${pence(f.afterMonthlyGbp)}">${gbp(f.runCostNowGbp)}<br><span class="muted">→ ${gbp(f.afterMonthlyGbp)}</span></td>`;
}

function waveRow(w: WaveSummary, f: ReportFigures['waves'][number] | undefined): string {
  const h = w.wave.wave;
  const pct = Math.round(w.progress * 100);
  return `<tr data-wave="${h.id}" data-in-scope="${w.inScope}" data-done="${w.done}" data-servers="${w.servers}">
<td><strong>${e(h.id)}</strong><br><span class="muted">${e(h.name)}</span></td>
<td class="nowrap">${e(h.status)}</td>
<td class="nowrap">${e(h.planned.start)} → ${e(h.planned.end)}<br><span class="muted">baseline ${e(w.baseline?.end ?? 'n/a')} · forecast ${e(w.forecastEnd)}</span></td>
<td class="nowrap"><div class="bar"><div class="bar-fill" style="width:${pct}%;background:${RAG_COLOURS[w.rag]}"></div></div><span class="wave-progress">${w.done} of ${w.inScope} workloads</span> · ${w.serversDone}/${w.servers} servers<br><span class="muted states">${states(w)}</span></td>
${costCell(f)}
<td>${pill(w.rag)}<ul class="reasons">${w.reasons.map((r) => `<li>${e(r)}</li>`).join('')}</ul></td>
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
        `<tr data-recorded="${e(r.workload)}"><td>${e(r.workload)}</td><td>${e(r.wave)}</td><td>${e(r.result)}${r.finishedAt ? ` at ${e(r.finishedAt.replace('T', ' '))}` : ''}</td><td>${e(r.status)}${r.status === r.fileStatus ? '' : ` <span class="muted">(wave file still says ${e(r.fileStatus)}: update it)</span>`}</td><td><code>${e(r.file)}</code></td></tr>`,
    )
    .join('');
  return `<section id="recorded"><h2>Cutover records (runbooks)</h2>
<table><thead><tr><th>Workload</th><th>Wave</th><th>Recorded</th><th>Status used</th><th>Runbook</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

/** The manager dashboard: one self-contained HTML file (inline CSS and SVG, no scripts, no network). */
export function renderDashboard(model: ReportModel, sources: readonly string[]): string {
  const t = model.totals;
  const wavesComplete = model.waves.filter((w) => w.rag === 'complete').length;
  const blockers = model.blockers
    .map(
      (r) =>
        `<tr data-blocker="${e(r.workload.id)}"><td><strong>${e(r.workload.id)}</strong><br><span class="muted">${e(r.workload.name)}</span></td><td>${e(r.wave.wave.id)}</td><td>${e(r.workload.status)} since ${e(r.workload.statusHistory[r.workload.statusHistory.length - 1]?.on ?? '')}</td><td>${e(r.workload.notes ?? r.workload.statusHistory[r.workload.statusHistory.length - 1]?.note ?? '')}</td><td>${e(r.workload.owners.business ?? '')}</td></tr>`,
    )
    .join('');
  const risks = model.risks
    .map(
      (d) =>
        `<tr class="risk"><td class="nowrap">${e(d.file.split('/').pop() ?? d.file)}:${d.line}</td><td><code>${e(d.path)}</code></td><td>${e(d.message)}</td></tr>`,
    )
    .join('');
  const cutovers = model.upcomingCutovers
    .map(
      (r) =>
        `<tr data-cutover="${e(r.workload.id)}"><td class="nowrap">${e((r.cutoverStart ?? '').replace('T', ' '))} → ${e((r.cutoverEnd ?? '').slice(11))}</td><td>${e(r.workload.id)}</td><td>${e(r.wave.wave.id)}</td><td>${e(r.workload.status)}</td><td>${e(r.workload.rollback?.decisionOwner ?? '')}</td></tr>`,
    )
    .join('');
  const blackouts = model.upcomingBlackouts
    .map(
      (b) =>
        `<tr data-upcoming-blackout="${e(b.id)}"><td class="nowrap">${e(b.start)} → ${e(b.end)}</td><td>${e(b.name)}</td><td>${e(b.serviceAreas === 'all' ? 'All service areas' : b.serviceAreas.join(', '))}</td></tr>`,
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
header{background:#0b0c0c;color:#fff;padding:18px 32px;display:flex;justify-content:space-between;align-items:center;border-bottom:8px solid #1d70b8}
header h1{margin:0;font-size:22px}
header .sub{color:#d0d0d0;font-size:13px;margin-top:4px}
main{padding:20px 32px 40px;max-width:1280px;margin:0 auto}
section{background:#fff;border:1px solid #d8d8d8;border-radius:4px;padding:16px 20px;margin-bottom:18px}
h2{font-size:17px;margin:0 0 12px}
.kpis{display:grid;grid-template-columns:repeat(6,1fr);gap:12px;margin-bottom:18px}
.kpi{background:#fff;border:1px solid #d8d8d8;border-top:4px solid #1d70b8;border-radius:4px;padding:10px 12px}
.kpi-label{font-size:12px;color:#505a5f;text-transform:uppercase;letter-spacing:.03em}
.kpi-value{font-size:26px;font-weight:700;margin:2px 0}
.kpi-detail{font-size:12px;color:#505a5f}
.pill{display:inline-block;color:#fff;font-weight:700;font-size:12px;padding:2px 10px;border-radius:12px;letter-spacing:.02em}
.pill.big{font-size:15px;padding:5px 16px}
table{width:100%;border-collapse:collapse}
th{text-align:left;font-size:12px;color:#505a5f;border-bottom:2px solid #b1b4b6;padding:6px 8px;text-transform:uppercase;letter-spacing:.03em}
td{border-bottom:1px solid #e5e5e5;padding:7px 8px;vertical-align:top}
.num{text-align:right;white-space:nowrap}
.nowrap{white-space:nowrap}
.muted{color:#505a5f;font-size:12px}
.bar{height:10px;background:#e5e5e5;border-radius:5px;overflow:hidden;margin:3px 0 4px;width:180px}
.bar-fill{height:100%}
ul.reasons{margin:4px 0 0;padding-left:16px;font-size:12px;color:#383f43}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:18px}
.legend{display:flex;gap:18px;flex-wrap:wrap;font-size:12px;color:#383f43;margin-top:6px}
.swatch{display:inline-block;width:14px;height:10px;margin-right:5px;vertical-align:middle;border-radius:2px}
.rules li{margin:2px 0}
footer{color:#505a5f;font-size:12px;padding:0 32px 24px;max-width:1280px;margin:0 auto}
code{font-size:12px}
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
<table id="wave-table"><thead><tr><th>Wave</th><th>Status</th><th>Dates</th><th>Progress</th><th>Monthly cost now → after</th><th>RAG</th></tr></thead>
<tbody>${model.waves
    .map((w) =>
      waveRow(
        w,
        model.figures?.waves.find((f) => f.id === w.wave.wave.id),
      ),
    )
    .join('\n')}</tbody></table>
</section>
${costSection(model)}
<section id="timeline">
<h2>Timeline: waves, cutovers and blackouts</h2>
${ganttSvg(model)}
<div class="legend">
<span><span class="swatch" style="background:#1d70b8"></span>Plan to forecast end (filled: share moved), colour = RAG</span>
<span><span class="swatch" style="background:#b1b4b6;height:5px"></span>Baseline</span>
<span>◆ Cutover</span>
<span><span style="color:${RAG_COLOURS.amber}">◆</span> Cutover outside its wave's dates</span>
<span><span style="color:${RAG_COLOURS.red}">◆</span> Missed cutover (window passed, not cut over)</span>
<span><span class="swatch" style="background:#d4351c"></span>Blackout, all services (shaded across the chart)</span>
<span><span class="swatch" style="background:#f47738;opacity:.6"></span>Blackout, some service areas (hover for which)</span>
</div>
</section>
<section id="burndown">
<h2>Burn-down: what is left to move</h2>
<div class="grid2">
<div><h3 class="muted">Workloads</h3>${burnDownSvg(model, 'workloads')}</div>
<div><h3 class="muted">Servers</h3>${burnDownSvg(model, 'servers')}</div>
</div>
<div class="legend">
<span><span class="swatch" style="background:#b1b4b6"></span>Baseline (approved ${e(model.programme.baseline.approvedOn)})</span>
<span><span class="swatch" style="background:#1d70b8"></span>Forecast (current plan)</span>
<span><span class="swatch" style="background:#0b0c0c"></span>Actual (status history)</span>
<span><span style="color:${RAG_COLOURS.amber}">▲</span> Cutover outside its wave's dates</span>
</div>
</section>
<div class="grid2">
<section id="upcoming-cutovers"><h2>Upcoming cutovers (120 days)</h2>
<table><thead><tr><th>Window</th><th>Workload</th><th>Wave</th><th>Status</th><th>Go/no-go</th></tr></thead><tbody>${cutovers || '<tr><td colspan="5">None</td></tr>'}</tbody></table></section>
<section id="upcoming-blackouts"><h2>Upcoming blackouts (180 days)</h2>
<table><thead><tr><th>Dates</th><th>Blackout</th><th>Applies to</th></tr></thead><tbody>${blackouts || '<tr><td colspan="3">None</td></tr>'}</tbody></table></section>
</div>
${recordedSection(model)}
<section id="blockers"><h2>Blockers</h2>
<table><thead><tr><th>Workload</th><th>Wave</th><th>Status</th><th>Detail</th><th>Business owner</th></tr></thead><tbody>${blockers || '<tr><td colspan="5">None</td></tr>'}</tbody></table></section>
<section id="risks"><h2>Risks (validation warnings)</h2>
<table><thead><tr><th>Where</th><th>Field</th><th>Risk</th></tr></thead><tbody>${risks || '<tr><td colspan="3">None</td></tr>'}</tbody></table></section>
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
${runCostSvg(f.series.programme, model.asOf)}
<p class="muted">What moves the total most:</p><ul class="sensitivity">${sens}</ul>
<p class="muted">The same points: run-cost.csv.</p>
</section>`;
}
