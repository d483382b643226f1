import { Match, Template } from 'aws-cdk-lib/assertions';
import { LogArchiveBuckets } from '../../../lib/security-baseline/log-archive-buckets';
import { LogArchiveDestination } from '../../../lib/security-baseline/log-archive-destination';
import * as logs from 'aws-cdk-lib/aws-logs';
import { resourcesOf, smallStack } from './helpers';

function archive(
  retention = { onlineDays: 13 * 31, retentionDays: 7 * 366, archiveStorageClass: 'DEEP_ARCHIVE' as const },
) {
  const stack = smallStack();
  const buckets = new LogArchiveBuckets(stack, 'Archive', {
    archiveBucketName: 'kvdc-log-archive-333333333333',
    configBucketName: 'kvdc-config-history-333333333333',
    keyAlias: 'alias/kvdc-log-archive',
    retention,
    organisationId: 'o-kv7777777777',
    managementAccountId: '888888888888',
    trailName: 'kvdc-organisation-trail',
    trailRegion: 'eu-west-2',
    securityAccountId: '777777777777',
    breakGlassRoleName: 'lz-break-glass',
    configRecorderRoleName: 'kvdc-config-recorder',
    databaseAuditReplicationRolePath: '/kvdc-database-audit/',
  });
  return { stack, buckets };
}

