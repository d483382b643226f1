import { CfnTag } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as mgn from 'aws-cdk-lib/aws-mgn';
import { Construct } from 'constructs';
import { acknowledgeMgnResourceType } from './acknowledge-mgn';

/** The largest throttle MGN accepts, Mbps (CreateReplicationConfigurationTemplate: 0 to 10,000; 0 means none). */
const MAX_THROTTLE_MBPS = 10_000;

export interface MgnReplicationTemplateProps {
  /** The subnet the replication servers and staging disks go in (an isolated subnet of the target VPC). */
  readonly stagingSubnetId: string;
  /** The replication servers' security groups (TCP 1500 from the sites, HTTPS to the endpoints). */
  readonly securityGroups: readonly ec2.ISecurityGroup[];
  /** Encrypts the staging disks and snapshots. */
  readonly encryptionKey: kms.IKey;
  /** Outbound rate of each source server's agent, Mbps (1 to 10,000): its share of the site's VPN. */
  readonly bandwidthThrottleMbps: number;
  /**
   * Replication over the VPN to the replication servers' private addresses, with no public IP.
   * false sends it over the internet to a public IP instead. @default true
   */
  readonly privateConnectivity?: boolean;
  /** @default 't3.small' (MGN's default; each serves up to 15 disks) */
  readonly replicationServerInstanceType?: string;
  /** One replication server per source server, for servers with heavy writes. @default false */
  readonly dedicatedReplicationServer?: boolean;
  /** EBS type of large staging disks: GP3, GP2 or ST1. @default 'GP3' */
  readonly largeStagingDiskType?: 'GP3' | 'GP2' | 'ST1';
  /** Tags of the replication servers, staging disks and snapshots. @default - none */
  readonly stagingAreaTags?: Readonly<Record<string, string>>;
  /** Tags of the template itself. @default - none */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * An AWS Application Migration Service replication configuration template: how the source servers
 * of one site and wave replicate into the account. Secure by default: private connectivity over the
 * VPN, no public IP, staging disks encrypted with a customer-managed key, only the given security
 * groups (not MGN's default group, which is open to the internet on TCP 1500), and the agents
 * throttled to the site's share.
 */
export class MgnReplicationTemplate extends Construct {
  readonly template: mgn.CfnReplicationConfigurationTemplate;

  constructor(scope: Construct, id: string, props: MgnReplicationTemplateProps) {
    super(scope, id);
    const throttle = props.bandwidthThrottleMbps;
    if (!Number.isInteger(throttle) || throttle < 1 || throttle > MAX_THROTTLE_MBPS) {
      throw new Error(
        `MgnReplicationTemplate ${id}: bandwidthThrottleMbps must be a whole number from 1 to ${MAX_THROTTLE_MBPS}, got ${throttle}`,
      );
    }
    if (props.securityGroups.length === 0) {
      throw new Error(`MgnReplicationTemplate ${id}: give the replication servers a security group`);
    }
    const privateConnectivity = props.privateConnectivity ?? true;
    this.template = new mgn.CfnReplicationConfigurationTemplate(this, 'Template', {
      associateDefaultSecurityGroup: false,
      replicationServersSecurityGroupsIDs: props.securityGroups.map((g) => g.securityGroupId),
      stagingAreaSubnetId: props.stagingSubnetId,
      dataPlaneRouting: privateConnectivity ? 'PRIVATE_IP' : 'PUBLIC_IP',
      createPublicIp: !privateConnectivity,
      bandwidthThrottling: throttle,
      replicationServerInstanceType: props.replicationServerInstanceType ?? 't3.small',
      useDedicatedReplicationServer: props.dedicatedReplicationServer ?? false,
      defaultLargeStagingDiskType: props.largeStagingDiskType ?? 'GP3',
      ebsEncryption: 'CUSTOM',
      ebsEncryptionKeyArn: props.encryptionKey.keyArn,
      stagingAreaTags: { ...(props.stagingAreaTags ?? {}) },
      tags: Object.entries(props.tags ?? {}).map(([key, value]): CfnTag => ({ key, value })),
    });
    acknowledgeMgnResourceType(this.template);
  }
}
