import { CfnResource, RemovalPolicy, Stack, Tags, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ram from 'aws-cdk-lib/aws-ram';
import { Construct } from 'constructs';
import { cidr } from '../ipv4';
import { EncryptedLogGroup } from '../logging/encrypted-log-group';
import {
  gatewayEndpointStatements,
  interfaceEndpointStatements,
  type EndpointBoundary,
} from './endpoint-policy';
import { planSubnets, type SubnetTier } from './address-plan';
import { EgressFirewall, type EgressFirewallProps } from './egress-firewall';
import { FlowLogDestination } from './flow-log-destination';
import { PlannedIpAddresses } from './planned-ip-addresses';
import { pascal, vpcNameTag } from '../names';
import { PROPAGATES_INTO, routeTableOf, type Segment } from './segmentation';
import type { TransitGatewayHub } from './transit-gateway-hub';

/** The VPC itself: its name, block, subnet tiers and endpoints. */
export interface LandingZoneVpcSpec {
  /** Stable name: with the prefix, the VPC's Name tag; construct IDs of its parts derive from tier names. */
  readonly name: string;
  readonly cidr: string;
  /** The egress VPC has an internet gateway and the NAT gateways; every other VPC reaches out through it. */
  readonly egress: boolean;
  readonly subnets: readonly SubnetTier[];
  /**
   * AWS services reached privately: `s3` and `dynamodb` as gateway endpoints on every workload tier,
   * the rest as interface endpoints in the first private or isolated tier. @default - none
   */
  readonly endpoints?: readonly string[];
}

export interface LandingZoneVpcProps {
  readonly spec: LandingZoneVpcSpec;
  readonly namePrefix: string;
  readonly segment: Segment;
  readonly availabilityZones: readonly string[];
  readonly hub: TransitGatewayHub;
  /** Internal destinations (AWS space and on-premises) that isolated tiers reach through the hub. */
  readonly internalCidrs: readonly string[];
  /** The AWS address space, routed back to the hub from the egress VPC's public subnets. */
  readonly awsAddressSpace: readonly string[];
  /** Only for the egress VPC, where it is required: how many NAT gateways to run. @default - none */
  readonly natGateways?: number;
  readonly flowLogs: {
    readonly destination: FlowLogDestination;
    readonly trafficType: 'ALL' | 'ACCEPT' | 'REJECT';
    readonly maxAggregationIntervalSeconds: number;
  };
  /**
   * Whose principals and resources the endpoints carry requests for (the organisation, or the
   * landing zone's accounts): every endpoint gets a policy bounded to it.
   */
  readonly endpointBoundary: EndpointBoundary;
  /** Account the VPC's workload subnets are shared with through AWS RAM. @default - not shared (the network account's own) */
  readonly shareWithAccount?: string;
  /**
   * Only for the egress VPC, which then needs a firewall tier: AWS Network Firewall between the
   * Transit Gateway and the NAT gateways, with endpoints in the NAT gateways' zones.
   * @default - central egress is not inspected
   */
  readonly networkFirewall?: Omit<EgressFirewallProps, 'vpcId' | 'subnets' | 'namePrefix'>;
  /**
   * Further destinations a tier reaches through the hub, e.g. the NCSC Protective DNS resolvers,
   * which the outbound Resolver endpoint in an isolated tier reaches through central egress.
   * @default - none
   */
  readonly additionalHubRoutes?: readonly {
    readonly tier: string;
    readonly destinations: readonly string[];
  }[];
}

/** Where a route sends its traffic: the Transit Gateway, or an endpoint of the egress firewall. */
type RouteTarget = { readonly transitGatewayId: string } | { readonly vpcEndpointId: string };

const GATEWAY_SERVICES: Readonly<Record<string, ec2.GatewayVpcEndpointAwsService>> = {
  s3: ec2.GatewayVpcEndpointAwsService.S3,
  dynamodb: ec2.GatewayVpcEndpointAwsService.DYNAMODB,
};

/**
 * One VPC of the landing zone: subnets laid out from the validated address plan, no public IPs on
 * launch, the default security group stripped, a Transit Gateway attachment in the transit tier
 * with explicit association and propagation, flow logs to an encrypted log group, and endpoints.
 */
export class LandingZoneVpc extends Construct {
  readonly vpc: ec2.Vpc;
  readonly attachment: ec2.CfnTransitGatewayVpcAttachment;
  readonly segment: Segment;
  /** The egress firewall, when central egress is inspected. */
  readonly firewall?: EgressFirewall;

  constructor(scope: Construct, id: string, props: LandingZoneVpcProps) {
    super(scope, id);
    const config = props.spec;
    const isEgress = config.egress;
    if (isEgress && props.natGateways === undefined) {
      throw new Error(`VPC ${config.name}: the egress VPC needs natGateways`);
    }
    const firewallTier = config.subnets.find((t) => t.type === 'firewall');
    if (props.networkFirewall !== undefined && (!isEgress || firewallTier === undefined)) {
      throw new Error(
        `VPC ${config.name}: only the egress VPC, with a firewall tier, takes a network firewall`,
      );
    }
    const plan = planSubnets(cidr(config.cidr), config.subnets, props.availabilityZones);
    if (plan.problems.length > 0) {
      throw new Error(`VPC ${config.name}: ${plan.problems.map((p) => p.message).join('; ')}`);
    }
    this.segment = props.segment;
    const fullName = vpcNameTag(props.namePrefix, config.name);

    const publicTier = config.subnets.find((t) => t.type === 'public');
    // The default provider, named so the gateways' zones and IDs can be read back for the firewall's routes.
    const natProvider = ec2.NatProvider.gateway();
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      vpcName: fullName,
      ipAddresses: new PlannedIpAddresses(config.cidr, plan.subnets),
      availabilityZones: [...props.availabilityZones],
      enableDnsHostnames: true,
      enableDnsSupport: true,
      restrictDefaultSecurityGroup: true,
      createInternetGateway: isEgress,
      natGateways: isEgress ? props.natGateways : 0,
      natGatewayProvider: natProvider,
      natGatewaySubnets: publicTier ? { subnetGroupName: publicTier.name } : undefined,
      subnetConfiguration: config.subnets.map((tier) => ({
        name: tier.name,
        cidrMask: tier.cidrMask,
        subnetType: cdkSubnetType(tier, isEgress),
        mapPublicIpOnLaunch: tier.type === 'public' ? false : undefined,
      })),
    });

    // Deleting a stack must never take a network (and everything in it) with it.
    this.vpc.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.logDefaultSecurityGroupHandler(fullName);
    for (const subnet of [
      ...this.vpc.publicSubnets,
      ...this.vpc.privateSubnets,
      ...this.vpc.isolatedSubnets,
    ]) {
      if (subnet instanceof ec2.Subnet) {
        subnet.applyRemovalPolicy(RemovalPolicy.RETAIN);
        Validations.of(subnet).acknowledge({
          id: 'CloudFormation-Validate::W3010',
          reason:
            'Zones are named in configuration on purpose: synth stays offline and deterministic, and the address plan ' +
            'reviewed by the network team maps each subnet block to a known zone.',
        });
      }
    }

    if (publicTier) {
      for (const subnet of this.vpc.publicSubnets) {
        const defaultRoute = subnet.node.tryFindChild('DefaultRoute');
        if (defaultRoute) {
          Validations.of(defaultRoute).acknowledge({
            id: 'NIST.800.53.R5::NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW',
            reason:
              "The egress VPC is the landing zone's declared internet exit: its public subnets hold only the NAT gateways, " +
              'launch nothing with a public IP, and no spoke has an internet gateway.',
          });
        }
      }
    }

    const transitTier = config.subnets.find((t) => t.type === 'transit');
    if (!transitTier) {
      throw new Error(`VPC ${config.name}: needs a transit tier`);
    }
    this.attachment = new ec2.CfnTransitGatewayVpcAttachment(this, 'Attachment', {
      transitGatewayId: props.hub.transitGateway.ref,
      vpcId: this.vpc.vpcId,
      subnetIds: this.vpc.selectSubnets({ subnetGroupName: transitTier.name }).subnetIds,
      options: { DnsSupport: 'enable', Ipv6Support: 'disable' },
      tags: [{ key: 'Name', value: fullName }],
    });
    new ec2.CfnTransitGatewayRouteTableAssociation(this, 'Association', {
      transitGatewayAttachmentId: this.attachment.ref,
      transitGatewayRouteTableId: routeTableOf(props.hub.routeTables, props.segment).ref,
    });
    for (const target of PROPAGATES_INTO[props.segment]) {
      // An on-demand segment's table exists only while a site is in it; until then nothing there needs a route.
      const table = props.hub.routeTables[target];
      if (table === undefined) continue;
      new ec2.CfnTransitGatewayRouteTablePropagation(this, `PropagationTo${pascal(target)}`, {
        transitGatewayAttachmentId: this.attachment.ref,
        transitGatewayRouteTableId: table.ref,
      });
    }

    if (props.networkFirewall !== undefined && firewallTier !== undefined) {
      this.firewall = this.inspectEgress(props, props.networkFirewall, firewallTier, natProvider);
    }
    this.addHubRoutes(props, isEgress);
    this.addFlowLogs(props);
    this.addEndpoints(config, props.endpointBoundary);
    if (props.shareWithAccount !== undefined) {
      this.shareSubnets(config, fullName, props.shareWithAccount);
    }
  }

  private addHubRoutes(props: LandingZoneVpcProps, isEgress: boolean): void {
    const toHub: RouteTarget = { transitGatewayId: props.hub.transitGateway.ref };
    for (const tier of props.spec.subnets) {
      const extra = (props.additionalHubRoutes ?? []).filter((r) => r.tier === tier.name);
      const destinations = [
        ...new Set([...hubDestinations(tier, isEgress, props), ...extra.flatMap((r) => r.destinations)]),
      ];
      this.vpc.selectSubnets({ subnetGroupName: tier.name }).subnets.forEach((subnet, i) => {
        const routeTableId = subnet.routeTable.routeTableId;
        // With the firewall, return traffic from the NAT gateways goes back through it, not straight to the hub.
        const target: RouteTarget =
          this.firewall !== undefined && tier.type === 'public'
            ? { vpcEndpointId: this.firewall.endpointIn(subnet.availabilityZone) }
            : toHub;
        for (const destination of destinations) {
          const route = new ec2.CfnRoute(
            this,
            `${pascal(tier.name)}${i + 1}To${destination.replace(/[./]/g, '-')}`,
            { routeTableId, destinationCidrBlock: destination, ...target },
          );
          if ('transitGatewayId' in target) {
            // A route to a Transit Gateway is rejected until the VPC is attached to it.
            route.addResourceDependency(this.attachment);
          }
        }
      });
    }
  }

  /**
   * Puts the firewall between the Transit Gateway and the NAT gateways: the transit tier's default
   * route goes to the firewall endpoint of its zone, the firewall tier's default route to the NAT
   * gateway of its zone (the firewall tier's routes back to the hub come from addHubRoutes), and the
   * public tier sends the AWS address space back through the firewall, so both directions of a flow
   * pass the same endpoint. The firewall has endpoints only where NAT gateways run: with a single
   * NAT gateway, every zone uses the first zone's endpoint, as it uses its NAT gateway.
   */
  private inspectEgress(
    props: LandingZoneVpcProps,
    options: NonNullable<LandingZoneVpcProps['networkFirewall']>,
    firewallTier: SubnetTier,
    natProvider: ec2.NatProvider,
  ): EgressFirewall {
    const natZones = natProvider.configuredGateways.map((g) => g.az);
    const firewallSubnets = this.vpc.selectSubnets({ subnetGroupName: firewallTier.name }).subnets;
    const firewall = new EgressFirewall(this, 'NetworkFirewall', {
      ...options,
      namePrefix: props.namePrefix,
      vpcId: this.vpc.vpcId,
      subnets: firewallSubnets
        .filter((s) => natZones.includes(s.availabilityZone))
        .map((s) => ({ subnetId: s.subnetId, availabilityZone: s.availabilityZone })),
    });
    for (const subnet of this.vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).subnets) {
      const route = subnet.node.tryFindChild('DefaultRoute');
      if (!(route instanceof ec2.CfnRoute)) {
        throw new Error(`VPC ${props.spec.name}: subnet ${subnet.node.id} has no default route to redirect`);
      }
      // Re-targeted in place: a new route for the same destination would clash with this one while both exist.
      route.natGatewayId = undefined;
      route.vpcEndpointId = firewall.endpointIn(subnet.availabilityZone);
    }
    firewallSubnets.forEach((subnet, i) => {
      const gateway =
        natProvider.configuredGateways.find((g) => g.az === subnet.availabilityZone) ??
        natProvider.configuredGateways[0];
      if (gateway === undefined) {
        throw new Error(`VPC ${props.spec.name}: no NAT gateway for the firewall to send traffic on to`);
      }
      new ec2.CfnRoute(this, `${pascal(firewallTier.name)}${i + 1}Default`, {
        routeTableId: subnet.routeTable.routeTableId,
        destinationCidrBlock: '0.0.0.0/0',
        natGatewayId: gateway.gatewayId,
      });
    });
    return firewall;
  }

  private addFlowLogs(props: LandingZoneVpcProps): void {
    const { destination } = props.flowLogs;
    new ec2.CfnFlowLog(this, 'FlowLog', {
      resourceId: this.vpc.vpcId,
      resourceType: 'VPC',
      trafficType: props.flowLogs.trafficType,
      logDestinationType: 'cloud-watch-logs',
      logGroupName: destination.logGroup.logGroupName,
      deliverLogsPermissionArn: destination.deliveryRole.roleArn,
      maxAggregationInterval: props.flowLogs.maxAggregationIntervalSeconds,
      tags: [{ key: 'Name', value: vpcNameTag(props.namePrefix, props.spec.name) }],
    });
  }

  /**
   * The handler aws-cdk-lib deploys to strip the default security group writes to a log group it
   * creates on first run: unencrypted, kept forever, outside the stack. Pointing it at an encrypted
   * group with a retention keeps what it did (and any failure) as evidence like every other log.
   */
  private logDefaultSecurityGroupHandler(fullName: string): void {
    const provider = Stack.of(this).node.tryFindChild('Custom::VpcRestrictDefaultSGCustomResourceProvider');
    const handler = provider?.node.tryFindChild('Handler');
    if (!(handler instanceof CfnResource)) {
      return;
    }
    const logs = new EncryptedLogGroup(this, 'DefaultSecurityGroupHandlerLogs', {
      logGroupName: `/${fullName}/default-security-group-handler`,
      purpose: 'the logs of the handler that strips the default security group',
    });
    handler.addPropertyOverride('LoggingConfig', { LogGroup: logs.logGroup.logGroupName });
  }

  private addEndpoints(config: LandingZoneVpcSpec, boundary: EndpointBoundary): void {
    const stack = Stack.of(this);
    const endpoints = config.endpoints ?? [];
    const workloadTiers = config.subnets.filter((t) => t.type === 'private' || t.type === 'isolated');
    const interfaces = endpoints.filter((service) => GATEWAY_SERVICES[service] === undefined);
    for (const service of endpoints) {
      const gateway = GATEWAY_SERVICES[service];
      if (gateway) {
        const endpoint = this.vpc.addGatewayEndpoint(`${pascal(service)}Endpoint`, {
          service: gateway,
          subnets: workloadTiers.map((t) => ({ subnetGroupName: t.name })),
        });
        // Without a policy the endpoint carries any request, to any bucket or table of any account.
        for (const statement of gatewayEndpointStatements(
          service as 's3' | 'dynamodb',
          boundary,
          stack.region,
          stack.partition,
        )) {
          endpoint.addToPolicy(statement);
        }
      }
    }
    const endpointTier = workloadTiers[0];
    if (interfaces.length === 0 || !endpointTier) {
      return;
    }
    const securityGroup = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc: this.vpc,
      description: `HTTPS from ${config.name} to its interface endpoints`,
      allowAllOutbound: false,
    });
    securityGroup.addIngressRule(ec2.Peer.ipv4(config.cidr), ec2.Port.tcp(443), `HTTPS from ${config.name}`);
    for (const service of interfaces) {
      const endpoint = this.vpc.addInterfaceEndpoint(`${pascal(service.replace('.', '-'))}Endpoint`, {
        service: new ec2.InterfaceVpcEndpointAwsService(service),
        subnets: { subnetGroupName: endpointTier.name },
        securityGroups: [securityGroup],
        privateDnsEnabled: true,
        open: false,
      });
      for (const statement of interfaceEndpointStatements(boundary)) {
        endpoint.addToPolicy(statement);
      }
    }
  }

  private shareSubnets(config: LandingZoneVpcSpec, fullName: string, accountId: string): void {
    const stack = Stack.of(this);
    const shared = config.subnets
      .filter((t) => t.type !== 'transit')
      .flatMap((t) => this.vpc.selectSubnets({ subnetGroupName: t.name }).subnetIds);
    const share = new ram.CfnResourceShare(this, 'SubnetShare', {
      name: `${fullName}-subnets`,
      allowExternalPrincipals: false,
      principals: [accountId],
      resourceArns: shared.map((subnetId) =>
        stack.formatArn({ service: 'ec2', resource: 'subnet', resourceName: subnetId }),
      ),
    });
    Tags.of(share).add('Name', `${fullName}-subnets`);
  }
}

