import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { DataProtectionChecks } from './data-protection-pack';

/** The rule packs every synth runs. Findings fail the synth unless acknowledged on their construct. */
export function registerComplianceChecks(app: App): void {
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app),
    new NIST80053R5Checks(app),
    new DataProtectionChecks(app),
  );
}
