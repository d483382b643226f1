import type { CfnResource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import {
  awsPrincipals,
  conditionValues,
  isAccountRoot,
  NARROWING_OPERATORS,
  statementsOf,
  type Statement,
} from './policy-statements';
import { resolved } from './resolve';

/** A pattern that still matches every principal of an account, e.g. `*` or `arn:aws:iam::1111:*`. */
function matchesAnyone(pattern: string): boolean {
  return pattern === '*' || /^arn:[^:]+:iam::[^:]*:\*$/.test(pattern) || pattern === '?';
}

/** Whether an Allow statement names who in the account may assume the role. */
function narrowed(statement: Statement): boolean {
  const arns = conditionValues(statement, 'aws:PrincipalArn', NARROWING_OPERATORS);
  return arns.length > 0 && !arns.some(matchesAnyone);
}

/**
 * No role trusts a whole account (its root, or `*`) without an `aws:PrincipalArn` condition naming
 * the principals of that account that may assume it. A bare account principal delegates the
 * decision to every IAM policy in that account: anyone there with `sts:AssumeRole` on `*` (a CI
 * runner, a server's instance role, a compromised developer) becomes the role.
 */
export function roleTrustPrincipalCondition(node: CfnResource): NagRuleResult {
  if (!(node instanceof iam.CfnRole)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const statements = statementsOf(resolved(node, node.assumeRolePolicyDocument)).filter(
    (s) => s['Effect'] === 'Allow',
  );
  const wide = statements.filter((s) => awsPrincipals(s).some((p) => p === '*' || isAccountRoot(p)));
  return wide.every(narrowed) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}
