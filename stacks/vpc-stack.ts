import { type StackProps } from 'aws-cdk-lib';
import { LandingZoneStack } from './landing-zone-stack';
import type { Construct } from 'constructs';
import type { VpcConfig } from '../lib/config/schema';
import { FlowLogDestination } from '../lib/network/flow-log-destination';
import type { LandingZoneConfig } from '../lib/config/schema';
import type { EndpointBoundary } from '../lib/network/endpoint-policy';
import { LandingZoneVpc, type LandingZoneVpcSpec } from '../lib/network/landing-zone-vpc';
import { pascal } from '../lib/names';
import { SharedVpcParameters } from '../lib/network/shared-vpc-parameters';
import type { TransitGatewayHub } from '../lib/network/transit-gateway-hub';
import { DnsFirewallAssociation } from '../lib/network/dns-firewall-association';
import { vpcsLoggedByHybridDns, type DnsFirewallStack } from './dns-firewall-stack';
import type { LandingZoneContext } from './landing-zone-context';

/** A configured VPC as LandingZoneVpc builds it. */
export function vpcSpec(vpc: VpcConfig): LandingZoneVpcSpec {
  return {
    name: vpc.name,
    cidr: vpc.cidr,
    egress: vpc.purpose === 'egress',
    subnets: vpc.subnets,
    endpoints: vpc.endpoints,
  };
}

/**
 * What the VPC endpoints carry requests for: the organisation when the security baseline names it,
 * otherwise the landing zone's own accounts.
 */
export function endpointBoundaryOf(config: LandingZoneConfig): EndpointBoundary {
  const organisationId = config.securityBaseline?.organisation.id;
  return organisationId === undefined ? { accountIds: config.accounts.map((a) => a.id) } : { organisationId };
}

export interface VpcStackProps extends StackProps {
  readonly lz: LandingZoneContext;
  readonly vpc: VpcConfig;
  readonly hub: TransitGatewayHub;
  /** Accounts (ids) whose stacks read the VPC's shared parameters, besides the VPC's own account. @default - none */
  readonly otherParameterReaders?: readonly string[];
  /** The DNS Firewall rule group, when network.egressInspection.dnsFirewall is configured. @default - none */
  readonly dnsFirewall?: DnsFirewallStack;
}

/**
 * One spoke VPC, owned by the network account and shared with its workload account through RAM.
 * A stack per VPC keeps each change's blast radius to one network.
 */
export class VpcStack extends LandingZoneStack {
  readonly network: LandingZoneVpc;

  constructor(scope: Construct, id: string, props: VpcStackProps) {
    super(scope, id, { ...props, availabilityZones: props.lz.config.network.availabilityZones });
    const { lz, vpc } = props;
    const flowLogs = new FlowLogDestination(this, 'FlowLogs', {
      logGroupName: `/${lz.prefix}/vpc-flow-logs/${vpc.name}`,
      retentionDays: lz.flowLogRetention,
    });
    this.network = new LandingZoneVpc(this, pascal(vpc.name), {
      spec: vpcSpec(vpc),
      namePrefix: lz.prefix,
      segment: lz.segmentOf(vpc),
      availabilityZones: lz.zonesOf(vpc),
      hub: props.hub,
      internalCidrs: lz.internalCidrs,
      awsAddressSpace: lz.config.network.awsAddressSpace,
      flowLogs: {
        destination: flowLogs,
        trafficType: lz.config.network.flowLogs.trafficType,
        maxAggregationIntervalSeconds: lz.config.network.flowLogs.maxAggregationIntervalSeconds,
      },
      endpointBoundary: endpointBoundaryOf(lz.config),
      shareWithAccount: lz.accountByName(vpc.account).id,
      additionalHubRoutes: protectiveDnsRoutes(lz, vpc),
    });
    const association = lz.config.network.egressInspection?.dnsFirewall?.associations.find(
      (a) => a.vpc === vpc.name,
    );
    if (association !== undefined && props.dnsFirewall !== undefined) {
      const { dnsFirewall } = props.dnsFirewall;
      new DnsFirewallAssociation(this, 'DnsFirewall', {
        namePrefix: lz.prefix,
        vpcName: vpc.name,
        vpcId: this.network.vpc.vpcId,
        ruleGroupId: dnsFirewall.ruleGroup.attrId,
        failOpen: association.failOpen,
        queryLogConfigId: vpcsLoggedByHybridDns(lz.config).has(vpc.name)
          ? undefined
          : dnsFirewall.queryLogging?.attrId,
      });
    }
    // Workload accounts read these IDs at deploy time (see lib/network/shared-vpc-parameters.ts).
    new SharedVpcParameters(this, 'SharedParameters', {
      prefix: lz.prefix,
      vpcName: vpc.name,
      vpc: this.network.vpc,
      tiers: vpc.subnets.filter((t) => t.type !== 'transit').map((t) => t.name),
      zoneCount: lz.zonesOf(vpc).length,
      shareWithAccounts: [lz.accountByName(vpc.account).id, ...(props.otherParameterReaders ?? [])],
    });
  }
}

/**
 * The hybrid DNS endpoint tier reaches the NCSC Protective DNS resolvers through central egress:
 * an isolated tier otherwise routes only to internal ranges.
 */
function protectiveDnsRoutes(
  lz: LandingZoneContext,
  vpc: VpcConfig,
): { tier: string; destinations: string[] }[] | undefined {
  const pdns = lz.config.network.egressInspection?.protectiveDns;
  const endpoints = lz.config.connectivity?.dns?.endpoints;
  if (pdns === undefined || endpoints === undefined || endpoints.vpc !== vpc.name) {
    return undefined;
  }
  return [{ tier: endpoints.subnetTier, destinations: pdns.resolverIps.map((ip) => `${ip}/32`) }];
}
