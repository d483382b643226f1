import type { CfnResource } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { asList, asRecord, findInStack, refTarget, resolved } from './resolve';
import { resourceTags } from './resource-tags';

/** The tag, with value `true`, that declares a security group a public entry point (e.g. an internet-facing load balancer). */
export const PUBLIC_ENTRY_POINT_TAG = 'public-entry-point';

const ANYWHERE = new Set(['0.0.0.0/0', '::/0']);

function openToInternet(rule: Record<string, unknown>): boolean {
  return [rule['cidrIp'], rule['cidrIpv6'], rule['CidrIp'], rule['CidrIpv6']].some(
    (cidr) => typeof cidr === 'string' && ANYWHERE.has(cidr),
  );
}

function declaredPublic(group: ec2.CfnSecurityGroup | undefined): boolean {
  return group !== undefined && resourceTags(group)?.[PUBLIC_ENTRY_POINT_TAG] === 'true';
}

/**
 * No security group admits traffic from anywhere on the internet (0.0.0.0/0 or ::/0), whether the
 * rule is inline (SecurityGroupIngress) or a separate AWS::EC2::SecurityGroupIngress. The one
 * exception is a declared public entry point: a security group tagged `public-entry-point: true`.
 */
export function securityGroupInternetIngress(node: CfnResource): NagRuleResult {
  if (node instanceof ec2.CfnSecurityGroup) {
    const rules = asList(resolved(node, node.securityGroupIngress)).map(asRecord);
    if (!rules.some(openToInternet)) {
      return NagRuleCompliance.COMPLIANT;
    }
    return declaredPublic(node) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  }
  if (node instanceof ec2.CfnSecurityGroupIngress) {
    const rule = { cidrIp: resolved(node, node.cidrIp), cidrIpv6: resolved(node, node.cidrIpv6) };
    if (!openToInternet(rule)) {
      return NagRuleCompliance.COMPLIANT;
    }
    const target = refTarget(resolved(node, node.groupId));
    const group = target === undefined ? undefined : findInStack(node, target, ec2.CfnSecurityGroup);
    return declaredPublic(group) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  }
  return NagRuleCompliance.NOT_APPLICABLE;
}
