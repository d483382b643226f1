import { Stack, type CfnResource } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as route53resolver from 'aws-cdk-lib/aws-route53resolver';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { refTarget } from './resolve';
import { resourceTags } from './resource-tags';

/**
 * A VPC the configuration protects with DNS Firewall (found by its Name tag) has, in its own stack,
 * an AWS::Route53Resolver::FirewallRuleGroupAssociation whose VpcId refers to it, so no refactor or
 * stack change can drop the protection while the configuration still says it is on. Other VPCs are
 * not applicable.
 */
export function vpcDnsFirewall(protectedVpcs: readonly string[]): (node: CfnResource) => NagRuleResult {
  return (node) => {
    if (!(node instanceof ec2.CfnVPC)) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const name = resourceTags(node)?.['Name'];
    if (name === undefined || !protectedVpcs.includes(name)) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const stack = Stack.of(node);
    const logicalId: unknown = stack.resolve(node.logicalId);
    const associated = stack.node
      .findAll()
      .some(
        (child) =>
          child instanceof route53resolver.CfnFirewallRuleGroupAssociation &&
          refTarget(stack.resolve(child.vpcId)) === logicalId,
      );
    return associated ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  };
}
