import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { CouncilChecks } from './council-pack';

/**
 * The rule packs every synth runs: cdk-nag AwsSolutions and NIST 800-53 rev 5, the council's own
 * pack, and the AWS Control Tower proactive controls (cfn-guard, offline). Findings fail the synth
 * unless acknowledged on their construct. The built-in CloudFormation validation runs as well
 * (unless CDK_VALIDATION=false), as errors through `@aws-cdk/core:validateAgainstDefaultRules`.
 */
export function registerComplianceChecks(app: App): void {
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app),
    new NIST80053R5Checks(app),
    new CouncilChecks(app),
    // The guard binary's report for every control over every template is large: give it room.
    new CfnGuardValidator({ controlTowerRulesEnabled: true, maxBuffer: 64 * 1024 * 1024 }),
  );
}
