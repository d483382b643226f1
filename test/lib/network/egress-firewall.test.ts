import { Match, Template } from 'aws-cdk-lib/assertions';
import { ALLOWED_FLOWS_CAPACITY } from '../../../lib/network/allowed-flows-capacity';
import { ALLOWED_DOMAINS_CAPACITY } from '../../../lib/network/egress-firewall-policy';
import { AWS_SPACE, egressStack, FIREWALL, ZONES } from './egress-fixture';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Json = unknown;

/**
 * CloudFormation's evaluation of the intrinsics a route target uses, with the firewall's
 * EndpointIds in a given order: enough to prove which endpoint each zone's route reaches.
 */
function evaluate(value: Json, endpointIds: readonly string[]): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return value;
  }
  const [fn, args] = Object.entries(value)[0] ?? [];
  const list = args as Json[];
  switch (fn) {
    case 'Fn::GetAtt':
      return list[1] === 'EndpointIds' ? [...endpointIds] : undefined;
    case 'Fn::Join':
      return (evaluate(list[1], endpointIds) as string[]).join(list[0] as string);
    case 'Fn::Split':
      return (evaluate(list[1], endpointIds) as string).split(list[0] as string);
    case 'Fn::Select':
      return (evaluate(list[1], endpointIds) as Json[])[list[0] as number];
    default:
      return value;
  }
}

