import { isRecord } from '../../assembly/template';
import {
  EXECUTION_POLICY_NAME,
  PERMISSIONS_BOUNDARY_NAME,
  policyArn,
  uncoveredReason,
} from '../../delivery/deployment-permissions';
import { evaluateString, partitionOfRegion } from '../intrinsics';
import { where } from '../model';
import type { DeployCheck } from './types';

const BOUNDED_TYPES = ['AWS::IAM::Role', 'AWS::IAM::User'];

/**
 * What CloudFormation does in each account, it may do: every resource type is one the account's
 * execution policy (`lz-cfn-execution`) covers, and every role and user the stacks create carries
 * the account's permissions boundary, without which that policy refuses to create it. Either
 * failure is an AccessDenied half-way through a deployment; here it is a line naming the resource.
 */
export const executionPermissions: DeployCheck = (model) => {
  const problems: string[] = [];
  for (const placed of model.stacks) {
    const s = placed.stack;
    const env = model.environments.find((e) => e.account === s.account);
    // An account outside the configuration is the bootstrap check's problem.
    if (env === undefined) continue;
    const boundary = policyArn(partitionOfRegion(s.region), s.account, PERMISSIONS_BOUNDARY_NAME);
    const resources = isRecord(s.template['Resources']) ? s.template['Resources'] : {};
    for (const [logicalId, resource] of Object.entries(resources)) {
      if (!isRecord(resource) || typeof resource['Type'] !== 'string') continue;
      const type = resource['Type'];
      const reason = uncoveredReason(type, env.accountRole);
      if (reason !== undefined) {
        problems.push(`${where(placed)} ${logicalId} (${type}): ${reason}`);
      }
      if (BOUNDED_TYPES.includes(type)) {
        const properties = isRecord(resource['Properties']) ? resource['Properties'] : {};
        const given = evaluateString(properties['PermissionsBoundary'], {
          account: s.account,
          region: s.region,
          stackName: s.stackName,
        });
        if (given !== boundary) {
          problems.push(
            `${where(placed)} ${logicalId} (${type}): permissions boundary ${given ?? 'none'}, not ${boundary}; ` +
              `${EXECUTION_POLICY_NAME} creates roles only under it (stacks/landing-zone-stack.ts sets it on every role)`,
          );
        }
      }
    }
  }
  return {
    id: 'execution-permissions',
    title: `Every resource is one ${EXECUTION_POLICY_NAME} allows, every role under ${PERMISSIONS_BOUNDARY_NAME}`,
    prevents:
      'an AccessDenied from the scoped CloudFormation execution role half-way through a deployment, ' +
      'or a role created outside the permissions boundary',
    problems,
    notes: [],
  };
};
