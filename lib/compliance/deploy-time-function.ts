import { Validations, type Stack } from 'aws-cdk-lib';

/** The ID aws-cdk-lib gives the one Lambda function that serves every AwsCustomResource in a stack. */
export const AWS_CUSTOM_RESOURCE_SINGLETON_ID = 'AWS679f53fac002430cb0da5b7982bd2287';

/**
 * Acknowledges, on aws-cdk-lib's own AwsCustomResource function of a stack, what the packs report
 * on it: the function runs only while CloudFormation deploys the stack and calls only regional
 * AWS APIs. Call it after the stack's first AwsCustomResource exists; calling it again is harmless.
 */
export function acknowledgeDeployTimeFunction(stack: Stack): void {
  const handler = stack.node.tryFindChild(AWS_CUSTOM_RESOURCE_SINGLETON_ID);
  if (!handler) {
    return;
  }
  const role = handler.node.tryFindChild('ServiceRole');
  if (role) {
    Validations.of(role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'aws-cdk-lib attaches AWSLambdaBasicExecutionRole to the AwsCustomResource function; it only lets the ' +
        'function write its own logs.',
    });
  }
  const reasons: Record<string, string> = {
    'NIST.800.53.R5::NIST.800.53.R5-LambdaConcurrency':
      'The function runs only while CloudFormation deploys this stack; it has no other caller.',
    'NIST.800.53.R5::NIST.800.53.R5-LambdaDLQ':
      'The function is invoked synchronously by CloudFormation, which reports any failure and rolls the deployment ' +
      'back; there is no asynchronous event to lose.',
    'NIST.800.53.R5::NIST.800.53.R5-LambdaInsideVPC':
      'The function only calls regional AWS APIs at deploy time and touches no data in any VPC; a VPC would add ' +
      'interface endpoints for no security benefit.',
  };
  for (const [id, reason] of Object.entries(reasons)) {
    Validations.of(handler).acknowledge({ id, reason });
  }
}