function resources(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

/** Each route as tier, zone, destination and target, read from its route table's logical ID. */
function routes(template: Template): { tier: string; zone: string; destination: string; target: Json }[] {
  return Object.values(resources(template, 'AWS::EC2::Route')).map((r) => {
    const table = (r.Properties['RouteTableId'] as { Ref: string }).Ref;
    const [, tier = '', n = '0'] = /^EgressVpc(\w+?)Subnet(\d)RouteTable/.exec(table) ?? [];
    const target = Object.fromEntries(
      Object.entries(r.Properties).filter(
        ([key]) => key !== 'RouteTableId' && key !== 'DestinationCidrBlock',
      ),
    );
    const destination = String(r.Properties['DestinationCidrBlock']);
    return { tier, zone: ZONES[Number(n) - 1] ?? '?', destination, target };
  });
}

describe('the egress VPC with Network Firewall', () => {
  const { stack } = egressStack({ networkFirewall: { ...FIREWALL } });
  const template = Template.fromStack(stack);
  const all = routes(template);
  const shuffled = ['eu-west-2c:vpce-ccc', 'eu-west-2a:vpce-aaa', 'eu-west-2b:vpce-bbb'];
  const endpointOf = (zone: string): string => `vpce-${zone.slice(-1).repeat(3)}`;

  it('puts one firewall endpoint in the firewall subnet of each zone', () => {
    const firewall = Object.values(resources(template, 'AWS::NetworkFirewall::Firewall'));
    expect(firewall).toHaveLength(1);
    const mappings = firewall[0]?.Properties['SubnetMappings'] as { SubnetId: { Ref: string } }[];
    expect(mappings.map((m) => m.SubnetId.Ref.replace(/Subnet[0-9A-F]{8}$/, ''))).toEqual([
      'EgressVpcfirewallSubnet1',
      'EgressVpcfirewallSubnet2',
      'EgressVpcfirewallSubnet3',
    ]);
    template.hasResourceProperties('AWS::NetworkFirewall::Firewall', {
      FirewallName: 'kvdc-egress',
      VpcId: { Ref: Match.stringLikeRegexp('^EgressVpc') },
    });
  });

  it('sends each zone’s Transit Gateway traffic to that zone’s firewall endpoint, whatever order AWS lists them in', () => {
    const transitDefaults = all.filter((r) => r.tier === 'transit');
    expect(transitDefaults.map((r) => r.destination)).toEqual(['0.0.0.0/0', '0.0.0.0/0', '0.0.0.0/0']);
    for (const route of transitDefaults) {
      expect(Object.keys(route.target as object)).toEqual(['VpcEndpointId']);
      for (const order of [shuffled, [...shuffled].reverse()]) {
        expect(evaluate((route.target as { VpcEndpointId: Json }).VpcEndpointId, order)).toBe(
          endpointOf(route.zone),
        );
      }
    }
  });

  it('sends the firewall’s traffic on to the NAT gateway of its zone, and the spokes’ back to the hub', () => {
    const firewallRoutes = all.filter((r) => r.tier === 'firewall');
    expect(firewallRoutes).toHaveLength(6);
    for (const route of firewallRoutes) {
      if (route.destination === '0.0.0.0/0') {
        const nat = (route.target as { NatGatewayId: { Ref: string } }).NatGatewayId.Ref;
        expect(nat).toMatch(
          new RegExp(`^EgressVpcpublicSubnet${ZONES.indexOf(route.zone as never) + 1}NATGateway`),
        );
      } else {
        expect(route.destination).toBe(AWS_SPACE);
        expect(route.target).toEqual({ TransitGatewayId: { Ref: 'HubTransitGateway8E0236DF' } });
      }
    }
  });

  it('returns the spokes’ traffic from the NAT gateways through the firewall endpoint of their zone, never straight to the hub', () => {
    const returns = all.filter((r) => r.tier === 'public' && r.destination !== '0.0.0.0/0');
    expect(returns.map((r) => r.destination)).toEqual([AWS_SPACE, AWS_SPACE, AWS_SPACE]);
    for (const route of returns) {
      expect(Object.keys(route.target as object)).toEqual(['VpcEndpointId']);
      expect(evaluate((route.target as { VpcEndpointId: Json }).VpcEndpointId, shuffled)).toBe(
        endpointOf(route.zone),
      );
    }
  });

  it('forwards everything to the stateful engine, which allows listed domains in strict order and drops the rest', () => {
    template.hasResourceProperties('AWS::NetworkFirewall::FirewallPolicy', {
      FirewallPolicy: {
        StatelessDefaultActions: ['aws:forward_to_sfe'],
        StatelessFragmentDefaultActions: ['aws:forward_to_sfe'],
        StatefulEngineOptions: { RuleOrder: 'STRICT_ORDER' },
        StatefulDefaultActions: ['aws:drop_established', 'aws:alert_established'],
        StatefulRuleGroupReferences: [{ Priority: 100, ResourceArn: Match.anyValue() }],
      },
    });
    template.hasResourceProperties('AWS::NetworkFirewall::RuleGroup', {
      Type: 'STATEFUL',
      Capacity: ALLOWED_DOMAINS_CAPACITY,
      RuleGroup: {
        // The spokes' addresses: the firewall's own VPC block would match no spoke's traffic.
        RuleVariables: { IPSets: { HOME_NET: { Definition: [AWS_SPACE] } } },
        RulesSource: {
          RulesSourceList: {
            GeneratedRulesType: 'ALLOWLIST',
            TargetTypes: ['TLS_SNI', 'HTTP_HOST'],
            Targets: ['.gov.uk', 'api.example.com'],
          },
        },
        StatefulRuleOptions: { RuleOrder: 'STRICT_ORDER' },
      },
    });
    template.resourceCountIs('AWS::NetworkFirewall::RuleGroup', 1);
  });

  it('logs alerts and flows to encrypted, retained log groups', () => {
    template.hasResourceProperties('AWS::NetworkFirewall::LoggingConfiguration', {
      LoggingConfiguration: {
        LogDestinationConfigs: [
          {
            LogType: 'ALERT',
            LogDestinationType: 'CloudWatchLogs',
            LogDestination: { logGroup: { Ref: Match.stringLikeRegexp('AlertLogsLogGroup') } },
          },
          {
            LogType: 'FLOW',
            LogDestinationType: 'CloudWatchLogs',
            LogDestination: { logGroup: { Ref: Match.stringLikeRegexp('FlowLogsLogGroup') } },
          },
        ],
      },
    });
    for (const name of ['/kvdc/network-firewall/alert', '/kvdc/network-firewall/flow']) {
      template.hasResource('AWS::Logs::LogGroup', {
        Properties: { LogGroupName: name, RetentionInDays: 400, KmsKeyId: Match.anyValue() },
        DeletionPolicy: 'Retain',
      });
    }
  });

  it('keeps the logical IDs of the firewall, its log groups and their keys stable', () => {
    const ids = Object.keys(template.toJSON()['Resources'] as object);
    expect(ids).toEqual(
      expect.arrayContaining([
        'EgressNetworkFirewallC65CCB21',
        'EgressNetworkFirewallAlertLogsKey500820EF',
        'EgressNetworkFirewallAlertLogsLogGroupCD92A3C0',
        'EgressNetworkFirewallFlowLogsKeyA5F88A28',
        'EgressNetworkFirewallFlowLogsLogGroup31AAE1ED',
      ]),
    );
  });
});

describe('the egress firewall with Protective DNS', () => {
  it('passes DNS from the Resolver endpoint subnets to each resolver, after the allow-list', () => {
    const { stack } = egressStack({
      networkFirewall: {
        ...FIREWALL,
        protectiveDns: { resolverIps: ['192.0.2.53'], sourceCidrs: ['10.64.19.0/26', '10.64.19.64/26'] },
      },
    });
    const template = Template.fromStack(stack);
    const groups = Object.values(resources(template, 'AWS::NetworkFirewall::RuleGroup'));
    const dns = groups.find((g) => g.Properties['RuleGroupName'] === 'kvdc-egress-protective-dns');
    const rules = (dns?.Properties['RuleGroup'] as { RulesSource: { StatefulRules: unknown[] } }).RulesSource
      .StatefulRules;
    const expected: { source: string; protocol: string }[] = ['10.64.19.0/26', '10.64.19.64/26'].flatMap(
      (source) => ['UDP', 'TCP'].map((protocol) => ({ source, protocol })),
    );
    expect(rules).toHaveLength(expected.length);
    expected.forEach(({ source, protocol }, i) => {
      expect(rules[i]).toEqual({
        Action: 'PASS',
        Header: {
          Protocol: protocol,
          Source: source,
          SourcePort: 'ANY',
          Direction: 'FORWARD',
          Destination: '192.0.2.53/32',
          DestinationPort: '53',
        },
        RuleOptions: [{ Keyword: 'sid', Settings: [String(i + 1)] }],
      });
    });
    template.hasResourceProperties('AWS::NetworkFirewall::FirewallPolicy', {
      FirewallPolicy: {
        StatefulRuleGroupReferences: [
          {
            Priority: 100,
            ResourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('AllowedDomains'), 'RuleGroupArn'] },
          },
          {
            Priority: 200,
            ResourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ProtectiveDns'), 'RuleGroupArn'] },
          },
        ],
      },
    });
  });
});

