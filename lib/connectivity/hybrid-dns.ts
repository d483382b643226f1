import { Tags } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as ram from 'aws-cdk-lib/aws-ram';
import * as route53resolver from 'aws-cdk-lib/aws-route53resolver';
import { Construct } from 'constructs';
import { pascal } from '../names';
import { EncryptedLogGroup } from '../logging/encrypted-log-group';
import { ResolverEndpointSecurityGroups } from './resolver-endpoint-security-groups';

/** An on-premises DNS server (an Active Directory domain controller). */
export interface OnPremisesDnsServer {
  readonly name: string;
  readonly ip: string;
}

/** A domain whose names AWS asks the on-premises servers for. */
export interface ForwardedDomain {
  /** Stable name of the rule: construct IDs and the rule's name derive from it. */
  readonly name: string;
  readonly domain: string;
  /** Names of the servers to forward to. @default - every on-premises server */
  readonly servers?: readonly string[];
}

export interface HybridDnsProps {
  readonly namePrefix: string;
  /** The shared-services VPC that holds the endpoints. */
  readonly endpointVpc: ec2.IVpc;
  /** The endpoint VPC's name in `vpcIds`: its resolver queries are logged. */
  readonly endpointVpcName: string;
  readonly onPremisesServers: readonly OnPremisesDnsServer[];
  readonly forwardedDomains: readonly ForwardedDomain[];
  /** VPCs (names in `vpcIds`) whose resolver uses the forwarding rules; their queries are logged too. */
  readonly ruleAssociations: readonly string[];
  /** One subnet per availability zone (at least two) for the endpoint addresses. */
  readonly endpointSubnetIds: readonly string[];
  /** VPC IDs by configuration name: at least the endpoint VPC and every VPC in ruleAssociations. */
  readonly vpcIds: Readonly<Record<string, string>>;
  readonly awsAddressSpace: readonly string[];
  /** Workload accounts that receive the forwarding rules through AWS RAM. */
  readonly shareWithAccounts: readonly string[];
  /** @default logs.RetentionDays.THIRTEEN_MONTHS */
  readonly queryLogRetention?: logs.RetentionDays;
  /**
   * Forward internet names from the listed VPCs (names in `vpcIds`) to the NCSC Protective DNS
   * resolvers through the outbound endpoint; their queries are logged too. The endpoint's subnets
   * must route the resolver addresses to central egress. @default - internet names resolve in AWS
   */
  readonly protectiveDns?: { readonly resolverIps: readonly string[]; readonly vpcs: readonly string[] };
}

/**
 * Hybrid DNS between AWS and the council's Active Directory:
 * - an outbound Route 53 Resolver endpoint and one forwarding rule per AD domain, so AWS asks
 *   the on-premises DNS servers for those names;
 * - an inbound endpoint, which the on-premises DNS servers forward AWS names to;
 * - rule associations with the listed VPCs. The network account owns every VPC (subnets are
 *   shared to workload accounts), so it associates them itself; the RAM share lets workload
 *   accounts see the rules and associate them with any VPC they own later;
 * - optionally, a forwarding rule for "." to the NCSC Protective DNS resolvers, with a system rule
 *   that keeps amazonaws.com in AWS (as Route 53 recommends beside a "." rule), for the listed VPCs;
 * - resolver query logging for the same VPCs to an encrypted, retained log group.
 */
export class HybridDns extends Construct {
  readonly inboundEndpoint: route53resolver.CfnResolverEndpoint;
  readonly outboundEndpoint: route53resolver.CfnResolverEndpoint;
  readonly rules: Readonly<Record<string, route53resolver.CfnResolverRule>>;
  /** The "." rule to Protective DNS, when configured. */
  readonly protectiveDnsRule?: route53resolver.CfnResolverRule;
  readonly queryLogs: EncryptedLogGroup;

