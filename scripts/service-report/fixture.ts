/*
 * A month of an estate's telemetry, served through aws-sdk-client-mock behind the real SDK clients:
 * the service report's fixture. Deterministic (seeded by series names), derived from the monitored
 * estate so it fits any plan, with the example council's November 2026 made eventful enough that
 * every section of the report has something to say: a critical service below target, incidents,
 * failed backups and copies, a database without continuous backup missing its RPO, a site near a
 * tunnel's capacity with unbalanced tunnels, dropped packets, a filling database, costs that rose.
 * Used by the tests, `npm run service-report:fixture` (the run in docs/operations.md) and the benchmark.
 */
import {
  BackupClient,
  ListBackupJobsCommand,
  ListCopyJobsCommand,
  ListRecoveryPointsByBackupVaultCommand,
  type ListBackupJobsCommandInput,
  type ListCopyJobsCommandInput,
  type ListRecoveryPointsByBackupVaultCommandInput,
} from '@aws-sdk/client-backup';
import {
  CloudWatchClient,
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
} from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
  type FilterLogEventsCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandInput,
} from '@aws-sdk/client-cost-explorer';
import {
  DescribeTransitGatewayAttachmentsCommand,
  DescribeVpnConnectionsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { DescribeEventsCommand, RDSClient, type DescribeEventsCommandInput } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { AsyncLocalStorage } from 'node:async_hooks';
import { siteVpnName } from '../../lib/connectivity/site-vpn';
import type { MonitoredEstate, MonitoredService } from '../../lib/monitoring/monitored-estate';
import type { AwsOptions } from '../../lib/ops/aws';
import { awsEstateSource } from '../../lib/ops/service-report/aws-source';
import { alarmHistoryLogGroupName, serviceAlarmName } from '../../lib/names';
import type { EstateSource } from '../../lib/ops/service-report/source';

export const FIXTURE_MONTH = '2026-11';
/** When the fixture's report is made: early on the first morning after the month. */
export const FIXTURE_NOW = new Date('2026-12-01T06:00:00Z');
const MONTH_START = Date.parse('2026-11-01T00:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const GIB = 1024 ** 3;

/** A number in [0, 1) from a name: the same series gets the same values every run. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return ((h >>> 0) % 1_000_003) / 1_000_003;
}

/** Cheap deterministic noise in [0, 1) for a series at a time. */
function noise(seed: number, t: number): number {
  const x = Math.sin(seed * 12.9898 + t / 3.7e5) * 43758.5453;
  return x - Math.floor(x);
}

/** Office-hours shape in [0, 1]: low at night, high 09:00-17:00, lower at weekends. */
function dayShape(t: number): number {
  const hour = new Date(t).getUTCHours() + new Date(t).getUTCMinutes() / 60;
  const weekday = new Date(t).getUTCDay();
  const office = Math.max(0, Math.sin(((hour - 6) / 14) * Math.PI));
  return (weekday === 0 || weekday === 6 ? 0.35 : 1) * office;
}

function inWindow(t: number, windows: readonly (readonly [number, number])[]): boolean {
  return windows.some(([a, b]) => t >= a && t < b);
}

const at = (day: number, hour: number, minute = 0): number =>
  MONTH_START + (day - 1) * DAY + hour * HOUR + minute * 60_000;

/** The example's eventful month; other estates (the benchmark) simply run smoothly. */
const SCENARIO = {
  /** Hours a server's agent was silent (it was down). */
  serverOutages: { 'kvwaste-app01': [[at(9, 10), at(9, 14)]] } as Record<string, [number, number][]>,
  /** Hours a database reported nothing (restarting). */
  databaseOutages: { 'kvdc-housing-repairs-repairs': [[at(14, 2), at(14, 3)]] } as Record<
    string,
    [number, number][]
  >,
  /** Workloads whose database CPU ran hot in November. */
  hotCpu: new Set(['finance-unit4']),
  /** Databases filling fast in November: the share of their allocated storage a day. */
  filling: { 'kvdc-edrms-information-at-work': 0.011 } as Record<string, number>,
  /** Databases without continuous backup (and so on snapshots only). */
  noContinuous: new Set(['kvdc-land-charges-land-charges']),
  /** Paging alarm episodes in the month, by subject: [start, end or undefined]. */
  incidents: [
    ['waste-bartec', at(9, 10, 2), at(9, 14, 7)],
    ['finance-unit4', at(18, 14, 30), at(18, 14, 55)],
    ['central-egress', at(22, 3, 15), at(22, 3, 27)],
    ['backups-production', at(6, 1, 40), at(6, 9, 5)],
    ['housing-repairs', at(14, 2, 4), at(14, 3, 1)],
  ] as [string, number, number | undefined][],
  previousIncidents: [
    ['web-cms', at(-20, 11, 0), at(-20, 11, 40)],
    ['finance-unit4', at(-12, 9, 0), at(-12, 9, 20)],
  ] as [string, number, number][],
  /** Failed backup jobs of the month: [account role, day, state, message]. */
  failedJobs: [
    ['backup', 6, 'FAILED', 'RDS snapshot quota exceeded in eu-west-2'],
    ['backup', 6, 'EXPIRED', 'The job did not start within its 60-minute start window'],
    ['copy', 6, 'FAILED', 'Access denied to the destination vault key kvdc-central'],
  ] as ['backup' | 'copy', number, string, string][],
  /** Busiest-direction profile peak per site, bits per second (November; October is 0.8 of it). */
  sitePeakBps: { 'civic-centre-dc': 1.25e9, 'northgate-depot': 1.6e8, 'central-library': 6e7 } as Record<
    string,
    number
  >,
  /** The share the first tunnel of a device carries (the rest goes on the second). */
  tunnelShare: { 'civic-centre-dc': 0.96, 'northgate-depot': 0.55, 'central-library': 1 } as Record<
    string,
    number
  >,
  /** Both tunnels of a site down. */
  siteOutages: { 'northgate-depot': [[at(20, 4), at(20, 5, 30)]] } as Record<string, [number, number][]>,
  /** Attachments that dropped packets, by site. */
  drops: new Set(['central-library']),
  /** Workloads whose cost rose by a quarter in November. */
  costlier: new Set(['finance-unit4', 'edrms']),
};

interface FixtureModel {
  readonly estate: MonitoredEstate;
  readonly servers: ReadonlyMap<string, { service: MonitoredService }>;
  readonly databases: ReadonlyMap<string, { service: MonitoredService; index: number }>;
  readonly tunnels: ReadonlyMap<string, { site: string; device: string; first: boolean; devices: number }>;
  readonly connections: readonly {
    id: string;
    name: string;
    site: string;
    ips: [string, string];
    attachment: string;
  }[];
}

function model(estate: MonitoredEstate): FixtureModel {
  const servers = new Map<string, { service: MonitoredService }>();
  const databases = new Map<string, { service: MonitoredService; index: number }>();
  let index = 0;
  for (const service of estate.services) {
    for (const s of service.servers) servers.set(s.hostname, { service });
    for (const d of service.databases) databases.set(d.identifier, { service, index: index++ });
  }
  const tunnels = new Map<string, { site: string; device: string; first: boolean; devices: number }>();
  const connections: FixtureModel['connections'][number][] = [];
  estate.sites.forEach((site, s) => {
    site.devices.forEach((device, d) => {
      const ips: [string, string] = [`18.130.${10 + s}.${10 + d * 2}`, `18.130.${10 + s}.${11 + d * 2}`];
      const id = `vpn-0${(s * 16 + d).toString(16).padStart(2, '0')}fixture0000`;
      connections.push({
        id,
        name: siteVpnName(estate.prefix, site.name, device.name),
        site: site.name,
        ips,
        attachment: `tgw-attach-0${s}${d}fixture00`,
      });
      ips.forEach((ip, i) =>
        tunnels.set(ip, {
          site: site.name,
          device: device.name,
          first: i === 0,
          devices: site.devices.length,
        }),
      );
    });
  });
  return { estate, servers, databases, tunnels, connections };
}

type Dimensions = Record<string, string>;

/** The value of one metric at one time, from the fixture model. */
function metricValue(
  m: FixtureModel,
  silent: ReadonlySet<string>,
  namespace: string,
  metric: string,
  dims: Dimensions,
  stat: string,
  t: number,
  period: number,
): number | undefined {
  const november = t >= MONTH_START;
  if (namespace === 'AWS/RDS') {
    const id = dims['DBInstanceIdentifier'] ?? '';
    const db = m.databases.get(id);
    if (!db) return undefined;
    const facts = db.service.databases.find((d) => d.identifier === id);
    if (!facts) return undefined;
    const down = inWindow(t, SCENARIO.databaseOutages[id] ?? []);
    const seed = hash(id + metric);
    const shape = dayShape(t);
    switch (metric) {
      case 'CPUUtilization': {
        if (stat === 'SampleCount') return down ? 0 : 60;
        if (down) return undefined;
        const hot = november && SCENARIO.hotCpu.has(db.service.id) ? 35 : 0;
        return Math.min(99, 12 + 40 * shape + hot + 10 * noise(seed, t));
      }
      case 'FreeableMemory':
        return facts.classMemoryGiB * GIB * (0.35 + 0.2 * (1 - shape) + 0.05 * noise(seed, t));
      case 'FreeStorageSpace': {
        // Ordinary growth is a thousandth of the allocated storage a day.
        const usual = facts.allocatedStorageGiB * 0.001;
        const fast = SCENARIO.filling[id];
        const growth = november && fast !== undefined ? facts.allocatedStorageGiB * fast : usual;
        const days = (t - MONTH_START) / DAY;
        const start = facts.allocatedStorageGiB * (SCENARIO.filling[id] ? 0.45 : 0.55);
        return Math.max(1, start - growth * Math.max(0, days) + (days < 0 ? usual * -days : 0)) * GIB;
      }
      case 'DatabaseConnections':
        return Math.round(facts.connectionLimit * (0.04 + 0.18 * shape) + 5 * noise(seed, t));
      case 'ReadLatency':
      case 'WriteLatency':
        return 0.0015 + 0.004 * shape + 0.002 * noise(seed, t);
      default:
        return undefined;
    }
  }
  if (namespace === 'CWAgent') {
    const host = dims['server'] ?? '';
    if (!m.servers.has(host) || silent.has(host)) return undefined;
    if (stat !== 'SampleCount') return 50;
    if (inWindow(t, SCENARIO.serverOutages[host] ?? [])) return 0;
    return 60;
  }
  if (namespace === 'AWS/Backup') {
    const vault = m.estate.vaults.find((v) => v.name === dims['BackupVaultName']);
    if (!vault) return undefined;
    const dbs = m.estate.services
      .filter((s) => s.accountId === vault.accountId)
      .flatMap((s) => s.databases).length;
    const day = Math.floor((t - MONTH_START) / DAY) + 1;
    const production = vault.account === 'production';
    const failedToday = november && production && day === 6;
    switch (metric) {
      case 'NumberOfBackupJobsCompleted':
        return dbs * 2 - (failedToday ? 2 : 0);
      case 'NumberOfBackupJobsFailed':
        return failedToday ? 1 : 0;
      case 'NumberOfBackupJobsExpired':
        return failedToday ? 1 : 0;
      case 'NumberOfBackupJobsAborted':
        return undefined;
      case 'NumberOfCopyJobsCompleted':
        return dbs * 2 - (failedToday ? 1 : 0);
      case 'NumberOfCopyJobsFailed':
        return failedToday ? 1 : 0;
      default:
        return undefined;
    }
  }
  if (namespace === 'AWS/VPN') {
    const ip = dims['TunnelIpAddress'] ?? '';
    const tunnel = m.tunnels.get(ip);
    if (!tunnel) return undefined;
    const down = inWindow(t, SCENARIO.siteOutages[tunnel.site] ?? []);
    if (metric === 'TunnelState') return down ? 0 : 1;
    const peak = (SCENARIO.sitePeakBps[tunnel.site] ?? 5e7) * (november ? 1 : 0.8);
    const share = SCENARIO.tunnelShare[tunnel.site] ?? 0.5;
    const mine = (tunnel.first ? share : 1 - share) / tunnel.devices;
    const direction = metric === 'TunnelDataIn' ? 1 : 0.45;
    const bitsPerSecond = down
      ? 0
      : peak * (0.08 + 0.92 * dayShape(t)) * (0.9 + 0.1 * noise(hash(ip + metric), t)) * mine * direction;
    return (bitsPerSecond * period) / 8;
  }
  if (namespace === 'AWS/TransitGateway') {
    const connection = m.connections.find((c) => c.attachment === dims['TransitGatewayAttachment']);
    if (!connection) return undefined;
    return november &&
      SCENARIO.drops.has(connection.site) &&
      metric === 'PacketDropCountNoRoute' &&
      new Date(t).getUTCHours() === 9
      ? 12
      : 0;
  }
  return undefined;
}

export interface FixtureOptions {
  /** Datapoints per GetMetricData answer before a NextToken (the API's own limit is 100,800). */
  readonly pointsPerAnswer?: number;
  /** Items per page of the list APIs. */
  readonly pageSize?: number;
  /** Calls answered AccessDenied in one account (by id), e.g. cloudwatch:GetMetricData. */
  readonly deny?: { readonly accountId: string; readonly actions: readonly string[] };
  /** Servers whose CloudWatch agent never reported (its metric does not exist). */
  readonly silentServers?: readonly string[];
}

function accessDenied(action: string): Error {
  return Object.assign(new Error(`User is not authorized to perform: ${action}`), {
    name: 'AccessDeniedException',
    $metadata: { httpStatusCode: 400 },
  });
}

/** The mocked clients: how many GetMetricData calls were made, and restore when done. */
export interface FixtureMocks {
  /** The GetMetricData requests made, each with its number of queries. */
  metricCalls(): number[];
  restore(): void;
}

/**
 * The account a mocked call is made for. Calls of several accounts run at once, and the mock's
 * getClient does not tell them apart, so the fixture's source runs each account's reads in an async
 * context that names the account.
 */
const ACCOUNT = new AsyncLocalStorage<string>();

// Async like the SDK's calls it stands in for, so a refusal arrives as a rejected promise.
// eslint-disable-next-line @typescript-eslint/require-await
async function accountOf(): Promise<string> {
  const account = ACCOUNT.getStore();
  if (account === undefined) throw new Error('fixture: a call outside fixtureSource()');
  return account;
}

function page<T>(
  items: readonly T[],
  token: string | undefined,
  size: number,
): { items: T[]; next?: string } {
  const start = token === undefined ? 0 : Number(token);
  const next = start + size < items.length ? String(start + size) : undefined;
  return { items: items.slice(start, start + size), ...(next === undefined ? {} : { next }) };
}

/** Installs the fixture behind the SDK clients. */
export function installFixture(estate: MonitoredEstate, options: FixtureOptions = {}): FixtureMocks {
  const m = model(estate);
  const pointsPerAnswer = options.pointsPerAnswer ?? 100_800;
  const pageSize = options.pageSize ?? 100;
  const silent = new Set(options.silentServers ?? []);
  const refuse = async (action: string): Promise<void> => {
    if (options.deny?.actions.includes(action) && (await accountOf()) === options.deny.accountId) {
      throw accessDenied(action);
    }
  };

  const cloudwatch = mockClient(CloudWatchClient);
  cloudwatch.on(GetMetricDataCommand).callsFake(async (input: GetMetricDataCommandInput) => {
    await refuse('cloudwatch:GetMetricData');
    const start = (input.StartTime as Date).getTime();
    const end = (input.EndTime as Date).getTime();
    // The token is how many points of the request have been answered already.
    let skip = Number(input.NextToken ?? '0');
    let budget = pointsPerAnswer;
    let offset = 0;
    const results: {
      Id: string;
      Timestamps: Date[];
      Values: number[];
      StatusCode: 'Complete' | 'PartialData';
    }[] = [];
    for (const q of input.MetricDataQueries ?? []) {
      const stat = q.MetricStat;
      if (!stat?.Metric) continue;
      const period = stat.Period ?? 60;
      const dims = Object.fromEntries(
        (stat.Metric.Dimensions ?? []).map((d) => [d.Name ?? '', d.Value ?? '']),
      );
      const count = Math.floor((end - start) / (period * 1000));
      const from = Math.max(0, skip - offset);
      offset += count;
      if (from >= count || budget <= 0) continue;
      const take = Math.min(count - from, budget);
      const timestamps: Date[] = [];
      const values: number[] = [];
      for (let i = from; i < from + take; i++) {
        const t = start + i * period * 1000;
        const v = metricValue(
          m,
          silent,
          stat.Metric.Namespace ?? '',
          stat.Metric.MetricName ?? '',
          dims,
          stat.Stat ?? '',
          t,
          period,
        );
        if (v !== undefined) {
          timestamps.push(new Date(t));
          values.push(v);
        }
      }
      budget -= take;
      skip += take;
      results.push({
        Id: q.Id ?? '',
        Timestamps: timestamps,
        Values: values,
        StatusCode: from + take < count ? 'PartialData' : 'Complete',
      });
    }
    const total = (input.MetricDataQueries ?? []).reduce(
      (sum, q) => sum + Math.floor((end - start) / ((q.MetricStat?.Period ?? 60) * 1000)),
      0,
    );
    return { MetricDataResults: results, ...(skip < total ? { NextToken: String(skip) } : {}) };
  });

  const logs = mockClient(CloudWatchLogsClient);
  logs.on(DescribeLogGroupsCommand).resolves({
    logGroups: [
      {
        logGroupName: alarmHistoryLogGroupName(estate.prefix),
        creationTime: Date.parse('2026-09-01T00:00:00Z'),
      },
    ],
  });
  logs.on(FilterLogEventsCommand).callsFake(async (input: FilterLogEventsCommandInput) => {
    await refuse('logs:FilterLogEvents');
    const account = await accountOf();
    const events = [...SCENARIO.incidents, ...SCENARIO.previousIncidents].flatMap(([subject, start, end]) => {
      const service = estate.services.find((s) => s.id === subject);
      const owner =
        service?.accountId ??
        (subject.startsWith('backups-')
          ? estate.alertAccounts.find((a) => a.name === subject.slice('backups-'.length))?.id
          : estate.networkAccount.id);
      if (
        owner !== account ||
        (service === undefined && !['central-egress', 'backups-production'].includes(subject))
      )
        return [];
      const name = subject.startsWith('backups-')
        ? `${estate.prefix}-backup-${estate.prefix}-${subject.slice('backups-'.length)}-service`
        : subject === 'central-egress'
          ? `${estate.prefix}-egress-service`
          : serviceAlarmName(estate.prefix, subject);
      const change = (when: number, state: string, previous: string) => ({
        timestamp: when,
        message: JSON.stringify({
          'detail-type': 'CloudWatch Alarm State Change',
          source: 'aws.cloudwatch',
          time: new Date(when).toISOString(),
          detail: {
            alarmName: name,
            state: { value: state, reason: `fixture: ${state}`, timestamp: new Date(when).toISOString() },
            previousState: { value: previous },
          },
        }),
      });
      return [change(start, 'ALARM', 'OK'), ...(end === undefined ? [] : [change(end, 'OK', 'ALARM')])];
    });
    const inRange = events
      .filter(
        (e) =>
          e.timestamp >= (input.startTime ?? 0) && e.timestamp <= (input.endTime ?? Number.MAX_SAFE_INTEGER),
      )
      .sort((a, b) => a.timestamp - b.timestamp);
    const p = page(inRange, input.nextToken, pageSize);
    return { events: p.items, ...(p.next === undefined ? {} : { nextToken: p.next }) };
  });

  const backup = mockClient(BackupClient);
  const jobs = (kind: 'backup' | 'copy', account: string, state: string | undefined) => {
    const vault = estate.vaults.find((v) => v.accountId === account && v.account === 'production');
    if (!vault) return [];
    const db = estate.services.filter((s) => s.accountId === account).flatMap((s) => s.databases)[0];
    return SCENARIO.failedJobs
      .filter(([k, , s]) => k === kind && s === state)
      .map(([, day, s, message], i) => ({
        id: `${kind}-job-fixture-${day}-${i}`,
        State: s,
        ResourceArn: `arn:aws:rds:${estate.region}:${account}:db:${db?.identifier ?? 'none'}`,
        CreationDate: new Date(at(day, 1, 30)),
        StatusMessage: message,
        vault: vault.name,
      }));
  };
  backup.on(ListBackupJobsCommand).callsFake(async (input: ListBackupJobsCommandInput) => {
    const list = jobs('backup', await accountOf(), input.ByState).map((j) => ({
      BackupJobId: j.id,
      State: j.State,
      ResourceArn: j.ResourceArn,
      CreationDate: j.CreationDate,
      StatusMessage: j.StatusMessage,
      BackupVaultName: j.vault,
    }));
    return { BackupJobs: list };
  });
  backup.on(ListCopyJobsCommand).callsFake(async (input: ListCopyJobsCommandInput) => {
    const list = jobs('copy', await accountOf(), input.ByState).map((j) => ({
      CopyJobId: j.id,
      State: j.State,
      ResourceArn: j.ResourceArn,
      CreationDate: j.CreationDate,
      StatusMessage: j.StatusMessage,
      SourceBackupVaultArn: `arn:aws:backup:${estate.region}:000000000000:backup-vault:${j.vault}`,
    }));
    return { CopyJobs: list };
  });
  backup
    .on(ListRecoveryPointsByBackupVaultCommand)
    .callsFake(async (input: ListRecoveryPointsByBackupVaultCommandInput) => {
      const account = await accountOf();
      const after = input.ByCreatedAfter?.getTime() ?? 0;
      const before = input.ByCreatedBefore?.getTime() ?? Number.MAX_SAFE_INTEGER;
      const points: {
        ResourceArn: string;
        RecoveryPointArn: string;
        CreationDate: Date;
        Status: 'COMPLETED' | 'AVAILABLE';
      }[] = [];
      for (const service of estate.services.filter((s) => s.accountId === account)) {
        for (const db of service.databases) {
          const arn = `arn:aws:rds:${estate.region}:${account}:db:${db.identifier}`;
          const everySixHours = db.backupTier.startsWith('gold');
          if (!SCENARIO.noContinuous.has(db.identifier) && db.backupTier !== 'bronze') {
            points.push({
              ResourceArn: arn,
              RecoveryPointArn: `arn:aws:backup:${estate.region}:${account}:recovery-point:continuous:db-${db.identifier}`,
              CreationDate: new Date('2026-08-01T04:00:00Z'),
              Status: 'AVAILABLE',
            });
          }
          for (let t = Math.floor(after / DAY) * DAY; t < before; t += everySixHours ? 6 * HOUR : DAY) {
            const created = t + (everySixHours ? 20 * 60_000 : HOUR + 35 * 60_000);
            if (created < after || created >= before) continue;
            points.push({
              ResourceArn: arn,
              RecoveryPointArn: `arn:aws:rds:${estate.region}:${account}:snapshot:awsbackup:job-${db.identifier}-${created}`,
              CreationDate: new Date(created),
              Status: 'COMPLETED',
            });
          }
        }
      }
      const p = page(points, input.NextToken, Math.max(pageSize, 1000));
      return { RecoveryPoints: p.items, ...(p.next === undefined ? {} : { NextToken: p.next }) };
    });

  const rds = mockClient(RDSClient);
  rds.on(DescribeEventsCommand).callsFake(async (input: DescribeEventsCommandInput) => {
    const account = await accountOf();
    const mine = estate.services
      .filter((s) => s.accountId === account)
      .flatMap((s) => s.databases.map((d) => d.identifier));
    const events = [
      ['kvdc-finance-unit4-unit4-erp', at(18, 14, 33), 'Multi-AZ instance failover started.', ['failover']],
      ['kvdc-finance-unit4-unit4-erp', at(18, 14, 36), 'Multi-AZ instance failover completed.', ['failover']],
      [
        'kvdc-edrms-information-at-work',
        at(25, 2, 0),
        'Storage size reached 80% of the allocated storage.',
        ['low storage'],
      ],
      [
        'kvdc-web-cms-drupal',
        at(28, 3, 0),
        'Applying modification to database instance class',
        ['configuration change'],
      ],
    ] as const;
    const list = events
      .filter(
        ([id, when]) =>
          mine.includes(id) &&
          when >= (input.StartTime?.getTime() ?? 0) &&
          when < (input.EndTime?.getTime() ?? Number.MAX_SAFE_INTEGER),
      )
      .map(([id, when, message, categories]) => ({
        SourceIdentifier: id,
        Date: new Date(when),
        Message: message,
        EventCategories: [...categories],
      }));
    return { Events: list };
  });

  const ec2 = mockClient(EC2Client);
  ec2.on(DescribeVpnConnectionsCommand).resolves({
    VpnConnections: m.connections.map((c) => ({
      VpnConnectionId: c.id,
      State: 'available',
      Tags: [{ Key: 'Name', Value: c.name }],
      VgwTelemetry: c.ips.map((ip) => ({ OutsideIpAddress: ip, Status: 'UP' as const })),
    })),
  });
  ec2.on(DescribeTransitGatewayAttachmentsCommand).resolves({
    TransitGatewayAttachments: m.connections.map((c) => ({
      TransitGatewayAttachmentId: c.attachment,
      TransitGatewayId: 'tgw-0fixture000000001',
      ResourceId: c.id,
      ResourceType: 'vpn' as const,
      State: 'available' as const,
    })),
  });

  const ce = mockClient(CostExplorerClient);
  ce.on(GetCostAndUsageCommand).callsFake((input: GetCostAndUsageCommandInput) => {
    const november = (input.TimePeriod?.Start ?? '') >= '2026-11-01';
    const groups = [
      ...estate.services.map((s) => {
        const base = 60 + 500 * hash(`${s.id}cost`) + (s.databases.length > 0 ? 350 : 0);
        const rise = november && SCENARIO.costlier.has(s.id) ? 1.25 : 1;
        return {
          Keys: [`workload$${s.id}`],
          Metrics: {
            UnblendedCost: { Amount: (base * rise * (november ? 1 : 0.97)).toFixed(2), Unit: 'USD' },
          },
        };
      }),
      {
        Keys: ['workload$'],
        Metrics: { UnblendedCost: { Amount: (november ? 3900 : 3850).toFixed(2), Unit: 'USD' } },
      },
    ];
    const p = page(groups, input.NextPageToken, pageSize);
    return {
      ResultsByTime: [{ TimePeriod: input.TimePeriod, Groups: p.items, Total: {}, Estimated: false }],
      ...(p.next === undefined ? {} : { NextPageToken: p.next }),
    };
  });

  const stubs = [cloudwatch, logs, backup, rds, ec2, ce];
  return {
    metricCalls: () =>
      cloudwatch
        .commandCalls(GetMetricDataCommand)
        .map((c) => c.args[0].input.MetricDataQueries?.length ?? 0),
    restore: () => {
      for (const stub of stubs) stub.restore();
    },
  };
}

/**
 * The fixture's source: the real SDK source, each account's reads run in a context naming the
 * account, so the mocks answer for the right one even when accounts are read at once.
 */
export function fixtureSource(base: AwsOptions = {}): EstateSource {
  const options: AwsOptions = {
    ...base,
    region: 'eu-west-2',
    maxAttempts: base.maxAttempts ?? 1,
    credentials: { accessKeyId: 'fixture', secretAccessKey: 'fixture' },
  };
  const aws = awsEstateSource(() => options, options);
  return {
    account: (account) => {
      const inner = aws.account(account);
      const inAccount =
        <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
        (...args: A): Promise<R> =>
          ACCOUNT.run(account.id, () => call(...args));
      return {
        metrics: inAccount(inner.metrics.bind(inner)),
        alarmHistory: inAccount(inner.alarmHistory.bind(inner)),
        failedJobs: inAccount(inner.failedJobs.bind(inner)),
        recoveryPoints: inAccount(inner.recoveryPoints.bind(inner)),
        rdsEvents: inAccount(inner.rdsEvents.bind(inner)),
        vpnConnections: inAccount(inner.vpnConnections.bind(inner)),
        vpnAttachments: inAccount(inner.vpnAttachments.bind(inner)),
      };
    },
    cost: () => aws.cost(),
  };
}
