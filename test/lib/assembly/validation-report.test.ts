import {
  PLUGIN_FAILED_RULE,
  unacknowledgedFindings,
  type ValidationReport,
} from '../../../lib/assembly/validation-report';

describe('unacknowledged findings of a validation report', () => {
  it('counts a plugin that failed to run as a finding: its silence is not a pass', () => {
    // What the CDK writes when a validation plugin throws (cdk-validator-cfnguard did, on a template it could not map).
    const report: ValidationReport = {
      pluginReports: [
        { pluginName: 'AwsSolutions', conclusion: 'success', violations: [], suppressedViolations: [] },
        {
          pluginName: 'cdk-validator-cfnguard',
          conclusion: 'failure',
          metadata: {
            error:
              "Validation plugin 'cdk-validator-cfnguard' failed: \n        CfnGuardValidator plugin failed processing cfn-guard results.\n        Error: TypeError: Cannot read properties of undefined (reading 'to')",
          },
          violations: [],
          suppressedViolations: [],
        },
      ],
    };
    expect(unacknowledgedFindings(report)).toEqual([
      {
        plugin: 'cdk-validator-cfnguard',
        rule: PLUGIN_FAILED_RULE,
        description:
          "the plugin failed and checked nothing: Validation plugin 'cdk-validator-cfnguard' failed: CfnGuardValidator plugin failed processing cfn-guard results. Error: TypeError: Cannot read properties of undefined (reading 'to')",
        resource: '(every stack)',
      },
    ]);
  });

  it('finds nothing in a report whose plugins ran and found nothing unacknowledged', () => {
    expect(
      unacknowledgedFindings({
        pluginReports: [
          { pluginName: 'Council', conclusion: 'success', violations: [], suppressedViolations: [] },
        ],
      }),
    ).toEqual([]);
  });
});
