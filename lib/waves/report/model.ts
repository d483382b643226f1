import type { Diagnostic } from '../../config/diagnostics';
import type { FigureTotals, RunCostLines } from '../../run-cost';
import type { MigrationPlan, WaveInPlan } from '../migration-plan';
import { DONE_STATES, isMigrating } from '../resolve';
import type { BlackoutConfig, WorkloadConfig, WorkloadState } from '../schema';
import { withRecord, type PlacedRecord } from '../runbook/record';
import { addDays, daysBetween, waveForecastEnd, windowInterval } from '../time';

/*
 * Everything a manager sees, derived from the plan files and one date (`asOf`). Pure: no clock, no
 * I/O, so the same files and date always give the same report.
 */

export type Rag = 'red' | 'amber' | 'green' | 'complete';

export { DONE_STATES } from '../resolve';
/** States from which a workload is ready to cut over, or further. */
const READY_STATES: readonly WorkloadState[] = ['ready-for-cutover', 'cutting-over', ...DONE_STATES];

/** The rules, as shown on the dashboard. Each wave's reasons name the rule that fired. */
export const RAG_RULES: readonly { rag: Rag; rule: string }[] = [
  {
    rag: 'complete',
    rule: 'The wave is complete (every workload cut over, retired or rolled back by decision).',
  },
  { rag: 'red', rule: 'A workload is blocked or rolled back.' },
  { rag: 'red', rule: 'The planned end date has passed and the wave is not complete.' },
  { rag: 'red', rule: "A workload's cutover window has passed and it has not cut over (missed cutover)." },
  { rag: 'red', rule: 'The cutover is within 7 days and a workload is not yet ready for cutover.' },
  { rag: 'red', rule: 'The wave starts within 14 days and is not approved.' },
  { rag: 'amber', rule: 'The forecast end is later than the baseline end (slippage).' },
  {
    rag: 'amber',
    rule: "A workload's cutover window is outside the wave's planned dates (the forecast end moves to it).",
  },
  { rag: 'amber', rule: 'The wave starts within 60 days and a personal-data workload has no approved DPIA.' },
  { rag: 'amber', rule: 'The plan has validation warnings for the wave (risky but allowed).' },
  { rag: 'green', rule: 'None of the above.' },
];

export interface WorkloadRow {
  readonly workload: WorkloadConfig;
  readonly wave: WaveInPlan;
  /** In scope of the burn-down: every workload except the retained ones. */
  readonly inScope: boolean;
  readonly done: boolean;
  /** First date the workload reached a done state, from its history. */
  readonly doneOn?: string;
  readonly cutoverStart?: string;
  readonly cutoverEnd?: string;
  readonly cutoverZone?: string;
  /** Its cutover window falls outside its wave's planned dates. */
  readonly outsideWave: boolean;
}

export interface WaveSummary {
  readonly wave: WaveInPlan;
  readonly rows: readonly WorkloadRow[];
  readonly inScope: number;
  readonly done: number;
  readonly servers: number;
  readonly serversDone: number;
  readonly progress: number;
  readonly baseline?: { start: string; end: string };
  readonly forecastEnd: string;
  readonly slipDays: number;
  readonly rag: Rag;
  readonly reasons: readonly string[];
  readonly byState: Readonly<Partial<Record<WorkloadState, number>>>;
}

/** A cutover record read back from a runbook, and whether the wave file has caught up with it. */
export interface RecordedCutover {
  readonly workload: string;
  readonly wave: string;
  readonly file: string;
  readonly result: string;
  readonly finishedAt?: string;
  /** The status in the wave file, and the status the report uses with the record applied. */
  readonly fileStatus: WorkloadState;
  readonly status: WorkloadState;
}

export interface BurnPoint {
  readonly date: string;
  readonly workloads: number;
  readonly servers: number;
}

export type { RunCostLines, RunCostPoint } from '../../run-cost';
/** Run cost and savings of a workload, a wave or the programme (lib/figures computes them). */
export type CostFigures = FigureTotals;

/**
 * The parts of the figures model (lib/figures) the manager reports render. Declared here, by shape,
 * so the plan's reports depend on no cost module (lib/cost and lib/figures build on lib/waves, not
 * the other way round); lib/figures' Figures satisfies it, and the agreement test holds them equal.
 */
export interface ReportFigures {
  readonly gbpPerUsd: number;
  readonly estimate: {
    readonly incomplete: boolean;
    readonly notPriced: readonly unknown[];
    readonly unconfirmedUsd: number;
    readonly assumedUsd: number;
  };
  readonly workloads: readonly (CostFigures & { readonly id: string })[];
  readonly waves: readonly (CostFigures & { readonly id: string })[];
  readonly shared: { readonly awsMonthlyGbp: number };
  readonly programme: CostFigures;
  readonly series: {
    readonly programme: RunCostLines;
    readonly waves: Readonly<Record<string, RunCostLines>>;
  };
  readonly sensitivity: {
    readonly items: readonly { readonly text: string; readonly changeUsd: number; readonly share: number }[];
  };
}

