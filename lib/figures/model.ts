import type { CostEstimate, CostLine } from '../cost/estimate';
import { SHARED } from '../cost/estimate';
import type { FigureTotals } from '../run-cost';
import type { UsageAssumptions } from '../cost/usage-assumptions';
import type { MigrationPlan } from '../waves/migration-plan';
import type { Strategy, WorkloadConfig, WorkloadState } from '../waves/schema';
import { addDays, waveForecastEnd } from '../waves/time';
import { runCostSeries, type RunCostSeries } from './series';
import { sensitivity, type Sensitivity } from './sensitivity';

/*
 * The one figures model: every cost and saving a manager or architect sees, computed once from the
 * estimate (templates, price tables, usage assumptions) and the resolved plan. `lz cost`, the
 * dashboard, the pull-request summary, the CSV exports and the review pack render this model and
 * compute nothing of their own, so they cannot disagree. Pure: no clock, no I/O.
 *
 * The rules:
 * - before: a workload's on-premises run cost (cost.currentMonthlyGbp in its wave file);
 * - after: retained, the on-premises cost (it stays); retired, nothing; repurchased, its SaaS fee
 *   (cost.saasMonthlyGbp); every other strategy, its AWS cost from the estimate (resources tagged
 *   with it, and the servers MGN launches for it);
 * - planned saving: before minus after, for every workload except the retained ones (never a saving);
 * - realised saving: the planned saving of workloads whose source is switched off (status
 *   disconnected or complete, or decommissionDate on or before the as-of date); cutover alone is not
 *   enough, the source may still run for rollback;
 * - run cost now: on premises while the source runs, plus AWS (or SaaS) once the workload has landed,
 *   plus the shared landing zone, which serves every workload and belongs to none.
 */

/** Statuses that mean the on-premises source is switched off. */
export const SOURCE_OFF_STATES: readonly WorkloadState[] = ['disconnected', 'complete'];
/** Statuses from which a workload runs in AWS (or as SaaS). */
export const LANDED_STATES: readonly WorkloadState[] = ['cutover', 'disconnected', 'complete'];

export interface WorkloadFigures {
  readonly id: string;
  readonly name: string;
  readonly wave: string;
  readonly strategy: Strategy;
  readonly status: WorkloadState;
  readonly onPremMonthlyGbp: number;
  /** From the estimate: resources tagged with the workload and its MGN servers. */
  readonly awsMonthlyGbp: number;
  /** Charges of the workload the estimate could not price: its AWS figure is then a lower bound. */
  readonly awsNotPriced: number;
  readonly saasMonthlyGbp: number;
  /** Run cost once the move is finished. */
  readonly afterMonthlyGbp: number;
  readonly plannedSavingGbp: number;
  readonly realisedSavingGbp: number;
  readonly sourceOff: boolean;
  /** Why the source counts as off or on, in words. */
  readonly why: string;
  readonly landed: boolean;
  readonly runCostNowGbp: number;
  /** Dates for the chart: when it lands and when its source goes off, baseline and forecast. */
  readonly dates: {
    readonly baseline: { readonly landed?: string; readonly sourceOff?: string };
    readonly forecast: { readonly landed?: string; readonly sourceOff?: string };
  };
}

export type { FigureTotals } from '../run-cost';

export interface WaveFigures extends FigureTotals {
  readonly id: string;
  readonly name: string;
  readonly workloads: readonly WorkloadFigures[];
}

export interface Figures {
  readonly asOf: string;
  readonly currency: 'GBP';
  readonly gbpPerUsd: number;
  readonly estimate: CostEstimate;
  readonly workloads: readonly WorkloadFigures[];
  readonly waves: readonly WaveFigures[];
  /** The shared landing zone: one row, whatever the resources are tagged. */
  readonly shared: { readonly awsMonthlyGbp: number; readonly notPriced: number };
  /** AWS charges tagged with a workload no wave names. */
  readonly unplaced: { readonly awsMonthlyGbp: number; readonly notPriced: number };
  readonly programme: FigureTotals & {
    /** Workload savings less the shared landing zone, which exists only because of the move. */
    readonly netPlannedSavingGbp: number;
    readonly netRealisedSavingGbp: number;
  };
  readonly series: RunCostSeries;
  readonly sensitivity: Sensitivity;
  readonly assumptions: UsageAssumptions;
}

function sum<T>(list: readonly T[], value: (t: T) => number): number {
  return list.reduce((n, t) => n + value(t), 0);
}

