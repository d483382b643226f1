import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledgeDeployTimeFunction } from '../compliance/deploy-time-function';

export interface VpnAttachmentIdProps {
  readonly vpnConnectionId: string;
  readonly transitGatewayId: string;
  /** Where the lookup function logs (encrypted, retained). */
  readonly logGroup: logs.ILogGroup;
}

const ATTACHMENT_ID = 'TransitGatewayAttachments.0.TransitGatewayAttachmentId';

/**
 * The ID of the Transit Gateway attachment that AWS creates for a VPN connection.
 *
 * CloudFormation does not return it: AWS::EC2::VPNConnection exposes only VpnConnectionId
 * (aws-cloudformation/cloudformation-coverage-roadmap#308 and #183), and aws-cdk-lib 2.276's
 * CfnVPNConnection has no attrTransitGatewayAttachmentId. Without the ID the attachment cannot be
 * associated with the on-premises route table or given static routes, so it is looked up once at
 * deploy time with ec2:DescribeTransitGatewayAttachments, filtered to this VPN connection. The
 * attachment lives as long as the VPN connection; a replaced connection has a new ID, which
 * changes the call's parameters and so repeats the lookup.
 */
export class VpnAttachmentId extends Construct {
  readonly attachmentId: string;

  constructor(scope: Construct, id: string, props: VpnAttachmentIdProps) {
    super(scope, id);
    const call: cr.AwsSdkCall = {
      service: 'EC2',
      action: 'describeTransitGatewayAttachments',
      parameters: {
        Filters: [
          { Name: 'resource-id', Values: [props.vpnConnectionId] },
          { Name: 'resource-type', Values: ['vpn'] },
          { Name: 'transit-gateway-id', Values: [props.transitGatewayId] },
        ],
      },
      physicalResourceId: cr.PhysicalResourceId.fromResponse(ATTACHMENT_ID),
      outputPaths: [ATTACHMENT_ID],
      logging: cr.Logging.withDataHidden(),
    };
    const lookup = new cr.AwsCustomResource(this, 'Lookup', {
      resourceType: 'Custom::VpnTransitGatewayAttachment',
      onCreate: call,
      onUpdate: call,
      // Describe* actions cannot be scoped to a resource ARN.
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
      installLatestAwsSdk: false,
      logGroup: props.logGroup,
      timeout: Duration.minutes(2),
    });
    this.attachmentId = lookup.getResponseField(ATTACHMENT_ID);
    acknowledgeLookupFindings(lookup);
  }
}

function acknowledgeLookupFindings(lookup: cr.AwsCustomResource): void {
  const policy = lookup.node.tryFindChild('CustomResourcePolicy');
  if (policy) {
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'The policy allows only ec2:DescribeTransitGatewayAttachments, a read-only action that IAM cannot scope to a ' +
        'resource ARN; the call itself is filtered to this VPN connection.',
    });
    Validations.of(policy).acknowledge({
      id: 'NIST.800.53.R5::NIST.800.53.R5-IAMNoInlinePolicy',
      reason:
        'aws-cdk-lib writes the AwsCustomResource policy inline on its own function role; it grants one read-only ' +
        'EC2 action and is reviewed with this construct.',
    });
  }
  acknowledgeDeployTimeFunction(Stack.of(lookup));
}
