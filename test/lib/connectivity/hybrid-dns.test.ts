import { Match, Template } from 'aws-cdk-lib/assertions';
import { exampleLandingZone } from './example-landing-zone';

const { stacks } = exampleLandingZone();
const dnsStack = stacks.hybridDns;
if (!dnsStack) {
  throw new Error('the example council has hybrid DNS');
}
const template = Template.fromStack(dnsStack);
type Resource = { Properties: Record<string, unknown> };
const resourcesOf = (type: string): Record<string, Resource> =>
  template.findResources(type) as Record<string, Resource>;

describe('resolver endpoints', () => {
  const endpoints = Object.values(resourcesOf('AWS::Route53Resolver::ResolverEndpoint'));

  it('has an inbound and an outbound endpoint, each in the three isolated subnets of the shared-services VPC', () => {
    expect(endpoints.map((e) => e.Properties['Direction']).sort()).toEqual(['INBOUND', 'OUTBOUND']);
    const sharedServices = stacks.vpcs['shared-services']?.network.vpc;
    const isolated = sharedServices?.selectSubnets({ subnetGroupName: 'isolated' });
    expect(isolated?.availabilityZones).toEqual(['eu-west-2a', 'eu-west-2b', 'eu-west-2c']);
    for (const endpoint of endpoints) {
      const addresses = endpoint.Properties['IpAddresses'] as { SubnetId: unknown }[];
      expect(addresses).toHaveLength(3);
      expect(new Set(addresses.map((a) => JSON.stringify(a.SubnetId))).size).toBe(3);
    }
  });

  it('lets the inbound endpoint answer DNS only from the AWS space and the on-premises DNS servers', () => {
    const groups = resourcesOf('AWS::EC2::SecurityGroup');
    const inbound = Object.values(groups).find((g) => g.Properties['GroupName'] === 'kvdc-resolver-inbound');
    const ingress = inbound?.Properties['SecurityGroupIngress'] as {
      CidrIp: string;
      FromPort: number;
      ToPort: number;
      IpProtocol: string;
    }[];
    expect(new Set(ingress.map((r) => r.CidrIp))).toEqual(
      new Set(['10.64.0.0/14', '10.1.0.10/32', '10.1.0.11/32']),
    );
    for (const rule of ingress) {
      expect([rule.FromPort, rule.ToPort]).toEqual([53, 53]);
      expect(['tcp', 'udp']).toContain(rule.IpProtocol);
    }
    expect(ingress).toHaveLength(6);
  });

  it('lets the outbound endpoint send DNS only to the on-premises DNS servers and the Protective DNS resolvers', () => {
    const groups = resourcesOf('AWS::EC2::SecurityGroup');
    const outbound = Object.values(groups).find(
      (g) => g.Properties['GroupName'] === 'kvdc-resolver-outbound',
    );
    expect(outbound?.Properties['SecurityGroupIngress']).toBeUndefined();
    const egress = outbound?.Properties['SecurityGroupEgress'] as { CidrIp: string; FromPort: number }[];
    expect(new Set(egress.map((r) => `${r.CidrIp}:${r.FromPort}`))).toEqual(
      new Set(['10.1.0.10/32:53', '10.1.0.11/32:53', '192.0.2.53/32:53', '198.51.100.53/32:53']),
    );
  });
});

describe('forwarding rules', () => {
  it('forwards each AD domain to the on-premises DNS servers on port 53', () => {
    template.hasResourceProperties('AWS::Route53Resolver::ResolverRule', {
      DomainName: 'kvdc.local',
      RuleType: 'FORWARD',
      TargetIps: [
        { Ip: '10.1.0.10', Port: '53' },
        { Ip: '10.1.0.11', Port: '53' },
      ],
      ResolverEndpointId: {
        'Fn::GetAtt': [Match.stringLikeRegexp('OutboundEndpoint'), 'ResolverEndpointId'],
      },
    });
    template.hasResourceProperties('AWS::Route53Resolver::ResolverRule', {
      DomainName: 'corp.kestrelvale.gov.uk',
    });
  });

  it('associates both rules with the three listed VPCs directly (the network account owns them)', () => {
    const associations = Object.keys(resourcesOf('AWS::Route53Resolver::ResolverRuleAssociation'));
    expect(associations.filter((id) => /^HybridDns(KvdcLocal|Corp)To/.test(id))).toHaveLength(6);
  });

  it('shares the rules with the workload and shared-services accounts only, inside the organisation', () => {
    template.hasResourceProperties('AWS::RAM::ResourceShare', {
      Name: 'kvdc-resolver-rules',
      AllowExternalPrincipals: false,
      Principals: ['222222222222', '555555555555', '666666666666'],
      ResourceArns: Match.arrayWith([{ 'Fn::GetAtt': [Match.stringLikeRegexp('KvdcLocalRule'), 'Arn'] }]),
    });
  });
});

