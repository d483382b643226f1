import Table from 'cli-table3';
import type { CostEstimate, CostLine } from '../cost/estimate';
import { notPricedGroups } from '../cost/estimate';
import { assumptionDefinition, assumptionKeys } from '../cost/usage-assumptions';
import { gbp, usd } from '../text';
import type { Figures } from './model';

/*
 * `lz cost` rendered from the figures model: the totals first (what a manager reads), then with
 * --detail every line with its price's source (what an architect checks). Renders only: every number
 * comes from lib/figures, so the dashboard, the review pack and the CSV show the same ones.
 */

export { notPricedGroups };

export interface CostReport {
  readonly asOf: string;
  readonly estimate: CostEstimate;
  readonly figures: Figures;
}

export { gbp, usd };

function sourceOf(l: { source: string; date: string; confirmed: boolean }): string {
  return `${l.source} (${l.date})${l.confirmed ? '' : ' [unconfirmed]'}`;
}

interface Section {
  readonly title: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** The programme table: one row for the shared infrastructure, one per wave, the total. */
export function programmeRows(f: Figures): string[][] {
  const bound = (notPriced: number) => (notPriced > 0 ? 'at most ' : '');
  const rows: string[][] = [
    [
      'shared landing zone',
      '',
      gbp(f.shared.awsMonthlyGbp),
      gbp(f.shared.awsMonthlyGbp),
      '',
      '',
      String(f.shared.notPriced),
    ],
    ...f.waves.map((w) => [
      `${w.id} ${w.name}`,
      gbp(w.onPremMonthlyGbp),
      gbp(w.awsMonthlyGbp + w.saasMonthlyGbp),
      gbp(w.afterMonthlyGbp),
      `${bound(w.awsNotPriced)}${gbp(w.plannedSavingGbp)}`,
      `${bound(w.awsNotPriced)}${gbp(w.realisedSavingGbp)}`,
      String(w.awsNotPriced),
    ]),
  ];
  if (f.unplaced.awsMonthlyGbp > 0 || f.unplaced.notPriced > 0) {
    rows.push([
      'workloads in no wave',
      '',
      gbp(f.unplaced.awsMonthlyGbp),
      gbp(f.unplaced.awsMonthlyGbp),
      '',
      '',
      String(f.unplaced.notPriced),
    ]);
  }
  const p = f.programme;
  rows.push([
    'programme',
    gbp(p.onPremMonthlyGbp),
    gbp(p.awsMonthlyGbp + p.saasMonthlyGbp),
    gbp(p.afterMonthlyGbp),
    gbp(p.plannedSavingGbp),
    gbp(p.realisedSavingGbp),
    String(p.awsNotPriced),
  ]);
  return rows;
}

export const PROGRAMME_HEAD = [
  '',
  'on premises today',
  'AWS + SaaS',
  'after the move',
  'planned saving',
  'realised saving',
  'not priced',
] as const;

function summary(report: CostReport): Section[] {
  const f = report.figures;
  return [
    {
      title: `Before and after, GBP a month (retained workloads never save; a saving is realised once the source is off, as of ${report.asOf})`,
      head: PROGRAMME_HEAD,
      rows: programmeRows(f),
    },
    {
      title: 'What moves the total most (sensitivity)',
      head: ['if', 'USD / month more', 'share of total'],
      rows: f.sensitivity.items
        .filter((i) => i.changeUsd > 0)
        .slice(0, 5)
        .map((i) => [i.text, usd(i.changeUsd), `${(i.share * 100).toFixed(1)}%`]),
    },
  ];
}

function detail(report: CostReport): Section[] {
  const e = report.estimate;
  const f = report.figures;
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
    l.assumption?.text ?? '',
  ];
  return [
    {
      title: 'Per workload, GBP a month',
      head: [
        'workload',
        'wave',
        'strategy',
        'status',
        'on premises',
        'after',
        'planned saving',
        'realised saving',
        'source',
      ],
      rows: f.workloads.map((w) => [
        w.id,
        w.wave,
        w.strategy,
        w.status,
        gbp(w.onPremMonthlyGbp),
        gbp(w.afterMonthlyGbp),
        gbp(w.plannedSavingGbp),
        gbp(w.realisedSavingGbp),
        w.why,
      ]),
    },
    { title: 'By account', head: ['account', ...rollupHead.slice(1)], rows: rollupRows(e.byAccount) },
    { title: 'By stack', head: ['stack', ...rollupHead.slice(1)], rows: rollupRows(e.byStack) },
    {
      title: 'Usage assumptions in force (pricing/usage-assumptions.yaml; docs/cost.md)',
      head: ['assumption', 'value', 'unit', 'from'],
      rows: assumptionKeys().map((k) => [
        k,
        String(e.assumptions.values[k]),
        assumptionDefinition(k).unit,
        e.assumptions.fromFile.includes(k) ? (e.assumptions.file ?? 'file') : 'default',
      ]),
    },
    {
      title:
        'Priced lines (each names its price source and date, and the assumption behind a charge per use)',
      head: ['resource', 'what', 'per month', 'unit price', 'USD / month', 'source', 'assumption'],
      rows: e.lines.map(lineRow),
    },
    {
      title: 'Not priced (not counted in any total: the real cost is higher)',
      head: ['type', 'count', 'why'],
      rows: notPricedGroups(e).map((g) => [g.type, String(g.count), g.reason]),
    },
    {
      title: 'Free (no charge of their own)',
      head: ['type', 'count', 'why'],
      rows: e.free.map((x) => [x.type, String(x.count), x.reason]),
    },
  ];
}

