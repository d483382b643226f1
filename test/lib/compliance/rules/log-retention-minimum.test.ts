import { testApp } from '../../../helpers/cdk-app';
import { Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { NagRuleCompliance } from 'cdk-nag';
import { logRetentionMinimum } from '../../../../lib/compliance/rules/log-retention-minimum';

const { COMPLIANT, NON_COMPLIANT } = NagRuleCompliance;

function stack(): Stack {
  return new Stack(testApp(), 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
}

describe('logRetentionMinimum', () => {
  test('compliant at or above the minimum (or never expiring), non-compliant below it', () => {
    const s = stack();
    const rule = logRetentionMinimum(365);
    expect(rule(new logs.CfnLogGroup(s, 'A', { retentionInDays: 400 }))).toBe(COMPLIANT);
    expect(rule(new logs.CfnLogGroup(s, 'B', { retentionInDays: 365 }))).toBe(COMPLIANT);
    expect(rule(new logs.CfnLogGroup(s, 'C', {}))).toBe(COMPLIANT);
    expect(rule(new logs.CfnLogGroup(s, 'D', { retentionInDays: 90 }))).toBe(NON_COMPLIANT);
  });

  test('uses the minimum it is given', () => {
    const group = new logs.CfnLogGroup(stack(), 'A', { retentionInDays: 400 });
    expect(logRetentionMinimum(731)(group)).toBe(NON_COMPLIANT);
  });
});
