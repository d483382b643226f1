import { escapeHtml } from '../../waves/report/svg';
import { availabilityChart, costChart, dailyPeakChart, siteLoadChart, trendChart } from './charts';
import { meanMinutesToRecover } from './incidents';
import { reportExitCode, type Figure, type ServiceReport } from './model';
import { gbp, groupNotRead, minutes, NOT_READ, when } from './format';
import {
  availabilityTable,
  costTable,
  databaseTable,
  headlineTable,
  incidentTable,
  rpoTable,
  siteTable,
  tunnelTable,
  vaultTable,
  type Table,
} from './tables';

const e = escapeHtml;

/** A table cell: NOT READ is marked so it stands out, and for the browser test to find. */
function td(text: string): string {
  return text === NOT_READ ? `<td class="not-read">${NOT_READ}</td>` : `<td>${e(text)}</td>`;
}

function table(id: string, { head, rows }: Table, wrap = false): string {
  if (rows.length === 0) return '<p><em>None.</em></p>';
  return (
    `<div class="table-wrap"><table data-testid="${id}"${wrap ? ' class="wrap"' : ''}><thead><tr>${head.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${r.map(td).join('')}</tr>`).join('')}</tbody></table></div>`
  );
}

function list(id: string, items: readonly string[], empty: string): string {
  return items.length === 0
    ? `<p data-testid="${id}"><em>${e(empty)}</em></p>`
    : `<ul data-testid="${id}">${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
}