  constructor(scope: Construct, id: string, props: HybridDnsProps) {
    super(scope, id);
    const { namePrefix } = props;
    if (props.endpointSubnetIds.length < 2) {
      throw new Error('resolver endpoints need subnets in at least two availability zones');
    }
    const serverIps = new Map(props.onPremisesServers.map((s) => [s.name, s.ip]));

    const groups = new ResolverEndpointSecurityGroups(this, 'SecurityGroups', {
      vpc: props.endpointVpc,
      namePrefix,
      awsAddressSpace: props.awsAddressSpace,
      dnsServerIps: [...serverIps.values()],
      publicResolverIps: props.protectiveDns?.resolverIps,
    });
    const ipAddresses = props.endpointSubnetIds.map((subnetId) => ({ subnetId }));
    this.inboundEndpoint = new route53resolver.CfnResolverEndpoint(this, 'InboundEndpoint', {
      name: `${namePrefix}-inbound`,
      direction: 'INBOUND',
      resolverEndpointType: 'IPV4',
      ipAddresses,
      securityGroupIds: [groups.inbound.securityGroupId],
      tags: [{ key: 'Name', value: `${namePrefix}-inbound` }],
    });
    this.outboundEndpoint = new route53resolver.CfnResolverEndpoint(this, 'OutboundEndpoint', {
      name: `${namePrefix}-outbound`,
      direction: 'OUTBOUND',
      resolverEndpointType: 'IPV4',
      ipAddresses,
      securityGroupIds: [groups.outbound.securityGroupId],
      tags: [{ key: 'Name', value: `${namePrefix}-outbound` }],
    });

    const rules: Record<string, route53resolver.CfnResolverRule> = {};
    for (const domain of props.forwardedDomains) {
      const targets = (domain.servers ?? props.onPremisesServers.map((s) => s.name)).map((name) => {
        const ip = serverIps.get(name);
        if (ip === undefined) {
          throw new Error(`unknown DNS server ${name} (the configuration should have been validated)`);
        }
        return { ip, port: '53' };
      });
      const rule = new route53resolver.CfnResolverRule(this, `${pascal(domain.name)}Rule`, {
        name: `${namePrefix}-${domain.name}`,
        ruleType: 'FORWARD',
        domainName: domain.domain,
        resolverEndpointId: this.outboundEndpoint.attrResolverEndpointId,
        targetIps: targets,
        tags: [{ key: 'Name', value: `${namePrefix}-${domain.name}` }],
      });
      rules[domain.name] = rule;
      for (const vpcName of props.ruleAssociations) {
        new route53resolver.CfnResolverRuleAssociation(this, `${pascal(domain.name)}To${pascal(vpcName)}`, {
          name: `${namePrefix}-${domain.name}-${vpcName}`,
          resolverRuleId: rule.attrResolverRuleId,
          vpcId: vpcIdOf(props, vpcName),
        });
      }
    }
    this.rules = rules;
    const shared = Object.values(rules);
    if (props.protectiveDns !== undefined) {
      this.protectiveDnsRule = this.forwardInternetNames(props, props.protectiveDns);
      shared.push(this.protectiveDnsRule);
    }

    if (props.shareWithAccounts.length > 0) {
      const share = new ram.CfnResourceShare(this, 'RuleShare', {
        name: `${namePrefix}-resolver-rules`,
        allowExternalPrincipals: false,
        principals: [...props.shareWithAccounts],
        resourceArns: shared.map((rule) => rule.attrArn),
      });
      Tags.of(share).add('Name', `${namePrefix}-resolver-rules`);
    }

    this.queryLogs = new EncryptedLogGroup(this, 'QueryLogs', {
      logGroupName: `/${namePrefix}/route53-resolver/queries`,
      retentionDays: props.queryLogRetention,
      purpose: 'Route 53 Resolver query logs',
    });
    const logging = new route53resolver.CfnResolverQueryLoggingConfig(this, 'QueryLogging', {
      name: `${namePrefix}-resolver-queries`,
      destinationArn: this.queryLogs.logGroupArn,
    });
    const logged = new Set([
      props.endpointVpcName,
      ...props.ruleAssociations,
      ...(props.protectiveDns?.vpcs ?? []),
    ]);
    for (const vpcName of logged) {
      new route53resolver.CfnResolverQueryLoggingConfigAssociation(this, `QueryLogging${pascal(vpcName)}`, {
        resolverQueryLogConfigId: logging.attrId,
        resourceId: vpcIdOf(props, vpcName),
      });
    }
  }

  /**
   * Everything the VPC, its private hosted zones and the AD rules do not answer goes to Protective
   * DNS, which refuses known-malicious names for the public sector. amazonaws.com stays with the
   * VPC resolver: AWS service names resolve faster, cost no forwarded queries and keep working if
   * the path to the NCSC is down.
   */
  private forwardInternetNames(
    props: HybridDnsProps,
    pdns: NonNullable<HybridDnsProps['protectiveDns']>,
  ): route53resolver.CfnResolverRule {
    const { namePrefix } = props;
    const forward = new route53resolver.CfnResolverRule(this, 'ProtectiveDnsRule', {
      name: `${namePrefix}-ncsc-protective-dns`,
      ruleType: 'FORWARD',
      domainName: '.',
      resolverEndpointId: this.outboundEndpoint.attrResolverEndpointId,
      targetIps: pdns.resolverIps.map((ip) => ({ ip, port: '53' })),
      tags: [{ key: 'Name', value: `${namePrefix}-ncsc-protective-dns` }],
    });
    const local = new route53resolver.CfnResolverRule(this, 'AmazonawsSystemRule', {
      name: `${namePrefix}-amazonaws-local`,
      ruleType: 'SYSTEM',
      domainName: 'amazonaws.com',
      tags: [{ key: 'Name', value: `${namePrefix}-amazonaws-local` }],
    });
    for (const vpcName of pdns.vpcs) {
      new route53resolver.CfnResolverRuleAssociation(this, `ProtectiveDnsTo${pascal(vpcName)}`, {
        name: `${namePrefix}-ncsc-protective-dns-${vpcName}`,
        resolverRuleId: forward.attrResolverRuleId,
        vpcId: vpcIdOf(props, vpcName),
      });
      new route53resolver.CfnResolverRuleAssociation(this, `AmazonawsTo${pascal(vpcName)}`, {
        name: `${namePrefix}-amazonaws-local-${vpcName}`,
        resolverRuleId: local.attrResolverRuleId,
        vpcId: vpcIdOf(props, vpcName),
      });
    }
    return forward;
  }
}

function vpcIdOf(props: HybridDnsProps, name: string): string {
  const id = props.vpcIds[name];
  if (id === undefined) {
    throw new Error(`no VPC named ${name} (the configuration should have been validated)`);
  }
  return id;
}
