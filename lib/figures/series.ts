import type { RunCostLines, RunCostPoint } from '../run-cost';
import { addDays, daysBetween } from '../waves/time';

export type { RunCostLines, RunCostPoint } from '../run-cost';

/*
 * Monthly run cost over the programme, per wave and for the programme: on premises (declining as
 * sources are switched off) and AWS (rising as workloads land, with backup storage growing), for the
 * approved baseline and for the forecast (what happened up to the as-of date, then the current plan).
 */

export interface RunCostSeries {
  readonly months: readonly string[];
  readonly programme: RunCostLines;
  readonly waves: Readonly<Record<string, RunCostLines>>;
}

interface SeriesWorkload {
  readonly id: string;
  readonly wave: string;
  readonly onPremMonthlyGbp: number;
  readonly awsMonthlyGbp: number;
  readonly saasMonthlyGbp: number;
  readonly dates: {
    readonly baseline: { readonly landed?: string; readonly sourceOff?: string };
    readonly forecast: { readonly landed?: string; readonly sourceOff?: string };
  };
}

export interface SeriesInput {
  readonly asOf: string;
  readonly programmeStart: string;
  readonly workloads: readonly SeriesWorkload[];
  /** Shared landing-zone cost a month, from the programme's start. */
  readonly fixedMonthlyGbp: number;
  readonly growthPercentPerYear: number;
  /** Per workload, the GBP a month that grows with protected data. */
  readonly growingShare: ReadonlyMap<string, number>;
}

function monthOf(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** Months from the month before the programme starts to two months after the last event. */
function monthsFor(input: SeriesInput): string[] {
  const events = input.workloads.flatMap((w) => [
    w.dates.baseline.landed,
    w.dates.baseline.sourceOff,
    w.dates.forecast.landed,
    w.dates.forecast.sourceOff,
  ]);
  const last = [input.asOf, ...events.filter((d): d is string => d !== undefined)].sort().pop() ?? input.asOf;
  const months: string[] = [];
  let month = monthOf(addDays(monthOf(input.programmeStart), -1));
  const end = nextMonth(nextMonth(monthOf(last)));
  while (month <= end) {
    months.push(month);
    month = nextMonth(month);
  }
  return months;
}

function line(
  input: SeriesInput,
  months: readonly string[],
  workloads: readonly SeriesWorkload[],
  which: 'baseline' | 'forecast',
  fixed: number,
): RunCostPoint[] {
  const start = monthOf(input.programmeStart);
  const asOfMonth = monthOf(input.asOf);
  return months.map((month) => {
    // Each month is read at its last day, except the as-of month, read at the as-of date: so the
    // chart's point for this month is exactly the "run cost now" beside it.
    const point = month === asOfMonth ? input.asOf : addDays(nextMonth(month), -1);
    // Backup storage grows from the as-of date on; the past is what it was.
    const years = Math.max(0, daysBetween(input.asOf, point)) / 365;
    const growth = (1 + input.growthPercentPerYear / 100) ** years - 1;
    let onPrem = 0;
    let aws = month >= start ? fixed : 0;
    for (const w of workloads) {
      const d = w.dates[which];
      if (d.sourceOff === undefined || d.sourceOff > point) {
        onPrem += w.onPremMonthlyGbp;
      }
      if (d.landed !== undefined && d.landed <= point) {
        aws += w.awsMonthlyGbp + w.saasMonthlyGbp + (input.growingShare.get(w.id) ?? 0) * growth;
      }
    }
    return { month, onPremGbp: onPrem, awsGbp: aws, totalGbp: onPrem + aws };
  });
}

export function runCostSeries(input: SeriesInput): RunCostSeries {
  const months = monthsFor(input);
  const lines = (list: readonly SeriesWorkload[], fixed: number): RunCostLines => ({
    baseline: line(input, months, list, 'baseline', fixed),
    forecast: line(input, months, list, 'forecast', fixed),
  });
  const waveIds = [...new Set(input.workloads.map((w) => w.wave))];
  return {
    months,
    programme: lines(input.workloads, input.fixedMonthlyGbp),
    waves: Object.fromEntries(
      waveIds.map((id) => [
        id,
        lines(
          input.workloads.filter((w) => w.wave === id),
          0,
        ),
      ]),
    ),
  };
}