function cdkSubnetType(tier: SubnetTier, isEgress: boolean): ec2.SubnetType {
  switch (tier.type) {
    case 'public':
      return ec2.SubnetType.PUBLIC;
    case 'isolated':
      return ec2.SubnetType.PRIVATE_ISOLATED;
    case 'private':
    case 'transit':
      // In the egress VPC these route to the NAT gateways; elsewhere the default route is ours, via the hub.
      return isEgress ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PRIVATE_ISOLATED;
    case 'firewall':
      // Its routes (on to the NAT gateways, back to the hub) are the firewall's own, written by LandingZoneVpc.
      return ec2.SubnetType.PRIVATE_ISOLATED;
  }
}

function hubDestinations(tier: SubnetTier, isEgress: boolean, props: LandingZoneVpcProps): readonly string[] {
  if (isEgress) {
    // Return traffic to the spokes: from the NAT gateways, or from the firewall when it inspects egress.
    const returnsToSpokes =
      tier.type === 'public' || (tier.type === 'firewall' && props.networkFirewall !== undefined);
    return returnsToSpokes ? props.awsAddressSpace : [];
  }
  switch (tier.type) {
    case 'private':
      return ['0.0.0.0/0'];
    case 'isolated':
      return props.internalCidrs;
    default:
      return [];
  }
}
