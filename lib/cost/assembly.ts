import type { Assembly } from '../assembly/read';
import { parseTemplate } from '../assembly/template';
import type { CostStack } from './estimate';

/** Every stack of a cloud assembly with its account and region, as the estimate prices them. */
export function costStacks(assembly: Assembly): CostStack[] {
  return assembly.stacks.map((s) => ({
    stackName: s.stackId,
    account: s.account,
    region: s.region,
    resources: parseTemplate(s.stackId, s.template).resources,
  }));
}