export interface ReportModel {
  readonly asOf: string;
  readonly programme: MigrationPlan['programme'];
  readonly organisation: string;
  readonly waves: readonly WaveSummary[];
  readonly rows: readonly WorkloadRow[];
  readonly totals: {
    readonly workloads: number;
    readonly inScope: number;
    readonly done: number;
    readonly servers: number;
    readonly serversDone: number;
    readonly databases: number;
    readonly blocked: number;
  };
  /**
   * Every cost and saving, from the one figures model (lib/figures): absent when no current
   * synthesised assembly was given, and then the reports show no cost rather than a second estimate.
   */
  readonly figures?: ReportFigures;
  /** Why the figures are absent, when they are. */
  readonly figuresMissing?: string;
  readonly rag: Rag;
  readonly ragReasons: readonly string[];
  readonly baselineFinish: string;
  readonly forecastFinish: string;
  readonly burnDown: {
    readonly baseline: readonly BurnPoint[];
    readonly forecast: readonly BurnPoint[];
    readonly actual: readonly BurnPoint[];
  };
  readonly blockers: readonly WorkloadRow[];
  readonly risks: readonly Diagnostic[];
  readonly upcomingCutovers: readonly WorkloadRow[];
  readonly upcomingBlackouts: readonly BlackoutConfig[];
  readonly blackouts: readonly BlackoutConfig[];
  /** Cutover records read back from the runbooks. */
  readonly recorded: readonly RecordedCutover[];
}

const RAG_ORDER: readonly Rag[] = ['complete', 'green', 'amber', 'red'];
function worst(a: Rag, b: Rag): Rag {
  return RAG_ORDER.indexOf(a) >= RAG_ORDER.indexOf(b) ? a : b;
}

function doneOn(workload: WorkloadConfig): string | undefined {
  return workload.statusHistory.find((h) => DONE_STATES.includes(h.state))?.on;
}

function toRow(workload: WorkloadConfig, wave: WaveInPlan): WorkloadRow {
  const window = workload.cutoverWindow ?? wave.wave.cutoverWindow;
  const interval = windowInterval(window);
  const done =
    DONE_STATES.includes(workload.status) ||
    (workload.strategy === 'retire' && workload.status === 'complete');
  const cutoverStart = interval && isMigrating(workload) ? window.start : undefined;
  const cutoverEnd = interval && isMigrating(workload) ? window.end : undefined;
  const planned = wave.wave.planned;
  return {
    workload,
    wave,
    inScope: workload.strategy !== 'retain',
    done,
    doneOn: done ? doneOn(workload) : undefined,
    cutoverStart,
    cutoverEnd,
    cutoverZone: window.timeZone,
    outsideWave:
      cutoverStart !== undefined &&
      cutoverEnd !== undefined &&
      (cutoverStart.slice(0, 10) < planned.start || cutoverEnd.slice(0, 10) > planned.end),
  };
}

/** Remaining in-scope workloads and servers after each event date, as a step series. */
function series(
  start: string,
  events: readonly { date: string; workloads: number; servers: number }[],
  total: { workloads: number; servers: number },
  until?: string,
): BurnPoint[] {
  const sorted = [...events]
    .filter((e) => until === undefined || e.date <= until)
    .sort((a, b) => a.date.localeCompare(b.date));
  const points: BurnPoint[] = [{ date: start, workloads: total.workloads, servers: total.servers }];
  let w = total.workloads;
  let s = total.servers;
  for (const e of sorted) {
    w -= e.workloads;
    s -= e.servers;
    const last = points[points.length - 1];
    if (last && last.date === e.date) {
      points[points.length - 1] = { date: e.date, workloads: w, servers: s };
    } else {
      points.push({ date: e.date, workloads: w, servers: s });
    }
  }
  if (until !== undefined) {
    points.push({ date: until, workloads: w, servers: s });
  }
  return points;
}

