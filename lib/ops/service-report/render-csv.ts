import { stringify } from 'csv-stringify/sync';
import { successPercent } from './backups';
import type { Figure, ServiceReport } from './model';
import { NOT_READ, when } from './format';

/** A figure for a spreadsheet: the number, NOT READ, or empty for not applicable. */
function num<T>(value: Figure<T>, pick: (v: T) => number | null, digits = 3): string {
  if (!value.read) return NOT_READ;
  const v = pick(value.value);
  return v === null || !Number.isFinite(v) ? '' : String(Number(v.toFixed(digits)));
}

const csv = (head: readonly string[], rows: readonly (readonly string[])[]): string =>
  stringify([[...head], ...rows.map((r) => [...r])]);

/** One CSV per section, by file name. */
export function renderServiceReportCsv(report: ServiceReport): Record<string, string> {
  const tz = report.timeZone;
  return {
    'availability.csv': csv(
      [
        'service',
        'service_area',
        'account',
        'criticality',
        'target_percent',
        'availability_percent',
        'previous_percent',
        'downtime_minutes',
      ],
      report.availability.map((a) => [
        a.service,
        a.serviceArea,
        a.account,
        a.criticality,
        String(a.targetPercent),
        num(a.current, (v) => v),
        num(a.previous, (v) => v),
        num(a.downtimeMinutes, (v) => v, 0),
      ]),
    ),
    'incidents.csv': csv(
      ['subject', 'alarm', 'started', 'recovered', 'minutes_to_recover', 'ongoing_at_start'],
      report.incidents.current.read
        ? report.incidents.current.value.map((i) => [
            i.subject,
            i.alarmName,
            when(i.start, tz),
            i.end === undefined ? '' : when(i.end, tz),
            i.minutesToRecover === undefined ? '' : String(i.minutesToRecover),
            String(i.ongoingAtStart),
          ])
        : [[NOT_READ, report.incidents.current.reason, '', '', '', '']],
    ),
    'backups.csv': csv(
      [
        'vault',
        'account',
        'period',
        'completed',
        'failed',
        'expired',
        'aborted',
        'copies_completed',
        'copies_failed',
        'backup_success_percent',
      ],
      report.backups.vaults.flatMap((v) =>
        (['current', 'previous'] as const).map((which) => {
          const c = v[which];
          const label = which === 'current' ? report.period.label : report.previousPeriod.label;
          return c.read
            ? [
                v.vault,
                v.account,
                label,
                String(c.value.completed),
                String(c.value.failed),
                String(c.value.expired),
                String(c.value.aborted),
                String(c.value.copiesCompleted),
                String(c.value.copiesFailed),
                String(successPercent(c.value, 'backup') ?? ''),
              ]
            : [
                v.vault,
                v.account,
                label,
                NOT_READ,
                NOT_READ,
                NOT_READ,
                NOT_READ,
                NOT_READ,
                NOT_READ,
                NOT_READ,
              ];
        }),
      ),
    ),
    'rpo.csv': csv(
      [
        'database',
        'service',
        'account',
        'rpo_minutes',
        'judged_from',
        'met',
        'minutes_outside',
        'worst_gap_minutes',
        'continuous',
      ],
      report.backups.rpo.map((r) => [
        r.identifier,
        r.service,
        r.account,
        String(r.rpoMinutes),
        when(r.judgedFrom, tz),
        r.result.read ? String(r.result.value.met) : NOT_READ,
        num(r.result, (v) => v.minutesOutside, 0),
        num(r.result, (v) => v.worstGapMinutes, 0),
        r.result.read ? String(r.result.value.continuous) : NOT_READ,
      ]),
    ),
    'network-sites.csv': csv(
      [
        'site',
        'routing',
        'tunnels',
        'bytes_in',
        'bytes_out',
        'peak_bps',
        'p95_bps',
        'p95_percent_of_tunnel',
        'uptime_percent',
        'drops',
        'previous_p95_bps',
      ],
      report.network.sites.map((s) => [
        s.site,
        s.routing,
        String(s.tunnels),
        num(s.current, (l) => l.bytesIn, 0),
        num(s.current, (l) => l.bytesOut, 0),
        num(s.current, (l) => l.peakBps, 0),
        num(s.current, (l) => l.p95Bps, 0),
        num(s.current, (l) => (l.p95Bps / s.tunnelCapacityBps) * 100, 1),
        num(s.current, (l) => l.uptimePercent),
        num(s.drops, (d) => d, 0),
        num(s.previous, (l) => l.p95Bps, 0),
      ]),
    ),
    'network-tunnels.csv': csv(
      [
        'site',
        'device',
        'vpn_connection',
        'outside_ip',
        'bytes_in',
        'bytes_out',
        'peak_bps',
        'p95_bps',
        'uptime_percent',
      ],
      report.network.tunnels.map((t) => [
        t.site,
        t.device,
        t.vpnConnectionId,
        t.outsideIp,
        num(t.current, (l) => l.bytesIn, 0),
        num(t.current, (l) => l.bytesOut, 0),
        num(t.current, (l) => l.peakBps, 0),
        num(t.current, (l) => l.p95Bps, 0),
        num(t.current, (l) => l.uptimePercent),
      ]),
    ),
    'databases.csv': csv(
      [
        'database',
        'service',
        'account',
        'instance_class',
        'period',
        'cpu_p95',
        'cpu_max',
        'free_memory_min_percent',
        'free_storage_min_gib',
        'free_storage_min_percent',
        'storage_trend_gib_per_day',
        'days_to_full',
        'connections_max',
        'connections_percent',
        'read_latency_p95_ms',
        'write_latency_p95_ms',
      ],
      report.databases.flatMap((d) =>
        (['current', 'previous'] as const).map((which) => {
          const h = d[which];
          return [
            d.identifier,
            d.service,
            d.account,
            d.instanceClass,
            which === 'current' ? report.period.label : report.previousPeriod.label,
            num(h, (v) => v.cpuP95, 1),
            num(h, (v) => v.cpuMax, 1),
            num(h, (v) => v.freeMemoryMinPercent, 1),
            num(h, (v) => v.freeStorageMinGiB, 1),
            num(h, (v) => v.freeStorageMinPercent, 1),
            num(h, (v) => v.storageTrendGiBPerDay, 3),
            num(h, (v) => v.daysToFull, 0),
            num(h, (v) => v.connectionsMax, 0),
            num(h, (v) => v.connectionsPercent, 1),
            num(h, (v) => v.readLatencyP95Ms, 2),
            num(h, (v) => v.writeLatencyP95Ms, 2),
          ];
        }),
      ),
    ),
    'cost.csv': csv(
      ['service', 'actual_gbp', 'previous_actual_gbp', 'estimate_gbp', 'on_premises_gbp'],
      [...report.cost.rows, report.cost.shared, report.cost.total].map((c) => [
        c.service,
        num(c.actual, (v) => v, 2),
        num(c.previousActual, (v) => v, 2),
        num(c.estimate, (v) => v, 2),
        c.onPremises === null ? '' : String(Number(c.onPremises.toFixed(2))),
      ]),
    ),
    'not-read.csv': csv(
      ['section', 'subject', 'reason'],
      report.notRead.map((n) => [n.section, n.subject, n.reason]),
    ),
  };
}
