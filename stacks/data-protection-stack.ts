import type { StackProps } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import type { Construct } from 'constructs';
import { acknowledgeTagBasedBackup } from '../lib/backup/acknowledge-tag-selection';
import { BackupAuditFramework } from '../lib/backup/audit-framework';
import { BackupNotificationTopic } from '../lib/backup/backup-notification-topic';
import { TierRestoreTesting } from '../lib/backup/restore-testing';
import { TierBackupPlan } from '../lib/backup/tier-backup-plan';
import { backupVaultArn, centralVaultName, drVaultName, workloadVaultName } from '../lib/backup/vault-names';
import { LockedBackupVault } from '../lib/backup/locked-backup-vault';
import { partitionOf } from '../lib/config/partition';
import { isRegionAllowed } from '../lib/config/regions';
import type { AccountConfig } from '../lib/config/schema';
import type { DataProtectionConfig } from '../lib/config/schema-data-protection';
import { CouncilDatabase } from '../lib/data/council-database';
import { maxIntervalMinutes } from '../lib/dr/cron';
import { pascal } from '../lib/names';
import { SharedVpcImports } from '../lib/network/shared-vpc-parameters';
import type { LandingZoneContext } from './landing-zone-context';
import { copyTo, tierPlanProps, tierRestoreTestProps, vaultLock } from './backup-props';
import { councilDatabaseProps } from './database-props';
import { plannedRdsDatabases } from '../lib/waves/migration-plan';
import { LandingZoneStack } from './landing-zone-stack';

export interface DataProtectionStackProps extends StackProps {
  readonly lz: LandingZoneContext;
  readonly dataProtection: DataProtectionConfig;
  /** The workload account (role production or non-production) this stack deploys into. */
  readonly account: AccountConfig;
  readonly backupAccount: AccountConfig;
}

/**
 * The data of one workload account: its locked vault, a backup plan and restore test per tier,
 * the audit framework, failure notifications, and the databases of dataProtection.databases (those
 * no migrating workload owns; a workload's own databases are built in its workloads stack) in the
 * VPC the network account shares with it. The tier plans select by tag across the whole account. Stateful, so it is a stack of its own with termination protection.
 */
export class DataProtectionStack extends LandingZoneStack {
  readonly vault: LockedBackupVault;
  readonly databases: Readonly<Record<string, CouncilDatabase>>;