export function buildReportModel(
  plan: MigrationPlan,
  asOf: string,
  warnings: readonly Diagnostic[] = [],
  /** Cutover records from the runbooks (lib/waves/runbook/record.ts), merged into the status history. */
  records: readonly PlacedRecord[] = [],
  cost: { readonly figures?: ReportFigures; readonly missing?: string } = {
    missing: 'no synthesised assembly was given',
  },
): ReportModel {
  const recordOf = new Map(records.map((r) => [r.record.workload, r]));
  const recorded: RecordedCutover[] = [];
  const programme = plan.programme;
  const baselineByWave = new Map(programme.baseline.waves.map((b) => [b.wave, b]));
  const rows: WorkloadRow[] = [];
  const waves: WaveSummary[] = [];

  for (const wave of plan.waves) {
    const waveRows = wave.workloads.map((w) => {
      const placed = recordOf.get(w.id);
      const effective = withRecord(w, placed?.record, asOf);
      if (placed) {
        recorded.push({
          workload: w.id,
          wave: wave.wave.id,
          file: placed.file,
          result: placed.record.result ?? 'in progress',
          ...(placed.record.finishedAt === null ? {} : { finishedAt: placed.record.finishedAt }),
          fileStatus: w.status,
          status: effective.status,
        });
      }
      return toRow(effective, wave);
    });
    rows.push(...waveRows);
    const scoped = waveRows.filter((r) => r.inScope);
    const servers = scoped.reduce((n, r) => n + r.workload.servers.length, 0);
    const serversDone = scoped.filter((r) => r.done).reduce((n, r) => n + r.workload.servers.length, 0);
    const done = scoped.filter((r) => r.done).length;
    const h = wave.wave;
    const baseline = baselineByWave.get(h.id);
    // A workload still to cut over after the planned end pushes the forecast to its window.
    const lateCutover = scoped
      .filter((r) => !r.done && r.outsideWave && r.cutoverEnd !== undefined)
      .map((r) => (r.cutoverEnd ?? '').slice(0, 10))
      .sort()
      .pop();
    const forecastEnd = waveForecastEnd(h, asOf, lateCutover);
    const slipDays = baseline ? Math.max(0, daysBetween(baseline.end, forecastEnd)) : 0;

    const reasons: string[] = [];
    let rag: Rag = 'green';
    const flag = (level: Rag, reason: string): void => {
      rag = worst(rag, level);
      reasons.push(reason);
    };
    if (h.status === 'complete') {
      rag = 'complete';
      reasons.push(`Complete on ${h.actual?.end ?? h.planned.end}`);
    } else {
      const stuck = scoped.filter(
        (r) => r.workload.status === 'blocked' || r.workload.status === 'rolled-back',
      );
      if (stuck.length > 0) {
        flag('red', stuck.map((r) => `${r.workload.id} is ${r.workload.status}`).join('; '));
      }
      if (h.planned.end < asOf) {
        flag('red', `Planned end ${h.planned.end} has passed`);
      }
      const missed = scoped.filter(
        (r) =>
          isMigrating(r.workload) &&
          !r.done &&
          r.cutoverEnd !== undefined &&
          r.cutoverEnd.slice(0, 10) < asOf,
      );
      if (missed.length > 0) {
        flag(
          'red',
          `Missed cutover: ${missed.map((r) => `${r.workload.id} (window ended ${(r.cutoverEnd ?? '').replace('T', ' ')}, ${r.workload.status})`).join(', ')}`,
        );
      }
      const cutoverIn = daysBetween(asOf, h.cutoverWindow.start.slice(0, 10));
      const notReady = scoped.filter(
        (r) =>
          isMigrating(r.workload) &&
          !READY_STATES.includes(r.workload.status) &&
          r.workload.status !== 'blocked',
      );
      if (cutoverIn >= 0 && cutoverIn <= 7 && notReady.length > 0) {
        flag(
          'red',
          `Cutover in ${cutoverIn} days; not ready: ${notReady.map((r) => r.workload.id).join(', ')}`,
        );
      }
      const startsIn = daysBetween(asOf, h.planned.start);
      if (startsIn >= 0 && startsIn <= 14 && !h.approval) {
        flag('red', `Starts in ${startsIn} days without approval`);
      }
      const outside = scoped.filter((r) => r.outsideWave && !r.done);
      if (outside.length > 0) {
        flag(
          'amber',
          `Cutover outside the wave's dates (${h.planned.start} to ${h.planned.end}): ${outside.map((r) => `${r.workload.id} on ${(r.cutoverStart ?? '').slice(0, 10)}`).join(', ')}`,
        );
      }
      if (slipDays > 0) {
        flag(
          'amber',
          `Forecast end ${forecastEnd} is ${slipDays} days after the baseline (${baseline?.end ?? ''})`,
        );
      }
      const noDpia = scoped.filter((r) => {
        const dp = r.workload.dataProtection;
        return (dp.personalData || dp.specialCategoryData) && dp.dpia?.status !== 'approved';
      });
      if (startsIn <= 60 && noDpia.length > 0) {
        flag(
          'amber',
          `DPIA not approved: ${noDpia.map((r) => `${r.workload.id} (${r.workload.dataProtection.dpia?.status ?? 'none'})`).join(', ')}`,
        );
      }
      const waveWarnings = warnings.filter((d) => d.file === wave.file);
      if (waveWarnings.length > 0) {
        flag('amber', `${waveWarnings.length} validation warning(s)`);
      }
      if (reasons.length === 0) {
        reasons.push('On track');
      }
    }
    const byState: Partial<Record<WorkloadState, number>> = {};
    for (const r of waveRows) {
      byState[r.workload.status] = (byState[r.workload.status] ?? 0) + 1;
    }
    waves.push({
      wave,
      rows: waveRows,
      inScope: scoped.length,
      done,
      servers,
      serversDone,
      progress: scoped.length === 0 ? 1 : done / scoped.length,
      baseline: baseline ? { start: baseline.start, end: baseline.end } : undefined,
      forecastEnd,
      slipDays,
      rag,
      reasons,
      byState,
    });
  }

  const scoped = rows.filter((r) => r.inScope);
  const total = {
    workloads: scoped.length,
    servers: scoped.reduce((n, r) => n + r.workload.servers.length, 0),
  };
  const firstStart =
    [
      ...programme.baseline.waves.map((b) => b.start),
      ...plan.waves.map((w) => w.wave.planned.start),
    ].sort()[0] ?? asOf;
  const chartStart = addDays(firstStart, -7);
  const waveEvents = (end: (w: WaveSummary) => string | undefined) =>
    waves.flatMap((w) => {
      const date = end(w);
      return date ? [{ date, workloads: w.inScope, servers: w.servers }] : [];
    });
  const baselineSeries = series(
    chartStart,
    waveEvents((w) => w.baseline?.end),
    total,
  );
  const forecastSeries = series(
    chartStart,
    waveEvents((w) => w.forecastEnd),
    total,
  );
  const actualSeries = series(
    chartStart,
    scoped.flatMap((r) =>
      r.doneOn ? [{ date: r.doneOn, workloads: 1, servers: r.workload.servers.length }] : [],
    ),
    total,
    asOf,
  );

  const open = waves.filter((w) => w.rag !== 'complete');
  const baselineFinish = [...programme.baseline.waves.map((b) => b.end)].sort().pop() ?? asOf;
  const forecastFinish = [...waves.map((w) => w.forecastEnd)].sort().pop() ?? asOf;
  const programmeSlip = daysBetween(baselineFinish, forecastFinish);
  let rag: Rag = open.length === 0 ? 'complete' : 'green';
  const ragReasons: string[] = [];
  for (const w of open) {
    if (w.rag === 'red' || w.rag === 'amber') {
      rag = worst(rag, w.rag);
      ragReasons.push(`${w.wave.wave.id} is ${w.rag}`);
    }
  }
  if (programmeSlip > 14) {
    rag = worst(rag, 'red');
    ragReasons.push(
      `Forecast finish ${forecastFinish} is ${programmeSlip} days after the baseline ${baselineFinish}`,
    );
  } else if (programmeSlip > 0) {
    rag = worst(rag, 'amber');
    ragReasons.push(
      `Forecast finish ${forecastFinish} is ${programmeSlip} days after the baseline ${baselineFinish}`,
    );
  }

  const horizon = addDays(asOf, 120);
  const upcomingCutovers = rows
    .filter(
      (r) =>
        r.cutoverStart &&
        !r.done &&
        r.cutoverStart.slice(0, 10) >= asOf &&
        r.cutoverStart.slice(0, 10) <= horizon,
    )
    .sort(
      (a, b) =>
        (a.cutoverStart ?? '').localeCompare(b.cutoverStart ?? '') ||
        a.workload.id.localeCompare(b.workload.id),
    );
  const upcomingBlackouts = programme.blackouts
    .filter((b) => b.end >= asOf && b.start <= addDays(asOf, 180))
    .sort((a, b) => a.start.localeCompare(b.start));
  return {
    asOf,
    programme,
    organisation: plan.landingZone.organisation.name,
    waves,
    rows,
    totals: {
      workloads: rows.length,
      inScope: scoped.length,
      done: scoped.filter((r) => r.done).length,
      servers: total.servers,
      serversDone: scoped.filter((r) => r.done).reduce((n, r) => n + r.workload.servers.length, 0),
      databases: rows.reduce((n, r) => n + r.workload.databases.length, 0),
      blocked: scoped.filter((r) => r.workload.status === 'blocked' || r.workload.status === 'rolled-back')
        .length,
    },
    ...(cost.figures === undefined ? {} : { figures: cost.figures }),
    ...(cost.missing === undefined ? {} : { figuresMissing: cost.missing }),
    rag,
    ragReasons:
      ragReasons.length > 0 ? ragReasons : ['Every open wave is green and the forecast meets the baseline'],
    baselineFinish,
    forecastFinish,
    burnDown: { baseline: baselineSeries, forecast: forecastSeries, actual: actualSeries },
    blockers: scoped.filter((r) => r.workload.status === 'blocked' || r.workload.status === 'rolled-back'),
    risks: warnings,
    upcomingCutovers,
    upcomingBlackouts,
    blackouts: programme.blackouts,
    recorded,
  };
}
