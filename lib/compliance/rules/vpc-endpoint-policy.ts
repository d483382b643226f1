import type { CfnResource } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { asList, resolved } from './resolve';
import {
  awsPrincipals,
  conditionValues,
  NARROWING_OPERATORS,
  statementsOf,
  valuesOf,
  type Statement,
} from './policy-statements';

/** Keys that keep who uses the endpoint, or what it reaches, inside the organisation or an account. */
const CONTAINING_KEYS = [
  'aws:PrincipalOrgID',
  'aws:ResourceOrgID',
  'aws:PrincipalAccount',
  'aws:ResourceAccount',
];

function bounded(statement: Statement): boolean {
  const contained = CONTAINING_KEYS.some((key) => {
    const values = conditionValues(statement, key, NARROWING_OPERATORS);
    return values.length > 0 && !values.includes('*');
  });
  const resources = valuesOf(statement['Resource']);
  const named = resources.length > 0 && !resources.some((r) => r === '*' || r === 'arn:aws:s3:::*');
  const principals = awsPrincipals(statement);
  return contained || named || (principals.length > 0 && !principals.includes('*'));
}

/**
 * A VPC endpoint carries its own policy, and every statement in it is bounded: to principals or
 * resources of the organisation or an account, to named resources (the AWS-owned buckets patching
 * reads), or to named principals. Without one the endpoint allows anything, so a workload with
 * credentials of another AWS account could copy data out through it to that account's bucket.
 */
export function vpcEndpointPolicy(node: CfnResource): NagRuleResult {
  if (!(node instanceof ec2.CfnVPCEndpoint)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const type = resolved(node, node.vpcEndpointType);
  if (type !== undefined && type !== 'Gateway' && type !== 'Interface') {
    // Gateway Load Balancer, resource and service-network endpoints take no endpoint policy.
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const document = resolved(node, node.policyDocument);
  const statements = statementsOf(document);
  if (document === undefined || asList(statements).length === 0) {
    return NagRuleCompliance.NON_COMPLIANT;
  }
  return statements.filter((s) => s['Effect'] === 'Allow').every(bounded)
    ? NagRuleCompliance.COMPLIANT
    : NagRuleCompliance.NON_COMPLIANT;
}
