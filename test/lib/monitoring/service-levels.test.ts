import {
  highestCriticality,
  minutesToAlarm,
  rotaTransitions,
  SERVICE_LEVELS,
} from '../../../lib/monitoring/service-levels';

describe('service levels', () => {
  it('tighten with criticality: higher targets, lower thresholds, faster alarms', () => {
    const order = ['low', 'medium', 'high', 'critical'] as const;
    for (let i = 1; i < order.length; i++) {
      const less = SERVICE_LEVELS[order[i - 1] ?? 'low'];
      const more = SERVICE_LEVELS[order[i] ?? 'low'];
      expect(more.availabilityTargetPercent).toBeGreaterThan(less.availabilityTargetPercent);
      expect(more.database.cpuPercent).toBeLessThan(less.database.cpuPercent);
      expect(more.database.freeStoragePercent).toBeGreaterThanOrEqual(less.database.freeStoragePercent);
      expect(minutesToAlarm(more)).toBeLessThanOrEqual(minutesToAlarm(less));
    }
    expect(order.filter((c) => SERVICE_LEVELS[c].outOfHoursEscalation)).toEqual(['critical']);
  });

  it('the shared network follows the most critical service it carries, high when it carries none', () => {
    expect(highestCriticality(['low', 'critical', 'medium'])).toBe('critical');
    expect(highestCriticality([])).toBe('high');
  });
});

describe('rota transitions', () => {
  it('07:00 to midnight every day: off duty at 00:00 the next day, in the rota time zone', () => {
    const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
    expect(rotaTransitions({ start: '07:00', end: '00:00', days, timeZone: 'Europe/London' })).toEqual({
      onDuty: { cron: 'cron(0 7 ? * MON,TUE,WED,THU,FRI,SAT,SUN *)', timeZone: 'Europe/London' },
      offDuty: { cron: 'cron(0 0 ? * MON,TUE,WED,THU,FRI,SAT,SUN *)', timeZone: 'Europe/London' },
    });
  });

  it('a weekday rota ending at midnight goes off duty early on Tuesday to Saturday', () => {
    const t = rotaTransitions({
      start: '07:30',
      end: '00:00',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      timeZone: 'Europe/London',
    });
    expect(t?.onDuty.cron).toBe('cron(30 7 ? * MON,TUE,WED,THU,FRI *)');
    expect(t?.offDuty.cron).toBe('cron(0 0 ? * TUE,WED,THU,FRI,SAT *)');
  });

  it('a same-day rota goes off duty the same day; a rota that never stops has no transitions', () => {
    const t = rotaTransitions({ start: '08:00', end: '18:00', days: ['sat', 'mon'], timeZone: 'UTC' });
    expect(t?.offDuty.cron).toBe('cron(0 18 ? * MON,SAT *)');
    const all = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
    expect(rotaTransitions({ start: '00:00', end: '00:00', days: all, timeZone: 'UTC' })).toBeUndefined();
  });
});
