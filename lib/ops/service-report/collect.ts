import { workloadVaultName } from '../../backup/vault-names';
import type { MonitoredEstate, MonitoredService } from '../../monitoring/monitored-estate';
import { alarmHistoryLogGroupName, TAGS } from '../../names';
import { serviceAvailability } from './availability';
import { jobCounts, rpoCompliance, successPercent } from './backups';
import { costSection, type Exchange, type WorkloadCostEstimate } from './cost';
import { databaseHeadroom } from './databases';
import { incidentsIn, meanMinutesToRecover } from './incidents';
import {
  figure,
  notRead,
  type AvailabilityRow,
  type DatabaseRow,
  type FailedJob,
  type Figure,
  type Incident,
  type RpoResult,
  type NotReadItem,
  type RdsEventRow,
  type ReportFinding,
  type RpoRow,
  type ServiceReport,
  type VaultBackupRow,
  type WorseFlag,
} from './model';
import { minutes } from './format';
import { networkRows, recommendations, siteTunnels } from './network';
import type { ReportPeriods } from './period';
import { databaseQueries, dropsQueries, lookupOf, serverQuery, tunnelQueries, vaultQueries } from './queries';
import type { AlarmArchive, EstateSource, MetricQuery, Read, RecoveryPointRecord } from './source';
import { silentProgress, tracked, type Progress, type ScopeLabel } from '../progress';

/** AWS Backup lists jobs of the last 30 days; RDS keeps events for 14 days. */
export const BACKUP_JOB_HISTORY_DAYS = 30;
export const RDS_EVENT_HISTORY_DAYS = 14;
const DAY_MS = 86_400_000;

export interface ServiceReportInputs {
  readonly estate: MonitoredEstate;
  readonly periods: ReportPeriods;
  readonly now: Date;
  readonly source: EstateSource;
  /** The cost estimate per workload from the project's cost model. */
  readonly estimate: Read<WorkloadCostEstimate>;
  readonly exchange: Read<Exchange>;
  /** Snapshot retention of each backup tier, days: older recovery points are gone. */
  readonly tierRetentionDays: Readonly<Record<string, number>>;
  /** The VPN load alarm's threshold (monitoring.vpnLoadAlarmPercent): a p95 above it is a finding. */
  readonly vpnLoadAlarmPercent: number;
  /** Which account and region is being read, as every `lz ops` command reports it. */
  readonly progress?: Progress;
  /** How progress names the Cost Explorer reads. @default the caller's credentials in us-east-1 */
  readonly costScope?: ScopeLabel;
}

interface AccountReads {
  readonly account: { name: string; id: string };
  readonly services: readonly MonitoredService[];
  readonly archive: Read<AlarmArchive>;
  readonly failedJobs: Read<FailedJob[]>;
  readonly points: ReadonlyMap<string, Read<RecoveryPointRecord[]>>;
  readonly events: Read<RdsEventRow[]>;
}