function firstOn(workload: WorkloadConfig, states: readonly WorkloadState[]): string | undefined {
  return workload.statusHistory.find((h) => states.includes(h.state))?.on;
}

/** Whether the source is off as of a date, and why, in words. */
export function sourceOffAsOf(
  w: Pick<WorkloadConfig, 'strategy' | 'status' | 'decommissionDate'>,
  asOf: string,
): { sourceOff: boolean; why: string } {
  if (w.strategy === 'retain') {
    return { sourceOff: false, why: 'retained on premises: never a saving' };
  }
  if (SOURCE_OFF_STATES.includes(w.status)) {
    return { sourceOff: true, why: `status ${w.status}: source switched off` };
  }
  if (w.decommissionDate !== undefined && w.decommissionDate <= asOf) {
    return { sourceOff: true, why: `source switched off ${w.decommissionDate}` };
  }
  return { sourceOff: false, why: `status ${w.status}: source still running` };
}

function totals(list: readonly WorkloadFigures[]): FigureTotals {
  return {
    onPremMonthlyGbp: sum(list, (w) => w.onPremMonthlyGbp),
    awsMonthlyGbp: sum(list, (w) => w.awsMonthlyGbp),
    saasMonthlyGbp: sum(list, (w) => w.saasMonthlyGbp),
    afterMonthlyGbp: sum(list, (w) => w.afterMonthlyGbp),
    plannedSavingGbp: sum(list, (w) => w.plannedSavingGbp),
    realisedSavingGbp: sum(list, (w) => w.realisedSavingGbp),
    runCostNowGbp: sum(list, (w) => w.runCostNowGbp),
    awsNotPriced: sum(list, (w) => w.awsNotPriced),
  };
}

