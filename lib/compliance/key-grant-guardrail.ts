import type { IAspect } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { IConstruct } from 'constructs';

/**
 * Lets only AWS services create grants on the landing zone's keys (Control Tower CT.KMS.PR.3).
 * Services such as RDS, Secrets Manager and CloudWatch Logs use grants on the caller's behalf; a
 * person or role creating a grant directly would be a way round the key policy, so it is denied.
 */
export class KeyGrantsOnlyForAwsServices implements IAspect {
  visit(node: IConstruct): void {
    if (node instanceof kms.Key) {
      node.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'DenyGrantsExceptForAwsServices',
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: ['kms:CreateGrant'],
          resources: ['*'],
          conditions: {
            BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' },
          },
        }),
      );
    }
  }
}
