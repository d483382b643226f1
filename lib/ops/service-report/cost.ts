import type { MonitoredService } from '../../monitoring/monitored-estate';
import { figure, notRead, type CostLineRow, type CostSection, type Figure } from './model';
import type { ReportPeriod } from './period';
import type { CostRow, Read } from './source';

/*
 * Cost actual against the estimate and the on-premises baseline, per workload: actual from Cost
 * Explorer by the `workload` tag the landing zone writes, the estimate from the project's own cost
 * model (lz cost, through one function in the command), the baseline from the wave files. Monthly
 * figures are scaled to the period's length.
 */

/** The estimate the cost model gives, in GBP per month, and the exchange rate it used. */
export interface WorkloadCostEstimate {
  readonly byWorkload: ReadonlyMap<string, number>;
  /** Resources with no workload tag: the shared landing zone. */
  readonly sharedMonthlyGbp: number;
}

export interface Exchange {
  readonly gbpPerUsd: number;
  /** Where the rate comes from and when, for the report. */
  readonly source: string;
}

const DAYS_PER_MONTH = 365.25 / 12;

function months(period: ReportPeriod): number {
  return (period.end.getTime() - period.start.getTime()) / 86_400_000 / DAYS_PER_MONTH;
}

function toGbp(row: CostRow, exchange: Read<Exchange>): Figure<number> {
  if (row.unit === 'GBP') return figure(row.amount);
  if (row.unit !== 'USD')
    return notRead(`Cost Explorer reported ${row.unit}, which the report cannot convert`);
  return exchange.ok ? figure(row.amount * exchange.value.gbpPerUsd) : notRead(exchange.failure.message);
}

function add(a: Figure<number>, b: Figure<number>): Figure<number> {
  if (!a.read) return a;
  if (!b.read) return b;
  return figure(a.value + b.value);
}

/** The cost section of the periods. */
export function costSection(
  services: readonly MonitoredService[],
  periods: { readonly current: ReportPeriod; readonly previous: ReportPeriod },
  actual: Read<readonly CostRow[]>,
  previousActual: Read<readonly CostRow[]>,
  estimate: Read<WorkloadCostEstimate>,
  exchange: Read<Exchange>,
): CostSection {
  const known = new Set(services.map((s) => s.id));
  const scale = months(periods.current);
  const actualOf = (rows: Read<readonly CostRow[]>, match: (tag: string) => boolean): Figure<number> => {
    if (!rows.ok) return notRead(rows.failure.message);
    let total: Figure<number> = figure(0);
    for (const row of rows.value.filter((r) => match(r.tagValue))) total = add(total, toGbp(row, exchange));
    return total;
  };
  const rows: CostLineRow[] = services.map((s) => ({
    service: s.id,
    name: s.name,
    actual: actualOf(actual, (t) => t === s.id),
    previousActual: actualOf(previousActual, (t) => t === s.id),
    estimate: estimate.ok
      ? figure((estimate.value.byWorkload.get(s.id) ?? 0) * scale)
      : notRead(estimate.failure.message),
    onPremises: s.onPremisesMonthlyGbp === undefined ? null : s.onPremisesMonthlyGbp * scale,
  }));
  const shared: CostLineRow = {
    service: 'shared',
    name: 'Shared landing zone (no workload tag)',
    actual: actualOf(actual, (t) => !known.has(t)),
    previousActual: actualOf(previousActual, (t) => !known.has(t)),
    estimate: estimate.ok
      ? figure(estimate.value.sharedMonthlyGbp * scale)
      : notRead(estimate.failure.message),
    onPremises: null,
  };
  const all = [...rows, shared];
  const total: CostLineRow = {
    service: 'total',
    name: 'Total',
    actual: all.reduce<Figure<number>>((a, r) => add(a, r.actual), figure(0)),
    previousActual: all.reduce<Figure<number>>((a, r) => add(a, r.previousActual), figure(0)),
    estimate: all.reduce<Figure<number>>((a, r) => add(a, r.estimate), figure(0)),
    onPremises: rows.reduce((a, r) => a + (r.onPremises ?? 0), 0),
  };
  return {
    rows,
    shared,
    total,
    exchange: exchange.ok ? `GBP ${exchange.value.gbpPerUsd} per USD (${exchange.value.source})` : 'NOT READ',
  };
}
