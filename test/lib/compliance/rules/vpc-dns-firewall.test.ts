import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as route53resolver from 'aws-cdk-lib/aws-route53resolver';
import { NagRuleCompliance } from 'cdk-nag';
import { vpcDnsFirewall } from '../../../../lib/compliance/rules/vpc-dns-firewall';
import { testApp } from '../../../helpers/cdk-app';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;
const rule = vpcDnsFirewall(['kvdc-production']);

function vpc(name: string, associated: 'this VPC' | 'another VPC' | 'none'): ec2.CfnVPC {
  const stack = new Stack(testApp(), 'Vpc', { env: { account: '111111111111', region: 'eu-west-2' } });
  const node = new ec2.CfnVPC(stack, 'Vpc', {
    cidrBlock: '10.65.0.0/19',
    tags: [{ key: 'Name', value: name }],
  });
  if (associated !== 'none') {
    new route53resolver.CfnFirewallRuleGroupAssociation(stack, 'Association', {
      firewallRuleGroupId: 'rslvr-frg-0123456789abcdef',
      vpcId: associated === 'this VPC' ? node.ref : 'vpc-0123456789abcdef0',
      priority: 100,
    });
  }
  return node;
}

describe('vpcDnsFirewall', () => {
  it('passes a protected VPC whose stack associates it with a DNS Firewall rule group', () => {
    expect(rule(vpc('kvdc-production', 'this VPC'))).toBe(COMPLIANT);
  });

  it.each([
    ['no association', 'none'],
    ['an association with some other VPC', 'another VPC'],
  ] as const)('fails a protected VPC with %s', (_case, associated) => {
    expect(rule(vpc('kvdc-production', associated))).toBe(NON_COMPLIANT);
  });

  it('does not apply to VPCs the configuration does not protect, or to other resources', () => {
    expect(rule(vpc('kvdc-non-production', 'none'))).toBe(NOT_APPLICABLE);
    expect(vpcDnsFirewall([])(vpc('kvdc-production', 'none'))).toBe(NOT_APPLICABLE);
    const stack = new Stack(testApp(), 'Other');
    expect(rule(new ec2.CfnInternetGateway(stack, 'Igw'))).toBe(NOT_APPLICABLE);
  });
});