describe('the egress firewall with a single NAT gateway', () => {
  it('has one endpoint, in the NAT gateway’s zone, which every zone’s traffic uses both ways', () => {
    const { stack } = egressStack({ natGateways: 1, networkFirewall: { ...FIREWALL } });
    const template = Template.fromStack(stack);
    const firewall = Object.values(resources(template, 'AWS::NetworkFirewall::Firewall'))[0];
    expect(firewall?.Properties['SubnetMappings']).toHaveLength(1);
    const viaFirewall = routes(template).filter((r) => 'VpcEndpointId' in (r.target as object));
    expect(viaFirewall).toHaveLength(6); // three transit defaults, three public returns
    for (const route of viaFirewall) {
      expect(evaluate((route.target as { VpcEndpointId: Json }).VpcEndpointId, ['eu-west-2a:vpce-aaa'])).toBe(
        'vpce-aaa',
      );
    }
  });
});

describe('the egress VPC without Network Firewall', () => {
  it('routes the Transit Gateway subnets straight to the NAT gateways and the spokes straight back', () => {
    const template = Template.fromStack(egressStack().stack);
    template.resourceCountIs('AWS::NetworkFirewall::Firewall', 0);
    const all = routes(template);
    for (const route of all.filter((r) => r.tier === 'transit')) {
      expect(Object.keys(route.target as object)).toEqual(['NatGatewayId']);
    }
    for (const route of all.filter((r) => r.tier === 'public' && r.destination === AWS_SPACE)) {
      expect(Object.keys(route.target as object)).toEqual(['TransitGatewayId']);
    }
    // The firewall tier holds nothing and routes nowhere until the firewall is configured.
    expect(all.filter((r) => r.tier === 'firewall')).toEqual([]);
  });
});

