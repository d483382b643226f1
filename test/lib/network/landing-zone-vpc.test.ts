import { Match, Template } from 'aws-cdk-lib/assertions';
import { cidr } from '../../../lib/ipv4';
import { planSubnets } from '../../../lib/network/address-plan';
import { exampleConfig, synthLandingZone } from '../../helpers/landing-zone';

const config = exampleConfig();
const { stacks } = synthLandingZone(config);
const production = Template.fromStack(stacks.vpcs['production'] ?? stacks.hub);
const hub = Template.fromStack(stacks.hub);

describe('LandingZoneVpc (production)', () => {
  const vpcConfig = config.network.vpcs.find((v) => v.name === 'production');

  it('lays out exactly the subnets of the validated address plan', () => {
    if (!vpcConfig) {
      throw new Error('example has a production VPC');
    }
    const plan = planSubnets(cidr(vpcConfig.cidr), vpcConfig.subnets, config.network.availabilityZones);
    const subnets = Object.values(production.findResources('AWS::EC2::Subnet')).map((s) => {
      const props = s['Properties'] as { CidrBlock: string; AvailabilityZone: string };
      return `${props.AvailabilityZone} ${props.CidrBlock}`;
    });
    expect(subnets.sort()).toEqual(plan.subnets.map((s) => `${s.availabilityZone} ${s.cidr.text}`).sort());
    production.hasResourceProperties('AWS::EC2::VPC', {
      CidrBlock: '10.65.0.0/19',
      EnableDnsHostnames: true,
    });
  });

  it('has no internet gateway, NAT gateway or automatic public IPs', () => {
    production.resourceCountIs('AWS::EC2::InternetGateway', 0);
    production.resourceCountIs('AWS::EC2::NatGateway', 0);
    const publicOnLaunch = production.findResources('AWS::EC2::Subnet', {
      Properties: { MapPublicIpOnLaunch: true },
    });
    expect(publicOnLaunch).toEqual({});
  });

  it('strips the rules from the default security group', () => {
    production.resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
  });

  it('attaches to the Transit Gateway through the transit tier only', () => {
    production.hasResourceProperties('AWS::EC2::TransitGatewayVpcAttachment', {
      SubnetIds: [
        { Ref: Match.stringLikeRegexp('^ProductionVpctransitSubnet1') },
        { Ref: Match.stringLikeRegexp('^ProductionVpctransitSubnet2') },
        { Ref: Match.stringLikeRegexp('^ProductionVpctransitSubnet3') },
      ],
    });
  });

  it('routes the private tier to central egress and the isolated tier only to internal ranges', () => {
    const routes = Object.values(
      production.findResources('AWS::EC2::Route', { Properties: { TransitGatewayId: Match.anyValue() } }),
    ).map((r) => {
      const props = r['Properties'] as { DestinationCidrBlock: string; RouteTableId: { Ref: string } };
      return {
        tier: /ProductionVpc(\w+?)Subnet/.exec(props.RouteTableId.Ref)?.[1],
        destination: props.DestinationCidrBlock,
      };
    });
    const byTier = (tier: string): string[] =>
      [...new Set(routes.filter((r) => r.tier === tier).map((r) => r.destination))].sort();
    expect(byTier('app')).toEqual(['0.0.0.0/0']);
    expect(byTier('data')).toEqual(
      [...config.network.awsAddressSpace, ...config.network.onPremisesRanges.map((r) => r.cidr)].sort(),
    );
    expect(byTier('transit')).toEqual([]);
  });

  it('writes flow logs of all traffic to a KMS-encrypted log group with the configured retention', () => {
    production.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
      MaxAggregationInterval: 600,
    });
    production.hasResource('AWS::Logs::LogGroup', {
      Properties: {
        LogGroupName: '/kvdc/vpc-flow-logs/production',
        RetentionInDays: 400,
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FlowLogsKey'), 'Arn'] },
      },
      DeletionPolicy: 'Retain',
    });
    production.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    production.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
          }),
        ],
      },
    });
  });

  it('creates the configured endpoints, interface endpoints reachable over HTTPS from the VPC only', () => {
    production.resourceCountIs('AWS::EC2::VPCEndpoint', vpcConfig?.endpoints.length ?? -1);
    production.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway' });
    production.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      ServiceName: 'com.amazonaws.eu-west-2.secretsmanager',
      PrivateDnsEnabled: true,
    });
    production.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [{ CidrIp: '10.65.0.0/19', FromPort: 443, ToPort: 443, IpProtocol: 'tcp' }],
    });
  });

  it('shares its workload subnets, not its transit subnets, with the production account', () => {
    production.hasResourceProperties('AWS::RAM::ResourceShare', {
      Name: 'kvdc-production-subnets',
      AllowExternalPrincipals: false,
      Principals: ['555555555555'],
    });
    const share = Object.values(production.findResources('AWS::RAM::ResourceShare'))[0] as {
      Properties: { ResourceArns: unknown[] };
    };
    const text = JSON.stringify(share.Properties.ResourceArns);
    expect(share.Properties.ResourceArns).toHaveLength(6);
    expect(text).not.toMatch(/transitSubnet/);
  });
});

describe('the egress VPC', () => {
  it('runs one NAT gateway per zone in public subnets that assign no public IPs', () => {
    hub.resourceCountIs('AWS::EC2::NatGateway', 3);
    hub.resourceCountIs('AWS::EC2::InternetGateway', 1);
    expect(hub.findResources('AWS::EC2::Subnet', { Properties: { MapPublicIpOnLaunch: true } })).toEqual({});
  });

  it('runs a single NAT gateway when configured to save cost', () => {
    const single = exampleConfig();
    const cheap = {
      ...single,
      network: { ...single.network, egress: { ...single.network.egress, natGateways: 'single' as const } },
    };
    Template.fromStack(synthLandingZone(cheap).stacks.hub).resourceCountIs('AWS::EC2::NatGateway', 1);
  });

  it('is not shared with any account', () => {
    const shares = hub.findResources('AWS::RAM::ResourceShare');
    expect(Object.keys(shares).filter((id) => id.startsWith('Egress'))).toEqual([]);
  });
});
