import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { DATABASE_AUDIT_ARCHIVE_PREFIX, databaseAuditReplicationRolePath } from '../names';
import type { S3OptionAudit } from './engines';

/** The log archive the audit files are replicated into: a bucket of another account, named in advance. */
export interface DatabaseAuditArchive {
  /** The log-archive account. */
  readonly account: string;
  /** The Object Lock archive bucket (in the same region as the database). */
  readonly bucketName: string;
  /**
   * The archive key's alias ARN: S3 encrypts the replicas with it. The key's own id is generated in
   * the log-archive account's stack, so an alias is the only name this stack can know.
   */
  readonly keyAliasArn: string;
}

export interface SqlServerAuditProps {
  /** The option as the engine registry describes it (lib/data/engines/sqlserver.ts). */
  readonly audit: S3OptionAudit;
  /** The DB instance identifier: RDS may use the role only on behalf of this instance. */
  readonly instanceIdentifier: string;
  /** Encrypts the audit files (the database's own customer-managed key). */
  readonly key: kms.IKey;
  /** Days an audit file is kept in the bucket; the archive keeps its replica for its own retention. */
  readonly retentionDays: number;
  /** Name prefix of the landing zone: the replication role's IAM path derives from it. */
  readonly namePrefix: string;
  /** Where the files are replicated to. @default - none: the files stay in this bucket only */
  readonly archive?: DatabaseAuditArchive;
}

/**
 * What SQL Server Audit needs to leave the instance: a bucket of the database's account (RDS
 * writes audit files only to a bucket in its own account and region), the role RDS writes with,
 * limited to this instance and this key prefix, and the replication of every file into the log
 * archive, where an account administrator cannot delete it. The option configuration goes into
 * the database's option group.
 */
export class SqlServerAudit extends Construct {
  readonly bucket: s3.Bucket;
  readonly role: iam.Role;
  readonly optionConfiguration: rds.OptionConfiguration;

