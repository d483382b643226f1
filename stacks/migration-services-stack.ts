import { Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { AccountConfig } from '../lib/config/schema';
import { siteNetworks } from '../lib/config/vpn-coverage';
import { councilKey } from '../lib/kms/council-key';
import { allowCloudWatchLogs } from '../lib/logging/allow-cloudwatch-logs';
import { pascal, TAGS } from '../lib/names';
import { SharedVpcImports } from '../lib/network/shared-vpc-parameters';
import { MgnLaunchTemplate } from '../lib/waves/infrastructure/mgn-launch-template';
import { MgnReplicationTemplate } from '../lib/waves/infrastructure/mgn-replication-template';
import { PostLaunchDocuments } from '../lib/waves/infrastructure/post-launch-documents';
import type { ReplicationGroup } from '../lib/waves/replication';
import type { LandingZoneContext } from './landing-zone-context';
import { LandingZoneStack } from './landing-zone-stack';

/** The MGN agent sends replicated data to the replication servers on this port (MGN network requirements). */
const MGN_REPLICATION_PORT = 1500;

/** One way MGN launches servers in the account: licence and sizing. */
export interface LaunchVariant {
  readonly osByol: boolean;
  /** NONE: the instance type planned per server (import file); BASIC: MGN sizes from the source. */
  readonly rightSizing: 'NONE' | 'BASIC';
}

export interface MigrationServicesStackProps extends StackProps {
  readonly lz: LandingZoneContext;
  readonly account: AccountConfig;
  /** The account's replication groups still to replicate (lib/waves/replication.ts). */
  readonly replication: readonly ReplicationGroup[];
  /** How the account's servers launch, from every server MGN moves into it. */
  readonly launchVariants: readonly LaunchVariant[];
  /** Whether DMS runs in the account, so its service roles must exist. */
  readonly dms: boolean;
}

export function launchVariantId(v: LaunchVariant): string {
  return `Launch${v.osByol ? 'Byol' : 'LicenceIncluded'}${v.rightSizing === 'NONE' ? 'AsPlanned' : 'RightSized'}`;
}

/**
 * What one workload account needs to receive migrating servers and databases: the AWS MGN
 * replication templates (one per VPC, site and wave still to replicate: staging in the VPC's
 * isolated tier, private connectivity, the account's key, the site's throttle), the launch
 * templates with their post-launch actions, the replication servers' security group, and the two
 * service roles AWS DMS requires by name in any account where it runs.
 */
export class MigrationServicesStack extends LandingZoneStack {
  readonly replicationTemplates: Readonly<Record<string, MgnReplicationTemplate>>;
  readonly launchTemplates: Readonly<Record<string, MgnLaunchTemplate>>;
  /** VPCs whose shared parameters this stack reads (deployment order). */
  readonly sharedVpcs: readonly string[];
  /** The roles DMS needs (dms-vpc-role, dms-cloudwatch-logs-role), when it runs here. */
  readonly dmsRoles: readonly iam.Role[];

  constructor(scope: Construct, id: string, props: MigrationServicesStackProps) {
    super(scope, id, { ...props, availabilityZones: props.lz.config.network.availabilityZones });
    const { lz, account } = props;
    const stack = Stack.of(this);
    const key = councilKey(this, 'MigrationKey', {
      description: `Encrypts MGN staging disks, snapshots and launched volumes, post-launch parameters and logs in ${account.name}`,
    });
    allowCloudWatchLogs(key, 'AllowCloudWatchLogsForPostLaunchLogs', `/${lz.prefix}/migration/*`);
    // MGN creates the staging and launched volumes through EC2 with its service-linked role.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowMgnThroughEc2',
        principals: [
          new iam.ArnPrincipal(
            `arn:${stack.partition}:iam::${account.id}:role/aws-service-role/mgn.amazonaws.com/AWSServiceRoleForApplicationMigrationService`,
          ),
        ],
        actions: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          'kms:DescribeKey',
          'kms:CreateGrant',
        ],
        resources: ['*'],
        conditions: {
          StringEquals: {
            'kms:ViaService': `ec2.${stack.region}.amazonaws.com`,
            'kms:CallerAccount': account.id,
          },
          Bool: { 'kms:GrantIsForAWSResource': 'true' },
        },
      }),
    );

    const vpcs = new SharedVpcImports(this, lz.sharedVpcs);
    const groupsByVpc = new Map<string, ReplicationGroup[]>();
    for (const g of props.replication) {
      groupsByVpc.set(g.vpc, [...(groupsByVpc.get(g.vpc) ?? []), g]);
    }
    const templates: Record<string, MgnReplicationTemplate> = {};
    for (const [vpcName, groups] of [...groupsByVpc].sort(([a], [b]) => a.localeCompare(b))) {
      const isolatedTier = lz.config.network.vpcs
        .find((v) => v.name === vpcName)
        ?.subnets.find((t) => t.type === 'isolated')?.name;
      if (isolatedTier === undefined) {
        throw new Error(`VPC ${vpcName} has no isolated tier for MGN staging (validate the plan first)`);
      }
      // MGN's advice: one staging subnet for every wave (the first zone's isolated subnet).
      const imported = vpcs.import(vpcName, isolatedTier);
      const vpc = imported.vpc;
      const stagingSubnetId = imported.isolatedSubnetId(0);
      const securityGroup = new ec2.SecurityGroup(this, `${pascal(vpcName)}ReplicationServers`, {
        vpc,
        description: `MGN replication servers in ${vpcName}: agents at council sites in, HTTPS to the endpoints out`,
        allowAllOutbound: false,
      });
      const sites = [...new Map(groups.map((g) => [g.site.name, g.site])).values()].sort((a, b) =>
        a.name.localeCompare(b.name),
      );
      for (const site of sites) {
        for (const network of siteNetworks(site)) {
          securityGroup.addIngressRule(
            ec2.Peer.ipv4(network),
            ec2.Port.tcp(MGN_REPLICATION_PORT),
            `MGN agents at ${site.name} over the VPN`,
          );
        }
      }
      // The isolated tier routes nowhere but the VPC: HTTPS can only reach the MGN, EC2 and S3 endpoints.
      securityGroup.addEgressRule(
        ec2.Peer.anyIpv4(),
        ec2.Port.tcp(443),
        'HTTPS to the MGN, EC2 and S3 endpoints',
      );
      for (const g of groups) {
        if (g.throttleMbps === undefined) {
          throw new Error(`replication group ${g.key} has no throttle (validate the plan first)`);
        }
        const tags = { [TAGS.wave]: g.wave.id, [TAGS.site]: g.site.name };
        const heavy = g.streams.some((s) => s.server?.tier === 'db');
        templates[g.key] = new MgnReplicationTemplate(
          this,
          `${pascal(vpcName)}${pascal(g.site.name)}${pascal(g.wave.id)}Replication`,
          {
            stagingSubnetId,
            securityGroups: [securityGroup],
            encryptionKey: key,
            bandwidthThrottleMbps: g.throttleMbps,
            // Database servers write heavily: a larger replication server keeps the lag down.
            replicationServerInstanceType: heavy ? 'm5.large' : 't3.small',
            stagingAreaTags: tags,
            tags,
          },
        );
      }
    }
    this.replicationTemplates = templates;

    const launch: Record<string, MgnLaunchTemplate> = {};
    if (props.launchVariants.length > 0) {
      const documents = new PostLaunchDocuments(this, 'PostLaunch', { namePrefix: lz.prefix, key });
      for (const variant of props.launchVariants) {
        const id = launchVariantId(variant);
        launch[id] = new MgnLaunchTemplate(this, id, {
          osByol: variant.osByol,
          rightSizing: variant.rightSizing,
          postLaunchActions: documents.actions,
          postLaunchLogGroupName: documents.logGroup.logGroupName,
          parametersKey: key,
        });
      }
    }
    this.launchTemplates = launch;

    const roles: iam.Role[] = [];
    if (props.dms) {
      // DMS looks these roles up by name in the account before it creates a subnet group or writes task logs.
      const dmsPrincipal = new iam.ServicePrincipal('dms.amazonaws.com');
      for (const [name, policy, purpose] of [
        [
          'dms-vpc-role',
          'service-role/AmazonDMSVPCManagementRole',
          'manage the network interfaces of replication instances',
        ],
        [
          'dms-cloudwatch-logs-role',
          'service-role/AmazonDMSCloudWatchLogsRole',
          'write replication task logs',
        ],
      ] as const) {
        const role = new iam.Role(this, pascal(name), {
          roleName: name,
          assumedBy: dmsPrincipal,
          description: `Lets AWS DMS ${purpose} (a name DMS requires)`,
          managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(policy)],
        });
        Validations.of(role).acknowledge({
          id: `AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${policy}]`,
          reason: `AWS DMS requires a role named ${name} with this AWS-maintained policy in every account where it runs.`,
        });
        roles.push(role);
      }
    }
    this.dmsRoles = roles;
    this.sharedVpcs = vpcs.vpcNames;
  }
}
