import { NagRuleCompliance, NagRules, type NagRuleResult } from 'cdk-nag';
import type { CfnResource } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';

/**
 * A Transit Gateway accepts no shared attachment automatically and neither associates nor
 * propagates attachments to a default route table. With any of these on, a new attachment
 * (from any account the gateway is shared with) joins the default route table and can reach
 * every other network on it, bypassing the production / non-production segmentation.
 * AWS defaults association and propagation to enable, so they must be disabled explicitly.
 */
export function transitGatewayExplicitRouting(node: CfnResource): NagRuleResult {
  if (!(node instanceof ec2.CfnTransitGateway)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const autoAccept: unknown = NagRules.resolveIfPrimitive(node, node.autoAcceptSharedAttachments);
  const association: unknown = NagRules.resolveIfPrimitive(node, node.defaultRouteTableAssociation);
  const propagation: unknown = NagRules.resolveIfPrimitive(node, node.defaultRouteTablePropagation);
  // AutoAcceptSharedAttachments defaults to disable; the other two default to enable.
  const autoAcceptOff = autoAccept === undefined || autoAccept === 'disable';
  return autoAcceptOff && association === 'disable' && propagation === 'disable'
    ? NagRuleCompliance.COMPLIANT
    : NagRuleCompliance.NON_COMPLIANT;
}
