import type { CfnResourceJson } from '../../../lib/analysis/templates';
import type { CostStack } from '../../../lib/cost/estimate';
import { loadPriceTable, type PriceTable } from '../../../lib/cost/price-table';

export const PRICES_FILE = 'pricing/eu-west-2.yaml';

export function committedPrices(): PriceTable {
  return loadPriceTable(PRICES_FILE);
}

export function stack(
  stackName: string,
  resources: Record<string, CfnResourceJson>,
  account = '111111111111',
  region = 'eu-west-2',
): CostStack {
  return { stackName, account, region, resources };
}

export function tagged(tags: Record<string, string>): { Tags: { Key: string; Value: string }[] } {
  return { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
}
