import { testApp } from '../../helpers/cdk-app';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import {
  SharedVpcImports,
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
      shareWithAccounts: ['555555555555', '555555555555'],
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

  function workloadStack(): { stack: Stack; imports: SharedVpcImports } {
    const stack = new Stack(testApp(), 'Workload', { env: { account: '555555555555', region: 'eu-west-2' } });
    const imports = new SharedVpcImports(stack, {
      prefix: 'kvdc',
      networkAccount: '111111111111',
      region: 'eu-west-2',
      zonesOf: () => ['eu-west-2a', 'eu-west-2b'],
    });
    return { stack, imports };
  }

  function parameterDefaults(stack: Stack): Record<string, string> {
    const parameters = Template.fromStack(stack).toJSON()['Parameters'] as Record<
      string,
      { Default: string }
    >;
    return Object.fromEntries(Object.entries(parameters).map(([id, p]) => [id, p.Default]));
  }

  test('a security group reads only the VPC id, from a parameter whose default is the shared ARN', () => {
    const { stack, imports } = workloadStack();
    const network = imports.import('production', 'data');
    expect(imports.import('production', 'data')).toBe(network);
    new ec2.SecurityGroup(stack, 'Sg', { vpc: network.vpc, description: 'x' });
    const defaults = parameterDefaults(stack);
    expect(Object.entries(defaults).filter(([id]) => id !== 'BootstrapVersion')).toEqual([
      [
        expect.stringMatching(/^ProductionDataNetworkVpcIdParameter/),
        'arn:aws:ssm:eu-west-2:111111111111:parameter/kvdc/network/vpcs/production/vpc-id',
      ],
    ]);
    expect(imports.vpcNames).toEqual(['production']);
  });

  test('a database reads the isolated tier subnets through the same import', () => {
    const { stack, imports } = workloadStack();
    const network = imports.import('production', 'data');
    new ec2.SecurityGroup(stack, 'Sg', { vpc: network.vpc, description: 'x' });
    expect(network.isolated.isolatedSubnets).toHaveLength(2);
    new ec2.CfnSecurityGroup(stack, 'UsesSubnets', {
      groupDescription: network.isolated.isolatedSubnets.map((s) => s.subnetId).join(','),
      vpcId: network.isolated.vpcId,
    });
    expect(Object.values(parameterDefaults(stack))).toEqual(
      expect.arrayContaining([
        'arn:aws:ssm:eu-west-2:111111111111:parameter/kvdc/network/vpcs/production/vpc-id',
        'arn:aws:ssm:eu-west-2:111111111111:parameter/kvdc/network/vpcs/production/subnets/data/1',
        'arn:aws:ssm:eu-west-2:111111111111:parameter/kvdc/network/vpcs/production/subnets/data/2',
      ]),
    );
    expect(() => imports.import('production').isolated).toThrow(/names no isolated tier/);
  });
});