/** The lines every rendering opens with: the AWS total, whether it is complete, and how sure it is. */
export function headline(report: CostReport): string[] {
  const e = report.estimate;
  const f = report.figures;
  const r = e.exchangeRate;
  const unconfirmed = e.lines.filter((l) => !l.confirmed).length;
  return [
    `Monthly cost estimate, ${e.regions.join(' + ')}, ${e.hoursPerMonth} hours a month, as of ${report.asOf}`,
    `AWS total: ${usd(e.totalUsd)} (${gbp(e.totalGbp)}) a month, ${e.incomplete ? `INCOMPLETE: ${e.notPriced.length} deployed charge(s) not priced, so the real figure is higher` : 'every deployed charge priced'}.`,
    `Of it: ${usd(e.unconfirmedUsd)} from ${unconfirmed} line(s) at unconfirmed prices; ${usd(e.assumedUsd)} charged per use on the usage assumptions.`,
    `Run cost now ${gbp(f.programme.runCostNowGbp)} a month; after the move ${gbp(f.programme.afterMonthlyGbp)} (on premises today ${gbp(f.programme.onPremMonthlyGbp)}). Savings ${gbp(f.programme.realisedSavingGbp)} realised of ${gbp(f.programme.plannedSavingGbp)} planned; net of the shared landing zone ${gbp(f.programme.netPlannedSavingGbp)}.`,
    `GBP at ${r.gbpPerUsd} per USD: ${sourceOf(r)}.`,
  ];
}

function sectionsOf(report: CostReport, withDetail: boolean): Section[] {
  return withDetail ? [...summary(report), ...detail(report)] : summary(report);
}

export function formatCostText(report: CostReport, withDetail = false): string {
  const out = [...headline(report), ''];
  for (const s of sectionsOf(report, withDetail)) {
    const table = new Table({ head: [...s.head], style: { head: [], border: [] } });
    table.push(...s.rows.map((r) => [...r]));
    out.push(s.title, table.toString(), '');
  }
  if (!withDetail) {
    out.push(
      'Every priced line with its source, the assumptions, the not-priced and the free: lz cost --detail',
      '',
    );
  }
  return `${out.join('\n')}\n`;
}

const cell = (s: string): string => s.replace(/\|/g, '\\|');

export function formatCostMarkdown(report: CostReport, withDetail = false): string {
  const [title, ...rest] = headline(report);
  const out = [`## ${title ?? ''}`, '', ...rest.map((l) => `${l}  `), ''];
  for (const s of sectionsOf(report, withDetail)) {
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