it('refuses a firewall in a VPC that is not the egress VPC', () => {
  expect(() => egressStack({ egress: false, natGateways: 0, networkFirewall: { ...FIREWALL } })).toThrow(
    /only the egress VPC, with a firewall tier, takes a network firewall/,
  );
});

describe('the egress firewall with allowed flows', () => {
  const flows = [
    {
      name: 'bacs-bureau-sftp',
      protocol: 'TCP' as const,
      sourceCidrs: ['10.64.8.0/21'],
      destinations: ['203.0.113.40/32'],
      ports: [22],
    },
    {
      name: 'smtp-relay',
      protocol: 'TCP' as const,
      sourceCidrs: ['10.64.8.0/21', '10.64.16.0/21'],
      destinations: ['198.51.100.25/32'],
      ports: [25, 587],
    },
  ];

  it('passes each protocol and port to its hosts from its VPCs only, after the allow-list, in a fixed-capacity group', () => {
    const { stack } = egressStack({ networkFirewall: { ...FIREWALL, allowedFlows: flows } });
    const template = Template.fromStack(stack);
    const group = Object.values(resources(template, 'AWS::NetworkFirewall::RuleGroup')).find(
      (g) => g.Properties['RuleGroupName'] === 'kvdc-egress-allowed-flows',
    );
    expect(group?.Properties['Capacity']).toBe(ALLOWED_FLOWS_CAPACITY);
    expect(group?.Properties['Description']).toContain('bacs-bureau-sftp, smtp-relay');
    const rules = (
      group?.Properties['RuleGroup'] as {
        RulesSource: { StatefulRules: { Action: string; Header: Record<string, string> }[] };
      }
    ).RulesSource.StatefulRules;
    expect(
      rules.map((r) => [
        r.Action,
        r.Header['Protocol'],
        r.Header['Source'],
        r.Header['Destination'],
        r.Header['DestinationPort'],
      ]),
    ).toEqual([
      ['PASS', 'TCP', '10.64.8.0/21', '203.0.113.40/32', '22'],
      ['PASS', 'TCP', '10.64.8.0/21', '198.51.100.25/32', '25'],
      ['PASS', 'TCP', '10.64.8.0/21', '198.51.100.25/32', '587'],
      ['PASS', 'TCP', '10.64.16.0/21', '198.51.100.25/32', '25'],
      ['PASS', 'TCP', '10.64.16.0/21', '198.51.100.25/32', '587'],
    ]);
    // Nothing opened to any source or destination.
    expect(rules.every((r) => r.Header['Source'] !== 'ANY' && r.Header['Destination'] !== 'ANY')).toBe(true);
    template.hasResourceProperties('AWS::NetworkFirewall::FirewallPolicy', {
      FirewallPolicy: {
        StatefulRuleGroupReferences: [
          {
            Priority: 100,
            ResourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('AllowedDomains'), 'RuleGroupArn'] },
          },
          {
            Priority: 300,
            ResourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('AllowedFlows'), 'RuleGroupArn'] },
          },
        ],
        // Whatever no group passes is still dropped and logged.
        StatefulDefaultActions: ['aws:drop_established', 'aws:alert_established'],
      },
    });
  });

  it('has no flows group without flows, and refuses more rules than its capacity', () => {
    const { stack } = egressStack({ networkFirewall: { ...FIREWALL, allowedFlows: [] } });
    const names = Object.values(resources(Template.fromStack(stack), 'AWS::NetworkFirewall::RuleGroup')).map(
      (g) => g.Properties['RuleGroupName'],
    );
    expect(names).toEqual(['kvdc-egress-allowed-domains']);
    const ports = Array.from({ length: ALLOWED_FLOWS_CAPACITY + 1 }, (_, i) => 2000 + i);
    expect(() =>
      egressStack({
        networkFirewall: {
          ...FIREWALL,
          allowedFlows: [{ ...flows[0], name: 'many', ports } as (typeof flows)[number]],
        },
      }),
    ).toThrow(/make 201 firewall rules, more than the rule group's capacity of 200/);
  });
});