describe('LogArchiveBuckets', () => {
  const { stack, buckets } = archive();
  const t = Template.fromStack(stack);
  const bucketProps = (name: string) =>
    resourcesOf(t, 'AWS::S3::Bucket').find((b) => b['BucketName'] === name) ?? {};

  it('locks the archive in compliance mode for the whole retention, a year counted as 366 days', () => {
    expect(bucketProps('kvdc-log-archive-333333333333')).toMatchObject({
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 7 * 366 } },
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { LogFilePrefix: 'archive/' },
    });
  });

  it('moves logs to the archive tier after the online months and expires them when the lock ends', () => {
    const rules = (
      bucketProps('kvdc-log-archive-333333333333')['LifecycleConfiguration'] as { Rules: unknown[] }
    ).Rules;
    expect(rules).toEqual([
      expect.objectContaining({
        Transitions: [{ StorageClass: 'DEEP_ARCHIVE', TransitionInDays: 13 * 31 }],
        ExpirationInDays: 7 * 366,
        NoncurrentVersionExpiration: { NoncurrentDays: 1 },
      }),
    ]);
  });

  it('encrypts the archive and the Config history with the archive key, and access logs with SSE-S3', () => {
    const encryption = (name: string) =>
      (bucketProps(name)['BucketEncryption'] as { ServerSideEncryptionConfiguration: unknown[] })
        .ServerSideEncryptionConfiguration[0];
    expect(encryption('kvdc-log-archive-333333333333')).toMatchObject({
      BucketKeyEnabled: true,
      ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' },
    });
    expect(encryption('kvdc-config-history-333333333333')).toMatchObject({
      ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' },
    });
    expect(encryption('kvdc-log-archive-333333333333-access-logs')).toMatchObject({
      ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' },
    });
    // AWS Config cannot deliver to an Object Lock bucket.
    expect(bucketProps('kvdc-config-history-333333333333')['ObjectLockEnabled']).toBeUndefined();
  });

  it('denies deleting from every archive bucket to all but the break-glass role, and plain HTTP', () => {
    const policies = resourcesOf(t, 'AWS::S3::BucketPolicy');
    expect(policies).toHaveLength(3);
    for (const policy of policies) {
      const statements = (policy['PolicyDocument'] as { Statement: Record<string, unknown>[] }).Statement;
      expect(statements).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Sid: 'DenyDeletingTheArchive',
            Effect: 'Deny',
            Action: [
              's3:DeleteBucket',
              's3:DeleteObject',
              's3:DeleteObjectVersion',
              's3:PutBucketObjectLockConfiguration',
            ],
            Condition: {
              ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::333333333333:role/lz-break-glass' },
            },
          }),
          expect.objectContaining({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      );
    }
  });

  it('lets only the organisation trail write trail files, under the management account and organisation prefixes', () => {
    const archivePolicy = resourcesOf(t, 'AWS::S3::BucketPolicy').find((p) =>
      JSON.stringify(p).includes('AllowOrganisationTrailWrite'),
    );
    const write = (
      archivePolicy?.['PolicyDocument'] as { Statement: Record<string, unknown>[] }
    ).Statement.find((s) => s['Sid'] === 'AllowOrganisationTrailWrite');
    expect(write).toMatchObject({
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Condition: {
        StringEquals: {
          'aws:SourceArn': 'arn:aws:cloudtrail:eu-west-2:888888888888:trail/kvdc-organisation-trail',
          's3:x-amz-acl': 'bucket-owner-full-control',
        },
      },
    });
    expect(JSON.stringify(write?.['Resource'])).toContain('/AWSLogs/888888888888/*');
    expect(JSON.stringify(write?.['Resource'])).toContain('/AWSLogs/o-kv7777777777/*');
  });

  it('lets CloudTrail and Config in the organisation use the key, with source conditions, and nothing retires it soon', () => {
    const key = resourcesOf(t, 'AWS::KMS::Key')[0] ?? {};
    expect(key).toMatchObject({ EnableKeyRotation: true, PendingWindowInDays: 30 });
    const statements = (key['KeyPolicy'] as { Statement: Record<string, unknown>[] }).Statement;
    expect(statements.find((s) => s['Sid'] === 'AllowOrganisationTrailToEncrypt')).toMatchObject({
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Condition: {
        StringEquals: {
          'aws:SourceArn': 'arn:aws:cloudtrail:eu-west-2:888888888888:trail/kvdc-organisation-trail',
        },
      },
    });
    expect(statements.find((s) => s['Sid'] === 'AllowConfigInTheOrganisationToEncrypt')).toMatchObject({
      Principal: { Service: 'config.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceOrgID': 'o-kv7777777777' } },
    });
    t.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/kvdc-log-archive' });
  });

  it('admits database audit replicas from replication roles of the organisation, each account under its own prefix', () => {
    const archivePolicy = resourcesOf(t, 'AWS::S3::BucketPolicy').find((p) =>
      JSON.stringify(p).includes('AllowDatabaseAuditReplication'),
    );
    const statements = (archivePolicy?.['PolicyDocument'] as { Statement: Record<string, unknown>[] })
      .Statement;
    const replicators = {
      StringEquals: { 'aws:PrincipalOrgID': 'o-kv7777777777' },
      ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/kvdc-database-audit/*' },
    };
    const write = statements.find((s) => s['Sid'] === 'AllowDatabaseAuditReplication');
    expect(write).toMatchObject({
      Principal: { AWS: '*' },
      Action: ['s3:ReplicateObject', 's3:ReplicateTags'],
      Condition: replicators,
    });
    expect(JSON.stringify(write?.['Resource'])).toContain('/database-audit/${aws:PrincipalAccount}/*');
    const key = resourcesOf(t, 'AWS::KMS::Key')[0] ?? {};
    const keyStatements = (key['KeyPolicy'] as { Statement: Record<string, unknown>[] }).Statement;
    expect(keyStatements.find((s) => s['Sid'] === 'AllowDatabaseAuditReplicationToEncrypt')).toMatchObject({
      Action: ['kms:Encrypt', 'kms:GenerateDataKey'],
      Condition: {
        StringEquals: {
          'aws:PrincipalOrgID': 'o-kv7777777777',
          'kms:ViaService': 's3.eu-west-2.amazonaws.com',
        },
        ArnLike: replicators.ArnLike,
      },
    });
  });

  it('keeps every bucket and the key when the stack is deleted', () => {
    for (const type of ['AWS::S3::Bucket', 'AWS::KMS::Key']) {
      for (const resource of Object.values(t.findResources(type))) {
        expect(resource['DeletionPolicy']).toBe('Retain');
      }
    }
    expect(buckets.archiveBucket.bucketName).toBeDefined();
  });
});

describe('LogArchiveDestination', () => {
  const { stack, buckets } = archive();
  new LogArchiveDestination(stack, 'Subscriptions', {
    destinationName: 'kvdc-log-archive',
    bucket: buckets.archiveBucket,
    key: buckets.key,
    organisationId: 'o-kv7777777777',
    sourceAccountIds: ['111111111111', '555555555555'],
    errorLogRetention: logs.RetentionDays.ONE_YEAR,
  });
  const t = Template.fromStack(stack);

  it('accepts subscriptions from any account of the organisation, and only of it', () => {
    const destination = resourcesOf(t, 'AWS::Logs::Destination')[0] ?? {};
    expect(destination['DestinationName']).toBe('kvdc-log-archive');
    const policy = JSON.parse(String(destination['DestinationPolicy'])) as {
      Statement: Record<string, unknown>[];
    };
    expect(policy.Statement).toEqual([
      expect.objectContaining({
        Action: 'logs:PutSubscriptionFilter',
        Resource: 'arn:aws:logs:eu-west-2:333333333333:destination:kvdc-log-archive',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-kv7777777777' } },
      }),
    ]);
  });

  it('delivers through an encrypted Firehose stream into the archive bucket under cloudwatch-logs/', () => {
    const stream = resourcesOf(t, 'AWS::KinesisFirehose::DeliveryStream')[0] ?? {};
    expect(stream).toMatchObject({
      DeliveryStreamType: 'DirectPut',
      DeliveryStreamEncryptionConfigurationInput: { KeyType: 'CUSTOMER_MANAGED_CMK' },
      ExtendedS3DestinationConfiguration: {
        Prefix: 'cloudwatch-logs/!{timestamp:yyyy/MM/dd}/',
        CompressionFormat: 'UNCOMPRESSED',
        CloudWatchLoggingOptions: { Enabled: true },
      },
    });
  });

  it('lets CloudWatch Logs of the subscribing accounts only put records into the stream', () => {
    t.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'logs.amazonaws.com' },
            Condition: {
              StringLike: {
                'aws:SourceArn': [
                  'arn:aws:logs:eu-west-2:111111111111:*',
                  'arn:aws:logs:eu-west-2:555555555555:*',
                ],
              },
            },
          }),
        ],
      },
    });
  });
});
