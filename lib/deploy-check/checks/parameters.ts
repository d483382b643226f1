import { where } from '../model';
import type { DeployCheck } from './types';

/**
 * Every template parameter without a default must be supplied by every pipeline that deploys the
 * stack; otherwise CloudFormation rejects the stack ("Parameters: [X] must have values").
 */
export const parametersSupplied: DeployCheck = (model) => {
  const problems: string[] = [];
  for (const placed of model.stacks) {
    for (const [name, parameter] of Object.entries(placed.stack.template.Parameters ?? {})) {
      if (parameter.Default !== undefined) {
        continue;
      }
      const missing = model.pipelines.filter((p) => !p.supplies(placed.stack.stackId, name));
      if (missing.length > 0) {
        problems.push(
          `${where(placed)}: parameter ${name} has no default and is not supplied by ${missing.map((p) => p.name).join(' or ')}; ` +
            `CloudFormation would refuse the stack with "Parameters: [${name}] must have values"`,
        );
      }
    }
  }
  return {
    id: 'parameters',
    title: 'Every parameter without a default is supplied by both pipelines',
    prevents: 'a stage that fails on its first deployment because a template parameter has no value',
    problems,
    notes: [],
  };
};
