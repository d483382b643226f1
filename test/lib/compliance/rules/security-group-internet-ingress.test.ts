import { testApp } from '../../../helpers/cdk-app';
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { NagRuleCompliance } from 'cdk-nag';
import { securityGroupInternetIngress } from '../../../../lib/compliance/rules/security-group-internet-ingress';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;

function stack(): Stack {
  return new Stack(testApp(), 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
}

function group(s: Stack, cidrIp: string, tags: { key: string; value: string }[] = []): ec2.CfnSecurityGroup {
  return new ec2.CfnSecurityGroup(s, 'Group', {
    groupDescription: 'test',
    vpcId: 'vpc-0123456789abcdef0',
    securityGroupIngress: [{ ipProtocol: 'tcp', fromPort: 3389, toPort: 3389, cidrIp }],
    tags,
  });
}

describe('securityGroupInternetIngress', () => {
  it('passes a group open only to a council range', () => {
    expect(securityGroupInternetIngress(group(stack(), '10.0.0.0/16'))).toBe(COMPLIANT);
  });

  it('fails a group open to 0.0.0.0/0 on 3389', () => {
    expect(securityGroupInternetIngress(group(stack(), '0.0.0.0/0'))).toBe(NON_COMPLIANT);
  });

  it('fails a separate ingress rule open to ::/0', () => {
    const s = stack();
    const g = group(s, '10.0.0.0/16');
    const ingress = new ec2.CfnSecurityGroupIngress(s, 'Ingress', {
      groupId: g.attrGroupId,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv6: '::/0',
    });
    expect(securityGroupInternetIngress(ingress)).toBe(NON_COMPLIANT);
  });

  it('passes a declared public entry point, inline or by separate rule', () => {
    const s = stack();
    const g = group(s, '0.0.0.0/0', [{ key: 'public-entry-point', value: 'true' }]);
    expect(securityGroupInternetIngress(g)).toBe(COMPLIANT);
    const ingress = new ec2.CfnSecurityGroupIngress(s, 'Ingress', {
      groupId: g.attrGroupId,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIp: '0.0.0.0/0',
    });
    expect(securityGroupInternetIngress(ingress)).toBe(COMPLIANT);
  });

  it('does not apply to other resources', () => {
    const route = new ec2.CfnRoute(stack(), 'Route', {
      routeTableId: 'rtb-0123456789abcdef0',
      destinationCidrBlock: '0.0.0.0/0',
      natGatewayId: 'nat-0123456789abcdef0',
    });
    expect(securityGroupInternetIngress(route)).toBe(NOT_APPLICABLE);
  });
});
