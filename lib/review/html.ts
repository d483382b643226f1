import { gbp, notPricedGroups, PROGRAMME_HEAD, programmeRows, usd } from '../figures/format';
import { BADGE_TEXT, chartBox, PALETTE, REPORT_CSS, reportTable } from '../html/report-page';
import { DISRUPTION_LABELS, DISRUPTIONS } from '../dr/assess';
import { describeChange } from '../safety/change-guard';
import { escapeHtml as e } from '../waves/report/svg';
import { networkDiagram } from './diagram';
import type { ReviewChange, ReviewModel } from './model';

/*
 * The architect's review pack as one self-contained HTML page: inline CSS and SVG, no scripts, no
 * network. Every figure comes from the model, which reads it from the assembly and the plan.
 */

function kpi(id: string, label: string, value: string, detail: string, tone = '#1d70b8'): string {
  return `<div class="kpi" style="border-top-color:${tone}"><div class="kpi-label">${e(label)}</div><div class="kpi-value" data-testid="${id}">${e(value)}</div><div class="kpi-detail">${e(detail)}</div></div>`;
}

const minutes = (v: number | null | undefined): string =>
  v === null
    ? 'unbounded'
    : v === undefined
      ? 'none'
      : v >= 120
        ? `${Math.round((v / 60) * 10) / 10} h`
        : `${v} min`;

function changeRow(c: ReviewChange): string {
  const verdict = !c.stateful
    ? '<span class="tag grey">stateless</span>'
    : c.allowedBy
      ? '<span class="tag amber">allowed</span>'
      : '<span class="tag red">BLOCKED</span>';
  const why = c.allowedBy ? `${c.allowedBy.reason} (${c.allowedBy.approvedBy})` : '';
  return `<tr data-change="${e(c.change)}" data-stateful="${c.stateful}"><td>${verdict}</td><th scope="row">${e(describeChange(c))}</th><td class="muted">${e(why)}</td></tr>`;
}

function accountsSection(model: ReviewModel): string {
  const summary = model.accounts
    .map(
      (a) =>
        `<tr data-account="${e(a.account)}" data-resources="${a.resources}" data-stacks="${a.stacks.length}"><th scope="row"><strong>${e(a.name || 'unnamed account')}</strong></th><td class="mono">${e(a.account)}</td><td>${[...new Set(a.stacks.map((s) => s.region))].map(e).join(', ')}</td><td class="num">${a.stacks.length}</td><td class="num">${a.resources}</td><td class="num">${a.stacks.reduce((n, s) => n + s.stateful, 0)}</td></tr>`,
    )
    .join('');
  const stacks = model.accounts.flatMap((a) =>
    a.stacks.map(
      (s) =>
        `<tr data-stack="${e(s.id)}" data-resources="${s.resources}"><td>${e(a.name || a.account)}</td><th scope="row" class="id">${e(s.id)}</th><td class="muted id">${e(s.stackName)}</td><td>${e(s.region)}</td><td class="num">${s.resources}</td><td class="num">${s.stateful}</td></tr>`,
    ),
  );
  return `<section id="stacks"><h2>Stacks and resources per account</h2>
${reportTable({ id: 'accounts', caption: 'Each account: its regions, stacks, resources and stateful resources', columns: ['Account', 'Id', 'Regions', { html: 'Stacks', num: true }, { html: 'Resources', num: true }, { html: 'Stateful', num: true }], rows: summary })}
<details><summary>Every stack (${model.totals.stacks})</summary>
${reportTable({ id: 'stack-list', caption: 'Every stack with its CloudFormation name, region and resources', columns: ['Account', 'Stack', 'CloudFormation name', 'Region', { html: 'Resources', num: true }, { html: 'Stateful', num: true }], rows: stacks.join('\n') })}</details></section>`;
}

