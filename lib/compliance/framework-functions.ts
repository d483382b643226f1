import { CfnResource, Stack, Validations, type IAspect } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** Construct IDs of the functions aws-cdk-lib itself adds to run custom resources during deployment. */
const FRAMEWORK_FUNCTION_PATHS = [
  /\/Custom::VpcRestrictDefaultSGCustomResourceProvider\/Handler$/,
  /\/AWS679f53fac002430cb0da5b7982bd2287(\/Resource)?$/,
];

/**
 * Acknowledges the Control Tower control that wants every Lambda function in a VPC (CT.LAMBDA.PR.3)
 * on the CDK's own deploy-time functions only: they are invoked by CloudFormation while a stack
 * deploys, call only regional AWS APIs, and touch no data in any VPC.
 */
export class AcknowledgeFrameworkFunctions implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof CfnResource) || node.cfnResourceType !== 'AWS::Lambda::Function') {
      return;
    }
    const path = `/${node.node.path}`;
    if (FRAMEWORK_FUNCTION_PATHS.some((pattern) => pattern.test(path))) {
      Validations.of(node).acknowledge({
        id: 'cdk-validator-cfnguard::lambda_inside_vpc_check',
        reason:
          `aws-cdk-lib's deploy-time custom-resource function in ${Stack.of(node).stackName}: CloudFormation invokes it ` +
          'only while the stack deploys, and it calls only the regional EC2 API, so a VPC would add an endpoint and no protection.',
      });
    }
  }
}