  constructor(scope: Construct, id: string, props: DataProtectionStackProps) {
    super(scope, id, { ...props, availabilityZones: props.lz.config.network.availabilityZones });
    const { lz, dataProtection: dp, account, backupAccount } = props;
    const production = account.role === 'production';
    const org = lz.config.organisation;

    const notifications = new BackupNotificationTopic(this, 'BackupNotifications', {
      topicName: `${lz.prefix}-backup-failures`,
      email: dp.notifications.email,
    });
    this.vault = new LockedBackupVault(this, 'BackupVault', {
      vaultName: workloadVaultName(lz.prefix, account.name),
      lock: vaultLock(production ? dp.vaults.production : dp.vaults.nonProduction),
      notificationTopic: notifications.topic,
    });

    const centralVault = backup.BackupVault.fromBackupVaultArn(
      this,
      'CentralVault',
      backupVaultArn(partitionOf(lz.region), lz.region, backupAccount.id, centralVaultName(lz.prefix)),
    );
    // Defence in depth: the validator already refuses DR copies that break data residency.
    if (org.drRegion !== undefined && !isRegionAllowed(org.dataResidency, org.drRegion)) {
      if (dp.tiers.some((t) => t.copyToDrRegion)) {
        throw new Error(`copies to ${org.drRegion} would break dataResidency ${org.dataResidency}`);
      }
    }
    const drVault =
      org.drRegion !== undefined && dp.vaults.drRegion !== undefined
        ? backup.BackupVault.fromBackupVaultArn(
            this,
            'DrRegionVault',
            backupVaultArn(partitionOf(org.drRegion), org.drRegion, backupAccount.id, drVaultName(lz.prefix)),
          )
        : undefined;

    const accountVpc = lz.config.network.vpcs.find(
      (v) => v.account === account.name && v.purpose === 'workload',
    );
    const networks = new SharedVpcImports(this, lz.sharedVpcs);
    const networkFor = (vpcName: string, tier: string): ec2.IVpc => networks.import(vpcName, tier).isolated;

    // Restored copies from restore tests land in the isolated tier, reachable by nothing.
    let restoreTarget: { subnetGroup: rds.SubnetGroup; securityGroup: ec2.SecurityGroup } | undefined;
    const dataTier = accountVpc?.subnets.find((t) => t.type === 'isolated');
    if (accountVpc && dataTier) {
      const vpc = networkFor(accountVpc.name, dataTier.name);
      restoreTarget = {
        subnetGroup: new rds.SubnetGroup(this, 'RestoreTestSubnets', {
          subnetGroupName: `${lz.prefix}-restore-tests`,
          description: 'Isolated subnets for databases restored by AWS Backup restore tests',
          vpc,
          vpcSubnets: { subnets: vpc.isolatedSubnets },
        }),
        securityGroup: new ec2.SecurityGroup(this, 'RestoreTestSecurityGroup', {
          vpc,
          description: 'Databases restored by restore tests: no inbound or outbound traffic',
          allowAllOutbound: false,
        }),
      };
    }

    for (const tier of dp.tiers) {
      new TierBackupPlan(this, `${pascal(tier.name)}BackupPlan`, {
        planName: `${lz.prefix}-${tier.name}`,
        ...tierPlanProps(tier),
        vault: this.vault.vault,
        backupAccountCopy: copyTo(centralVault, tier.copyToBackupAccount),
        drRegionCopy: tier.copyToDrRegion && drVault ? copyTo(drVault, tier.copyToDrRegion) : undefined,
      });
      new TierRestoreTesting(this, `${pascal(tier.name)}RestoreTesting`, {
        planName: `${lz.prefix}-${tier.name}-restore-tests`,
        ...tierRestoreTestProps(tier),
        vault: this.vault.vault,
        dbSubnetGroupName: restoreTarget?.subnetGroup.subnetGroupName,
        securityGroupIds: restoreTarget ? [restoreTarget.securityGroup.securityGroupId] : undefined,
      });
    }

    new BackupAuditFramework(this, 'BackupAudit', {
      frameworkName: `${lz.prefix.replace(/-/g, '_')}_data_protection`,
      minimumRetentionDays: Math.min(...dp.tiers.map((t) => t.retentionDays)),
      // The newest recovery point may be as old as the longest schedule gap plus its completion window.
      maximumRecoveryPointAgeHours: Math.max(
        ...dp.tiers.map((t) => Math.ceil((maxIntervalMinutes(t.schedule) + t.completionWindowMinutes) / 60)),
      ),
      backupAccountId: backupAccount.id,
      drRegion: dp.tiers.some((t) => t.copyToDrRegion) ? org.drRegion : undefined,
    });

    const planned = new Map(plannedRdsDatabases(lz.config).map((d) => [`${d.workload}/${d.name}`, d]));
    const appGroups = new Map<string, ec2.SecurityGroup>();
    const databases: Record<string, CouncilDatabase> = {};
    for (const db of dp.databases.filter((d) => d.account === account.name)) {
      const tier = dp.tiers.find((t) => t.name === db.tier);
      if (!tier) {
        throw new Error(`unknown tier ${db.tier} (the configuration should have been validated)`);
      }
      const vpc = networkFor(db.vpc, db.subnetTier);
      const allowedGroups: Record<string, ec2.ISecurityGroup> = {};
      for (const name of db.allowedSecurityGroups) {
        let group = appGroups.get(name);
        if (group === undefined) {
          group = new ec2.SecurityGroup(this, `${pascal(name)}SecurityGroup`, {
            vpc,
            securityGroupName: `${lz.prefix}-${name}`,
            description: `Application security group ${name}; attach it to the servers of the application`,
            allowAllOutbound: false,
          });
          appGroups.set(name, group);
        }
        allowedGroups[name] = group;
      }
      const ranges = Object.fromEntries(
        db.allowedOnPremisesRanges.map((name) => {
          const range = lz.config.network.onPremisesRanges.find((r) => r.name === name);
          if (!range) {
            throw new Error(
              `unknown on-premises range ${name} (the configuration should have been validated)`,
            );
          }
          return [name, range.cidr];
        }),
      );
      const id = `${pascal(db.workload)}${pascal(db.name)}Database`;
      const plannedDb = planned.get(`${db.workload}/${db.name}`);
      if (!plannedDb) {
        throw new Error(`database ${db.workload}/${db.name} was not planned`);
      }
      const database = new CouncilDatabase(this, id, {
        ...councilDatabaseProps(plannedDb, {
          namePrefix: lz.prefix,
          vpc,
          tier,
          backupAccountId: backupAccount.id,
          auditArchive: lz.databaseAuditArchive,
        }),
        allowedSecurityGroups: allowedGroups,
        allowedOnPremisesRanges: ranges,
      });
      acknowledgeTagBasedBackup(database.instance, lz.prefix, tier.name);
      databases[`${db.workload}/${db.name}`] = database;
    }
    this.databases = databases;
  }
}
