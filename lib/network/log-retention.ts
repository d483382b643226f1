import * as logs from 'aws-cdk-lib/aws-logs';

const BY_DAYS = new Map<number, logs.RetentionDays>(
  Object.values(logs.RetentionDays)
    .filter((value): value is logs.RetentionDays => typeof value === 'number')
    .map((value) => [value, value]),
);

/**
 * The RetentionDays member for a day count from configuration. The schema already limits the
 * count to the values CloudWatch Logs accepts, which are exactly RetentionDays' values; the
 * lookup turns what used to be an unchecked assignment into a clear error if they ever drift.
 */
export function toRetentionDays(days: number): logs.RetentionDays {
  const match = BY_DAYS.get(days);
  if (match === undefined) {
    throw new Error(`CloudWatch Logs does not accept a retention of ${days} days`);
  }
  return match;
}