/** Reads everything the report needs and computes it. Never throws for a failed read. */
export async function collectServiceReport(inputs: ServiceReportInputs): Promise<ServiceReport> {
  const { estate, periods, now, source } = inputs;
  const span = { start: periods.previous.start, end: periods.current.end };
  const jobsFrom = new Date(
    Math.max(periods.current.start.getTime(), now.getTime() - BACKUP_JOB_HISTORY_DAYS * DAY_MS),
  );
  const eventsFrom = new Date(
    Math.max(periods.current.start.getTime(), now.getTime() - RDS_EVENT_HISTORY_DAYS * DAY_MS),
  );
  const maxRpo = Math.max(60, ...estate.services.flatMap((s) => s.databases.map((d) => d.rpoMinutes)));
  const logGroup = alarmHistoryLogGroupName(estate.prefix);
  const workloadAccounts = estate.alertAccounts.filter((a) => a.id !== estate.networkAccount.id);
  const progress = inputs.progress ?? silentProgress;
  const home = (account: { name: string }): ScopeLabel => ({ account: account.name, region: estate.region });
  const costScope = inputs.costScope ?? { account: 'caller', region: 'us-east-1' };
  progress.plan([...workloadAccounts.map(home), home(estate.networkAccount), costScope]);

  const accountReads = await Promise.all(
    workloadAccounts.map((account) =>
      tracked(progress, home(account), async () => {
        const reader = source.account(account);
        const services = estate.services.filter((s) => s.accountId === account.id);
        const vault = estate.vaults.find((v) => v.accountId === account.id);
        const queries: MetricQuery[] = [
          ...services.flatMap((s) => [
            ...s.databases.flatMap(databaseQueries),
            ...s.servers.filter((x) => x.live).map((x) => serverQuery(s.id, x)),
          ]),
          ...(vault ? vaultQueries(vault.name) : []),
        ];
        const [metrics, archive, jobs, points, events] = await Promise.all([
          reader.metrics(queries, span.start, span.end),
          reader.alarmHistory(logGroup, span.start, span.end),
          reader.failedJobs(jobsFrom, periods.current.end),
          vault
            ? reader.recoveryPoints(
                vault.name,
                new Date(periods.current.start.getTime() - maxRpo * 60_000 - DAY_MS),
                periods.current.end,
              )
            : Promise.resolve<Read<RecoveryPointRecord[]>>({ ok: true, value: [] }),
          services.some((s) => s.databases.length > 0)
            ? reader.rdsEvents(eventsFrom, periods.current.end)
            : Promise.resolve({ ok: true as const, value: [] }),
        ]);
        const identifiers = new Map(
          services.flatMap((s) => s.databases.map((d) => [d.identifier, s.id] as const)),
        );
        const reads: AccountReads = {
          account,
          services,
          archive,
          failedJobs: jobs.ok
            ? {
                ok: true,
                value: jobs.value.map((j) => ({
                  account: account.name,
                  kind: j.kind,
                  id: j.id,
                  state: j.state,
                  resource: j.resourceArn.split(':').pop() ?? j.resourceArn,
                  at: j.createdAt,
                  ...(j.message === undefined ? {} : { message: j.message }),
                })),
              }
            : jobs,
          points: new Map(vault ? [[vault.name, points]] : []),
          events: events.ok
            ? {
                ok: true,
                value: events.value
                  .filter((e) => identifiers.has(e.identifier))
                  .map((e) => ({
                    service: identifiers.get(e.identifier) ?? '?',
                    identifier: e.identifier,
                    at: e.at,
                    message: e.message,
                  })),
              }
            : events,
        };
        return { reads, metrics };
      }),
    ),
  );

  const network = source.account(estate.networkAccount);
  const { tunnels, networkArchive, networkMetrics } = await tracked(
    progress,
    home(estate.networkAccount),
    async () => {
      const [connections, attachments, networkArchive] = await Promise.all([
        estate.sites.length > 0
          ? network.vpnConnections()
          : Promise.resolve({ ok: true as const, value: [] }),
        estate.sites.length > 0
          ? network.vpnAttachments()
          : Promise.resolve({ ok: true as const, value: [] }),
        network.alarmHistory(logGroup, span.start, span.end),
      ]);
      const tunnels = siteTunnels(estate.prefix, estate.sites, connections, attachments);
      const networkQueries = tunnels.flatMap((s) => [
        ...s.tunnels.flatMap((t) => tunnelQueries(t.outsideIp)),
        ...[...new Set(s.tunnels.flatMap((t) => (t.attachmentId ? [t.attachmentId] : [])))].flatMap((a) => {
          const tgw = attachments.ok
            ? attachments.value.find((x) => x.attachmentId === a)?.transitGatewayId
            : undefined;
          return tgw ? dropsQueries(tgw, a) : [];
        }),
      ]);
      return {
        tunnels,
        networkArchive,
        networkMetrics: await network.metrics(networkQueries, span.start, span.end),
      };
    },
  );

  const cost = source.cost();
  const [actual, previousActual] = await tracked(progress, costScope, () =>
    Promise.all([
      cost.costByTag(TAGS.workload, periods.current.start, periods.current.end),
      cost.costByTag(TAGS.workload, periods.previous.start, periods.previous.end),
    ]),
  );

  const lookup = lookupOf(...accountReads.map((a) => a.metrics), networkMetrics);
  const notReadItems: NotReadItem[] = [];
  const findings: ReportFinding[] = [];
  const worse: WorseFlag[] = [];
  const track = <T>(section: string, subject: string, value: Figure<T>): Figure<T> => {
    if (!value.read) notReadItems.push({ section, subject, reason: value.reason });
    return value;
  };

  // Availability.
  const availability: AvailabilityRow[] = estate.services.map((s) => {
    const current = track('availability', s.id, serviceAvailability(s, periods.current, lookup));
    const previous = serviceAvailability(s, periods.previous, lookup);
    const target = s.level.availabilityTargetPercent;
    if (current.read && current.value !== null && current.value.percent < target) {
      findings.push({
        section: 'availability',
        subject: s.id,
        message: `available ${current.value.percent.toFixed(2)}%, below its ${target}% target (${current.value.downtimeMinutes} minutes down)`,
      });
    }
    if (
      current.read &&
      previous.read &&
      current.value &&
      previous.value &&
      current.value.percent < previous.value.percent - 0.05
    ) {
      worse.push({
        section: 'availability',
        subject: s.id,
        message: `availability fell from ${previous.value.percent.toFixed(2)}% to ${current.value.percent.toFixed(2)}%`,
      });
    }
    return {
      service: s.id,
      name: s.name,
      serviceArea: s.serviceArea,
      account: s.account,
      criticality: s.criticality,
      targetPercent: target,
      current: current.read ? figure(current.value?.percent ?? null) : current,
      previous: previous.read ? figure(previous.value?.percent ?? null) : previous,
      downtimeMinutes: current.read ? figure(current.value?.downtimeMinutes ?? null) : current,
    };
  });

  // Incidents, from every account's archive.
  const archives = [
    ...accountReads.map((a) => ({ account: a.reads.account.name, archive: a.reads.archive })),
    { account: estate.networkAccount.name, archive: networkArchive },
  ];
  const unreadArchive = archives.find((a) => !a.archive.ok);
  const readArchives = archives.flatMap((a) =>
    a.archive.ok ? [{ account: a.account, archive: a.archive.value }] : [],
  );
  const incidentsNow = track(
    'incidents',
    'alarm history',
    unreadArchive && !unreadArchive.archive.ok
      ? notRead<readonly Incident[]>(unreadArchive.archive.failure.message)
      : incidentsIn(estate.prefix, periods.current, readArchives),
  );
  const incidentsBefore = unreadArchive
    ? notRead<readonly Incident[]>('the alarm history was not read')
    : incidentsIn(estate.prefix, periods.previous, readArchives);
  if (incidentsNow.read && incidentsBefore.read) {
    if (incidentsNow.value.length > incidentsBefore.value.length) {
      worse.push({
        section: 'incidents',
        subject: 'estate',
        message: `${incidentsNow.value.length} incidents, up from ${incidentsBefore.value.length}`,
      });
    }
    const now = meanMinutesToRecover(incidentsNow.value);
    const before = meanMinutesToRecover(incidentsBefore.value);
    if (Number.isFinite(now) && Number.isFinite(before) && now > before * 1.2) {
      worse.push({
        section: 'incidents',
        subject: 'estate',
        message: `mean time to recover rose from ${before.toFixed(0)} to ${now.toFixed(0)} minutes`,
      });
    }
  }

  // Backups.
  const vaults: VaultBackupRow[] = estate.vaults.map((v) => {
    const current = track('backups', v.name, jobCounts(v.name, periods.current, lookup));
    const previous = jobCounts(v.name, periods.previous, lookup);
    if (
      current.read &&
      (current.value.failed + current.value.expired + current.value.aborted > 0 ||
        current.value.copiesFailed > 0)
    ) {
      findings.push({
        section: 'backups',
        subject: v.name,
        message: `${current.value.failed} backup jobs failed, ${current.value.expired} expired, ${current.value.aborted} aborted; ${current.value.copiesFailed} copies failed`,
      });
    }
    if (current.read && previous.read) {
      const a = successPercent(current.value, 'backup');
      const b = successPercent(previous.value, 'backup');
      if (a !== null && b !== null && a < b - 0.5) {
        worse.push({
          section: 'backups',
          subject: v.name,
          message: `backup success fell from ${b.toFixed(1)}% to ${a.toFixed(1)}%`,
        });
      }
    }
    return { account: v.account, vault: v.name, current, previous };
  });
  const rpo: RpoRow[] = [];
  for (const { reads } of accountReads) {
    const vaultName = workloadVaultName(estate.prefix, reads.account.name);
    const points = reads.points.get(vaultName);
    for (const s of reads.services) {
      for (const db of s.databases) {
        const retention = inputs.tierRetentionDays[db.backupTier] ?? 0;
        const from = Math.max(periods.current.start.getTime(), now.getTime() - retention * DAY_MS);
        const to = Math.min(periods.current.end.getTime(), now.getTime());
        const subject = db.identifier;
        const result = !points
          ? notRead<RpoResult>(`vault ${vaultName} is not in the configuration`)
          : !points.ok
            ? notRead<RpoResult>(points.failure.message)
            : figure(
                rpoCompliance(
                  points.value.filter((p) => p.resourceArn.endsWith(`:db:${db.identifier}`)),
                  db.rpoMinutes,
                  from,
                  to,
                ),
              );
        track('backups', subject, result);
        if (result.read && !result.value.met) {
          findings.push({
            section: 'backups',
            subject,
            message: `RPO of ${minutes(db.rpoMinutes)} not met for ${minutes(result.value.minutesOutside)} of the period (longest gap ${minutes(result.value.worstGapMinutes)})`,
          });
        }
        rpo.push({
          service: s.id,
          identifier: db.identifier,
          account: reads.account.name,
          rpoMinutes: db.rpoMinutes,
          judgedFrom: from,
          result,
        });
      }
    }
  }
  const failedJobsRead = accountReads.map((a) => a.reads.failedJobs);
  const failedJobsUnread = failedJobsRead.flatMap((r) => (r.ok ? [] : [r.failure]))[0];
  const failedJobs = track(
    'backups',
    'failed jobs',
    failedJobsUnread
      ? notRead<readonly FailedJob[]>(failedJobsUnread.message)
      : figure(failedJobsRead.flatMap((r) => (r.ok ? r.value : [])).sort((a, b) => a.at - b.at)),
  );

  // Network.
  const net = networkRows(tunnels, lookup, periods);
  const recs: { site: string; message: string }[] = [];
  for (const site of net.sites) {
    track('network', site.site, site.current);
    track('network', `${site.site} drops`, site.drops);
    for (const message of recommendations(site)) recs.push({ site: site.site, message });
    if (site.current.read) {
      const p95 = (site.current.value.p95Bps / site.tunnelCapacityBps) * 100;
      if (p95 >= inputs.vpnLoadAlarmPercent) {
        findings.push({
          section: 'network',
          subject: site.site,
          message: `95th-percentile load is ${p95.toFixed(0)}% of one tunnel's capacity`,
        });
      }
      if (site.previous.read) {
        const before = site.previous.value;
        const after = site.current.value;
        if (before.p95Bps > 0 && after.p95Bps > before.p95Bps * 1.2) {
          worse.push({
            section: 'network',
            subject: site.site,
            message: `95th-percentile load rose ${(((after.p95Bps - before.p95Bps) / before.p95Bps) * 100).toFixed(0)}%`,
          });
        }
        if (after.uptimePercent < before.uptimePercent - 0.05) {
          worse.push({
            section: 'network',
            subject: site.site,
            message: `VPN uptime fell from ${before.uptimePercent.toFixed(2)}% to ${after.uptimePercent.toFixed(2)}%`,
          });
        }
      }
    }
  }

  // Databases.
  const databases: DatabaseRow[] = [];
  for (const s of estate.services) {
    for (const db of s.databases) {
      const current = track('databases', db.identifier, databaseHeadroom(db, periods.current, lookup));
      const previous = databaseHeadroom(db, periods.previous, lookup);
      const level = s.level.database;
      if (current.read) {
        const h = current.value;
        if (h.cpuP95 > level.cpuPercent)
          findings.push({
            section: 'databases',
            subject: db.identifier,
            message: `CPU 95th percentile ${h.cpuP95.toFixed(0)}% above ${level.cpuPercent}%`,
          });
        if (h.freeStorageMinPercent < level.freeStoragePercent)
          findings.push({
            section: 'databases',
            subject: db.identifier,
            message: `free storage fell to ${h.freeStorageMinPercent.toFixed(0)}%, below ${level.freeStoragePercent}%`,
          });
        if (h.connectionsPercent > level.connectionsPercent)
          findings.push({
            section: 'databases',
            subject: db.identifier,
            message: `connections reached ${h.connectionsPercent.toFixed(0)}% of the limit`,
          });
        if (h.daysToFull !== null && h.daysToFull < 30)
          findings.push({
            section: 'databases',
            subject: db.identifier,
            message: `storage fills in ${h.daysToFull.toFixed(0)} days at the month's growth`,
          });
        if (previous.read) {
          const p = previous.value;
          if (h.cpuP95 > p.cpuP95 + 10)
            worse.push({
              section: 'databases',
              subject: db.identifier,
              message: `CPU 95th percentile rose from ${p.cpuP95.toFixed(0)}% to ${h.cpuP95.toFixed(0)}%`,
            });
          if (h.freeStorageMinPercent < p.freeStorageMinPercent - 5)
            worse.push({
              section: 'databases',
              subject: db.identifier,
              message: `free storage fell from ${p.freeStorageMinPercent.toFixed(0)}% to ${h.freeStorageMinPercent.toFixed(0)}%`,
            });
          if (h.connectionsPercent > p.connectionsPercent + 10)
            worse.push({
              section: 'databases',
              subject: db.identifier,
              message: `peak connections rose from ${p.connectionsPercent.toFixed(0)}% to ${h.connectionsPercent.toFixed(0)}% of the limit`,
            });
          if (h.readLatencyP95Ms > Math.max(5, p.readLatencyP95Ms * 1.5))
            worse.push({
              section: 'databases',
              subject: db.identifier,
              message: `read latency (p95) rose from ${p.readLatencyP95Ms.toFixed(1)} to ${h.readLatencyP95Ms.toFixed(1)} ms`,
            });
          if (h.writeLatencyP95Ms > Math.max(5, p.writeLatencyP95Ms * 1.5))
            worse.push({
              section: 'databases',
              subject: db.identifier,
              message: `write latency (p95) rose from ${p.writeLatencyP95Ms.toFixed(1)} to ${h.writeLatencyP95Ms.toFixed(1)} ms`,
            });
        }
      }
      databases.push({
        service: s.id,
        identifier: db.identifier,
        account: s.account,
        instanceClass: db.instanceClass,
        connectionLimit: db.connectionLimit,
        current,
        previous,
      });
    }
  }

  const eventReads = accountReads.map((a) => a.reads.events);
  const eventsUnread = eventReads.flatMap((r) => (r.ok ? [] : [r.failure]))[0];
  const rdsEvents = track(
    'databases',
    'RDS events',
    eventsUnread
      ? notRead<readonly RdsEventRow[]>(eventsUnread.message)
      : figure(eventReads.flatMap((r) => (r.ok ? r.value : [])).sort((a, b) => a.at - b.at)),
  );

  // Cost.
  const costs = costSection(
    estate.services,
    periods,
    actual,
    previousActual,
    inputs.estimate,
    inputs.exchange,
  );
  for (const row of [...costs.rows, costs.shared]) {
    // One entry for a source that failed, not one per service.
    track('cost', 'actual cost (Cost Explorer)', row.actual);
    track('cost', 'cost estimate (lz cost)', row.estimate);
    if (
      row.actual.read &&
      row.previousActual.read &&
      row.previousActual.value > 1 &&
      row.actual.value > row.previousActual.value * 1.1
    ) {
      worse.push({
        section: 'cost',
        subject: row.service,
        message: `cost rose from £${row.previousActual.value.toFixed(0)} to £${row.actual.value.toFixed(0)}`,
      });
    }
  }
  // One NOT READ entry per subject and reason is enough.
  const unique = [...new Map(notReadItems.map((n) => [`${n.section}|${n.subject}|${n.reason}`, n])).values()];
  return {
    organisation: estate.organisationName,
    generatedAt: now.toISOString(),
    timeZone: periods.timeZone,
    period: {
      label: periods.current.label,
      start: periods.current.start.toISOString(),
      end: periods.current.end.toISOString(),
    },
    previousPeriod: {
      label: periods.previous.label,
      start: periods.previous.start.toISOString(),
      end: periods.previous.end.toISOString(),
    },
    availability,
    incidents: { current: incidentsNow, previous: incidentsBefore },
    backups: { vaults, rpo, failedJobs, failedJobsFrom: jobsFrom.toISOString() },
    network: { sites: net.sites, tunnels: net.tunnels, recommendations: recs },
    databases,
    rdsEvents,
    rdsEventsFrom: eventsFrom.toISOString(),
    cost: costs,
    worse,
    findings,
    notRead: unique,
  };
}
