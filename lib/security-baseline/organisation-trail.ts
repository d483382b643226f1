import { Stack, Validations } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { Construct } from 'constructs';

export interface OrganisationTrailProps {
  readonly trailName: string;
  /** The Object Lock archive bucket in the log-archive account. */
  readonly bucketName: string;
  /** Buckets whose object reads and writes are recorded as data events: the archive itself. */
  readonly dataEventBuckets: readonly string[];
  /** The archive key's alias ARN (a key in another account is named by key or alias ARN). */
  readonly keyAliasArn: string;
}

/**
 * The organisation trail, created in the management account: every account, every region,
 * management events (read and write, so KMS key use and IAM reads are recorded as well), plus
 * S3 data events for the archive buckets, so reading or attempting to delete the evidence is
 * itself evidence. Log file validation makes tampering detectable; files are encrypted with
 * the archive key and land in the Object Lock bucket.
 */
export class OrganisationTrail extends Construct {
  readonly trail: cloudtrail.CfnTrail;

  constructor(scope: Construct, id: string, props: OrganisationTrailProps) {
    super(scope, id);
    const partition = Stack.of(this).partition;
    this.trail = new cloudtrail.CfnTrail(this, 'Trail', {
      trailName: props.trailName,
      s3BucketName: props.bucketName,
      isLogging: true,
      isOrganizationTrail: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      kmsKeyId: props.keyAliasArn,
      advancedEventSelectors: [
        {
          name: 'Management events, read and write',
          fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }],
        },
        {
          name: 'Object reads and writes in the log archive',
          fieldSelectors: [
            { field: 'eventCategory', equalTo: ['Data'] },
            { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
            {
              field: 'resources.ARN',
              startsWith: props.dataEventBuckets.map((bucket) => `arn:${partition}:s3:::${bucket}/`),
            },
          ],
        },
      ],
    });
    const noCloudWatchCopy =
      'Alerting on CloudTrail events is done by EventBridge rules in each account (docs/security-baseline.md); a ' +
      'CloudWatch Logs copy of every organisation event would double the ingestion cost without adding an alarm.';
    for (const id of [
      'NIST.800.53.R5::NIST.800.53.R5-CloudTrailCloudWatchLogsEnabled',
      'cdk-validator-cfnguard::cloud_trail_cloud_watch_logs_enabled_check',
    ]) {
      Validations.of(this.trail).acknowledge({ id, reason: noCloudWatchCopy });
    }
  }
}
