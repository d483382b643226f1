import { maxIntervalMinutes } from '../../../lib/dr/cron';

describe('maxIntervalMinutes', () => {
  test.each([
    ['cron(0 1 * * ? *)', 1440],
    ['cron(0 0/6 * * ? *)', 360],
    ['cron(0 1,13 * * ? *)', 720],
    ['cron(30 2 ? * MON-FRI *)', 3 * 1440],
    ['cron(0 5 ? * TUE *)', 7 * 1440],
    ['cron(0 3 ? * SUN *)', 7 * 1440],
    ['rate(12 hours)', 720],
    ['rate(1 day)', 1440],
  ])('%s -> %i minutes', (expression, minutes) => {
    expect(maxIntervalMinutes(expression)).toBe(minutes);
  });

  test('first Tuesday of the month: the longest gap is five weeks', () => {
    expect(maxIntervalMinutes('cron(0 5 ? * TUE#1 *)')).toBe(35 * 1440);
  });

  test('monthly on the first: the longest gap is 31 days', () => {
    expect(maxIntervalMinutes('cron(0 1 1 * ? *)')).toBe(31 * 1440);
  });

  test('rejects what it cannot read', () => {
    expect(() => maxIntervalMinutes('every day')).toThrow(/not an AWS cron/);
    expect(() => maxIntervalMinutes('cron(0 25 * * ? *)')).toThrow(/between 0 and 23/);
  });
});
