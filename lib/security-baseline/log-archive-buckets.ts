import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { councilKey } from '../kms/council-key';
import { DATABASE_AUDIT_ARCHIVE_PREFIX } from '../names';

/** How long the archive keeps what it receives, in days, and where it moves it. */
export interface ArchiveRetention {
  /** Days in S3 Standard before the move to the archive storage class. */
  readonly onlineDays: number;
  /** Days every object is locked (compliance mode) and kept; it expires after that. */
  readonly retentionDays: number;
  readonly archiveStorageClass: 'GLACIER' | 'DEEP_ARCHIVE';
}

export interface LogArchiveBucketsProps {
  /** Name of the Object Lock bucket the organisation trail and the log subscriptions write to. */
  readonly archiveBucketName: string;
  /** Name of the bucket AWS Config delivers to. */
  readonly configBucketName: string;
  /** Alias of the archive key, e.g. alias/kvdc-log-archive. */
  readonly keyAlias: string;
  readonly retention: ArchiveRetention;
  readonly organisationId: string;
  /** The management account, whose organisation trail writes here. */
  readonly managementAccountId: string;
  readonly trailName: string;
  /** The home region, where the organisation trail is created. */
  readonly trailRegion: string;
  /** The security account: investigators there may read the archive. */
  readonly securityAccountId: string;
  /** The break-glass role name: the only principal that may delete from the archive. */
  readonly breakGlassRoleName: string;
  /** The role AWS Config records and delivers with, in every account of the organisation. */
  readonly configRecorderRoleName: string;
  /**
   * The IAM path of the roles that replicate database audit files (SQL Server Audit) from the
   * workload accounts into the archive, each under `database-audit/<its account>/`.
   */
  readonly databaseAuditReplicationRolePath: string;
}

/**
 * The log archive's storage in the log-archive account:
 *  - the archive bucket: S3 Object Lock in compliance mode for `retentionYears`, SSE-KMS with the
 *    archive key, versioned, TLS-only, delete denied to everyone but the break-glass role, moved to
 *    the archive storage class after `onlineMonths`, expired after the lock ends;
 *  - the Config bucket: the same protection without Object Lock, because AWS Config cannot
 *    deliver to an Object Lock bucket (AWS::Config::DeliveryChannel documentation);
 *  - the access-log bucket receiving both buckets' server access logs (SSE-S3, the only
 *    encryption S3 server access logging supports for its target bucket).
 * The key lets the organisation trail and AWS Config in this organisation write (aws:SourceArn,
 * aws:SourceOrgID), and the security account read for investigations.
 */
export class LogArchiveBuckets extends Construct {
  readonly key: kms.Key;
  readonly archiveBucket: s3.Bucket;
  readonly configBucket: s3.Bucket;
  readonly accessLogsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: LogArchiveBucketsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const trailArn = `arn:${stack.partition}:cloudtrail:${props.trailRegion}:${props.managementAccountId}:trail/${props.trailName}`;
    const breakGlassArn = `arn:${stack.partition}:iam::${stack.account}:role/${props.breakGlassRoleName}`;

