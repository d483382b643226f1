import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { CouncilChecks } from './council-pack';

/**
 * The rule packs every synth runs. Findings fail the synth unless acknowledged on their construct.
 * The built-in CloudFormation validation runs as well (unless CDK_VALIDATION=false), with its
 * findings as errors through the `@aws-cdk/core:validateAgainstDefaultRules` flag in cdk.json.
 */
export function registerComplianceChecks(app: App): void {
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app),
    new NIST80053R5Checks(app),
    new CouncilChecks(app),
  );
}
