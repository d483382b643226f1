import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { EncryptedLogGroup } from '../logging/encrypted-log-group';

export interface FlowLogDestinationProps {
  readonly logGroupName: string;
  /** @default logs.RetentionDays.THIRTEEN_MONTHS */
  readonly retentionDays?: logs.RetentionDays;
}

/**
 * An encrypted, retained CloudWatch log group for VPC flow logs (an EncryptedLogGroup, whose key
 * CloudWatch Logs may use only for log groups in this account and region), and the role the
 * flow-log service delivers with. A subclass rather than a child, so the retained key and log group
 * keep the logical IDs they had before EncryptedLogGroup existed.
 */
export class FlowLogDestination extends EncryptedLogGroup {
  readonly deliveryRole: iam.Role;

  constructor(scope: Construct, id: string, props: FlowLogDestinationProps) {
    super(scope, id, { ...props, purpose: 'VPC flow logs' });
    const stack = Stack.of(this);
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
