import * as logs from 'aws-cdk-lib/aws-logs';
import { toRetentionDays } from '../../../lib/network/log-retention';
import { LOG_RETENTION_DAYS } from '../../../lib/config/schema-primitives';

describe('toRetentionDays', () => {
  it('maps every retention the schema accepts to the RetentionDays member', () => {
    for (const days of LOG_RETENTION_DAYS) {
      expect(toRetentionDays(days)).toBe(days);
    }
    expect(toRetentionDays(400)).toBe(logs.RetentionDays.THIRTEEN_MONTHS);
  });

  it('refuses a day count CloudWatch Logs does not accept', () => {
    expect(() => toRetentionDays(42)).toThrow('CloudWatch Logs does not accept a retention of 42 days');
  });
});
