import { notPricedGroups, PROGRAMME_HEAD, programmeRows } from '../figures/format';
import { DISRUPTION_LABELS } from '../dr/assess';
import { describeChange } from '../safety/change-guard';
import type { ReviewModel } from './model';

/*
 * The review pack's pull-request comment: the headline figures and whatever needs a decision, short
 * enough for a comment (long lists are cut with a count of what was left out; the HTML page has all).
 */

const MAX_ROWS = 15;
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const usd = (v: number): string => `$${v.toFixed(2)}`;
const gbp = (v: number): string => `£${v.toFixed(2)}`;

function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const shown = rows.slice(0, MAX_ROWS);
  const out = [
    `| ${head.map(cell).join(' | ')} |`,
    `|${head.map(() => ' --- |').join('')}`,
    ...shown.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
  if (rows.length > shown.length) {
    out.push('', `…and ${rows.length - shown.length} more in the HTML pack.`);
  }
  return [...out, ''];
}

export function reviewMarkdown(model: ReviewModel): string {
  const t = model.totals;
  const net = model.network;
  const sec = model.security;
  const est = model.cost.estimate;
  const stateful = model.changes.list.filter((c) => c.stateful);
  const out: string[] = [
    `## ${model.title}`,
    '',
    ...(model.stale.length === 0
      ? []
      : [`> **NOT CURRENT (read with --allow-stale):** ${model.stale.join('; ')}`, '']),
    `${t.resources} resources in ${t.stacks} stacks across ${t.accounts} accounts · ` +
      `${sec.findings.length} unacknowledged findings (${sec.acknowledgements.length} acknowledged) · ` +
      `${model.dr.breaches} DR breaches · ${stateful.length} stateful resources replaced or deleted ` +
      `(${model.changes.blocked} blocked) · ${usd(est.totalUsd)} (${gbp(est.totalGbp)}) a month, ` +
      `${est.notPriced.length} charges not priced.`,
    '',
    '### Stacks and resources per account',
    '',
    ...table(
      ['account', 'name', 'stacks', 'resources', 'stateful'],
      model.accounts.map((a) => [
        a.account,
        a.name,
        String(a.stacks.length),
        String(a.resources),
        String(a.stacks.reduce((n, s) => n + s.stateful, 0)),
      ]),
    ),
    '### Network plan (from the templates)',
    '',
    ...table(
      ['VPC', 'CIDR', 'subnets (tier: count)'],
      net.vpcs.map((v) => {
        const tiers = new Map<string, number>();
        v.subnets.forEach((s) => tiers.set(s.tier, (tiers.get(s.tier) ?? 0) + 1));
        return [v.name, v.cidr, [...tiers.entries()].map(([k, n]) => `${k}: ${n}`).join(', ')];
      }),
    ),
    ...table(
      ['route table', 'associated', 'propagated into it', 'blackholes'],
      net.routeTables.map((r) => [
        r.name,
        r.associations.join(', '),
        r.propagations.join(', '),
        r.routes
          .filter((x) => x.blackhole)
          .map((x) => x.cidr)
          .join(', ') || 'none',
      ]),
    ),
    ...table(
      ['VPN', 'site', 'device IP', 'routing'],
      net.vpns.map((v) => [
        v.name,
        v.site,
        v.customerGatewayIp,
        v.staticRoutesOnly ? 'static' : `BGP ${v.bgpAsn}`,
      ]),
    ),
    '### Security findings',
    '',
    ...(sec.findings.length === 0
      ? [`No unacknowledged finding; ${sec.acknowledgements.length} acknowledged with a reason.`, '']
      : table(
          ['plugin', 'rule', 'resource'],
          sec.findings.map((f) => [f.plugin, f.rule, f.resource]),
        )),
    '### DR posture',
    '',
    ...(model.dr.breaches === 0
      ? [
          `All ${model.dr.workloads.length} databases meet their RPO and RTO targets for every disruption assessed.`,
          '',
        ]
      : table(
          ['workload', 'database', 'disruption'],
          model.dr.workloads.flatMap((w) =>
            w.assessments
              .filter((a) => a.status === 'breach')
              .map((a) => [w.workload, w.database, DISRUPTION_LABELS[a.disruption]]),
          ),
        )),
    '### Replaced or deleted compared with the baseline',
    '',
    ...(model.changes.baselineStacks === 0
      ? ['No accepted baseline to compare with.', '']
      : stateful.length === 0
        ? [
            `No stateful resource is replaced, deleted or orphaned; ${model.changes.list.length} stateless changes.`,
            '',
          ]
        : [
            ...table(
              ['', 'change'],
              stateful.map((c) => [c.allowedBy ? 'allowed' : '**BLOCKED**', describeChange(c)]),
            ),
            `${model.changes.list.length - stateful.length} stateless changes (in the HTML pack).`,
            '',
          ]),
    '### Cost per month',
    '',
    ...table([...PROGRAMME_HEAD], programmeRows(model.cost.figures)),
    `Not priced (not counted): ${notPricedGroups(est)
      .slice(0, 5)
      .map((g) => `${g.count} × ${g.type}`)
      .join(', ')}${notPricedGroups(est).length > 5 ? ', …' : ''}.`,
    '',
    '_Full pack: `reports/review/index.html` (diagram, every subnet, acknowledgement, change and price)._',
    '',
  ];
  return `${out.join('\n')}\n`;
}
