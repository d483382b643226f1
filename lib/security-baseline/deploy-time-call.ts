import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledgeDeployTimeFunction } from '../compliance/deploy-time-function';

export interface DeployTimeCallProps {
  /** The API call made when the resource is created and whenever its parameters change. */
  readonly call: cr.AwsSdkCall;
  /** The only permissions the call needs (least privilege, written out rather than derived). */
  readonly statements: readonly iam.PolicyStatement[];
  /** Where the function logs (encrypted, retained). */
  readonly logGroup: logs.ILogGroup;
  /**
   * Why the statements need `Resource: *`, when they do; shown in the validation report.
   * @default - none: the statements name their resources
   */
  readonly wildcardReason?: string;
  /** A CloudFormation type name for the resource, e.g. Custom::EbsEncryptionByDefault. */
  readonly resourceType: string;
  /** The call that undoes it when the resource is deleted. @default - nothing is undone */
  readonly onDelete?: cr.AwsSdkCall;
  /**
   * The role the stack's deploy-time function runs as, shared by every call in the stack.
   * @default - a role aws-cdk-lib creates
   */
  readonly role?: iam.IRole;
}

/**
 * One AWS API call made by CloudFormation at deploy time, for a setting CloudFormation has no
 * resource type for (EBS encryption by default, account-level S3 Block Public Access, delegated
 * administrators), or for a resource in a region the stack is not in. Unless `onDelete` is given,
 * nothing is undone on delete: removing a guardrail must be a deliberate act
 * (docs/security-baseline.md), not a side effect of deleting a stack.
 */
export class DeployTimeCall extends Construct {
  readonly resource: cr.AwsCustomResource;

  constructor(scope: Construct, id: string, props: DeployTimeCallProps) {
    super(scope, id);
    this.resource = new cr.AwsCustomResource(this, 'Call', {
      resourceType: props.resourceType,
      onCreate: props.call,
      onUpdate: props.call,
      ...(props.onDelete ? { onDelete: props.onDelete } : {}),
      ...(props.role ? { role: props.role } : {}),
      policy: cr.AwsCustomResourcePolicy.fromStatements([...props.statements]),
      installLatestAwsSdk: false,
      logGroup: props.logGroup,
      timeout: Duration.minutes(2),
    });
    const policy = this.resource.node.tryFindChild('CustomResourcePolicy');
    if (policy) {
      if (props.wildcardReason !== undefined) {
        Validations.of(policy).acknowledge({
          id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
          reason: props.wildcardReason,
        });
      }
      Validations.of(policy).acknowledge({
        id: 'NIST.800.53.R5::NIST.800.53.R5-IAMNoInlinePolicy',
        reason:
          'aws-cdk-lib writes the AwsCustomResource policy inline on its own function role; it grants only the ' +
          'one deploy-time call of this construct and is reviewed with it.',
      });
    }
    acknowledgeDeployTimeFunction(Stack.of(this));
  }
}
