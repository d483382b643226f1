import * as logs from 'aws-cdk-lib/aws-logs';
import type { AccountConfig, LandingZoneConfig, VpcConfig } from '../lib/config/schema';
import { cidr } from '../lib/ipv4';
import { planSubnets } from '../lib/network/address-plan';
import { toRetentionDays } from '../lib/network/log-retention';
import { segmentOfVpc, type Segment } from '../lib/network/segmentation';
import type { SharedVpcImportsProps } from '../lib/network/shared-vpc-parameters';
import type { DatabaseAuditArchive } from '../lib/data/sqlserver-audit';
import { securityBaselineModel } from '../lib/security-baseline/model';

/** Facts derived once from a validated configuration and shared by every stack. */
export interface LandingZoneContext {
  readonly config: LandingZoneConfig;
  readonly prefix: string;
  readonly region: string;
  readonly networkAccount: AccountConfig;
  accountByName(name: string): AccountConfig;
  segmentOf(vpc: VpcConfig): Segment;
  zonesOf(vpc: VpcConfig): readonly string[];
  /** The blocks of one tier of a VPC, one per zone, from the address plan. */
  tierCidrs(vpcName: string, tierName: string): readonly string[];
  readonly internalCidrs: readonly string[];
  readonly flowLogRetention: logs.RetentionDays;
  /** How workload-account stacks import the network account's VPCs (lib/network/shared-vpc-parameters.ts). */
  readonly sharedVpcs: SharedVpcImportsProps;
  /** Where SQL Server Audit files are replicated: the log archive, when there is a security baseline. */
  readonly databaseAuditArchive: DatabaseAuditArchive | undefined;
}

export function landingZoneContext(config: LandingZoneConfig): LandingZoneContext {
  const accounts = new Map(config.accounts.map((a) => [a.name, a]));
  const accountByName = (name: string): AccountConfig => {
    const account = accounts.get(name);
    if (!account) {
      throw new Error(`unknown account ${name} (the configuration should have been validated)`);
    }
    return account;
  };
  const networkAccount = config.accounts.find((a) => a.role === 'network');
  if (!networkAccount) {
    throw new Error('no network account (the configuration should have been validated)');
  }
  const flow = config.network.flowLogs;
  const vpcByName = (vpcName: string): VpcConfig => {
    const vpc = config.network.vpcs.find((v) => v.name === vpcName);
    if (!vpc) {
      throw new Error(`unknown VPC ${vpcName} (the configuration should have been validated)`);
    }
    return vpc;
  };
  const zonesOf = (vpc: VpcConfig): readonly string[] =>
    vpc.availabilityZones ?? config.network.availabilityZones;
  const baseline = securityBaselineModel(config);
  return {
    config,
    prefix: config.organisation.shortName,
    region: config.organisation.homeRegion,
    networkAccount,
    accountByName,
    segmentOf: (vpc) => segmentOfVpc(vpc.purpose, accountByName(vpc.account).role),
    zonesOf,
    tierCidrs: (vpcName, tierName) => {
      const vpc = vpcByName(vpcName);
      return planSubnets(cidr(vpc.cidr), vpc.subnets, zonesOf(vpc))
        .subnets.filter((s) => s.tier === tierName)
        .map((s) => s.cidr.text);
    },
    internalCidrs: [...config.network.awsAddressSpace, ...config.network.onPremisesRanges.map((r) => r.cidr)],
    flowLogRetention: toRetentionDays(flow.retentionDays),
    sharedVpcs: {
      prefix: config.organisation.shortName,
      networkAccount: networkAccount.id,
      region: config.organisation.homeRegion,
      zonesOf: (vpcName) => zonesOf(vpcByName(vpcName)),
    },
    databaseAuditArchive: baseline && {
      account: baseline.logArchive.id,
      bucketName: baseline.archiveBucketName,
      keyAliasArn: `arn:aws:kms:${baseline.homeRegion}:${baseline.logArchive.id}:${baseline.archiveKeyAlias}`,
    },
  };
}

/** RetentionDays' values are the day counts CloudWatch accepts, which the schema already enforces. */