const value = <T>(f: Figure<T>, pick: (v: T) => number | null | undefined): number | undefined => {
  if (!f.read) return undefined;
  const v = pick(f.value);
  return v === null || v === undefined || !Number.isFinite(v) ? undefined : v;
};

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Arial, sans-serif; color: #0b0c0c; background: #f3f2f1; }
main { max-width: 1100px; margin: 0 auto; padding: 16px; background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.3rem; margin: 28px 0 8px; border-top: 4px solid #1d70b8; padding-top: 10px; }
p { margin: 6px 0; }
.status { font-weight: 700; padding: 8px 12px; border-left: 8px solid; }
.status-0 { border-color: #00703c; background: #e7f3ec; }
.status-1 { border-color: #f47738; background: #fdf0e8; }
.status-2 { border-color: #d4351c; background: #fbe9e6; }
.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 8px 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #b1b4b6; white-space: nowrap; }
th { background: #f3f2f1; }
td.not-read { color: #d4351c; font-weight: 700; }
figure { margin: 8px 0 16px; }
figure svg { display: block; width: 100%; height: auto; max-width: 640px; }
table.wrap td, table.wrap th { white-space: normal; }
figcaption { font-size: 0.85rem; color: #505a5f; }
ul { padding-left: 20px; }
li { margin: 4px 0; }
.worse li { color: #942514; }
@media (max-width: 480px) {
  main { padding: 10px; }
  h1 { font-size: 1.3rem; }
  h2 { font-size: 1.1rem; }
  th, td { padding: 4px 6px; }
}
`;

/** The HTML report: self-contained (inline CSS and SVG, no script), responsive down to 360 pixels. */
export function renderServiceReportHtml(report: ServiceReport): string {
  const tz = report.timeZone;
  const exit = reportExitCode(report);
  const status =
    exit === 2
      ? `Incomplete: ${report.notRead.length} thing(s) NOT READ (listed below); every figure that was read is shown.`
      : exit === 1
        ? `${report.findings.length} target(s) missed in ${report.period.label}.`
        : `Every target met in ${report.period.label}.`;

  const trend: { label: string; previous?: number; current?: number; format: (v: number) => string }[] = [];
  const metShare = (which: 'current' | 'previous'): number | undefined => {
    const rows = report.availability.filter((r) => r[which].read && r[which].value !== null);
    if (rows.length === 0 || report.availability.some((r) => !r[which].read)) return undefined;
    return (
      (rows.filter((r) => r[which].read && (r[which].value ?? 0) >= r.targetPercent).length / rows.length) *
      100
    );
  };
  trend.push({
    label: 'services on target',
    previous: metShare('previous'),
    current: metShare('current'),
    format: (v) => `${v.toFixed(0)}%`,
  });
  trend.push({
    label: 'incidents',
    previous: value(report.incidents.previous, (l) => l.length),
    current: value(report.incidents.current, (l) => l.length),
    format: (v) => v.toFixed(0),
  });
  const backupRate = (which: 'current' | 'previous'): number | undefined => {
    let ok = 0;
    let all = 0;
    for (const v of report.backups.vaults) {
      const c = v[which];
      if (!c.read) return undefined;
      ok += c.value.completed;
      all += c.value.completed + c.value.failed + c.value.expired + c.value.aborted;
    }
    return all === 0 ? undefined : (ok / all) * 100;
  };
  trend.push({
    label: 'backup success',
    previous: backupRate('previous'),
    current: backupRate('current'),
    format: (v) => `${v.toFixed(1)}%`,
  });
  trend.push({
    label: 'cost (actual)',
    previous: value(report.cost.total.previousActual, (v) => v),
    current: value(report.cost.total.actual, (v) => v),
    format: gbp,
  });

  const incidents = report.incidents.current;
  const mttr = incidents.read ? meanMinutesToRecover(incidents.value) : Number.NaN;
  const sections: string[] = [];
  sections.push(
    `<section id="summary"><h2>Summary</h2>${table('headlines', headlineTable(report), true)}<figure>${trendChart(trend)}<figcaption>Month on month, where both periods were read.</figcaption></figure></section>`,
  );
  sections.push(
    `<section id="worse" class="worse"><h2>Got worse since ${e(report.previousPeriod.label)}</h2>${list(
      'worse',
      report.worse.map((w) => `<strong>${e(w.subject)}</strong> (${e(w.section)}): ${e(w.message)}`),
      'Nothing got worse.',
    )}<h2>Targets missed</h2>${list(
      'findings',
      report.findings.map((f) => `<strong>${e(f.subject)}</strong> (${e(f.section)}): ${e(f.message)}`),
      'None.',
    )}<h2>NOT READ</h2>${list(
      'not-read',
      groupNotRead(report.notRead).map(
        (g) =>
          `<strong class="not-read">${NOT_READ}</strong> (${e(g.section)}) <strong>${e(g.subjects.join(', '))}</strong>: ${e(g.reason)}`,
      ),
      'Everything was read.',
    )}</section>`,
  );
  sections.push(
    `<section id="availability"><h2>Availability against each service's target</h2><figure>${availabilityChart(report.availability)}<figcaption>Bars in green met the target (black tick); services with nothing running in AWS yet are left out.</figcaption></figure>${table('availability', availabilityTable(report))}</section>`,
  );
  sections.push(
    `<section id="incidents"><h2>Incidents</h2>${
      incidents.read
        ? `<p>${incidents.value.length} incident(s)${Number.isFinite(mttr) ? `, mean time to recover ${e(minutes(mttr))}` : ''}.</p>${table('incidents', incidentTable(report))}`
        : `<p class="not-read">${NOT_READ}: ${e(incidents.reason)}</p>`
    }</section>`,
  );
  const rpoMet = report.backups.rpo.filter((r) => r.result.read && r.result.value.met).length;
  sections.push(
    `<section id="backups"><h2>Backups and RPO</h2>${table('backups', vaultTable(report))}<p>RPO met by ${rpoMet} of ${report.backups.rpo.length} databases.</p>${table('rpo', rpoTable(report))}<p>Failed jobs since ${e(when(Date.parse(report.backups.failedJobsFrom), tz))} (AWS Backup lists 30 days):</p>${
      report.backups.failedJobs.read
        ? table('failed-jobs', {
            head: ['When', 'Account', 'Kind', 'State', 'Resource', 'Message'],
            rows: report.backups.failedJobs.value.map((j) => [
              when(j.at, tz),
              j.account,
              j.kind,
              j.state,
              j.resource,
              j.message ?? '',
            ]),
          })
        : `<p class="not-read">${NOT_READ}: ${e(report.backups.failedJobs.reason)}</p>`
    }</section>`,
  );
  sections.push(
    `<section id="network"><h2>Network load per site</h2><figure>${siteLoadChart(report.network.sites)}</figure><figure>${dailyPeakChart(report.network.sites)}</figure>${table('sites', siteTable(report))}${table('tunnels', tunnelTable(report))}<h3>Recommendations</h3>${list(
      'recommendations',
      report.network.recommendations.map((r) => `<strong>${e(r.site)}</strong>: ${e(r.message)}`),
      'No recommendation.',
    )}</section>`,
  );
  sections.push(
    `<section id="databases"><h2>Database headroom</h2>${table('databases', databaseTable(report))}<p>RDS events since ${e(when(Date.parse(report.rdsEventsFrom), tz))} (RDS keeps 14 days):</p>${
      report.rdsEvents.read
        ? table('rds-events', {
            head: ['When', 'Database', 'Event'],
            rows: report.rdsEvents.value.map((ev) => [when(ev.at, tz), ev.identifier, ev.message]),
          })
        : `<p class="not-read">${NOT_READ}: ${e(report.rdsEvents.reason)}</p>`
    }</section>`,
  );
  sections.push(
    `<section id="cost"><h2>Cost: actual, estimate and on-premises baseline</h2><p>${e(report.cost.exchange)}.</p><figure>${costChart(report.cost.rows)}</figure>${table('cost', costTable(report))}</section>`,
  );
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`${report.organisation}: service report ${report.period.label}`)}</title><style>${STYLE}</style></head>
<body><main>
<header><h1>${e(report.organisation)}: service report</h1>
<p data-testid="period">${e(report.period.label)}, compared with ${e(report.previousPeriod.label)}. Generated ${e(when(Date.parse(report.generatedAt), tz))} (${e(tz)}) from the live AWS APIs.</p>
<p class="status status-${exit}" data-testid="status">${e(status)}</p></header>
${sections.join('\n')}
</main></body></html>
`;
}
