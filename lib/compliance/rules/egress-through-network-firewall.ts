import { Stack, type CfnResource } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as nfw from 'aws-cdk-lib/aws-networkfirewall';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { asList, refTarget } from './resolve';
import { resourceTags } from './resource-tags';

/**
 * The egress VPC the configuration inspects (found by its Name tag) sends traffic through its
 * Network Firewall both ways: a firewall in its stack; every subnet of its Transit Gateway
 * attachment has a default route to an endpoint of that firewall; and every NAT gateway's subnet
 * sends nothing straight back to the Transit Gateway, but at least one route (the spokes) to the
 * firewall. A route that skips the firewall in either direction would leave the allow-list in place
 * and inspect nothing, or break every flow at the stateful engine. Other VPCs are not applicable.
 */
export function egressThroughNetworkFirewall(
  inspectedVpcs: readonly string[],
): (node: CfnResource) => NagRuleResult {
  return (node) => {
    if (!(node instanceof ec2.CfnVPC)) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const name = resourceTags(node)?.['Name'];
    if (name === undefined || !inspectedVpcs.includes(name)) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const stack = new StackIndex(Stack.of(node));
    const vpcId = stack.idOf(node);
    const firewall = stack.all(nfw.CfnFirewall).find((f) => refTarget(stack.resolve(f.vpcId)) === vpcId);
    if (firewall === undefined) {
      return NagRuleCompliance.NON_COMPLIANT;
    }
    const firewallId = String(stack.idOf(firewall));
    const toFirewall = (route: ec2.CfnRoute): boolean =>
      route.vpcEndpointId !== undefined &&
      JSON.stringify(stack.resolve(route.vpcEndpointId)).includes(`"${firewallId}"`);

    const attachments = stack
      .all(ec2.CfnTransitGatewayVpcAttachment)
      .filter((a) => refTarget(stack.resolve(a.vpcId)) === vpcId);
    const transitSubnets = attachments.flatMap((a) => asList(stack.resolve(a.subnetIds)).map(refTarget));
    if (transitSubnets.length === 0) {
      return NagRuleCompliance.NON_COMPLIANT;
    }
    for (const subnet of transitSubnets) {
      const defaults = stack.routesOf(subnet).filter((r) => r.destinationCidrBlock === '0.0.0.0/0');
      if (defaults.length === 0 || !defaults.every(toFirewall)) {
        return NagRuleCompliance.NON_COMPLIANT;
      }
    }

    const natSubnets = stack
      .all(ec2.CfnNatGateway)
      .map((g) => refTarget(stack.resolve(g.subnetId)))
      .filter((subnet) => stack.subnetInVpc(subnet, vpcId));
    for (const subnet of natSubnets) {
      const returns = stack.routesOf(subnet).filter((r) => r.destinationCidrBlock !== '0.0.0.0/0');
      if (returns.some((r) => r.transitGatewayId !== undefined) || !returns.some(toFirewall)) {
        return NagRuleCompliance.NON_COMPLIANT;
      }
    }
    return NagRuleCompliance.COMPLIANT;
  };
}

/** The stack's resources as the rule reads them: by type, and routes by the subnet they serve. */
class StackIndex {
  private readonly children: readonly unknown[];

  constructor(private readonly stack: Stack) {
    this.children = stack.node.findAll();
  }

  resolve(value: unknown): unknown {
    return this.stack.resolve(value);
  }

  idOf(resource: CfnResource): unknown {
    return this.stack.resolve(resource.logicalId);
  }

  all<T extends CfnResource>(kind: abstract new (...args: never[]) => T): T[] {
    return this.children.filter((c): c is T => c instanceof kind);
  }

  subnetInVpc(subnetId: string | undefined, vpcId: unknown): boolean {
    return this.all(ec2.CfnSubnet).some(
      (s) => this.idOf(s) === subnetId && refTarget(this.resolve(s.vpcId)) === vpcId,
    );
  }

  /** The routes of the route table associated with a subnet (given by logical ID). */
  routesOf(subnetId: string | undefined): ec2.CfnRoute[] {
    const tables = this.all(ec2.CfnSubnetRouteTableAssociation)
      .filter((a) => refTarget(this.resolve(a.subnetId)) === subnetId)
      .map((a) => refTarget(this.resolve(a.routeTableId)));
    return this.all(ec2.CfnRoute).filter((r) => tables.includes(refTarget(this.resolve(r.routeTableId))));
  }
}
