/*
 * What the service report reads from AWS, behind one small interface of its own. The report's
 * computations take plain data; aws-source.ts implements this with the SDK (paginated, batched),
 * and tests implement it with aws-sdk-client-mock behind the same SDK code. A read that fails is a
 * value (never a thrown error, never an empty list): the report shows it as NOT READ.
 */

/** One call that could not be made or answered, in words for the rota. */
export interface ReadFailure {
  /** The IAM action, e.g. `cloudwatch:GetMetricData`. */
  readonly action: string;
  readonly message: string;
}

export type Read<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: ReadFailure };

export const STATISTICS = ['Average', 'Maximum', 'Minimum', 'Sum', 'SampleCount'] as const;
export type Statistic = (typeof STATISTICS)[number];

/** One metric series to read over a time range. */
export interface MetricQuery {
  /** The report's own key for the series (unique in one request). */
  readonly key: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly stat: Statistic;
  readonly periodSeconds: number;
}

/** Datapoints of one series, oldest first. */
export interface MetricSeries {
  readonly timestamps: readonly number[];
  readonly values: readonly number[];
}

/** Every series that was read, and the batches that failed (their keys are not read). */
export interface MetricResults {
  readonly series: ReadonlyMap<string, MetricSeries>;
  readonly failures: readonly { readonly keys: readonly string[]; readonly failure: ReadFailure }[];
}

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface AlarmStateChange {
  readonly alarmName: string;
  /** Epoch milliseconds. */
  readonly at: number;
  readonly state: AlarmState;
  readonly previous: AlarmState;
  readonly reason?: string;
}

/** The archived state changes in a range, and since when the archive has existed. */
export interface AlarmArchive {
  /** Epoch milliseconds when the archive's log group was created: nothing before it was kept. */
  readonly since: number;
  readonly changes: readonly AlarmStateChange[];
}

export interface BackupJobRecord {
  readonly kind: 'backup' | 'copy';
  readonly id: string;
  /** FAILED, EXPIRED, ABORTED (backup); FAILED, PARTIAL (copy). */
  readonly state: string;
  readonly resourceArn: string;
  readonly vault: string;
  readonly createdAt: number;
  readonly message?: string;
}

export interface RecoveryPointRecord {
  readonly resourceArn: string;
  readonly recoveryPointArn: string;
  readonly createdAt: number;
  /** COMPLETED, PARTIAL, DELETING, EXPIRED, AVAILABLE, STOPPED... */
  readonly status: string;
}

export interface RdsEventRecord {
  readonly identifier: string;
  readonly at: number;
  readonly message: string;
  readonly categories: readonly string[];
}

export interface VpnConnectionRecord {
  readonly vpnConnectionId: string;
  /** The Name tag: `<prefix>-<site>-<device>`. */
  readonly name?: string;
  readonly state?: string;
  readonly tunnels: readonly { readonly outsideIp: string; readonly status?: string }[];
}

export interface VpnAttachmentRecord {
  readonly vpnConnectionId: string;
  readonly attachmentId: string;
  readonly transitGatewayId: string;
}

export interface CostRow {
  /** The tag's value; empty for costs without the tag. */
  readonly tagValue: string;
  readonly amount: number;
  /** The currency Cost Explorer reports, normally USD. */
  readonly unit: string;
}

/** Reads of one account in the home region. */
export interface AccountSource {
  /** GetMetricData, batched: a failed batch leaves only its own series not read. */
  metrics(queries: readonly MetricQuery[], start: Date, end: Date): Promise<MetricResults>;
  /** The archived alarm state changes in the range (lib/monitoring/alarm-history-archive.ts). */
  alarmHistory(logGroupName: string, start: Date, end: Date): Promise<Read<AlarmArchive>>;
  /** Backup jobs that failed, expired or were aborted, and copy jobs that failed or were partial. */
  failedJobs(start: Date, end: Date): Promise<Read<BackupJobRecord[]>>;
  recoveryPoints(
    vaultName: string,
    createdAfter: Date,
    createdBefore: Date,
  ): Promise<Read<RecoveryPointRecord[]>>;
  rdsEvents(start: Date, end: Date): Promise<Read<RdsEventRecord[]>>;
  vpnConnections(): Promise<Read<VpnConnectionRecord[]>>;
  vpnAttachments(): Promise<Read<VpnAttachmentRecord[]>>;
}

export interface CostSource {
  /** Actual cost of the range grouped by one cost-allocation tag. */
  costByTag(tagKey: string, start: Date, end: Date): Promise<Read<CostRow[]>>;
}

/** Where the report reads each account, and the cost. */
export interface EstateSource {
  account(account: { readonly name: string; readonly id: string }): AccountSource;
  cost(): CostSource;
}
