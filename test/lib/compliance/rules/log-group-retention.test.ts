import { testApp } from '../../../helpers/cdk-app';
import { Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { NagRuleCompliance } from 'cdk-nag';
import { logGroupRetention } from '../../../../lib/compliance/rules/log-group-retention';

const { COMPLIANT, NON_COMPLIANT } = NagRuleCompliance;

function stack(): Stack {
  return new Stack(testApp(), 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
}

describe('logGroupRetention', () => {
  test('compliant with retention, non-compliant without', () => {
    const s = stack();
    expect(logGroupRetention(new logs.CfnLogGroup(s, 'A', { retentionInDays: 400 }))).toBe(COMPLIANT);
    expect(logGroupRetention(new logs.CfnLogGroup(s, 'B', {}))).toBe(NON_COMPLIANT);
  });
});
