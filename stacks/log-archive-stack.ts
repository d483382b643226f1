import type { Construct } from 'constructs';
import { expiryDays, onlineDays } from '../lib/config/schema-security-baseline';
import { toRetentionDays } from '../lib/network/log-retention';
import { LogArchiveBuckets } from '../lib/security-baseline/log-archive-buckets';
import { LogArchiveDestination } from '../lib/security-baseline/log-archive-destination';
import type { SecurityBaselineModel } from '../lib/security-baseline/model';
import { databaseAuditReplicationRolePath } from '../lib/names';
import { LandingZoneStack, type LandingZoneStackProps } from './landing-zone-stack';

export interface LogArchiveStackProps extends LandingZoneStackProps {
  readonly model: SecurityBaselineModel;
}

/**
 * The log-archive account: the Object Lock archive, the Config history bucket, their key and
 * access logs, and the CloudWatch Logs destination every account's log groups subscribe to.
 * Deployed first, because everything else writes here.
 */
export class LogArchiveStack extends LandingZoneStack {
  readonly buckets: LogArchiveBuckets;
  readonly destination: LogArchiveDestination;

  constructor(scope: Construct, id: string, props: LogArchiveStackProps) {
    super(scope, id, props);
    const { model } = props;
    this.buckets = new LogArchiveBuckets(this, 'Archive', {
      archiveBucketName: model.archiveBucketName,
      configBucketName: model.configBucketName,
      keyAlias: model.archiveKeyAlias,
      retention: {
        onlineDays: onlineDays(model.config.logArchive),
        retentionDays: expiryDays(model.config.logArchive),
        archiveStorageClass: model.config.logArchive.archiveStorageClass,
      },
      organisationId: model.organisationId,
      managementAccountId: model.management.id,
      trailName: model.trailName,
      trailRegion: model.homeRegion,
      securityAccountId: model.security.id,
      breakGlassRoleName: model.breakGlassRoleName,
      configRecorderRoleName: model.configRecorderRoleName,
      databaseAuditReplicationRolePath: databaseAuditReplicationRolePath(model.prefix),
    });
    this.destination = new LogArchiveDestination(this, 'Subscriptions', {
      destinationName: model.logDestinationName,
      bucket: this.buckets.archiveBucket,
      key: this.buckets.key,
      organisationId: model.organisationId,
      sourceAccountIds: model.accounts.map((a) => a.id),
      errorLogRetention: toRetentionDays(model.logRetentionDays),
    });
  }
}
