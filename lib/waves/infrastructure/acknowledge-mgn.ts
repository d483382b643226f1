import { Validations, type CfnResource } from 'aws-cdk-lib';

const REASON =
  'The AWS::MGN types (waves, applications, replication and launch configuration templates) are CloudFormation registry types (aws_mgn in aws-cdk-lib, published through Cloud Control); the schemas bundled with the built-in validation and with cfn-lint 1.51 predate them.';

/**
 * The built-in CloudFormation validation and cfn-lint 1.51 both ship resource schemas without the
 * AWS Application Migration Service types, so they report every AWS::MGN resource as an unknown
 * type. Acknowledge exactly that finding, on the MGN record
 * itself: for the built-in validation through Validations, for cfn-lint through the resource's
 * own `cfn-lint` metadata (E3006 only, nothing else is switched off).
 */
export function acknowledgeMgnResourceType(record: CfnResource): void {
  Validations.of(record).acknowledge({ id: 'CloudFormation-Validate::F3006', reason: REASON });
  record.addMetadata('cfn-lint', { config: { ignore_checks: ['E3006'] } });
}
