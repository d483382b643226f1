import { VPN_TUNNEL_CAPACITY_BITS_PER_SECOND } from '../../connectivity/vpn-metrics';
import {
  AGENT_INTERVAL_SECONDS,
  AGENT_MEMORY_METRIC,
  AGENT_NAMESPACE,
  agentMemoryDimensions,
} from '../../monitoring/cloudwatch-agent-config';
import type { MonitoredDatabase, MonitoredServer } from '../../monitoring/monitored-estate';
import type { MetricQuery, MetricResults, MetricSeries, Statistic } from './source';

/*
 * The metric series the report reads, named by report keys. Databases and servers by the hour (a
 * month is 720 points, so GetMetricData packs many series per call); VPN tunnels and attachments by
 * 5 minutes, which the 95th percentile of load needs; AWS Backup job counts by the day.
 */

export const HOUR = 3600;
export const FIVE_MINUTES = 300;
export const DAY = 86_400;
/** Samples an hour of a running server's agent or an RDS instance has: one a minute. */
export const SAMPLES_PER_HOUR = HOUR / AGENT_INTERVAL_SECONDS;
export { VPN_TUNNEL_CAPACITY_BITS_PER_SECOND };

export const DATABASE_METRICS = {
  samples: ['CPUUtilization', 'SampleCount'],
  cpu: ['CPUUtilization', 'Maximum'],
  freeMemory: ['FreeableMemory', 'Minimum'],
  freeStorage: ['FreeStorageSpace', 'Minimum'],
  connections: ['DatabaseConnections', 'Maximum'],
  readLatency: ['ReadLatency', 'Average'],
  writeLatency: ['WriteLatency', 'Average'],
} as const satisfies Record<string, readonly [string, Statistic]>;
export type DatabaseMetric = keyof typeof DATABASE_METRICS;

export const BACKUP_METRICS = {
  completed: 'NumberOfBackupJobsCompleted',
  failed: 'NumberOfBackupJobsFailed',
  expired: 'NumberOfBackupJobsExpired',
  aborted: 'NumberOfBackupJobsAborted',
  copiesCompleted: 'NumberOfCopyJobsCompleted',
  copiesFailed: 'NumberOfCopyJobsFailed',
} as const;
export type BackupMetric = keyof typeof BACKUP_METRICS;

export const TUNNEL_METRICS = {
  bytesIn: ['TunnelDataIn', 'Sum'],
  bytesOut: ['TunnelDataOut', 'Sum'],
  state: ['TunnelState', 'Average'],
} as const satisfies Record<string, readonly [string, Statistic]>;
export type TunnelMetric = keyof typeof TUNNEL_METRICS;

export const databaseKey = (identifier: string, metric: DatabaseMetric): string =>
  `db|${identifier}|${metric}`;
export const serverKey = (hostname: string): string => `server|${hostname}|samples`;
export const vaultKey = (vault: string, metric: BackupMetric): string => `vault|${vault}|${metric}`;
export const tunnelKey = (ip: string, metric: TunnelMetric): string => `tunnel|${ip}|${metric}`;
export const dropsKey = (attachmentId: string, kind: 'blackhole' | 'noroute'): string =>
  `attachment|${attachmentId}|${kind}`;

export function databaseQueries(db: MonitoredDatabase): MetricQuery[] {
  return Object.entries(DATABASE_METRICS).map(([metric, [metricName, stat]]) => ({
    key: databaseKey(db.identifier, metric as DatabaseMetric),
    namespace: 'AWS/RDS',
    metricName,
    dimensions: { DBInstanceIdentifier: db.identifier },
    stat,
    periodSeconds: HOUR,
  }));
}

export function serverQuery(workload: string, server: MonitoredServer): MetricQuery {
  return {
    key: serverKey(server.hostname),
    namespace: AGENT_NAMESPACE,
    metricName: AGENT_MEMORY_METRIC,
    dimensions: agentMemoryDimensions(server.platform, workload, server.hostname),
    stat: 'SampleCount',
    periodSeconds: HOUR,
  };
}

/** AWS Backup publishes job counts per vault and resource type; the landing zone backs up RDS. */
export function vaultQueries(vault: string): MetricQuery[] {
  return Object.entries(BACKUP_METRICS).map(([metric, metricName]) => ({
    key: vaultKey(vault, metric as BackupMetric),
    namespace: 'AWS/Backup',
    metricName,
    dimensions: { BackupVaultName: vault, ResourceType: 'RDS' },
    stat: 'Sum',
    periodSeconds: DAY,
  }));
}

export function tunnelQueries(outsideIp: string): MetricQuery[] {
  return Object.entries(TUNNEL_METRICS).map(([metric, [metricName, stat]]) => ({
    key: tunnelKey(outsideIp, metric as TunnelMetric),
    namespace: 'AWS/VPN',
    metricName,
    dimensions: { TunnelIpAddress: outsideIp },
    stat,
    periodSeconds: FIVE_MINUTES,
  }));
}

export function dropsQueries(transitGatewayId: string, attachmentId: string): MetricQuery[] {
  return (['blackhole', 'noroute'] as const).map((kind) => ({
    key: dropsKey(attachmentId, kind),
    namespace: 'AWS/TransitGateway',
    metricName: kind === 'blackhole' ? 'PacketDropCountBlackhole' : 'PacketDropCountNoRoute',
    dimensions: { TransitGateway: transitGatewayId, TransitGatewayAttachment: attachmentId },
    stat: 'Sum',
    periodSeconds: FIVE_MINUTES,
  }));
}

/** One series of a metrics read, or why it was not read. */
export type SeriesLookup = (
  key: string,
) => { ok: true; series: MetricSeries } | { ok: false; reason: string };

export function lookupOf(...results: readonly MetricResults[]): SeriesLookup {
  const failed = new Map<string, string>();
  for (const r of results) {
    for (const f of r.failures) for (const key of f.keys) failed.set(key, f.failure.message);
  }
  return (key) => {
    for (const r of results) {
      const s = r.series.get(key);
      if (s) return { ok: true, series: s };
    }
    return { ok: false, reason: failed.get(key) ?? `${key} was not requested` };
  };
}
