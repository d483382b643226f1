import type { CfnResource } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import {
  actionsOf,
  awsPrincipals,
  conditionValues,
  isAccountRoot,
  NARROWING_OPERATORS,
  statementsOf,
  type Statement,
} from './policy-statements';
import { resolved } from './resolve';

/** Condition keys that keep a wildcard principal inside the organisation or one account. */
const CONTAINING_KEYS = [
  'aws:PrincipalOrgID',
  'aws:PrincipalAccount',
  'kms:CallerAccount',
  'aws:PrincipalArn',
];

function contained(statement: Statement): boolean {
  return CONTAINING_KEYS.some((key) => {
    const values = conditionValues(statement, key, NARROWING_OPERATORS);
    return values.length > 0 && !values.some((v) => v === '*' || v === '?' || /:\*$/.test(v));
  });
}

/** Principals named one by one: specific role ARNs, or an account narrowed by aws:PrincipalArn. */
function namedAdministrators(statement: Statement): boolean {
  const principals = awsPrincipals(statement);
  if (principals.length === 0 || principals.includes('*')) return false;
  if (principals.some(isAccountRoot)) {
    const arns = conditionValues(statement, 'aws:PrincipalArn', NARROWING_OPERATORS);
    return arns.length > 0 && !arns.some((a) => a === '*' || /:\*$/.test(a));
  }
  return true;
}

/**
 * A key policy grants nothing to everyone (`*`) without a condition that keeps it in the
 * organisation or the account (aws:PrincipalOrgID, aws:PrincipalAccount, kms:CallerAccount,
 * aws:PrincipalArn), and grants `kms:*` only to named key administrators: never to a whole account
 * or to a service, which would let anyone the account's IAM policies allow delete, disable or
 * re-write the key.
 */
export function keyPolicyLeastPrivilege(node: CfnResource): NagRuleResult {
  if (!(node instanceof kms.CfnKey)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const allows = statementsOf(resolved(node, node.keyPolicy)).filter((s) => s['Effect'] === 'Allow');
  const open = allows.some((s) => awsPrincipals(s).includes('*') && !contained(s));
  const everything = allows.some(
    (s) =>
      (s['NotAction'] !== undefined || actionsOf(s).some((a) => a === '*' || a === 'kms:*')) &&
      !namedAdministrators(s),
  );
  return open || everything ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}
