import type { CostEstimate } from '../cost/estimate';
import { describeAssumption, type AssumptionKey } from '../cost/usage-assumptions';

/*
 * What changes the total most: each usage assumption's lines doubled (charges per use are linear in
 * their assumption), and every unconfirmed price 20% higher. Sorted, largest first.
 */

export interface SensitivityItem {
  /** The assumption key, or "unconfirmed prices". */
  readonly what: AssumptionKey | 'unconfirmed prices';
  /** In words, with the value in force. */
  readonly text: string;
  /** USD a month the total rises by. */
  readonly changeUsd: number;
  /** changeUsd as a share of the total. */
  readonly share: number;
}

export interface Sensitivity {
  readonly items: readonly SensitivityItem[];
}

/** The percentage unconfirmed prices are moved by in the sensitivity line. */
export const UNCONFIRMED_PRICE_SWING = 0.2;

export function sensitivity(estimate: CostEstimate): Sensitivity {
  const byKey = new Map<AssumptionKey, number>();
  for (const l of estimate.lines) {
    if (l.assumption !== undefined) {
      byKey.set(l.assumption.key, (byKey.get(l.assumption.key) ?? 0) + l.monthlyUsd);
    }
  }
  const total = estimate.totalUsd || 1;
  const items: SensitivityItem[] = [...byKey.entries()].map(([key, usd]) => ({
    what: key,
    text: `doubling ${describeAssumption(estimate.assumptions, key)}`,
    changeUsd: usd,
    share: usd / total,
  }));
  const unconfirmed = estimate.unconfirmedUsd * UNCONFIRMED_PRICE_SWING;
  items.push({
    what: 'unconfirmed prices',
    text: `every unconfirmed price ${UNCONFIRMED_PRICE_SWING * 100}% higher`,
    changeUsd: unconfirmed,
    share: unconfirmed / total,
  });
  return { items: items.sort((a, b) => b.changeUsd - a.changeUsd || a.what.localeCompare(b.what)) };
}
