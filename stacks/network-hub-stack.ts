import { type StackProps } from 'aws-cdk-lib';
import { LandingZoneStack } from './landing-zone-stack';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { FlowLogDestination } from '../lib/network/flow-log-destination';
import { LandingZoneVpc, type LandingZoneVpcProps } from '../lib/network/landing-zone-vpc';
import { toRetentionDays } from '../lib/network/log-retention';
import { pascal } from '../lib/names';
import { DEFAULT_ROUTE_TO_EGRESS, onDemandSegmentsOf } from '../lib/network/segmentation';
import { TransitGatewayHub } from '../lib/network/transit-gateway-hub';
import type { LandingZoneContext } from './landing-zone-context';
import { endpointBoundaryOf, vpcSpec } from './vpc-stack';

export interface NetworkHubStackProps extends StackProps {
  readonly lz: LandingZoneContext;
}

/** The network account's hub: Transit Gateway, segment route tables, and central egress. */
export class NetworkHubStack extends LandingZoneStack {
  readonly hub: TransitGatewayHub;
  readonly egress: LandingZoneVpc;

  constructor(scope: Construct, id: string, props: NetworkHubStackProps) {
    super(scope, id, { ...props, availabilityZones: props.lz.config.network.availabilityZones });
    const { lz } = props;
    const network = lz.config.network;

    this.hub = new TransitGatewayHub(this, pascal(network.transitGateway.name), {
      name: network.transitGateway.name,
      namePrefix: lz.prefix,
      amazonSideAsn: network.transitGateway.amazonSideAsn,
      shareWithAccounts: lz.config.accounts
        .filter((a) => a.role === 'shared-services' || a.role === 'production' || a.role === 'non-production')
        .map((a) => a.id),
      blackholeCidrs: network.awsAddressSpace,
      // The low-trust sites' table, only when a site is in it.
      onDemandSegments: onDemandSegmentsOf(lz.config.connectivity?.sites ?? []),
    });

    const egressConfig = network.vpcs.find((v) => v.name === network.egress.vpc);
    if (!egressConfig) {
      throw new Error(
        `egress VPC ${network.egress.vpc} not found (the configuration should have been validated)`,
      );
    }
    const zones = lz.zonesOf(egressConfig);
    const flowLogs = new FlowLogDestination(this, `${pascal(egressConfig.name)}FlowLogs`, {
      logGroupName: `/${lz.prefix}/vpc-flow-logs/${egressConfig.name}`,
      retentionDays: lz.flowLogRetention,
    });
    this.egress = new LandingZoneVpc(this, pascal(egressConfig.name), {
      spec: vpcSpec(egressConfig),
      namePrefix: lz.prefix,
      segment: 'egress',
      availabilityZones: zones,
      hub: this.hub,
      internalCidrs: lz.internalCidrs,
      awsAddressSpace: network.awsAddressSpace,
      natGateways: network.egress.natGateways === 'per-az' ? zones.length : 1,
      endpointBoundary: endpointBoundaryOf(lz.config),
      flowLogs: {
        destination: flowLogs,
        trafficType: lz.config.network.flowLogs.trafficType,
        maxAggregationIntervalSeconds: lz.config.network.flowLogs.maxAggregationIntervalSeconds,
      },
      networkFirewall: networkFirewallOf(lz),
    });

    for (const segment of DEFAULT_ROUTE_TO_EGRESS) {
      new ec2.CfnTransitGatewayRoute(this.hub.routeTables[segment], 'DefaultToEgress', {
        transitGatewayRouteTableId: this.hub.routeTables[segment].ref,
        destinationCidrBlock: '0.0.0.0/0',
        transitGatewayAttachmentId: this.egress.attachment.ref,
      });
    }
  }
}

/** A VPC's address block, by name (configuration validation has checked that it exists). */
function vpcCidr(lz: LandingZoneContext, name: string): string {
  const vpc = lz.config.network.vpcs.find((v) => v.name === name);
  if (vpc === undefined)
    throw new Error(`unknown VPC ${name} in an allowed flow (validate the configuration first)`);
  return vpc.cidr;
}

/** The egress firewall's settings from network.egressInspection, or undefined when egress is not inspected. */
function networkFirewallOf(lz: LandingZoneContext): LandingZoneVpcProps['networkFirewall'] {
  const network = lz.config.network;
  const firewall = network.egressInspection?.networkFirewall;
  if (firewall === undefined) {
    return undefined;
  }
  const pdns = network.egressInspection?.protectiveDns;
  const endpoints = lz.config.connectivity?.dns?.endpoints;
  return {
    homeNet: network.awsAddressSpace,
    allowedDomains: firewall.allowedDomains,
    allowedFlows: firewall.allowedFlows.map((flow) => ({
      name: flow.name,
      protocol: flow.protocol,
      sourceCidrs: flow.from.map((vpc) => vpcCidr(lz, vpc)),
      destinations: flow.to,
      ports: flow.ports,
    })),
    // Forwarded queries leave from the outbound Resolver endpoint's subnets, and only those may pass.
    protectiveDns:
      pdns === undefined || endpoints === undefined
        ? undefined
        : { resolverIps: pdns.resolverIps, sourceCidrs: lz.tierCidrs(endpoints.vpc, endpoints.subnetTier) },
    logRetention: toRetentionDays(firewall.logRetentionDays ?? network.flowLogs.retentionDays),
  };
}
