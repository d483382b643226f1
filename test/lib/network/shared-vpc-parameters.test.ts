import { testApp } from '../../helpers/cdk-app';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import {
  importSharedVpc,
  SharedVpcParameters,
  sharedVpcParameterNames,
} from '../../../lib/network/shared-vpc-parameters';

describe('shared VPC parameters', () => {
  test('names are derived from configuration names only', () => {
    const names = sharedVpcParameterNames('kvdc', 'production', 3);
    expect(names.vpcId).toBe('/kvdc/network/vpcs/production/vpc-id');
    expect(names.subnetIds('data')).toEqual([
      '/kvdc/network/vpcs/production/subnets/data/1',
      '/kvdc/network/vpcs/production/subnets/data/2',
      '/kvdc/network/vpcs/production/subnets/data/3',
    ]);
  });

  test('the network account publishes advanced-tier parameters and shares them with the workload account', () => {
    const stack = new Stack(testApp(), 'Network', { env: { account: '111111111111', region: 'eu-west-2' } });
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      availabilityZones: ['eu-west-2a', 'eu-west-2b'],
      natGateways: 0,
      subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
    });
    new SharedVpcParameters(stack, 'Shared', {
      prefix: 'kvdc',
      vpcName: 'production',
      vpc,
      tiers: ['data'],
      zoneCount: 2,
      shareWithAccount: '555555555555',
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SSM::Parameter', 3);
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/kvdc/network/vpcs/production/subnets/data/2',
      Tier: 'Advanced',
    });
    const shares = Object.values(template.findResources('AWS::RAM::ResourceShare'));
    expect((shares[0]?.['Properties'] as { ResourceArns: unknown[] }).ResourceArns).toHaveLength(3);
    template.hasResourceProperties('AWS::RAM::ResourceShare', {
      Principals: ['555555555555'],
      AllowExternalPrincipals: false,
    });
  });

  test('the workload account imports the VPC through parameters whose defaults are the shared ARNs', () => {
    const stack = new Stack(testApp(), 'Workload', { env: { account: '555555555555', region: 'eu-west-2' } });
    const vpc = importSharedVpc(stack, 'Network', {
      prefix: 'kvdc',
      vpcName: 'production',
      tier: 'data',
      availabilityZones: ['eu-west-2a', 'eu-west-2b'],
      networkAccount: '111111111111',
      region: 'eu-west-2',
    });
    expect(vpc.isolatedSubnets).toHaveLength(2);
    new ec2.SecurityGroup(stack, 'Sg', { vpc, description: 'x' });
    const parameters = Template.fromStack(stack).toJSON()['Parameters'] as Record<
      string,
      { Default: string }
    >;
    expect(Object.values(parameters).map((p) => p.Default)).toEqual(
      expect.arrayContaining([
        'arn:aws:ssm:eu-west-2:111111111111:parameter/kvdc/network/vpcs/production/vpc-id',
        'arn:aws:ssm:eu-west-2:111111111111:parameter/kvdc/network/vpcs/production/subnets/data/1',
      ]),
    );
  });
});
