import { readAssembly } from '../dr/assembly';
import { parseTemplate } from '../analysis/templates';
import type { CostStack } from './estimate';

/** Every stack of a cloud assembly (cdk.out) with its account and region from manifest.json. */
export function readCostStacks(dir: string): CostStack[] {
  return readAssembly(dir).map((s) => ({
    stackName: s.stackId,
    account: s.account,
    region: s.region,
    resources: parseTemplate(s.stackId, s.template).resources,
  }));
}