    this.key = councilKey(this, 'Key', {
      description:
        'Encrypts the organisation log archive (CloudTrail, Config, CloudWatch Logs subscriptions)',
      alias: props.keyAlias,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowOrganisationTrailToEncrypt',
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:DescribeKey'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceArn': trailArn },
          StringLike: {
            'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${stack.partition}:cloudtrail:*:${props.managementAccountId}:trail/*`,
          },
        },
      }),
    );
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowConfigInTheOrganisationToEncrypt',
        principals: [new iam.ServicePrincipal('config.amazonaws.com')],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceOrgID': props.organisationId } },
      }),
    );
    const recorders = {
      StringEquals: { 'aws:PrincipalOrgID': props.organisationId },
      ArnLike: { 'aws:PrincipalArn': `arn:${stack.partition}:iam::*:role/${props.configRecorderRoleName}` },
    };
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowConfigRecordersOfTheOrganisationToEncrypt',
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: {
          ...recorders,
          StringEquals: {
            'aws:PrincipalOrgID': props.organisationId,
            'kms:ViaService': `s3.${stack.region}.amazonaws.com`,
          },
        },
      }),
    );
    // Audit-file replication roles of the organisation's accounts, by their path (names are generated).
    const auditReplicators = {
      StringEquals: { 'aws:PrincipalOrgID': props.organisationId },
      ArnLike: {
        'aws:PrincipalArn': `arn:${stack.partition}:iam::*:role${props.databaseAuditReplicationRolePath}*`,
      },
    };
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowDatabaseAuditReplicationToEncrypt',
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: {
          ...auditReplicators,
          StringEquals: {
            'aws:PrincipalOrgID': props.organisationId,
            'kms:ViaService': `s3.${stack.region}.amazonaws.com`,
          },
        },
      }),
    );
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowSecurityAccountToReadThroughS3',
        principals: [new iam.AccountPrincipal(props.securityAccountId)],
        actions: ['kms:Decrypt', 'kms:DescribeKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
      }),
    );

    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogs', {
      bucketName: `${props.archiveBucketName}-access-logs`,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [lifecycle(props.retention, 'unlocked')],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // What the archive and the Config history buckets share: the archive key, TLS, versions, logs.
    const archived: s3.BucketProps = {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogsBucket,
      removalPolicy: RemovalPolicy.RETAIN,
    };
    this.archiveBucket = new s3.Bucket(this, 'Archive', {
      ...archived,
      bucketName: props.archiveBucketName,
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.compliance(
        Duration.days(props.retention.retentionDays),
      ),
      serverAccessLogsPrefix: 'archive/',
      lifecycleRules: [lifecycle(props.retention, 'locked')],
    });
    this.archiveBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowOrganisationTrailAclCheck',
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['s3:GetBucketAcl'],
        resources: [this.archiveBucket.bucketArn],
        conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
      }),
    );
    this.archiveBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowOrganisationTrailWrite',
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [
          this.archiveBucket.arnForObjects(`AWSLogs/${props.managementAccountId}/*`),
          this.archiveBucket.arnForObjects(`AWSLogs/${props.organisationId}/*`),
        ],
        conditions: {
          StringEquals: { 'aws:SourceArn': trailArn, 's3:x-amz-acl': 'bucket-owner-full-control' },
        },
      }),
    );

    // Each account replicates its database audit files under its own prefix, and nowhere else.
    this.archiveBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowDatabaseAuditReplication',
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:ReplicateObject', 's3:ReplicateTags'],
        resources: [
          this.archiveBucket.arnForObjects(`${DATABASE_AUDIT_ARCHIVE_PREFIX}\${aws:PrincipalAccount}/*`),
        ],
        conditions: auditReplicators,
      }),
    );
    this.archiveBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowDatabaseAuditReplicationChecks',
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetBucketVersioning'],
        resources: [this.archiveBucket.bucketArn],
        conditions: auditReplicators,
      }),
    );

    this.configBucket = new s3.Bucket(this, 'ConfigHistory', {
      ...archived,
      bucketName: props.configBucketName,
      serverAccessLogsPrefix: 'config-history/',
      lifecycleRules: [lifecycle(props.retention, 'unlocked')],
    });
    const orgCondition = { StringEquals: { 'aws:SourceOrgID': props.organisationId } };
    // Each account's recorder delivers with its own role (AWS Config then acts as that role).
    this.configBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowConfigRecordersOfTheOrganisation',
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetBucketAcl', 's3:ListBucket', 's3:PutObject'],
        resources: [this.configBucket.bucketArn, this.configBucket.arnForObjects('AWSLogs/*/Config/*')],
        conditions: recorders,
      }),
    );
    this.configBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowConfigBucketChecks',
        principals: [new iam.ServicePrincipal('config.amazonaws.com')],
        actions: ['s3:GetBucketAcl', 's3:ListBucket'],
        resources: [this.configBucket.bucketArn],
        conditions: orgCondition,
      }),
    );
    this.configBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowConfigDelivery',
        principals: [new iam.ServicePrincipal('config.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [this.configBucket.arnForObjects('AWSLogs/*/Config/*')],
        conditions: {
          StringEquals: {
            'aws:SourceOrgID': props.organisationId,
            's3:x-amz-acl': 'bucket-owner-full-control',
          },
        },
      }),
    );

    for (const bucket of [this.archiveBucket, this.configBucket, this.accessLogsBucket]) {
      bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'DenyDeletingTheArchive',
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: [
            's3:DeleteBucket',
            's3:DeleteObject',
            's3:DeleteObjectVersion',
            's3:PutBucketObjectLockConfiguration',
          ],
          resources: [bucket.bucketArn, bucket.arnForObjects('*')],
          conditions: { ArnNotLike: { 'aws:PrincipalArn': breakGlassArn } },
        }),
      );
    }
    for (const bucket of [this.archiveBucket, this.configBucket]) {
      bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'AllowSecurityAccountToRead',
          principals: [new iam.AccountPrincipal(props.securityAccountId)],
          actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket', 's3:ListBucketVersions'],
          resources: [bucket.bucketArn, bucket.arnForObjects('*')],
        }),
      );
    }
    for (const bucket of [this.archiveBucket, this.configBucket, this.accessLogsBucket]) {
      // Object-level events go to EventBridge (set on the CloudFormation resource: the L2 option
      // would add a custom-resource function just to switch them on).
      const resource = bucket.node.defaultChild;
      if (resource instanceof s3.CfnBucket) {
        resource.notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
      }
    }
    acknowledgeAccessLogsBucket(this.accessLogsBucket);
    Validations.of(this.configBucket).acknowledge({
      id: 'cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check',
      reason:
        'AWS Config cannot deliver to a bucket with Object Lock (AWS::Config::DeliveryChannel documentation); the ' +
        'bucket is versioned and its policy denies deleting objects or versions to everyone but the break-glass role.',
    });
    for (const bucket of [this.archiveBucket, this.configBucket]) {
      Validations.of(bucket).acknowledge({
        id: 'NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled',
        reason:
          'The archive is the organisation-wide copy of every account’s logs, in its own account; S3 stores it across ' +
          'three availability zones. A replica in another region would take audit logs outside the residency rule.',
      });
    }
  }
}

/**
 * Move to the archive tier after the online period and expire when the retention ends. In the
 * Object Lock bucket every version is locked for the whole retention from its own creation, so
 * a version that stops being current may be removed a day later (the lock still holds it until
 * its retention ends); elsewhere a superseded version is kept for the whole retention too.
 */
function lifecycle(retention: ArchiveRetention, versions: 'locked' | 'unlocked'): s3.LifecycleRule {
  const storageClass =
    retention.archiveStorageClass === 'GLACIER' ? s3.StorageClass.GLACIER : s3.StorageClass.DEEP_ARCHIVE;
  const archiveAfter = Duration.days(retention.onlineDays);
  return {
    id: 'ArchiveThenExpire',
    transitions: [{ storageClass, transitionAfter: archiveAfter }],
    expiration: Duration.days(retention.retentionDays),
    ...(versions === 'locked'
      ? { noncurrentVersionExpiration: Duration.days(1) }
      : {
          noncurrentVersionTransitions: [{ storageClass, transitionAfter: archiveAfter }],
          noncurrentVersionExpiration: Duration.days(retention.retentionDays),
        }),
    abortIncompleteMultipartUploadAfter: Duration.days(7),
  };
}

function acknowledgeAccessLogsBucket(bucket: s3.Bucket): void {
  const reasons: Record<string, string> = {
    'cdk-validator-cfnguard::s3_bucket_logging_enabled_check':
      'This is the server access log bucket of the archive; logging its own access into itself would loop.',
    'cdk-validator-cfnguard::s3_bucket_default_encryption_kms_check':
      'S3 server access logging can deliver only to a bucket encrypted with SSE-S3, not SSE-KMS.',
    'cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check':
      'S3 server access logging cannot deliver to a bucket with an Object Lock default retention; the bucket is ' +
      'versioned and its policy denies deleting objects or versions to everyone but the break-glass role.',
    'AwsSolutions::AwsSolutions-S1':
      'This is the server access log bucket of the archive; logging its own access into itself would loop.',
    'NIST.800.53.R5::NIST.800.53.R5-S3BucketLoggingEnabled':
      'This is the server access log bucket of the archive; logging its own access into itself would loop.',
    'NIST.800.53.R5::NIST.800.53.R5-S3DefaultEncryptionKMS':
      'S3 server access logging can deliver only to a bucket encrypted with SSE-S3, not SSE-KMS.',
    'NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled':
      'Access logs of the archive stay with the archive in the log-archive account; a replica in another region ' +
      'would take them outside the residency rule.',
  };
  for (const [id, reason] of Object.entries(reasons)) {
    Validations.of(bucket).acknowledge({ id, reason });
  }
}
