import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { BackupTierConfig } from '../lib/config/schema-data-protection';
import type { CouncilDatabaseProps } from '../lib/data/council-database';
import type { PlannedRdsDatabase } from '../lib/data/planned-databases';
import type { DatabaseAuditArchive } from '../lib/data/sqlserver-audit';

/**
 * A planned RDS database (from dataProtection.databases or a wave file) as CouncilDatabase builds
 * it, in the isolated subnets of its VPC, backed up by its tier and copyable to the backup account.
 */
export function councilDatabaseProps(
  planned: PlannedRdsDatabase,
  placement: {
    readonly namePrefix: string;
    readonly vpc: ec2.IVpc;
    readonly tier: BackupTierConfig;
    readonly backupAccountId: string;
    /** Where SQL Server Audit files are replicated; undefined without a security baseline. */
    readonly auditArchive: DatabaseAuditArchive | undefined;
  },
): CouncilDatabaseProps {
  const { vpc, tier } = placement;
  return {
    workload: planned.workload,
    databaseName: planned.name,
    namePrefix: placement.namePrefix,
    engine: planned.engine,
    edition: planned.edition,
    version: planned.version,
    licence: planned.licence,
    instanceType: new ec2.InstanceType(planned.instanceClass.replace(/^db\./, '')),
    allocatedStorageGiB: planned.allocatedStorageGiB,
    maxAllocatedStorageGiB: planned.maxAllocatedStorageGiB,
    vpc,
    subnets: { subnets: vpc.isolatedSubnets },
    production: planned.production,
    backupTier: tier.name,
    pointInTimeRecovery: Duration.days(tier.pointInTimeRecoveryDays),
    recoveryTargets: {
      rpoMinutes: planned.rpoMinutes,
      rtoMinutes: planned.rtoMinutes,
      ...(planned.regionLoss === undefined ? {} : { regionLoss: planned.regionLoss }),
    },
    copyDestinationAccounts: [placement.backupAccountId],
    classification: planned.classification,
    ...(placement.auditArchive === undefined ? {} : { auditArchive: placement.auditArchive }),
    ...(planned.extensions === undefined ? {} : { extensions: planned.extensions }),
  };
}
