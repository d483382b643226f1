import { CfnOutput, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { HybridDnsConfig } from '../lib/config/schema-connectivity';
import { HybridDns } from '../lib/connectivity/hybrid-dns';
import type { LandingZoneVpc } from '../lib/network/landing-zone-vpc';
import { toRetentionDays } from '../lib/network/log-retention';
import type { LandingZoneContext } from './landing-zone-context';
import { LandingZoneStack } from './landing-zone-stack';

export interface HybridDnsStackProps extends StackProps {
  readonly lz: LandingZoneContext;
  readonly dns: HybridDnsConfig;
  /** Every VPC by configuration name; the endpoint VPC and the associated VPCs are looked up here. */
  readonly vpcs: Readonly<Record<string, LandingZoneVpc>>;
}

/**
 * Hybrid DNS in the network account, which owns every VPC and so the resolver endpoints in the
 * shared-services VPC, the forwarding rules and their associations.
 */
export class HybridDnsStack extends LandingZoneStack {
  readonly dns: HybridDns;

  constructor(scope: Construct, id: string, props: HybridDnsStackProps) {
    super(scope, id, { ...props, availabilityZones: props.lz.config.network.availabilityZones });
    const { lz, dns } = props;
    const endpointVpc = props.vpcs[dns.endpoints.vpc];
    if (!endpointVpc) {
      throw new Error(`no VPC named ${dns.endpoints.vpc} (the configuration should have been validated)`);
    }
    const workloadAccounts = lz.config.accounts
      .filter((a) => a.role === 'production' || a.role === 'non-production' || a.role === 'shared-services')
      .map((a) => a.id);
    this.dns = new HybridDns(this, 'HybridDns', {
      namePrefix: lz.prefix,
      endpointVpc: endpointVpc.vpc,
      endpointVpcName: dns.endpoints.vpc,
      onPremisesServers: dns.onPremisesServers,
      forwardedDomains: dns.forwardedDomains,
      ruleAssociations: dns.ruleAssociations,
      endpointSubnetIds: endpointVpc.vpc.selectSubnets({ subnetGroupName: dns.endpoints.subnetTier })
        .subnetIds,
      vpcIds: Object.fromEntries(Object.entries(props.vpcs).map(([name, vpc]) => [name, vpc.vpc.vpcId])),
      awsAddressSpace: lz.config.network.awsAddressSpace,
      shareWithAccounts: workloadAccounts,
      queryLogRetention: toRetentionDays(dns.queryLogRetentionDays),
      protectiveDns: lz.config.network.egressInspection?.protectiveDns,
    });
    // On-premises DNS servers forward AWS names to this endpoint's addresses, which AWS assigns at deploy time.
    new CfnOutput(this, 'InboundEndpointId', {
      description:
        'Route 53 Resolver inbound endpoint; list its addresses with list-resolver-endpoint-ip-addresses',
      value: this.dns.inboundEndpoint.attrResolverEndpointId,
    });
  }
}
