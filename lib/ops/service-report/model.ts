import type { Criticality } from '../../monitoring/service-levels';

/*
 * The monthly service report as data: what the renderers (HTML, Markdown, CSV, JSON) print. Every
 * figure is either read or NOT READ with the reason; nothing unread is ever shown as 0 or as met.
 */

export type Figure<T> =
  { readonly read: true; readonly value: T } | { readonly read: false; readonly reason: string };

export function figure<T>(value: T): Figure<T> {
  return { read: true, value };
}

export function notRead<T>(reason: string): Figure<T> {
  return { read: false, reason };
}

/** Something the report could not read, where and why. Any makes the exit code 2. */
export interface NotReadItem {
  readonly section: string;
  readonly subject: string;
  readonly reason: string;
}

/** A target missed in the period (availability, RPO, failed backups, a tunnel near capacity). */
export interface ReportFinding {
  readonly section: string;
  readonly subject: string;
  readonly message: string;
}

/** Something that got worse than in the previous period. */
export interface WorseFlag {
  readonly section: string;
  readonly subject: string;
  readonly message: string;
}

export interface AvailabilityRow {
  readonly service: string;
  readonly name: string;
  readonly serviceArea: string;
  readonly account: string;
  readonly criticality: Criticality;
  readonly targetPercent: number;
  /** Percent of the period the service was up; null when nothing of it runs in AWS yet. */
  readonly current: Figure<number | null>;
  readonly previous: Figure<number | null>;
  readonly downtimeMinutes: Figure<number | null>;
}

export interface Incident {
  /** The workload, or the shared service (central-egress, backups-<account>). */
  readonly subject: string;
  readonly alarmName: string;
  readonly start: number;
  /** Undefined while still in alarm at the end of the period. */
  readonly end?: number;
  readonly minutesToRecover?: number;
  /** It was already in alarm when the period began. */
  readonly ongoingAtStart: boolean;
}

export interface IncidentsSection {
  readonly current: Figure<readonly Incident[]>;
  /** Incidents of the previous period, for the comparison; not read when the archive is younger. */
  readonly previous: Figure<readonly Incident[]>;
}

export interface JobCounts {
  readonly completed: number;
  readonly failed: number;
  readonly expired: number;
  readonly aborted: number;
  readonly copiesCompleted: number;
  readonly copiesFailed: number;
}

export interface VaultBackupRow {
  readonly account: string;
  readonly vault: string;
  readonly current: Figure<JobCounts>;
  readonly previous: Figure<JobCounts>;
}

export interface RpoResult {
  readonly met: boolean;
  /** Longest time without a recovery point younger than the RPO. */
  readonly worstGapMinutes: number;
  /** Minutes of the judged window in which the newest recovery point was older than the RPO. */
  readonly minutesOutside: number;
  readonly points: number;
  /** A continuous (point-in-time) recovery point covers it. */
  readonly continuous: boolean;
}

export interface RpoRow {
  readonly service: string;
  readonly identifier: string;
  readonly account: string;
  readonly rpoMinutes: number;
  /** Epoch ms: recovery points older than the tier's retention are gone, so the verdict starts here. */
  readonly judgedFrom: number;
  readonly result: Figure<RpoResult>;
}

export interface FailedJob {
  readonly account: string;
  readonly kind: 'backup' | 'copy';
  readonly id: string;
  readonly state: string;
  readonly resource: string;
  readonly at: number;
  readonly message?: string;
}

export interface BackupsSection {
  readonly vaults: readonly VaultBackupRow[];
  readonly rpo: readonly RpoRow[];
  readonly failedJobs: Figure<readonly FailedJob[]>;
  /** AWS Backup lists 30 days of jobs: the failed-job list starts here. */
  readonly failedJobsFrom: string;
}

export interface Load {
  readonly bytesIn: number;
  readonly bytesOut: number;
  /** Busier direction, bits per second: the highest 5-minute average. */
  readonly peakBps: number;
  /** Busier direction, bits per second: 95th percentile of 5-minute averages. */
  readonly p95Bps: number;
  /** Percent of 5-minute periods in which it was up (a site: any tunnel up). */
  readonly uptimePercent: number;
}