function networkSection(model: ReviewModel): string {
  const net = model.network;
  const subnets = net.vpcs
    .flatMap((v) =>
      v.subnets.map(
        (s) =>
          `<tr data-subnet="${e(s.cidr)}"><td>${e(v.name)}</td><td class="mono">${e(v.cidr)}</td><td>${e(s.tier)}</td><td>${e(s.zone)}</td><th scope="row" class="mono">${e(s.cidr)}</th></tr>`,
      ),
    )
    .join('');
  const tables = net.routeTables
    .map(
      (t) =>
        `<tr data-route-table="${e(t.name)}"><th scope="row"><strong>${e(t.name)}</strong></th><td>${t.associations.map(e).join('<br>')}</td><td>${t.propagations.map(e).join('<br>')}</td><td class="mono">${t.routes.map((r) => (r.blackhole ? `<span class="bh">${e(r.cidr)} blackhole</span>` : `${e(r.cidr)} → ${e(r.target ?? '?')}`)).join('<br>')}</td></tr>`,
    )
    .join('');
  const vpns = net.vpns
    .map(
      (v) =>
        `<tr data-vpn="${e(v.name)}"><th scope="row">${e(v.name)}</th><td>${e(v.site)}</td><td class="mono">${e(v.customerGatewayIp)}</td><td>${v.staticRoutesOnly ? 'static' : `BGP (ASN ${e(v.bgpAsn)})`}</td><td>${e(v.stack)}</td></tr>`,
    )
    .join('');
  return `<section id="network"><h2>Network plan, as the templates declare it</h2>
<p class="muted">${net.vpcs.length} VPCs, ${net.vpcs.reduce((n, v) => n + v.subnets.length, 0)} subnets, ${net.routeTables.length} Transit Gateway route tables, ${net.vpns.length} site VPN connections${net.unresolved > 0 ? `; ${net.unresolved} route-table links could not be traced to a VPC or VPN` : ''}.</p>
${chartBox('Network diagram, scrolls sideways on a narrow screen', 720, networkDiagram(net))}
<p class="muted" id="diagram-as-text">Every line and square of the diagram is listed as text in the route-table table below: what each table is associated with and what propagates into it.</p>
<div class="grid2">
<div><h3>Transit Gateway route tables</h3>${reportTable({ id: 'route-tables', caption: 'Each route table: associated attachments (which route through it), propagations into it, static routes', columns: ['Route table', 'Associated (routes through it)', 'Propagated into it', 'Static routes'], rows: tables })}
<h3>Site VPNs</h3>${reportTable({ id: 'vpns', caption: 'Site-to-site VPN connections: site, customer device and routing', columns: ['Connection', 'Site', 'Device IP', 'Routing', 'Stack'], rows: vpns })}</div>
<div><h3>Subnets</h3>${reportTable({ id: 'subnets', caption: 'Every subnet with its VPC, tier and zone', columns: ['VPC', 'VPC CIDR', 'Tier', 'Zone', 'Subnet CIDR'], rows: subnets })}</div>
</div></section>`;
}

function securitySection(model: ReviewModel): string {
  const s = model.security;
  const plugins = s.plugins
    .map(
      (p) =>
        `<tr data-plugin="${e(p.plugin)}"><th scope="row">${e(p.plugin)}</th><td class="num">${p.findings}</td><td class="num">${p.acknowledged}</td></tr>`,
    )
    .join('');
  const findings =
    s.findings.length === 0
      ? '<p id="findings" data-count="0">No unacknowledged finding: every rule violation is fixed or acknowledged with a reason.</p>'
      : reportTable({
          id: 'findings',
          caption: `${s.findings.length} unacknowledged findings: fix each or acknowledge it with a reason`,
          columns: ['Plugin', 'Rule', 'Resource', 'Finding'],
          rows: s.findings
            .map(
              (f) =>
                `<tr class="finding"><td>${e(f.plugin)}</td><th scope="row" class="id">${e(f.rule)}</th><td class="mono">${e(f.resource)}</td><td>${e(f.description)}</td></tr>`,
            )
            .join(''),
          attributes: `data-count="${s.findings.length}"`,
        });
  const acks = s.acknowledgements
    .map(
      (a) =>
        `<tr class="acknowledgement"><th scope="row" class="id">${e(a.rule)}</th><td class="mono">${e(a.resource)}</td><td>${e(a.reason)}</td><td class="mono">${e(a.source)}</td></tr>`,
    )
    .join('');
  return `<section id="security"><h2>Security findings and acknowledgements</h2>
<div class="grid2"><div>${reportTable({ id: 'plugins', caption: 'Findings per rule pack', columns: ['Rule pack', { html: 'Unacknowledged', num: true }, { html: 'Acknowledged', num: true }], rows: plugins })}</div>
<div>${findings}</div></div>
<details><summary>${s.acknowledgements.length} acknowledged findings, each with the reason and the line of code that accepts it</summary>
${reportTable({ id: 'acknowledgements', caption: 'Acknowledged findings: the reason and the line of code that accepts each', columns: ['Rule', 'Resource', 'Reason', 'Source'], rows: acks })}</details></section>`;
}

