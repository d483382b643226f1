/*
 * The shapes of the run-cost figures, in one place: lib/figures computes them, and the waves reports
 * (which lib/figures itself imports, so they cannot import it back) show them.
 */

/** Run cost and savings of a workload, a wave or the programme, pounds a month. */
export interface FigureTotals {
  readonly onPremMonthlyGbp: number;
  readonly awsMonthlyGbp: number;
  readonly saasMonthlyGbp: number;
  readonly afterMonthlyGbp: number;
  readonly plannedSavingGbp: number;
  readonly realisedSavingGbp: number;
  readonly runCostNowGbp: number;
  readonly awsNotPriced: number;
}

/** One month of the before/after chart: pounds a month on premises, in AWS (with SaaS), in total. */
export interface RunCostPoint {
  /** First day of the month. */
  readonly month: string;
  readonly onPremGbp: number;
  readonly awsGbp: number;
  readonly totalGbp: number;
}

export interface RunCostLines {
  readonly baseline: readonly RunCostPoint[];
  readonly forecast: readonly RunCostPoint[];
}
