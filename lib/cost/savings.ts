import type { WorkloadState } from '../waves/schema';
import type { CostEstimate } from './estimate';

/** The parts of a wave file the before-and-after comparison reads. */
export interface WaveCostInput {
  readonly id: string;
  readonly name: string;
  readonly workloads: readonly {
    readonly id: string;
    readonly name: string;
    readonly strategy?: string;
    readonly currentMonthlyGbp: number;
    readonly status: WorkloadState;
    readonly decommissionDate?: string;
  }[];
}

/** Statuses that mean the on-premises source is switched off. */
export const DECOMMISSIONED_STATES: readonly WorkloadState[] = ['disconnected', 'complete'];

export interface WorkloadComparison {
  readonly id: string;
  readonly name: string;
  readonly onPremMonthlyGbp: number;
  readonly awsMonthlyGbp: number;
  readonly awsNotPriced: number;
  readonly decommissioned: boolean;
  readonly why: string;
}

export interface WaveComparison {
  readonly wave: string;
  readonly name: string;
  readonly onPremMonthlyGbp: number;
  /** Everything the estimate attributes to the wave (its workloads and wave-level resources). */
  readonly awsMonthlyGbp: number;
  readonly awsNotPriced: number;
  readonly workloads: readonly WorkloadComparison[];
  /** On-premises cost minus AWS cost of decommissioned workloads only. */
  readonly realisedSavingGbp: number;
  /** The same for workloads whose source still runs: not yet a saving. */
  readonly plannedSavingGbp: number;
  /** Some AWS charges of the wave are not priced, so the savings are upper bounds. */
  readonly savingsAreUpperBounds: boolean;
}

export function isDecommissioned(
  w: WaveCostInput['workloads'][number],
  asOf: string,
): { decommissioned: boolean; why: string } {
  if (w.strategy === 'retain') {
    return { decommissioned: false, why: 'retained on premises' };
  }
  if (DECOMMISSIONED_STATES.includes(w.status)) {
    return { decommissioned: true, why: `status ${w.status}` };
  }
  if (w.decommissionDate !== undefined && w.decommissionDate <= asOf) {
    return { decommissioned: true, why: `source switched off ${w.decommissionDate}` };
  }
  return { decommissioned: false, why: `status ${w.status}; source still running` };
}

/** Before and after per wave: on-premises run cost against the AWS estimate for the same wave. */
export function compareWaves(
  estimate: CostEstimate,
  waves: readonly WaveCostInput[],
  asOf: string,
): WaveComparison[] {
  const rate = estimate.exchangeRate.gbpPerUsd;
  return waves.map((wave) => {
    const waveLines = estimate.lines.filter((l) => l.wave === wave.id);
    const workloads = wave.workloads.map((w): WorkloadComparison => {
      const usd = waveLines.filter((l) => l.workload === w.id).reduce((sum, l) => sum + l.monthlyUsd, 0);
      return {
        id: w.id,
        name: w.name,
        onPremMonthlyGbp: w.currentMonthlyGbp,
        awsMonthlyGbp: usd * rate,
        awsNotPriced: estimate.notPriced.filter((n) => n.wave === wave.id && n.workload === w.id).length,
        ...isDecommissioned(w, asOf),
      };
    });
    const saving = (list: readonly WorkloadComparison[]) =>
      list.reduce((sum, w) => sum + w.onPremMonthlyGbp - w.awsMonthlyGbp, 0);
    return {
      wave: wave.id,
      name: wave.name,
      onPremMonthlyGbp: workloads.reduce((sum, w) => sum + w.onPremMonthlyGbp, 0),
      awsMonthlyGbp: waveLines.reduce((sum, l) => sum + l.monthlyUsd, 0) * rate,
      awsNotPriced: estimate.notPriced.filter((n) => n.wave === wave.id).length,
      workloads,
      realisedSavingGbp: saving(workloads.filter((w) => w.decommissioned)),
      plannedSavingGbp: saving(workloads.filter((w) => !w.decommissioned)),
      savingsAreUpperBounds: estimate.notPriced.some((n) => n.wave === wave.id),
    };
  });
}
