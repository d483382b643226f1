import type { CfnResource } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { resolved } from './resolve';

/**
 * Every log group keeps its logs for at least the council's minimum (organisation.
 * minimumLogRetentionDays, default 365 days). A log group without a retention never expires, which
 * meets the minimum; DataProtection-LogGroupRetention reports that case separately.
 */
export function logRetentionMinimum(minimumDays: number): (node: CfnResource) => NagRuleResult {
  return (node) => {
    if (!(node instanceof logs.CfnLogGroup)) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const days = resolved(node, node.retentionInDays);
    if (days === undefined) {
      return NagRuleCompliance.COMPLIANT;
    }
    return typeof days === 'number' && days >= minimumDays
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  };
}