function drSection(model: ReviewModel): string {
  const rows = model.dr.workloads
    .map((w) => {
      const cells = DISRUPTIONS.map((d) => {
        const a = w.assessments.find((x) => x.disruption === d);
        if (!a) {
          return '<td class="muted">not assessed</td>';
        }
        const tone = a.status === 'met' ? 'green' : a.status === 'breach' ? 'red' : 'grey';
        return `<td data-disruption="${d}" data-status="${a.status}"><span class="tag ${tone}">${a.status === 'no-target' ? 'no target' : a.status}</span><br><span class="muted">RPO ${minutes(a.rpoMinutes)} / ${minutes(a.targetRpoMinutes)}<br>RTO ${minutes(a.rtoMinutes)} / ${minutes(a.targetRtoMinutes)}</span></td>`;
      }).join('');
      return `<tr data-database="${e(w.database)}"><th scope="row"><strong>${e(w.workload)}</strong><br><span class="muted">${e(w.database)} · ${e(w.engine)} · tier ${e(w.tier ?? 'none')}</span></th><td>${e(w.stackId)}</td>${cells}</tr>`;
    })
    .join('');
  return `<section id="dr"><h2>DR posture: achievable against target, per disruption</h2>
<p class="muted">${model.dr.workloads.length} databases, ${model.dr.breaches} breaches. Worked out from the backup plans, copies and database settings in the templates (<code>lz dr-check</code>); "achieved / target".</p>
${reportTable({ id: 'dr-table', caption: 'Per database and disruption: met, breach or no target, with achievable and target RPO and RTO', columns: ['Workload and database', 'Stack', ...DISRUPTIONS.map((d) => e(DISRUPTION_LABELS[d]))], rows })}</section>`;
}

function changesSection(model: ReviewModel): string {
  const c = model.changes;
  const body =
    c.baselineStacks === 0
      ? '<p>No accepted baseline to compare with (<code>baselines/</code> is empty): every resource is new.</p>'
      : c.list.length === 0
        ? `<p id="no-changes">Nothing would be replaced, deleted or orphaned in the ${c.baselineStacks} stacks of the accepted baseline.</p>`
        : reportTable({
            id: 'changes',
            caption:
              'Each replacement, deletion or orphaning, stateful first, and why an allowed one is allowed',
            columns: ['Verdict', 'Change', 'Allowed because'],
            rows: c.list.map(changeRow).join(''),
          });
  return `<section id="changes-section"><h2>What deploying this would replace or delete, against the accepted baseline</h2>
<p class="muted">${c.list.filter((x) => x.stateful).length} stateful (listed first; ${c.blocked} blocked by the change guard), ${c.list.filter((x) => !x.stateful).length} stateless. Stateful resources are databases, vaults, keys, buckets, log groups, VPCs, subnets, Transit Gateways, VPN connections and secrets.</p>
${body}</section>`;
}