describe('forwarding internet names to the NCSC Protective DNS', () => {
  it('forwards "." from the outbound endpoint to the configured resolvers, for the listed VPCs only', () => {
    template.hasResourceProperties('AWS::Route53Resolver::ResolverRule', {
      Name: 'kvdc-ncsc-protective-dns',
      DomainName: '.',
      RuleType: 'FORWARD',
      TargetIps: [
        { Ip: '192.0.2.53', Port: '53' },
        { Ip: '198.51.100.53', Port: '53' },
      ],
      ResolverEndpointId: {
        'Fn::GetAtt': [Match.stringLikeRegexp('OutboundEndpoint'), 'ResolverEndpointId'],
      },
    });
    const associations = Object.keys(resourcesOf('AWS::Route53Resolver::ResolverRuleAssociation'));
    expect(associations.filter((id) => id.startsWith('HybridDnsProtectiveDnsTo'))).toEqual([
      expect.stringMatching(/^HybridDnsProtectiveDnsToProduction/),
    ]);
  });

  it('keeps amazonaws.com with the VPC resolver beside the "." rule, as Route 53 recommends', () => {
    template.hasResourceProperties('AWS::Route53Resolver::ResolverRule', {
      Name: 'kvdc-amazonaws-local',
      DomainName: 'amazonaws.com',
      RuleType: 'SYSTEM',
    });
    const associations = Object.keys(resourcesOf('AWS::Route53Resolver::ResolverRuleAssociation'));
    expect(associations.filter((id) => id.startsWith('HybridDnsAmazonawsTo'))).toEqual([
      expect.stringMatching(/^HybridDnsAmazonawsToProduction/),
    ]);
  });

  it('reaches the resolvers from the endpoint subnets through central egress', () => {
    const sharedServices = Template.fromStack(stacks.vpcs['shared-services'] ?? dnsStack);
    const routes = Object.values(
      sharedServices.findResources('AWS::EC2::Route', {
        Properties: { DestinationCidrBlock: Match.stringLikeRegexp('/32$') },
      }) as Record<string, Resource>,
    ).map(
      (r) =>
        `${JSON.stringify(r.Properties['RouteTableId'])} ${String(r.Properties['DestinationCidrBlock'])}`,
    );
    expect(routes).toHaveLength(6);
    expect(routes.every((r) => r.includes('isolatedSubnet'))).toBe(true);
  });
});

describe('query logging', () => {
  it('logs queries of the endpoint VPC and the associated VPCs to an encrypted, retained log group', () => {
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: {
        LogGroupName: '/kvdc/route53-resolver/queries',
        RetentionInDays: 400,
        KmsKeyId: Match.anyValue(),
      },
      DeletionPolicy: 'Retain',
    });
    template.resourceCountIs('AWS::Route53Resolver::ResolverQueryLoggingConfig', 1);
    template.resourceCountIs('AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation', 3);
  });
});

it('keeps the logical IDs of the endpoints, the query log group and its key stable', () => {
  const ids = Object.keys(template.toJSON()['Resources'] as object);
  expect(ids).toEqual(
    expect.arrayContaining([
      'HybridDnsInboundEndpoint87F10409',
      'HybridDnsOutboundEndpoint089E4B2D',
      'HybridDnsQueryLogsKey3195A61E',
      'HybridDnsQueryLogsLogGroup68A06ED3',
    ]),
  );
});

it('is a termination-protected stack in the network account', () => {
  expect(dnsStack.terminationProtection).toBe(true);
  expect(dnsStack.account).toBe('111111111111');
});
