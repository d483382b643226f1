import type { CfnResource } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { resolved } from './resolve';

/** A log group has an explicit retention: logs that never expire are a cost and a data-protection liability. */
export function logGroupRetention(node: CfnResource): NagRuleResult {
  if (!(node instanceof logs.CfnLogGroup)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const days = resolved(node, node.retentionInDays);
  return typeof days === 'number' && days > 0 ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}
