import type { CfnResource } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { keyProtection } from '../../kms/key-protection';
import { resolved } from './resolve';

/**
 * A KMS key's policy denies scheduling its deletion, disabling it and rewriting the policy to
 * everyone but named roles (the break-glass role), and deletion waits 30 days. Otherwise an
 * administrator of the account, or anyone who becomes one, can make every database, log and
 * recovery point the key protects unreadable, locked vaults included.
 */
export function keyDeletionProtected(node: CfnResource): NagRuleResult {
  if (!(node instanceof kms.CfnKey)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return keyProtection(resolved(node, node.keyPolicy), resolved(node, node.pendingWindowInDays)).protected
    ? NagRuleCompliance.COMPLIANT
    : NagRuleCompliance.NON_COMPLIANT;
}
