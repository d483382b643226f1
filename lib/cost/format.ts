import Table from 'cli-table3';
import type { CostEstimate, CostLine } from './estimate';
import type { WaveComparison } from './savings';

export interface CostReport {
  readonly asOf: string;
  readonly estimate: CostEstimate;
  readonly waves: readonly WaveComparison[];
}

const usd = (n: number): string => `$${n.toFixed(2)}`;
const gbp = (n: number): string => `£${n.toFixed(2)}`;

function sourceOf(l: { source: string; date: string; confirmed: boolean }): string {
  return `${l.source} (${l.date})${l.confirmed ? '' : ' [unconfirmed]'}`;
}

/** The not-priced resources grouped by type and reason, with a count, most frequent first. */
export function notPricedGroups(estimate: CostEstimate): { type: string; reason: string; count: number }[] {
  const groups = new Map<string, { type: string; reason: string; count: number }>();
  for (const n of estimate.notPriced) {
    const key = `${n.type}\u0000${n.reason}`;
    const g = groups.get(key) ?? { type: n.type, reason: n.reason, count: 0 };
    g.count += 1;
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
}

interface Section {
  readonly title: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

function sections(report: CostReport): Section[] {
  const e = report.estimate;
  const rollupRows = (list: CostEstimate['byStack']) =>
    list.map((r) => [
      r.key,
      usd(r.monthlyUsd),
      gbp(r.monthlyGbp),
      String(r.pricedLines),
      String(r.notPriced),
    ]);
  const rollupHead = ['', 'USD / month', 'GBP / month', 'priced lines', 'not priced'];
  const lineRow = (l: CostLine) => [
    `${l.stack}/${l.logicalId}`,
    l.description,
    `${Number(l.monthlyQuantity.toFixed(3))} ${l.unit}`,
    `$${l.usdPerUnit}`,
    usd(l.monthlyUsd),
    sourceOf(l),
  ];
  return [
    { title: 'By account', head: ['account', ...rollupHead.slice(1)], rows: rollupRows(e.byAccount) },
    { title: 'By stack', head: ['stack', ...rollupHead.slice(1)], rows: rollupRows(e.byStack) },
    { title: 'By wave', head: ['wave', ...rollupHead.slice(1)], rows: rollupRows(e.byWave) },
    {
      title: `Before and after per wave (savings count only once a source is decommissioned; as of ${report.asOf})`,
      head: [
        'wave',
        'on-premises / month',
        'AWS / month',
        'AWS not priced',
        'realised saving',
        'planned saving',
      ],
      rows: report.waves.map((w) => [
        `${w.wave} ${w.name}`,
        gbp(w.onPremMonthlyGbp),
        gbp(w.awsMonthlyGbp),
        String(w.awsNotPriced),
        `${w.savingsAreUpperBounds ? 'at most ' : ''}${gbp(w.realisedSavingGbp)}`,
        `${w.savingsAreUpperBounds ? 'at most ' : ''}${gbp(w.plannedSavingGbp)}`,
      ]),
    },
    {
      title: 'Priced lines (each names its price source and date)',
      head: ['resource', 'what', 'per month', 'unit price', 'USD / month', 'source'],
      rows: e.lines.map(lineRow),
    },
    {
      title: 'Not priced (not counted in any total: the real cost is higher)',
      head: ['type', 'count', 'why'],
      rows: notPricedGroups(e).map((g) => [g.type, String(g.count), g.reason]),
    },
    {
      title: 'Charged per use, not in the estimate',
      head: ['price', 'unit price', 'source'],
      rows: e.usageCharges.map((p) => [p.usage, `$${p.usd} per ${p.unit}`, sourceOf(p)]),
    },
    {
      title: 'Free (no charge of their own)',
      head: ['type', 'count', 'why'],
      rows: e.free.map((f) => [f.type, String(f.count), f.reason]),
    },
  ];
}

function headline(report: CostReport): string[] {
  const e = report.estimate;
  const r = e.exchangeRate;
  return [
    `Monthly cost estimate, ${e.region}, ${e.hoursPerMonth} hours a month`,
    `Total: ${usd(e.totalUsd)} (${gbp(e.totalGbp)}) from ${e.lines.length} priced lines; ${e.notPriced.length} resource charges not priced.`,
    `GBP at ${r.gbpPerUsd} per USD: ${sourceOf(r)}.`,
  ];
}

export function formatCostText(report: CostReport): string {
  const out = [...headline(report), ''];
  for (const s of sections(report)) {
    const table = new Table({ head: [...s.head], style: { head: [], border: [] } });
    table.push(...s.rows.map((r) => [...r]));
    out.push(s.title, table.toString(), '');
  }
  return `${out.join('\n')}\n`;
}

const cell = (s: string): string => s.replace(/\|/g, '\\|');

export function formatCostMarkdown(report: CostReport): string {
  const [title, ...rest] = headline(report);
  const out = [`## ${title ?? ''}`, '', ...rest.map((l) => `${l}  `), ''];
  for (const s of sections(report)) {
    out.push(`### ${s.title}`, '');
    if (s.rows.length === 0) {
      out.push('None.', '');
      continue;
    }
    out.push(`| ${s.head.map(cell).join(' | ')} |`, `|${s.head.map(() => ' --- |').join('')}`);
    out.push(...s.rows.map((r) => `| ${r.map(cell).join(' | ')} |`), '');
  }
  return `${out.join('\n')}\n`;
}
