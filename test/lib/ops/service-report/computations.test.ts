import type { MonitoredDatabase, MonitoredService } from '../../../../lib/monitoring/monitored-estate';
import { SERVICE_LEVELS } from '../../../../lib/monitoring/service-levels';
import { serviceAvailability } from '../../../../lib/ops/service-report/availability';
import { jobCounts, rpoCompliance, successPercent } from '../../../../lib/ops/service-report/backups';
import { costSection } from '../../../../lib/ops/service-report/cost';
import { databaseHeadroom } from '../../../../lib/ops/service-report/databases';
import { incidentsIn, subjectOf } from '../../../../lib/ops/service-report/incidents';
import type { SiteRow } from '../../../../lib/ops/service-report/model';
import { recommendations } from '../../../../lib/ops/service-report/network';
import { monthPeriods, rangePeriods, type ReportPeriods } from '../../../../lib/ops/service-report/period';
import { databaseKey, lookupOf, serverKey, vaultKey } from '../../../../lib/ops/service-report/queries';
import type { MetricSeries } from '../../../../lib/ops/service-report/source';

const HOUR = 3_600_000;
const periods = monthPeriods('2026-11', 'Europe/London') as ReportPeriods;
const START = periods.current.start.getTime();
const END = periods.current.end.getTime();

function hourly(from: number, to: number, value: (t: number) => number | undefined): MetricSeries {
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let t = from; t < to; t += HOUR) {
    const v = value(t);
    if (v !== undefined) {
      timestamps.push(t);
      values.push(v);
    }
  }
  return { timestamps, values };
}

const db: MonitoredDatabase = {
  name: 'main',
  identifier: 'kvdc-payroll-main',
  engine: 'postgres',
  instanceClass: 'db.r6g.large',
  classMemoryGiB: 16,
  connectionLimit: 1802,
  allocatedStorageGiB: 100,
  backupTier: 'silver',
  rpoMinutes: 240,
  readReplicas: false,
};

const service: MonitoredService = {
  id: 'payroll',
  name: 'Payroll',
  serviceArea: 'hr',
  account: 'production',
  accountId: '555555555555',
  production: true,
  criticality: 'high',
  level: SERVICE_LEVELS.high,
  owner: 'Head of HR',
  technicalOwner: 'HR Systems Lead',
  wave: 'wave-01',
  rpoMinutes: 240,
  rtoMinutes: 480,
  liveSince: '2026-11-10',
  databases: [db],
  servers: [{ hostname: 'pay-app01', platform: 'linux', live: true }],
  source: 'wave',
};

function results(series: Record<string, MetricSeries>, failed: Record<string, string> = {}) {
  return lookupOf({
    series: new Map(Object.entries(series)),
    failures: Object.entries(failed).map(([key, message]) => ({
      keys: [key],
      failure: { action: 'x', message },
    })),
  });
}

