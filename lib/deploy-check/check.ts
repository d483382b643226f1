import { bootstrapped } from './checks/bootstrap';
import { executionPermissions } from './checks/execution-permissions';
import { parametersSupplied } from './checks/parameters';
import { physicalNames } from './checks/physical-names';
import { templateQuotas } from './checks/quotas';
import { references } from './checks/references';
import { stageOrder } from './checks/stage-order';
import type { DeployCheckResult } from './checks/types';
import type { DeploymentModel } from './model';

/** Every check of the deployment, in the order the report lists them (docs/deploy-check.md). */
export const DEPLOY_CHECKS = [
  parametersSupplied,
  references,
  physicalNames,
  templateQuotas,
  stageOrder,
  bootstrapped,
  executionPermissions,
] as const;

export interface DeployCheckReport {
  readonly passed: boolean;
  readonly stacks: number;
  readonly stages: number;
  readonly checks: readonly DeployCheckResult[];
}

export function checkDeployment(model: DeploymentModel): DeployCheckReport {
  const checks = DEPLOY_CHECKS.map((check) => check(model));
  return {
    passed: checks.every((c) => c.problems.length === 0),
    stacks: model.stacks.length,
    stages: model.record.stages.length,
    checks,
  };
}
