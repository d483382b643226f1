import { ArnFormat, CfnResource, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { EncryptedLogGroup } from '../logging/encrypted-log-group';

export interface LogArchiveDestinationProps {
  /** The CloudWatch Logs destination name every archived log group subscribes to. */
  readonly destinationName: string;
  readonly bucket: s3.IBucket;
  readonly key: kms.IKey;
  readonly organisationId: string;
  /** Accounts whose log groups subscribe (the trust policy's aws:SourceArn). */
  readonly sourceAccountIds: readonly string[];
  /** Retention of Firehose's own delivery-error log, in days. */
  readonly errorLogRetention: logs.RetentionDays;
}

/** Where CloudWatch Logs subscriptions land in the archive bucket. */
export const SUBSCRIPTION_PREFIX = 'cloudwatch-logs/';

/**
 * The cross-account path from CloudWatch Logs into the archive: a CloudWatch Logs destination
 * that any account of the organisation may subscribe a log group to (aws:PrincipalOrgID), and an
 * Amazon Data Firehose stream, encrypted with the archive key, that writes what arrives into the
 * Object Lock bucket. Flow logs, Route 53 Resolver query logs, VPN tunnel logs and database logs
 * all reach the archive this way, keeping their CloudWatch copy for day-to-day operations.
 * Subscription records arrive gzip-compressed, so Firehose stores them as they come.
 */
export class LogArchiveDestination extends Construct {
  readonly destination: logs.CfnDestination;
  readonly deliveryStream: firehose.CfnDeliveryStream;

  constructor(scope: Construct, id: string, props: LogArchiveDestinationProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const errors = new EncryptedLogGroup(this, 'DeliveryErrors', {
      logGroupName: `/${props.destinationName}/firehose-delivery-errors`,
      retentionDays: props.errorLogRetention,
      purpose: 'log archive delivery errors',
    });
    const errorStream = new logs.LogStream(this, 'DeliveryErrorStream', {
      logGroup: errors.logGroup,
      logStreamName: 'S3Delivery',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const deliveryRole = new iam.Role(this, 'DeliveryRole', {
      description: 'Firehose delivery of CloudWatch Logs subscriptions into the log archive bucket',
      assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    });
    const deliveryPolicy = new iam.ManagedPolicy(this, 'DeliveryPolicy', {
      description: 'Lets Firehose write CloudWatch Logs subscriptions into the log archive',
      statements: [
        new iam.PolicyStatement({
          sid: 'WriteSubscriptionsIntoTheArchive',
          actions: ['s3:AbortMultipartUpload', 's3:GetBucketLocation', 's3:ListBucket', 's3:PutObject'],
          resources: [props.bucket.bucketArn, props.bucket.arnForObjects(`${SUBSCRIPTION_PREFIX}*`)],
        }),
        new iam.PolicyStatement({
          sid: 'EncryptWithTheArchiveKey',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [props.key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
        }),
        new iam.PolicyStatement({
          sid: 'LogDeliveryErrors',
          actions: ['logs:PutLogEvents'],
          resources: [
            stack.formatArn({
              service: 'logs',
              resource: 'log-group',
              resourceName: `${errors.logGroup.logGroupName}:log-stream:${errorStream.logStreamName}`,
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          ],
        }),
      ],
    });
    deliveryRole.addManagedPolicy(deliveryPolicy);
    Validations.of(deliveryPolicy).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${logicalIdOf(props.bucket)}.Arn>/${SUBSCRIPTION_PREFIX}*]`,
      reason:
        'Firehose names the objects it delivers itself (by date and delivery); the statement allows writing only ' +
        `under ${SUBSCRIPTION_PREFIX} in the archive bucket.`,
    });

    this.deliveryStream = new firehose.CfnDeliveryStream(this, 'DeliveryStream', {
      deliveryStreamName: props.destinationName,
      deliveryStreamType: 'DirectPut',
      deliveryStreamEncryptionConfigurationInput: {
        keyType: 'CUSTOMER_MANAGED_CMK',
        keyArn: props.key.keyArn,
      },
      extendedS3DestinationConfiguration: {
        bucketArn: props.bucket.bucketArn,
        roleArn: deliveryRole.roleArn,
        prefix: `${SUBSCRIPTION_PREFIX}!{timestamp:yyyy/MM/dd}/`,
        errorOutputPrefix: `${SUBSCRIPTION_PREFIX}errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/`,
        bufferingHints: { intervalInSeconds: 300, sizeInMBs: 64 },
        compressionFormat: 'UNCOMPRESSED',
        encryptionConfiguration: { kmsEncryptionConfig: { awskmsKeyArn: props.key.keyArn } },
        cloudWatchLoggingOptions: {
          enabled: true,
          logGroupName: errors.logGroup.logGroupName,
          logStreamName: errorStream.logStreamName,
        },
      },
    });
    this.deliveryStream.node.addDependency(deliveryPolicy);

    // CloudWatch Logs in the subscribing accounts puts records into the stream through this role.
    const subscriptionRole = new iam.Role(this, 'SubscriptionRole', {
      description: 'CloudWatch Logs puts subscribed log events of the organisation into the archive stream',
      assumedBy: new iam.ServicePrincipal('logs.amazonaws.com', {
        conditions: {
          StringLike: {
            'aws:SourceArn': props.sourceAccountIds.map(
              (account) => `arn:${stack.partition}:logs:${stack.region}:${account}:*`,
            ),
          },
        },
      }),
    });
    const subscriptionPolicy = new iam.ManagedPolicy(this, 'SubscriptionPolicy', {
      description: 'Lets CloudWatch Logs put subscribed log events into the archive stream',
      statements: [
        new iam.PolicyStatement({
          sid: 'PutIntoTheArchiveStream',
          actions: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
          resources: [this.deliveryStream.attrArn],
        }),
      ],
    });
    subscriptionRole.addManagedPolicy(subscriptionPolicy);

    const destinationArn = stack.formatArn({
      service: 'logs',
      resource: 'destination',
      resourceName: props.destinationName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.destination = new logs.CfnDestination(this, 'Destination', {
      destinationName: props.destinationName,
      roleArn: subscriptionRole.roleArn,
      targetArn: this.deliveryStream.attrArn,
      destinationPolicy: stack.toJsonString({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AllowSubscriptionsFromTheOrganisation',
            Effect: 'Allow',
            Principal: '*',
            Action: 'logs:PutSubscriptionFilter',
            Resource: destinationArn,
            Condition: { StringEquals: { 'aws:PrincipalOrgID': props.organisationId } },
          },
        ],
      }),
    });
    this.destination.node.addDependency(subscriptionPolicy);
  }
}

/** The logical ID of a bucket's resource, as cdk-nag names it in a granular finding. */
function logicalIdOf(bucket: s3.IBucket): string {
  const resource = bucket.node.defaultChild;
  if (!(resource instanceof CfnResource)) {
    throw new Error('the archive bucket must be a bucket defined in this app');
  }
  return Stack.of(bucket).resolve(resource.logicalId) as string;
}
