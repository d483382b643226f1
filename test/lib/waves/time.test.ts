import { minutesOutsideSupport, windowInterval } from '../../../lib/waves/time';

const ROTA = { start: '07:00', end: '00:00', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] };
const zone = 'Europe/London';

function outside(start: string, end: string, rota = ROTA): number {
  const interval = windowInterval({ start, end, timeZone: zone });
  if (!interval) {
    throw new Error('invalid window');
  }
  return minutesOutsideSupport(interval, zone, rota);
}

describe('support hours and windows', () => {
  it('a window inside 07:00-00:00 is covered; each minute outside is counted', () => {
    expect(outside('2027-01-30T08:00', '2027-01-30T22:00')).toBe(0);
    expect(outside('2027-01-30T08:00', '2027-01-31T00:00')).toBe(0);
    expect(outside('2027-01-30T22:00', '2027-01-31T02:00')).toBe(120);
    expect(outside('2027-01-30T05:30', '2027-01-30T08:00')).toBe(90);
  });

  it('days off the rota count in full', () => {
    expect(
      outside('2027-01-30T09:00', '2027-01-30T10:00', { ...ROTA, days: ['mon', 'tue', 'wed', 'thu', 'fri'] }),
    ).toBe(60);
  });

  it('windows are instants in their zone, across the clock change', () => {
    // 28 March 2027: clocks go forward at 01:00 GMT; 00:00 to 03:00 local is two real hours.
    const interval = windowInterval({ start: '2027-03-28T00:00', end: '2027-03-28T03:00', timeZone: zone });
    expect(interval && (interval.end - interval.start) / 60_000).toBe(120);
    expect(
      windowInterval({ start: '2027-01-30T08:00', end: '2027-01-30T09:00', timeZone: 'Europe/Londres' }),
    ).toBeUndefined();
  });
});