export interface TunnelRow {
  readonly site: string;
  readonly device: string;
  readonly vpnConnectionId: string;
  readonly outsideIp: string;
  readonly current: Figure<Load>;
}

export interface SiteRow {
  readonly site: string;
  readonly routing: 'bgp' | 'static';
  readonly tunnels: number;
  /** One tunnel's capacity, bits per second. */
  readonly tunnelCapacityBps: number;
  readonly current: Figure<Load>;
  readonly previous: Figure<Load>;
  /** Packets the Transit Gateway dropped on the site's attachments in the period. */
  readonly drops: Figure<number>;
  /** The busiest tunnel's share of its VPN connection's bytes (the most unbalanced connection), percent. */
  readonly busiestTunnelSharePercent: Figure<number>;
  /** The busier direction's daily peak, bits per second, for the chart. */
  readonly dailyPeakBps: readonly number[];
}

export interface NetworkSection {
  readonly sites: readonly SiteRow[];
  readonly tunnels: readonly TunnelRow[];
  readonly recommendations: readonly { readonly site: string; readonly message: string }[];
}

export interface Headroom {
  readonly cpuP95: number;
  readonly cpuMax: number;
  readonly freeMemoryMinPercent: number;
  readonly freeStorageMinGiB: number;
  readonly freeStorageMinPercent: number;
  /** Least-squares trend of the daily lowest free storage, GiB per day (negative: filling). */
  readonly storageTrendGiBPerDay: number;
  /** Days until the storage fills at that trend; null when it is not filling. */
  readonly daysToFull: number | null;
  readonly connectionsMax: number;
  readonly connectionsPercent: number;
  readonly readLatencyP95Ms: number;
  readonly writeLatencyP95Ms: number;
}

export interface DatabaseRow {
  readonly service: string;
  readonly identifier: string;
  readonly account: string;
  readonly instanceClass: string;
  readonly connectionLimit: number;
  readonly current: Figure<Headroom>;
  readonly previous: Figure<Headroom>;
}

export interface RdsEventRow {
  readonly service: string;
  readonly identifier: string;
  readonly at: number;
  readonly message: string;
}

export interface CostLineRow {
  readonly service: string;
  readonly name: string;
  /** GBP for the period. */
  readonly actual: Figure<number>;
  readonly previousActual: Figure<number>;
  readonly estimate: Figure<number>;
  /** The on-premises run cost for the same length of time; null when the plan has none. */
  readonly onPremises: number | null;
}

export interface CostSection {
  readonly rows: readonly CostLineRow[];
  /** Costs without a workload tag: the shared landing zone. */
  readonly shared: CostLineRow;
  readonly total: CostLineRow;
  /** How USD became GBP: the price table's rate and its source. */
  readonly exchange: string;
}

export interface ServiceReport {
  readonly organisation: string;
  readonly generatedAt: string;
  readonly timeZone: string;
  readonly period: { readonly label: string; readonly start: string; readonly end: string };
  readonly previousPeriod: { readonly label: string; readonly start: string; readonly end: string };
  readonly availability: readonly AvailabilityRow[];
  readonly incidents: IncidentsSection;
  readonly backups: BackupsSection;
  readonly network: NetworkSection;
  readonly databases: readonly DatabaseRow[];
  readonly rdsEvents: Figure<readonly RdsEventRow[]>;
  /** RDS keeps 14 days of events: the events section starts here. */
  readonly rdsEventsFrom: string;
  readonly cost: CostSection;
  readonly worse: readonly WorseFlag[];
  readonly findings: readonly ReportFinding[];
  readonly notRead: readonly NotReadItem[];
}

/** 0 when everything was read and met its target, 1 when a target was missed, 2 when anything was not read. */
export function reportExitCode(report: ServiceReport): 0 | 1 | 2 {
  if (report.notRead.length > 0) return 2;
  return report.findings.length > 0 ? 1 : 0;
}