function costSection(model: ReviewModel): string {
  const est = model.cost.estimate;
  const rollup = (
    id: string,
    head: string,
    list: typeof est.byAccount,
    label: (k: string) => string = (k) => k,
  ) =>
    reportTable({
      id,
      caption: `Estimated monthly cost by ${head.toLowerCase()}`,
      columns: [
        head,
        { html: 'USD / month', num: true },
        { html: 'GBP / month', num: true },
        { html: 'Not priced', num: true },
      ],
      rows: list
        .map(
          (r) =>
            `<tr data-key="${e(r.key)}"><th scope="row">${e(label(r.key))}</th><td class="num">${usd(r.monthlyUsd)}</td><td class="num">${gbp(r.monthlyGbp)}</td><td class="num">${r.notPriced}</td></tr>`,
        )
        .join(''),
    });
  const names = new Map(model.accounts.map((a) => [a.account, a.name] as const));
  // The same rows as `lz cost` (lib/figures/format), from the figures model, so the pack agrees to the penny.
  const waves = programmeRows(model.cost.figures)
    .map(
      ([label, ...cells]) =>
        `<tr data-row="${e(label ?? '')}"><th scope="row">${e(label ?? '')}</th>${cells.map((c) => `<td class="num">${e(c)}</td>`).join('')}</tr>`,
    )
    .join('');
  const groups = notPricedGroups(est)
    .map(
      (g) =>
        `<tr><th scope="row">${e(g.type)}</th><td class="num">${g.count}</td><td>${e(g.reason)}</td></tr>`,
    )
    .join('');
  const unconfirmed = new Set(est.lines.filter((l) => !l.confirmed).map((l) => l.priceId)).size;
  return `<section id="cost"><h2>Cost estimate, ${e(est.regions.join(' + '))}, per month</h2>
<p><strong data-testid="cost-total">${usd(est.totalUsd)}</strong> (${gbp(est.totalGbp)}) from ${est.lines.length} priced lines; <strong>${est.notPriced.length}</strong> resource charges not priced and not counted, so the real figure is higher. ${unconfirmed} of the prices used are marked unconfirmed. GBP at ${est.exchangeRate.gbpPerUsd} per USD (${e(est.exchangeRate.source)}). Savings count only once a source is decommissioned (as of ${e(model.cost.asOf)}). Details and every price's source: <code>lz cost</code>.</p>
<div class="grid2"><div><h3>By account</h3>${rollup('cost-accounts', 'Account', est.byAccount, (k) => `${names.get(k) || 'account'} ${k}`)}</div>
<div><h3>By wave</h3>${rollup('cost-waves', 'Wave', est.byWave)}</div></div>
<h3>Before and after, GBP a month</h3>
${reportTable({ id: 'cost-before-after', caption: 'Per wave and for the programme: monthly run cost on premises and after the move, and the savings planned and realised', columns: PROGRAMME_HEAD.map((h, i) => (i === 0 ? e(h || 'Part of the estate') : { html: e(h), num: true })), rows: waves })}
<details><summary>By stack (${est.byStack.length})</summary>${rollup('cost-stacks', 'Stack', est.byStack)}</details>
<details><summary>Not priced: ${est.notPriced.length} charges in ${notPricedGroups(est).length} groups</summary>${reportTable({ id: 'not-priced', caption: 'Charges not priced, so not in the total, and why', columns: ['Type', { html: 'Count', num: true }, 'Why'], rows: groups })}</details>
</section>`;
}

