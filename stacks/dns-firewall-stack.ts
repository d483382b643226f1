import type { StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { LandingZoneConfig } from '../lib/config/schema';
import type { DnsFirewallConfig } from '../lib/config/schema-egress-inspection';
import { DnsFirewallRuleGroup } from '../lib/network/dns-firewall-rule-group';
import { toRetentionDays } from '../lib/network/log-retention';
import type { LandingZoneContext } from './landing-zone-context';
import { LandingZoneStack } from './landing-zone-stack';

/**
 * VPCs whose Resolver queries hybrid DNS already logs: its endpoint VPC, its rule associations and
 * the VPCs forwarding to Protective DNS through it.
 */
export function vpcsLoggedByHybridDns(config: LandingZoneConfig): ReadonlySet<string> {
  const dns = config.connectivity?.dns;
  if (dns === undefined) {
    return new Set();
  }
  const pdns = config.network.egressInspection?.protectiveDns;
  return new Set([dns.endpoints.vpc, ...dns.ruleAssociations, ...(pdns?.vpcs ?? [])]);
}

/** Protected VPCs that need DNS Firewall's own query logging: those hybrid DNS does not log. */
export function vpcsNeedingQueryLogs(config: LandingZoneConfig, dnsFirewall: DnsFirewallConfig): string[] {
  const logged = vpcsLoggedByHybridDns(config);
  return dnsFirewall.associations.map((a) => a.vpc).filter((vpc) => !logged.has(vpc));
}

export interface DnsFirewallStackProps extends StackProps {
  readonly lz: LandingZoneContext;
  readonly dnsFirewall: DnsFirewallConfig;
}

/**
 * The network account's DNS Firewall rule group (and, when a protected VPC is logged nowhere else,
 * a query logging configuration). Apart from the hub and the VPCs, so a change to the threat lists
 * touches neither; each VPC stack associates its VPC with the group.
 */
export class DnsFirewallStack extends LandingZoneStack {
  readonly dnsFirewall: DnsFirewallRuleGroup;

  constructor(scope: Construct, id: string, props: DnsFirewallStackProps) {
    super(scope, id, { ...props, availabilityZones: props.lz.config.network.availabilityZones });
    const { lz, dnsFirewall } = props;
    const network = lz.config.network;
    const retention = toRetentionDays(dnsFirewall.queryLogRetentionDays ?? network.flowLogs.retentionDays);
    this.dnsFirewall = new DnsFirewallRuleGroup(this, 'DnsFirewall', {
      namePrefix: lz.prefix,
      managedDomainLists: dnsFirewall.managedDomainLists,
      queryLogging: vpcsNeedingQueryLogs(lz.config, dnsFirewall).length > 0 ? { retention } : undefined,
      logRetention: retention,
    });
  }
}