describe('periods', () => {
  it('a month in the council time zone, and the month before it', () => {
    expect(periods.current.start.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(periods.previous.label).toBe('2026-10');
    // October ends at midnight British Summer Time has already ended.
    expect(periods.previous.start.toISOString()).toBe('2026-09-30T23:00:00.000Z');
  });

  it('a range of days and the same number of days before it; mistakes are named', () => {
    const range = rangePeriods('2026-11-03', '2026-11-09', 'Europe/London') as ReportPeriods;
    expect(range.current.label).toBe('2026-11-03 to 2026-11-09');
    expect(range.previous.label).toBe('2026-10-27 to 2026-11-02');
    expect(rangePeriods('2026-11-09', '2026-11-03', 'UTC')).toEqual({
      error: '--to 2026-11-03 is before --from 2026-11-09',
    });
    expect(monthPeriods('2026-13', 'UTC')).toHaveProperty('error');
  });
});

describe('availability', () => {
  const full = (t: number): number => (t >= START + 24 * HOUR && t < START + 27 * HOUR ? 0 : 60);
  it('counts a server from its cutover day and a database from its first sample; the worst part each hour', () => {
    const lookup = results({
      [serverKey('pay-app01')]: hourly(START, END, (t) =>
        t >= START + 14 * 24 * HOUR && t < START + 14 * 24 * HOUR + 2 * HOUR ? 30 : 60,
      ),
      [databaseKey(db.identifier, 'samples')]: hourly(START - 31 * 24 * HOUR, END, full),
    });
    const result = serviceAvailability(service, periods.current, lookup);
    expect(result.read).toBe(true);
    // 3 hours down for the database, and 2 half hours for the server after its cutover on the 10th.
    expect(result.read && result.value?.downtimeMinutes).toBe(3 * 60 + 60);
    expect(result.read && result.value?.percent).toBeCloseTo(100 - (240 / (30 * 24 * 60)) * 100, 6);
  });

  it('a live server whose agent sent nothing is not read, with what to check', () => {
    const lookup = results({
      [serverKey('pay-app01')]: { timestamps: [], values: [] },
      [databaseKey(db.identifier, 'samples')]: hourly(START, END, () => 60),
    });
    const result = serviceAvailability(service, periods.current, lookup);
    expect(!result.read && result.reason).toContain(
      'server pay-app01: no mem_used_percent samples from its CloudWatch agent in 2026-11 although it has run in AWS since 2026-11-10',
    );
  });

  it('a database that never reported, or a series that failed, is not read', () => {
    const none = serviceAvailability(
      service,
      periods.current,
      results({ [databaseKey(db.identifier, 'samples')]: { timestamps: [], values: [] } }),
    );
    expect(!none.read && none.reason).toContain('no CPUUtilization samples in either period');
    const failed = serviceAvailability(
      service,
      periods.current,
      results({}, { [databaseKey(db.identifier, 'samples')]: 'throttled' }),
    );
    // The failed call's own words, the same for every series of its batch, so the report groups them.
    expect(!failed.read && failed.reason).toBe('throttled');
  });

  it('a service with nothing running in AWS yet has no availability, not 100%', () => {
    const result = serviceAvailability(
      { ...service, databases: [], servers: [], liveSince: undefined },
      periods.current,
      results({}),
    );
    expect(result).toEqual({ read: true, value: null });
  });
});

describe('incidents', () => {
  const change = (alarmName: string, at: number, state: 'OK' | 'ALARM', previous: 'OK' | 'ALARM') => ({
    alarmName,
    at,
    state,
    previous,
  });
  it('are the episodes of the paging alarms, with time to recover; one already in alarm starts with the period', () => {
    const archive = {
      since: START - 60 * 24 * HOUR,
      changes: [
        change('kvdc-payroll-service', START + 5 * HOUR, 'ALARM', 'OK'),
        change('kvdc-payroll-service', START + 7 * HOUR, 'OK', 'ALARM'),
        change('kvdc-payroll-db-main-cpu', START + 5 * HOUR, 'ALARM', 'OK'),
        change('kvdc-egress-service', START + 2 * HOUR, 'OK', 'ALARM'),
        change('kvdc-finance-service', END - HOUR, 'ALARM', 'OK'),
      ],
    };
    const result = incidentsIn('kvdc', periods.current, [{ account: 'production', archive }]);
    expect(result.read && result.value).toEqual([
      {
        subject: 'egress',
        alarmName: 'kvdc-egress-service',
        start: START,
        end: START + 2 * HOUR,
        minutesToRecover: 120,
        ongoingAtStart: true,
      },
      {
        subject: 'payroll',
        alarmName: 'kvdc-payroll-service',
        start: START + 5 * HOUR,
        end: START + 7 * HOUR,
        minutesToRecover: 120,
        ongoingAtStart: false,
      },
      { subject: 'finance', alarmName: 'kvdc-finance-service', start: END - HOUR, ongoingAtStart: false },
    ]);
    expect(subjectOf('kvdc', 'kvdc-payroll-db-main-cpu')).toBeUndefined();
  });

  it('an archive younger than the period is not read, never "no incidents"', () => {
    const result = incidentsIn('kvdc', periods.current, [
      { account: 'network', archive: { since: START + HOUR, changes: [] } },
    ]);
    expect(!result.read && result.reason).toContain(
      "the network account's alarm history archive starts on 2026-11-01T01:00:00.000Z",
    );
  });
});

describe('backups', () => {
  it('job counts per vault; none published at all is not read', () => {
    const lookup = results({
      [vaultKey('v', 'completed')]: { timestamps: [START, START + 24 * HOUR], values: [10, 9] },
      [vaultKey('v', 'failed')]: { timestamps: [START + 24 * HOUR], values: [1] },
      [vaultKey('v', 'expired')]: { timestamps: [], values: [] },
      [vaultKey('v', 'aborted')]: { timestamps: [], values: [] },
      [vaultKey('v', 'copiesCompleted')]: { timestamps: [START], values: [19] },
      [vaultKey('v', 'copiesFailed')]: { timestamps: [], values: [] },
    });
    const counts = jobCounts('v', periods.current, lookup);
    expect(counts.read && counts.value).toEqual({
      completed: 19,
      failed: 1,
      expired: 0,
      aborted: 0,
      copiesCompleted: 19,
      copiesFailed: 0,
    });
    expect(counts.read && successPercent(counts.value, 'backup')).toBe(95);
    const empty = results(
      Object.fromEntries(
        ['completed', 'failed', 'expired', 'aborted', 'copiesCompleted', 'copiesFailed'].map((m) => [
          vaultKey('w', m as 'failed'),
          { timestamps: [], values: [] },
        ]),
      ),
    );
    const none = jobCounts('w', periods.current, empty);
    expect(!none.read && none.reason).toContain('AWS Backup published no job counts for vault w in 2026-11');
  });

  it('RPO: continuous backup meets it; daily snapshots against a 4-hour RPO do not', () => {
    const continuous = rpoCompliance(
      [
        {
          resourceArn: 'a',
          recoveryPointArn: 'arn:aws:backup:x:continuous:db-a',
          createdAt: START - 1,
          status: 'AVAILABLE',
        },
      ],
      240,
      START,
      END,
    );
    expect(continuous).toMatchObject({ met: true, continuous: true });
    const daily = Array.from({ length: 31 }, (_, d) => ({
      resourceArn: 'a',
      recoveryPointArn: `s${d}`,
      createdAt: START - HOUR + d * 24 * HOUR,
      status: 'COMPLETED',
    }));
    const result = rpoCompliance(daily, 240, START, END);
    expect(result.met).toBe(false);
    expect(result.worstGapMinutes).toBe(24 * 60);
    expect(result.minutesOutside).toBe(30 * 20 * 60);
    const sixHourly = Array.from({ length: 121 }, (_, i) => ({
      resourceArn: 'a',
      recoveryPointArn: `p${i}`,
      createdAt: START - HOUR + i * 6 * HOUR,
      status: 'COMPLETED',
    }));
    expect(rpoCompliance(sixHourly, 480, START, END)).toMatchObject({ met: true, worstGapMinutes: 360 });
  });
});

describe('network recommendations', () => {
  const row = (p95: number, share: number, routing: 'bgp' | 'static', drops = 0, uptime = 100): SiteRow => ({
    site: 'depot',
    routing,
    tunnels: 2,
    tunnelCapacityBps: 1.25e9,
    current: {
      read: true,
      value: { bytesIn: 5e12, bytesOut: 2e12, peakBps: p95 * 1.1, p95Bps: p95, uptimePercent: uptime },
    },
    previous: { read: false, reason: 'x' },
    drops: { read: true, value: drops },
    busiestTunnelSharePercent: { read: true, value: share },
    dailyPeakBps: [],
  });
  it('near capacity, unbalanced on a BGP site, drops and uptime each say what to do', () => {
    const lines = recommendations(row(1e9, 95, 'bgp', 12, 99.5));
    expect(lines[0]).toContain(
      "95th-percentile load 1.00 Gbps is 80% of one tunnel's 1.25 Gbps: add capacity",
    );
    expect(lines[1]).toContain('one tunnel carries 95% of its connection');
    expect(lines[2]).toContain('dropped 12 packets');
    expect(lines[3]).toContain('reachable 99.50% of the time');
  });
  it('a static site uses one tunnel by design: no balance advice; a quiet site needs none', () => {
    expect(recommendations(row(1e8, 100, 'static'))).toEqual([]);
  });
});

describe('database headroom', () => {
  it('CPU p95, memory and storage against the class, and when storage fills at the trend', () => {
    const gib = 1024 ** 3;
    const lookup = results({
      [databaseKey(db.identifier, 'cpu')]: hourly(START, END, (t) => ((t - START) / HOUR) % 100),
      [databaseKey(db.identifier, 'freeMemory')]: hourly(START, END, () => 4 * gib),
      [databaseKey(db.identifier, 'freeStorage')]: hourly(
        START,
        END,
        (t) => (60 - ((t - START) / (24 * HOUR)) * 1.5) * gib,
      ),
      [databaseKey(db.identifier, 'connections')]: hourly(START, END, () => 901),
      [databaseKey(db.identifier, 'readLatency')]: hourly(START, END, () => 0.004),
      [databaseKey(db.identifier, 'writeLatency')]: hourly(START, END, () => 0.006),
    });
    const h = databaseHeadroom(db, periods.current, lookup);
    expect(h.read).toBe(true);
    if (!h.read) return;
    expect(h.value.cpuP95).toBe(94);
    expect(h.value.freeMemoryMinPercent).toBe(25);
    expect(h.value.storageTrendGiBPerDay).toBeCloseTo(-1.5, 2);
    expect(h.value.daysToFull).toBeCloseTo(10, 0);
    expect(h.value.connectionsPercent).toBeCloseTo(50, 0);
    expect(h.value.writeLatencyP95Ms).toBeCloseTo(6, 6);
  });

  it('a metric with no data in the period is not read, naming it', () => {
    const lookup = results({ [databaseKey(db.identifier, 'cpu')]: { timestamps: [], values: [] } });
    const h = databaseHeadroom(db, periods.current, lookup);
    expect(!h.read && h.reason).toContain(
      'AWS/RDS CPUUtilization of kvdc-payroll-main has no data in 2026-11',
    );
  });
});

describe('cost', () => {
  it('converts USD at the price table rate, scales monthly figures, and never shows an unread source as 0', () => {
    const section = costSection(
      [service],
      periods,
      {
        ok: true,
        value: [
          { tagValue: 'payroll', amount: 100, unit: 'USD' },
          { tagValue: '', amount: 50, unit: 'USD' },
        ],
      },
      { ok: false, failure: { action: 'ce:GetCostAndUsage', message: 'denied' } },
      { ok: true, value: { byWorkload: new Map([['payroll', 70]]), sharedMonthlyGbp: 30 } },
      { ok: true, value: { gbpPerUsd: 0.8, source: 'test' } },
    );
    const payroll = section.rows[0];
    expect(payroll?.actual).toEqual({ read: true, value: 80 });
    expect(payroll?.previousActual).toEqual({ read: false, reason: 'denied' });
    expect(payroll?.estimate.read && payroll.estimate.value).toBeCloseTo(70 * (30 / (365.25 / 12)), 6);
    expect(section.shared.actual).toEqual({ read: true, value: 40 });
    expect(section.total.previousActual.read).toBe(false);
  });
});
