import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

export interface ResolverEndpointSecurityGroupsProps {
  readonly vpc: ec2.IVpc;
  readonly namePrefix: string;
  /** The AWS address space: every VPC may query the inbound endpoint. */
  readonly awsAddressSpace: readonly string[];
  /** On-premises DNS servers: they query the inbound endpoint and answer the outbound one. */
  readonly dnsServerIps: readonly string[];
  /**
   * Public resolvers the outbound endpoint forwards internet names to (the NCSC Protective DNS).
   * @default - none
   */
  readonly publicResolverIps?: readonly string[];
}

/**
 * DNS-only security groups for the resolver endpoints. The inbound endpoint answers TCP and UDP
 * 53 from the AWS address space and the on-premises DNS servers and nobody else; the outbound
 * endpoint may talk only to the on-premises DNS servers (and, when internet names are forwarded,
 * the Protective DNS resolvers) on port 53. Replies are allowed by
 * connection tracking, so neither needs any other rule.
 */
export class ResolverEndpointSecurityGroups extends Construct {
  readonly inbound: ec2.SecurityGroup;
  readonly outbound: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: ResolverEndpointSecurityGroupsProps) {
    super(scope, id);
    this.inbound = new ec2.SecurityGroup(this, 'Inbound', {
      vpc: props.vpc,
      securityGroupName: `${props.namePrefix}-resolver-inbound`,
      description:
        'Route 53 Resolver inbound endpoint: DNS from the AWS address space and on-premises DNS servers',
      allowAllOutbound: false,
    });
    const sources = [
      ...props.awsAddressSpace.map((cidr) => ({ peer: cidr, what: `AWS address space ${cidr}` })),
      ...props.dnsServerIps.map((ip) => ({ peer: `${ip}/32`, what: `on-premises DNS server ${ip}` })),
    ];
    for (const { peer, what } of sources) {
      this.inbound.addIngressRule(ec2.Peer.ipv4(peer), ec2.Port.udp(53), `DNS (UDP) from ${what}`);
      this.inbound.addIngressRule(ec2.Peer.ipv4(peer), ec2.Port.tcp(53), `DNS (TCP) from ${what}`);
    }

    this.outbound = new ec2.SecurityGroup(this, 'Outbound', {
      vpc: props.vpc,
      securityGroupName: `${props.namePrefix}-resolver-outbound`,
      description: 'Route 53 Resolver outbound endpoint: DNS to the on-premises DNS servers only',
      allowAllOutbound: false,
    });
    const targets = [
      ...props.dnsServerIps.map((ip) => ({ ip, what: `on-premises DNS server ${ip}` })),
      ...(props.publicResolverIps ?? []).map((ip) => ({ ip, what: `NCSC Protective DNS ${ip}` })),
    ];
    for (const { ip, what } of targets) {
      this.outbound.addEgressRule(ec2.Peer.ipv4(`${ip}/32`), ec2.Port.udp(53), `DNS (UDP) to ${what}`);
      this.outbound.addEgressRule(ec2.Peer.ipv4(`${ip}/32`), ec2.Port.tcp(53), `DNS (TCP) to ${what}`);
    }
  }
}
