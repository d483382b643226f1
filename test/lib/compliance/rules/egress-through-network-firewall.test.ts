import { Stage, type Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { NagRuleCompliance } from 'cdk-nag';
import { egressThroughNetworkFirewall } from '../../../../lib/compliance/rules/egress-through-network-firewall';
import type { LandingZoneVpc } from '../../../../lib/network/landing-zone-vpc';
import { egressStack, FIREWALL } from '../../network/egress-fixture';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;

/** The egress VPC's CfnVPC after synthesis (when its Name tag is applied), judged for `inspected`. */
function judge(
  built: { stack: Stack; egress: LandingZoneVpc },
  inspected: readonly string[] = ['kvdc-egress'],
): NagRuleCompliance {
  Stage.of(built.stack)?.synth();
  const vpc = built.egress.vpc.node.defaultChild as ec2.CfnVPC;
  return egressThroughNetworkFirewall(inspected)(vpc) as NagRuleCompliance;
}

describe('egressThroughNetworkFirewall', () => {
  it('passes the egress VPC with its firewall between the Transit Gateway and the NAT gateways, both ways', () => {
    expect(judge(egressStack({ networkFirewall: { ...FIREWALL } }))).toBe(COMPLIANT);
    expect(judge(egressStack({ natGateways: 1, networkFirewall: { ...FIREWALL } }))).toBe(COMPLIANT);
  });

  it('fails the egress VPC as it was before inspection (no firewall, NAT straight from the Transit Gateway)', () => {
    expect(judge(egressStack())).toBe(NON_COMPLIANT);
  });

  it('fails a Transit Gateway subnet whose default route goes around the firewall', () => {
    const built = egressStack({ networkFirewall: { ...FIREWALL } });
    const subnet = built.egress.vpc.selectSubnets({ subnetGroupName: 'transit' }).subnets[1];
    const route = subnet?.node.findChild('DefaultRoute') as ec2.CfnRoute;
    route.vpcEndpointId = undefined;
    route.natGatewayId = 'nat-0123456789abcdef0';
    expect(judge(built)).toBe(NON_COMPLIANT);
  });

  it('fails a NAT gateway subnet that returns traffic straight to the Transit Gateway', () => {
    const built = egressStack({ networkFirewall: { ...FIREWALL } });
    const subnet = built.egress.vpc.publicSubnets[2];
    new ec2.CfnRoute(built.stack, 'Bypass', {
      routeTableId: subnet?.routeTable.routeTableId ?? '',
      destinationCidrBlock: '10.65.0.0/19',
      transitGatewayId: 'tgw-0123456789abcdef0',
    });
    expect(judge(built)).toBe(NON_COMPLIANT);
  });

  it('does not apply to a VPC the configuration does not inspect', () => {
    expect(judge(egressStack(), [])).toBe(NOT_APPLICABLE);
    expect(judge(egressStack(), ['kvdc-production'])).toBe(NOT_APPLICABLE);
  });
});
