import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { allowCloudWatchLogs } from '../logging/allow-cloudwatch-logs';

export interface FlowLogDestinationProps {
  readonly logGroupName: string;
  readonly retentionDays: logs.RetentionDays;
}

/**
 * An encrypted, retained CloudWatch log group for VPC flow logs, and the role the flow-log service
 * delivers with. The key may only be used by CloudWatch Logs for log groups in this account and
 * region; key and log group survive stack deletion so evidence outlives the network it describes.
 */
export class FlowLogDestination extends Construct {
  readonly key: kms.Key;
  readonly logGroup: logs.LogGroup;
  readonly deliveryRole: iam.Role;

  constructor(scope: Construct, id: string, props: FlowLogDestinationProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.key = new kms.Key(this, 'Key', {
      description: `Encrypts VPC flow logs in ${props.logGroupName}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    allowCloudWatchLogs(this.key, 'AllowCloudWatchLogsForThisAccount');
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: props.logGroupName,
      encryptionKey: this.key,
      retention: props.retentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // A customer-managed policy rather than an inline one, so the permission is reviewable on its own.
    const policy = new iam.ManagedPolicy(this, 'DeliveryPolicy', {
      description: `Lets VPC flow logs write to ${props.logGroupName}`,
      statements: [
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [this.logGroup.logGroupArn],
        }),
      ],
    });
    this.deliveryRole = new iam.Role(this, 'DeliveryRole', {
      description: `VPC flow-log delivery to ${props.logGroupName}`,
      assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com', {
        // Only flow logs of this account may use the role (confused-deputy protection).
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      managedPolicies: [policy],
    });
  }
}
