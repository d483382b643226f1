import { Stack } from 'aws-cdk-lib';
import { testApp } from '../../helpers/cdk-app';
import { FlowLogDestination } from '../../../lib/network/flow-log-destination';
import { LandingZoneVpc, type LandingZoneVpcProps } from '../../../lib/network/landing-zone-vpc';
import { TransitGatewayHub } from '../../../lib/network/transit-gateway-hub';

export const ZONES = ['eu-west-2a', 'eu-west-2b', 'eu-west-2c'] as const;
export const AWS_SPACE = '10.64.0.0/14';

/** The example's egress VPC tiers, with the firewall tier. */
export const EGRESS_TIERS = [
  { name: 'public', type: 'public', cidrMask: 27 },
  { name: 'transit', type: 'transit', cidrMask: 28 },
  { name: 'firewall', type: 'firewall', cidrMask: 28 },
] as const;

export const FIREWALL: NonNullable<LandingZoneVpcProps['networkFirewall']> = {
  homeNet: [AWS_SPACE],
  allowedDomains: ['.gov.uk', 'api.example.com'],
};

/** An egress VPC alone in a small stack, with or without the firewall, as the hub stack builds it. */
export function egressStack(
  options: {
    natGateways?: number;
    networkFirewall?: LandingZoneVpcProps['networkFirewall'];
    /** False builds the same VPC as a spoke, to see what a spoke refuses. @default true */
    egress?: boolean;
  } = {},
): { stack: Stack; egress: LandingZoneVpc } {
  const stack = new Stack(testApp(), 'Egress', { env: { account: '111111111111', region: 'eu-west-2' } });
  const hub = new TransitGatewayHub(stack, 'Hub', {
    name: 'hub',
    namePrefix: 'kvdc',
    amazonSideAsn: 64512,
    shareWithAccounts: [],
    blackholeCidrs: [AWS_SPACE],
  });
  const egress = new LandingZoneVpc(stack, 'Egress', {
    spec: { name: 'egress', cidr: '10.64.0.0/24', egress: options.egress ?? true, subnets: EGRESS_TIERS },
    namePrefix: 'kvdc',
    segment: 'egress',
    availabilityZones: ZONES,
    hub,
    internalCidrs: [AWS_SPACE, '10.0.0.0/16'],
    awsAddressSpace: [AWS_SPACE],
    natGateways: options.natGateways ?? ZONES.length,
    flowLogs: {
      destination: new FlowLogDestination(stack, 'FlowLogs', { logGroupName: '/kvdc/vpc-flow-logs/egress' }),
      trafficType: 'ALL',
      maxAggregationIntervalSeconds: 600,
    },
    endpointBoundary: { organisationId: 'o-kv7777777777' },
    networkFirewall: options.networkFirewall,
  });
  return { stack, egress };
}
