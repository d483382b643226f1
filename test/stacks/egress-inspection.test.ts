import { Template } from 'aws-cdk-lib/assertions';
import { CouncilChecks } from '../../lib/compliance/council-pack';
import { councilChecksProps } from '../../lib/compliance/register-checks';
import type { LandingZoneConfig } from '../../lib/config/schema';
import { buildLandingZone, type LandingZoneStacks } from '../../stacks/landing-zone';
import { testApp } from '../helpers/cdk-app';
import { exampleConfig } from '../helpers/landing-zone';

const example = exampleConfig();

/** The example without the firewall tier and with only the given egress-inspection options. */
function withInspection(
  inspection: LandingZoneConfig['network']['egressInspection'],
  changes: Partial<LandingZoneConfig> = {},
): LandingZoneConfig {
  return {
    ...example,
    ...changes,
    network: {
      ...example.network,
      egressInspection: inspection,
      vpcs: example.network.vpcs.map((v) => ({
        ...v,
        subnets: v.subnets.filter((t) => t.type !== 'firewall'),
      })),
    },
  };
}

/** Builds and synthesises the landing zone; the project rules' findings, judged against `network`. */
function build(
  config: LandingZoneConfig,
  network = config.network,
): { stacks: LandingZoneStacks; findings: string[] } {
  const app = testApp();
  const stacks = buildLandingZone(app, config);
  app.synth();
  const report = new CouncilChecks(undefined, councilChecksProps(config.organisation, network)).validateScope(
    app,
  );
  const findings = report.violations
    .filter(
      (v) => v.ruleName === 'Council-VPCDNSFirewall' || v.ruleName === 'Council-EgressThroughNetworkFirewall',
    )
    .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath ?? '?'}`));
  return { stacks, findings };
}

const types = (template: Template, prefix: string): string[] =>
  Object.values(template.toJSON()['Resources'] as Record<string, { Type: string }>)
    .map((r) => r.Type)
    .filter((t) => t.startsWith(prefix));

describe('the example: DNS Firewall and Protective DNS for production, Network Firewall in central egress', () => {
  const { stacks, findings } = build(example);

  it('satisfies the egress-inspection rules', () => {
    expect(findings).toEqual([]);
  });

  it('has a DNS Firewall stack, deployed before the VPC stacks that associate with its rule group', () => {
    expect(stacks.dnsFirewall?.stackName).toBe('kvdc-dns-firewall');
    expect(stacks.vpcs['production']?.dependencies).toContain(stacks.dnsFirewall);
    // Production's queries are already logged by hybrid DNS, so the rule group needs no log of its own.
    expect(types(Template.fromStack(stacks.dnsFirewall ?? stacks.hub), 'AWS::Route53Resolver::')).toEqual([
      'AWS::Route53Resolver::FirewallRuleGroup',
    ]);
  });

  it('protects production alone, failing closed', () => {
    const production = Template.fromStack(stacks.vpcs['production'] ?? stacks.hub);
    production.hasResourceProperties('AWS::Route53Resolver::FirewallConfig', {
      FirewallFailOpen: 'DISABLED',
    });
    production.resourceCountIs('AWS::Route53Resolver::FirewallRuleGroupAssociation', 1);
    production.resourceCountIs('AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation', 0);
    for (const vpc of ['shared-services', 'non-production']) {
      Template.fromStack(stacks.vpcs[vpc] ?? stacks.hub).resourceCountIs(
        'AWS::Route53Resolver::FirewallRuleGroupAssociation',
        0,
      );
    }
  });

  it('inspects central egress in the hub stack', () => {
    const hub = Template.fromStack(stacks.hub);
    hub.resourceCountIs('AWS::NetworkFirewall::Firewall', 1);
    // The allow-list, DNS to Protective DNS, and the supplier flow.
    hub.resourceCountIs('AWS::NetworkFirewall::RuleGroup', 3);
  });
});

describe('a council that leaves egress inspection out', () => {
  const { stacks, findings } = build(withInspection(undefined), example.network);

  it('synthesises without any of it', () => {
    expect(stacks.dnsFirewall).toBeUndefined();
    expect(types(Template.fromStack(stacks.hub), 'AWS::NetworkFirewall::')).toEqual([]);
    const dns = Template.fromStack(stacks.hybridDns ?? stacks.hub);
    dns.resourcePropertiesCountIs('AWS::Route53Resolver::ResolverRule', { DomainName: '.' }, 0);
    expect(stacks.all.map((s) => s.stackName)).not.toContain('kvdc-dns-firewall');
  });

  it('fails the rules if the configuration says inspection is on: what the templates were before it', () => {
    expect(findings).toEqual([
      'Council-EgressThroughNetworkFirewall KvdcNetworkHub/Egress/Vpc/Resource',
      'Council-VPCDNSFirewall KvdcVpcProduction/Production/Vpc/Resource',
    ]);
  });
});

describe('a council with DNS Firewall alone and no hybrid DNS', () => {
  const dnsFirewall = example.network.egressInspection?.dnsFirewall;
  const { stacks, findings } = build(withInspection({ dnsFirewall }, { connectivity: undefined }));

  it('protects the VPC and logs its queries itself, with no network firewall', () => {
    expect(findings).toEqual([]);
    const firewall = Template.fromStack(stacks.dnsFirewall ?? stacks.hub);
    firewall.resourceCountIs('AWS::Route53Resolver::ResolverQueryLoggingConfig', 1);
    const production = Template.fromStack(stacks.vpcs['production'] ?? stacks.hub);
    production.resourceCountIs('AWS::Route53Resolver::FirewallRuleGroupAssociation', 1);
    production.resourceCountIs('AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation', 1);
    expect(types(Template.fromStack(stacks.hub), 'AWS::NetworkFirewall::')).toEqual([]);
  });
});