  constructor(scope: Construct, id: string, props: SqlServerAuditProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // The archive admits each account under its own prefix; replication keeps the key unchanged.
    const prefix = `${DATABASE_AUDIT_ARCHIVE_PREFIX}${stack.account}`;

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // Replication needs versions; a file is written once, so a superseded version can go a day later.
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [
        {
          id: 'ExpireAfterRetention',
          expiration: Duration.days(props.retentionDays),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.role = new iam.Role(this, 'Role', {
      description: `SQL Server Audit of ${props.instanceIdentifier} uploads its files to the audit bucket`,
      assumedBy: new iam.ServicePrincipal('rds.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': `arn:${stack.partition}:rds:${stack.region}:${stack.account}:db:${props.instanceIdentifier}`,
          },
        },
      }),
    });
    const writePolicy = new iam.ManagedPolicy(this, 'WritePolicy', {
      description: `Lets SQL Server Audit of ${props.instanceIdentifier} write under ${prefix}/ in its bucket`,
      statements: [
        // The statements RDS documents for SQL Server Audit (Appendix.SQLServer.Options.Audit.IAM).
        new iam.PolicyStatement({
          sid: 'FindTheBucket',
          actions: ['s3:ListAllMyBuckets'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'CheckTheBucket',
          actions: ['s3:ListBucket', 's3:GetBucketACL', 's3:GetBucketLocation'],
          resources: [this.bucket.bucketArn],
        }),
        new iam.PolicyStatement({
          sid: 'WriteAuditFiles',
          actions: ['s3:PutObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'],
          resources: [this.bucket.arnForObjects(`${prefix}/*`)],
        }),
        new iam.PolicyStatement({
          sid: 'EncryptAuditFiles',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [props.key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
        }),
      ],
    });
    this.role.addManagedPolicy(writePolicy);
    Validations.of(writePolicy).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        's3:ListAllMyBuckets has no resource of its own and reveals bucket names only; RDS documents it for SQL ' +
        'Server Audit. Every object permission is limited to this database account’s prefix in its own bucket.',
    });
    Validations.of(writePolicy).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${logicalId(this.bucket)}.Arn>/${prefix}/*]`,
      reason:
        'SQL Server names each audit file itself (instance, audit name, node and file); the statement allows ' +
        `writing only under ${prefix}/ in this database's audit bucket.`,
    });

    // Object-level events go to EventBridge, as the archive's do (set on the CloudFormation
    // resource: the L2 option would add a custom-resource function just to switch them on).
    cfnBucket(this.bucket).notificationConfiguration = {
      eventBridgeConfiguration: { eventBridgeEnabled: true },
    };

    if (props.archive) {
      this.replicateTo(props.archive, prefix, props.key, props.namePrefix);
    } else {
      for (const id of [
        'NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled',
        'cdk-validator-cfnguard::s3_bucket_replication_enabled_check',
      ]) {
        Validations.of(this.bucket).acknowledge({
          id,
          reason:
            'The landing zone has no security baseline, so there is no log archive to replicate the audit files ' +
            'to; the bucket is versioned, encrypted with the database key and keeps them for the log retention.',
        });
      }
    }
    acknowledgeAuditBucket(this.bucket, props.archive !== undefined);

    this.optionConfiguration = {
      name: props.audit.option,
      settings: {
        [props.audit.roleSetting]: this.role.roleArn,
        [props.audit.bucketSetting]: `${this.bucket.bucketArn}/${prefix}`,
        ...props.audit.settings,
      },
    };
  }

  /**
   * Replicates every audit file into the log archive of another account, encrypted there with the
   * archive key. Delete markers are not replicated: deleting here never deletes the archived copy.
   */
  private replicateTo(
    archive: DatabaseAuditArchive,
    prefix: string,
    key: kms.IKey,
    namePrefix: string,
  ): void {
    const stack = Stack.of(this);
    const archiveBucketArn = `arn:${stack.partition}:s3:::${archive.bucketName}`;
    const role = new iam.Role(this, 'ReplicationRole', {
      // The archive's bucket and key policies admit roles on this path only.
      path: databaseAuditReplicationRolePath(namePrefix),
      description: 'Replicates SQL Server Audit files into the log archive',
      // The bucket names this role, so the role cannot name the bucket back (a cycle); the account can.
      assumedBy: new iam.ServicePrincipal('s3.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    });
    const policy = new iam.ManagedPolicy(this, 'ReplicationPolicy', {
      description: 'Lets S3 copy the audit files of this bucket into the log archive',
      // Attached from the policy's side: the bucket names the role, and the policy names the bucket.
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          sid: 'ReadTheReplicationConfiguration',
          actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
          resources: [this.bucket.bucketArn],
        }),
        new iam.PolicyStatement({
          sid: 'ReadAuditFiles',
          actions: [
            's3:GetObjectVersionForReplication',
            's3:GetObjectVersionAcl',
            's3:GetObjectVersionTagging',
          ],
          resources: [this.bucket.arnForObjects(`${prefix}/*`)],
        }),
        new iam.PolicyStatement({
          sid: 'WriteIntoTheArchive',
          actions: ['s3:ReplicateObject', 's3:ReplicateTags'],
          resources: [`${archiveBucketArn}/${prefix}/*`],
        }),
        new iam.PolicyStatement({
          sid: 'DecryptAuditFiles',
          actions: ['kms:Decrypt'],
          resources: [key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
        }),
        new iam.PolicyStatement({
          sid: 'EncryptWithTheArchiveKey',
          actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
          // The archive key's id is generated in the log-archive account; its key policy decides.
          resources: [`arn:${stack.partition}:kms:${stack.region}:${archive.account}:key/*`],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
        }),
      ],
    });
    const bucketId = logicalId(this.bucket);
    const reasons: Record<string, string> = {
      [`Resource::<${bucketId}.Arn>/${prefix}/*`]:
        'Replication reads each audit file SQL Server writes, whatever its name, under this account’s prefix only.',
      [`Resource::${archiveBucketArn}/${prefix}/*`]:
        'Replicas keep the key of their source: the role writes only under this account’s prefix in the archive.',
      [`Resource::arn:${stack.partition}:kms:${stack.region}:${archive.account}:key/*`]:
        'The archive key is created in the log-archive account, so its id is unknown here; the statement allows ' +
        'only encryption through S3, and the archive key policy admits only replication roles of the organisation.',
    };
    for (const [finding, reason] of Object.entries(reasons)) {
      Validations.of(policy).acknowledge({ id: `AwsSolutions::AwsSolutions-IAM5[${finding}]`, reason });
    }

    const resource = cfnBucket(this.bucket);
    resource.replicationConfiguration = {
      role: role.roleArn,
      rules: [
        {
          id: 'IntoTheLogArchive',
          status: 'Enabled',
          priority: 0,
          filter: { prefix: `${prefix}/` },
          deleteMarkerReplication: { status: 'Disabled' },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
          destination: {
            bucket: archiveBucketArn,
            account: archive.account,
            encryptionConfiguration: { replicaKmsKeyId: archive.keyAliasArn },
          },
        },
      ],
    };
  }
}

/** Findings on the audit bucket that are accepted, with the reason an auditor reads. */
function acknowledgeAuditBucket(bucket: s3.Bucket, archived: boolean): void {
  const accessLogs =
    'Only RDS writes here and only S3 replication reads; changes to the bucket itself are in the organisation ' +
    'trail, and a server access log bucket in every workload account would hold nothing else.';
  const objectLock = archived
    ? 'The locked copy is the replica in the log archive (Object Lock, compliance mode); this bucket is where RDS ' +
      'stages the files, expiring them after the log retention.'
    : 'There is no log archive without a security baseline; the bucket is versioned and keeps the files for the log retention.';
  const reasons: Record<string, string> = {
    'AwsSolutions::AwsSolutions-S1': accessLogs,
    'NIST.800.53.R5::NIST.800.53.R5-S3BucketLoggingEnabled': accessLogs,
    'cdk-validator-cfnguard::s3_bucket_logging_enabled_check': accessLogs,
    'cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check': objectLock,
  };
  for (const [id, reason] of Object.entries(reasons)) {
    Validations.of(bucket).acknowledge({ id, reason });
  }
}

function cfnBucket(bucket: s3.Bucket): s3.CfnBucket {
  const resource = bucket.node.defaultChild;
  if (!(resource instanceof s3.CfnBucket)) {
    throw new Error('an s3.Bucket always has a CfnBucket as its default child');
  }
  return resource;
}

/** The logical ID of a bucket's resource, as cdk-nag names it in a granular finding. */
function logicalId(bucket: s3.Bucket): string {
  return String(Stack.of(bucket).resolve(cfnBucket(bucket).logicalId));
}