export function renderReviewPage(model: ReviewModel, sources: readonly string[]): string {
  const t = model.totals;
  const sec = model.security;
  const stateful = model.changes.list.filter((c) => c.stateful).length;
  const net = model.network;
  const est = model.cost.estimate;
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(model.title)} ${e(model.asOf)}</title>
<style>
*{box-sizing:border-box}
body{margin:0;font-family:"Segoe UI",Arial,Helvetica,sans-serif;color:#0b0c0c;background:#f3f2f1;font-size:14px;line-height:1.4}
header{background:#0b0c0c;color:#fff;padding:18px 32px;border-bottom:8px solid #1d70b8}
header h1{margin:0;font-size:22px}
header .sub{color:#d0d0d0;font-size:13px;margin-top:4px}
main{padding:20px 32px 40px;max-width:1320px;margin:0 auto}
section{background:#fff;border:1px solid #d8d8d8;border-radius:4px;padding:16px 20px;margin-bottom:18px}
h2{font-size:17px;margin:0 0 10px}
h3{font-size:14px;margin:14px 0 6px}
/* Six cards in a row on a desktop, four on a tablet, two on a phone: never wider than the screen. */
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin-bottom:18px}
.kpi{background:#fff;border:1px solid #d8d8d8;border-top:4px solid #1d70b8;border-radius:4px;padding:10px 12px}
.kpi-label{font-size:12px;color:#505a5f;text-transform:uppercase;letter-spacing:.03em}
.kpi-value{font-size:clamp(20px,5vw,24px);font-weight:700;margin:2px 0;overflow-wrap:anywhere}
.kpi-detail{font-size:12px;color:#505a5f}
table{width:100%;border-collapse:collapse}
td{border-bottom:1px solid #e5e5e5;padding:6px 8px;vertical-align:top}
.num{text-align:right;white-space:nowrap}
.muted{color:#505a5f;font-size:12px}
.mono{font-family:Consolas,"DejaVu Sans Mono",monospace;font-size:12px}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:18px}
.chart{margin:8px 0 4px}
.tag{display:inline-block;font-weight:700;font-size:11px;padding:1px 8px;border-radius:10px}
${(['red', 'amber', 'green', 'grey'] as const).map((c) => `.tag.${c}{background:${PALETTE[c]};color:${BADGE_TEXT[c]}}`).join('')}
.bh{color:${PALETTE.red}}
details{margin-top:10px}summary{cursor:pointer;color:#1d70b8;font-weight:600}
footer{color:#505a5f;font-size:12px;padding:0 32px 24px;max-width:1320px;margin:0 auto}
code{font-size:12px;overflow-wrap:anywhere}
${REPORT_CSS}
</style>
</head>
<body>
<header><h1>${e(model.title)}</h1>
<div class="sub">What <code>${e(model.assembly)}</code> would deploy · generated <strong data-testid="as-of">${e(model.asOf)}</strong> · read from the synthesised templates, the validation report, the accepted baselines and the migration plan</div></header>
<main>
${model.stale.length === 0 ? '' : `<p role="alert" data-testid="not-current" style="border:3px solid #d4351c;padding:8px;font-weight:bold">NOT CURRENT (read with --allow-stale): ${e(model.stale.join('; '))}. This pack does not show what the working tree would deploy.</p>`}
<nav class="sections" aria-label="Sections of this pack"><ul><li><a href="#stacks">Stacks</a></li><li><a href="#network">Network</a></li><li><a href="#security">Security</a></li><li><a href="#dr">DR posture</a></li><li><a href="#changes-section">Changes</a></li><li><a href="#cost">Cost</a></li></ul></nav>
<div class="kpis">
${kpi('total-resources', 'Resources', String(t.resources), `in ${t.stacks} stacks across ${t.accounts} accounts`)}
${kpi('total-network', 'VPCs / site VPNs', `${net.vpcs.length} / ${net.vpns.length}`, `${net.vpcs.reduce((n, v) => n + v.subnets.length, 0)} subnets, ${net.routeTables.length} TGW route tables`)}
${kpi('findings', 'Unacknowledged findings', String(sec.findings.length), `${sec.acknowledgements.length} acknowledged with a reason`, sec.findings.length > 0 ? '#d4351c' : '#00703c')}
${kpi('dr-breaches', 'DR breaches', String(model.dr.breaches), `${model.dr.workloads.length} databases assessed`, model.dr.breaches > 0 ? '#d4351c' : '#00703c')}
${kpi('stateful-changes', 'Stateful replaced or deleted', String(stateful), `${model.changes.blocked} blocked · ${model.changes.list.length - stateful} stateless changes`, model.changes.blocked > 0 ? '#d4351c' : stateful > 0 ? PALETTE.amber : '#00703c')}
${kpi('monthly-cost', 'Estimated cost / month', usd(est.totalUsd), `${gbp(est.totalGbp)}; ${est.notPriced.length} charges not priced`)}
</div>
${accountsSection(model)}
${networkSection(model)}
${securitySection(model)}
${drSection(model)}
${changesSection(model)}
${costSection(model)}
</main>
<footer>Sources: ${sources.map((s) => `<code>${e(s)}</code>`).join(', ')}. Generated by <code>lz review</code>; the Markdown summary beside this page is for the pull request.</footer>
</body>
</html>
`;
}