/** The figures of an estimate and the plan it was made from, as of a date. */
export function buildFigures(estimate: CostEstimate, plan: MigrationPlan, asOf: string): Figures {
  const rate = estimate.exchangeRate.gbpPerUsd;
  const gbp = (lines: readonly CostLine[]) => sum(lines, (l) => l.monthlyUsd) * rate;
  const byWorkload = new Map<string, CostLine[]>();
  for (const line of estimate.lines) {
    if (line.workload !== undefined && line.wave !== SHARED) {
      byWorkload.set(line.workload, [...(byWorkload.get(line.workload) ?? []), line]);
    }
  }
  const lag = estimate.assumptions.values['migration.sourceRunsDaysAfterCutover'];
  const baselineEnd = new Map(plan.programme.baseline.waves.map((b) => [b.wave, b.end]));
  const workloads: WorkloadFigures[] = plan.workloads.map(({ workload: w, wave }) => {
    const aws = w.strategy === 'retire' || w.strategy === 'retain' ? 0 : gbp(byWorkload.get(w.id) ?? []);
    const saas = w.strategy === 'repurchase' ? (w.cost.saasMonthlyGbp ?? 0) : 0;
    const after =
      w.strategy === 'retain' ? w.cost.currentMonthlyGbp : w.strategy === 'retire' ? 0 : aws + saas;
    const planned = w.strategy === 'retain' ? 0 : w.cost.currentMonthlyGbp - after;
    const off = sourceOffAsOf(w, asOf);
    const landedOn =
      w.strategy === 'retire' || w.strategy === 'retain' ? undefined : firstOn(w, LANDED_STATES);
    const landed = landedOn !== undefined && LANDED_STATES.includes(w.status);
    const offOn = off.sourceOff ? (firstOn(w, SOURCE_OFF_STATES) ?? w.decommissionDate ?? asOf) : undefined;
    // Forecast: the wave's cutover (or forecast end), the source off `lag` days later unless dated.
    const cutover = (w.cutoverWindow ?? wave.cutoverWindow).start.slice(0, 10);
    const forecastLanding = landedOn ?? (cutover >= asOf ? cutover : waveForecastEnd(wave, asOf));
    const baselineLanding = baselineEnd.get(wave.id) ?? wave.planned.end;
    const offAfter = (landing: string): string | undefined =>
      w.strategy === 'retain'
        ? undefined
        : (w.decommissionDate ?? addDays(landing, w.strategy === 'retire' ? 0 : lag));
    const notPriced = estimate.notPriced.filter((n) => n.workload === w.id && n.wave !== SHARED).length;
    return {
      id: w.id,
      name: w.name,
      wave: wave.id,
      strategy: w.strategy,
      status: w.status,
      onPremMonthlyGbp: w.cost.currentMonthlyGbp,
      awsMonthlyGbp: aws,
      awsNotPriced: w.strategy === 'retire' || w.strategy === 'retain' ? 0 : notPriced,
      saasMonthlyGbp: saas,
      afterMonthlyGbp: after,
      plannedSavingGbp: planned,
      realisedSavingGbp: off.sourceOff ? planned : 0,
      sourceOff: off.sourceOff,
      why: off.why,
      landed,
      runCostNowGbp: (off.sourceOff ? 0 : w.cost.currentMonthlyGbp) + (landed ? aws + saas : 0),
      dates: {
        baseline: {
          ...(w.strategy === 'retire' || w.strategy === 'retain' ? {} : { landed: baselineLanding }),
          ...optional('sourceOff', offAfter(baselineLanding)),
        },
        forecast: {
          ...(w.strategy === 'retire' || w.strategy === 'retain' ? {} : { landed: forecastLanding }),
          ...optional('sourceOff', offOn ?? offAfter(forecastLanding)),
        },
      },
    };
  });
  const waves: WaveFigures[] = plan.waves.map((wave) => {
    const mine = workloads.filter((w) => w.wave === wave.wave.id);
    return { id: wave.wave.id, name: wave.wave.name, workloads: mine, ...totals(mine) };
  });
  const sharedLines = estimate.lines.filter((l) => l.wave === SHARED);
  const placed = new Set(workloads.map((w) => w.id));
  const unplacedLines = estimate.lines.filter(
    (l) => l.wave !== SHARED && (l.workload === undefined || !placed.has(l.workload)),
  );
  const shared = {
    awsMonthlyGbp: gbp(sharedLines),
    notPriced: estimate.notPriced.filter((n) => n.wave === SHARED).length,
  };
  const all = totals(workloads);
  const unplaced = {
    awsMonthlyGbp: gbp(unplacedLines),
    notPriced: estimate.notPriced.filter(
      (n) => n.wave !== SHARED && (n.workload === undefined || !placed.has(n.workload)),
    ).length,
  };
  const programme = {
    ...all,
    awsMonthlyGbp: all.awsMonthlyGbp + shared.awsMonthlyGbp + unplaced.awsMonthlyGbp,
    afterMonthlyGbp: all.afterMonthlyGbp + shared.awsMonthlyGbp + unplaced.awsMonthlyGbp,
    runCostNowGbp: all.runCostNowGbp + shared.awsMonthlyGbp + unplaced.awsMonthlyGbp,
    awsNotPriced: all.awsNotPriced + shared.notPriced + unplaced.notPriced,
    netPlannedSavingGbp: all.plannedSavingGbp - shared.awsMonthlyGbp - unplaced.awsMonthlyGbp,
    netRealisedSavingGbp: all.realisedSavingGbp - shared.awsMonthlyGbp - unplaced.awsMonthlyGbp,
  };
  const programmeStart =
    [
      ...plan.programme.baseline.waves.map((b) => b.start),
      ...plan.waves.map((w) => w.wave.planned.start),
    ].sort()[0] ?? asOf;
  return {
    asOf,
    currency: 'GBP',
    gbpPerUsd: rate,
    estimate,
    workloads,
    waves,
    shared,
    unplaced,
    programme,
    series: runCostSeries({
      asOf,
      programmeStart,
      workloads,
      fixedMonthlyGbp: shared.awsMonthlyGbp + unplaced.awsMonthlyGbp,
      growthPercentPerYear: estimate.assumptions.values['backup.growthPercentPerYear'],
      growingShare: growingShares(estimate, workloads, rate),
    }),
    sensitivity: sensitivity(estimate),
    assumptions: estimate.assumptions,
  };
}

/** For each workload, the GBP a month of its lines that grow with protected data (backups). */
function growingShares(
  estimate: CostEstimate,
  workloads: readonly WorkloadFigures[],
  rate: number,
): ReadonlyMap<string, number> {
  const ids = new Set(workloads.filter((w) => w.awsMonthlyGbp > 0).map((w) => w.id));
  const out = new Map<string, number>();
  for (const l of estimate.lines) {
    if (l.grows && l.workload !== undefined && ids.has(l.workload) && l.wave !== SHARED) {
      out.set(l.workload, (out.get(l.workload) ?? 0) + l.monthlyUsd * rate);
    }
  }
  return out;
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
