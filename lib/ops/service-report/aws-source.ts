import {
  paginateListBackupJobs,
  paginateListCopyJobs,
  paginateListRecoveryPointsByBackupVault,
  type BackupJobState,
  type CopyJobState,
} from '@aws-sdk/client-backup';
import {
  GetMetricDataCommand,
  type CloudWatchClient,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { DescribeLogGroupsCommand, paginateFilterLogEvents } from '@aws-sdk/client-cloudwatch-logs';
import { GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import {
  DescribeVpnConnectionsCommand,
  paginateDescribeTransitGatewayAttachments,
} from '@aws-sdk/client-ec2';
import { paginateDescribeEvents } from '@aws-sdk/client-rds';
import {
  backupClient,
  cloudWatchClient,
  cloudWatchLogsClient,
  costExplorerClient,
  ec2Client,
  rdsClient,
  type AwsOptions,
} from '../aws';
import { classifyError } from '../errors';
import type {
  AccountSource,
  AlarmArchive,
  AlarmState,
  AlarmStateChange,
  BackupJobRecord,
  CostRow,
  CostSource,
  EstateSource,
  MetricQuery,
  MetricResults,
  MetricSeries,
  Read,
  ReadFailure,
  RecoveryPointRecord,
  RdsEventRecord,
  VpnAttachmentRecord,
  VpnConnectionRecord,
} from './source';

/** GetMetricData answers at most 500 queries and 100,800 datapoints per call (CloudWatch quotas). */
export const METRIC_QUERIES_PER_CALL = 500;
export const METRIC_POINTS_PER_CALL = 100_800;
/** Batches of one account in flight at once: enough to be quick, few enough not to be throttled. */
const CONCURRENT_BATCHES = 4;

/** Runs one read; a failure is a value whose message names where (`[account region]`) and the IAM action. */
async function read<T>(action: string, call: () => Promise<T>, scope?: string): Promise<Read<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    const classified = classifyError(action, error);
    return {
      ok: false,
      failure: {
        action,
        message: scope === undefined ? classified.message : `[${scope}] ${classified.message}`,
      },
    };
  }
}

/** A response without the list the API always returns is not an AWS answer (a proxy page, an empty body). */
class NotAnAwsAnswer extends Error {
  constructor(action: string, field: string) {
    super(`${action}: the answer has no ${field}, so it is not an AWS response (a proxy, a wrong endpoint?)`);
    this.name = 'NotAnAwsAnswer';
  }
}

/** An SDK answer as it may really arrive: a proxy's empty body deserialises to nothing. */
function maybe<T>(value: T): T | undefined {
  return value;
}

function list<T>(action: string, field: string, value: T[] | undefined): T[] {
  if (!Array.isArray(value)) throw new NotAnAwsAnswer(action, field);
  return value;
}

/** Groups queries into GetMetricData calls within both quotas. */
export function metricBatches(queries: readonly MetricQuery[], start: Date, end: Date): MetricQuery[][] {
  const span = Math.max(1, end.getTime() - start.getTime()) / 1000;
  const batches: MetricQuery[][] = [];
  let current: MetricQuery[] = [];
  let points = 0;
  for (const q of queries) {
    const n = Math.ceil(span / q.periodSeconds);
    if (
      current.length > 0 &&
      (current.length >= METRIC_QUERIES_PER_CALL || points + n > METRIC_POINTS_PER_CALL)
    ) {
      batches.push(current);
      current = [];
      points = 0;
    }
    current.push(q);
    points += n;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  });
  await Promise.all(runners);
  return results;
}

function stateOf(value: unknown): AlarmState {
  return value === 'ALARM' || value === 'OK' ? value : 'INSUFFICIENT_DATA';
}

/** The SDK implementation of one account's reads. */
export class AwsAccountSource implements AccountSource {
  /** @param scope where the reads go, e.g. `production eu-west-2`, named in every failure */
  constructor(
    private readonly aws: AwsOptions,
    private readonly scope?: string,
  ) {}

  private read<T>(action: string, call: () => Promise<T>): Promise<Read<T>> {
    return read(action, call, this.scope);
  }

  async metrics(queries: readonly MetricQuery[], start: Date, end: Date): Promise<MetricResults> {
    const client = cloudWatchClient(this.aws);
    try {
      const series = new Map<string, MetricSeries>();
      const failures: { keys: string[]; failure: ReadFailure }[] = [];
      const batches = metricBatches(queries, start, end);
      await inParallel(batches, CONCURRENT_BATCHES, async (batch) => {
        const result = await this.read('cloudwatch:GetMetricData', () =>
          this.metricBatch(client, batch, start, end),
        );
        if (!result.ok) {
          failures.push({ keys: batch.map((q) => q.key), failure: result.failure });
          return;
        }
        for (const [key, value] of result.value.series) series.set(key, value);
        if (result.value.failed.length > 0) {
          failures.push({
            keys: result.value.failed.map((f) => f.key),
            failure: {
              action: 'cloudwatch:GetMetricData',
              message: `${this.scope === undefined ? '' : `[${this.scope}] `}cloudwatch:GetMetricData: ${result.value.failed.map((f) => `${f.key}: ${f.status}`).join('; ')}`,
            },
          });
        }
      });
      return { series, failures };
    } finally {
      client.destroy();
    }
  }

  private async metricBatch(
    client: CloudWatchClient,
    batch: readonly MetricQuery[],
    start: Date,
    end: Date,
  ): Promise<{ series: Map<string, MetricSeries>; failed: { key: string; status: string }[] }> {
    const ids = new Map(batch.map((q, i) => [`m${i}`, q]));
    const queries: MetricDataQuery[] = batch.map((q, i) => ({
      Id: `m${i}`,
      MetricStat: {
        Metric: {
          Namespace: q.namespace,
          MetricName: q.metricName,
          Dimensions: Object.entries(q.dimensions).map(([Name, Value]) => ({ Name, Value })),
        },
        Period: q.periodSeconds,
        Stat: q.stat,
      },
      ReturnData: true,
    }));
    const points = new Map<string, { t: number[]; v: number[] }>();
    const failed = new Map<string, string>();
    let token: string | undefined;
    do {
      const answer = await client.send(
        new GetMetricDataCommand({
          MetricDataQueries: queries,
          StartTime: start,
          EndTime: end,
          ScanBy: 'TimestampAscending',
          ...(token === undefined ? {} : { NextToken: token }),
        }),
      );
      for (const r of list(
        'cloudwatch:GetMetricData',
        'MetricDataResults',
        maybe(answer)?.MetricDataResults,
      )) {
        const q = r.Id === undefined ? undefined : ids.get(r.Id);
        if (q === undefined) continue;
        if (r.StatusCode === 'Forbidden' || r.StatusCode === 'InternalError') {
          failed.set(q.key, r.StatusCode);
          continue;
        }
        const acc = points.get(q.key) ?? { t: [], v: [] };
        (r.Timestamps ?? []).forEach((t, i) => {
          acc.t.push(t.getTime());
          acc.v.push(r.Values?.[i] ?? Number.NaN);
        });
        points.set(q.key, acc);
      }
      token = maybe(answer)?.NextToken;
    } while (token !== undefined);
    const series = new Map<string, MetricSeries>();
    for (const q of batch) {
      if (failed.has(q.key)) continue;
      const acc = points.get(q.key) ?? { t: [], v: [] };
      const order = acc.t.map((_, i) => i).sort((a, b) => (acc.t[a] ?? 0) - (acc.t[b] ?? 0));
      series.set(q.key, {
        timestamps: order.map((i) => acc.t[i] ?? 0),
        values: order.map((i) => acc.v[i] ?? 0),
      });
    }
    return { series, failed: [...failed].map(([key, status]) => ({ key, status })) };
  }

  async alarmHistory(logGroupName: string, start: Date, end: Date): Promise<Read<AlarmArchive>> {
    const client = cloudWatchLogsClient(this.aws);
    try {
      const group = await this.read('logs:DescribeLogGroups', async () => {
        const answer = await client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: logGroupName }));
        const found = list('logs:DescribeLogGroups', 'logGroups', maybe(answer)?.logGroups).find(
          (g) => g.logGroupName === logGroupName,
        );
        if (found?.creationTime === undefined) {
          throw Object.assign(
            new Error(
              `the alarm history archive ${logGroupName} does not exist: deploy the account's alerting stack (docs/operations.md)`,
            ),
            { name: 'ArchiveMissing' },
          );
        }
        return found.creationTime;
      });
      if (!group.ok) return group;
      return await this.read('logs:FilterLogEvents', async () => {
        const changes: AlarmStateChange[] = [];
        for await (const page of paginateFilterLogEvents(
          { client },
          { logGroupName, startTime: start.getTime(), endTime: end.getTime() },
        )) {
          for (const event of list('logs:FilterLogEvents', 'events', maybe(page)?.events)) {
            const change = parseStateChange(event.message, event.timestamp);
            if (change) changes.push(change);
          }
        }
        changes.sort((a, b) => a.at - b.at);
        return { since: group.value, changes };
      });
    } finally {
      client.destroy();
    }
  }

  async failedJobs(start: Date, end: Date): Promise<Read<BackupJobRecord[]>> {
    const client = backupClient(this.aws);
    try {
      const jobs: BackupJobRecord[] = [];
      for (const state of ['FAILED', 'EXPIRED', 'ABORTED'] as BackupJobState[]) {
        const r = await this.read('backup:ListBackupJobs', async () => {
          for await (const page of paginateListBackupJobs(
            { client },
            { ByState: state, ByCreatedAfter: start, ByCreatedBefore: end },
          )) {
            for (const j of list('backup:ListBackupJobs', 'BackupJobs', maybe(page)?.BackupJobs)) {
              jobs.push({
                kind: 'backup',
                id: j.BackupJobId ?? '?',
                state: j.State ?? state,
                resourceArn: j.ResourceArn ?? '',
                vault: j.BackupVaultName ?? '',
                createdAt: j.CreationDate?.getTime() ?? 0,
                ...(j.StatusMessage === undefined ? {} : { message: j.StatusMessage }),
              });
            }
          }
        });
        if (!r.ok) return r;
      }
      for (const state of ['FAILED', 'PARTIAL'] as CopyJobState[]) {
        const r = await this.read('backup:ListCopyJobs', async () => {
          for await (const page of paginateListCopyJobs(
            { client },
            { ByState: state, ByCreatedAfter: start, ByCreatedBefore: end },
          )) {
            for (const j of list('backup:ListCopyJobs', 'CopyJobs', maybe(page)?.CopyJobs)) {
              jobs.push({
                kind: 'copy',
                id: j.CopyJobId ?? '?',
                state: j.State ?? state,
                resourceArn: j.ResourceArn ?? '',
                vault: j.SourceBackupVaultArn?.split(':').pop() ?? '',
                createdAt: j.CreationDate?.getTime() ?? 0,
                ...(j.StatusMessage === undefined ? {} : { message: j.StatusMessage }),
              });
            }
          }
        });
        if (!r.ok) return r;
      }
      return { ok: true, value: jobs };
    } finally {
      client.destroy();
    }
  }

  async recoveryPoints(
    vaultName: string,
    createdAfter: Date,
    createdBefore: Date,
  ): Promise<Read<RecoveryPointRecord[]>> {
    const client = backupClient(this.aws);
    try {
      return await this.read('backup:ListRecoveryPointsByBackupVault', async () => {
        const points: RecoveryPointRecord[] = [];
        for await (const page of paginateListRecoveryPointsByBackupVault(
          { client },
          { BackupVaultName: vaultName, ByCreatedAfter: createdAfter, ByCreatedBefore: createdBefore },
        )) {
          for (const p of list(
            'backup:ListRecoveryPointsByBackupVault',
            'RecoveryPoints',
            maybe(page)?.RecoveryPoints,
          )) {
            points.push({
              resourceArn: p.ResourceArn ?? '',
              recoveryPointArn: p.RecoveryPointArn ?? '',
              createdAt: p.CreationDate?.getTime() ?? 0,
              status: p.Status ?? 'UNKNOWN',
            });
          }
        }
        return points;
      });
    } finally {
      client.destroy();
    }
  }

  async rdsEvents(start: Date, end: Date): Promise<Read<RdsEventRecord[]>> {
    const client = rdsClient(this.aws);
    try {
      return await this.read('rds:DescribeEvents', async () => {
        const events: RdsEventRecord[] = [];
        for await (const page of paginateDescribeEvents(
          { client },
          { SourceType: 'db-instance', StartTime: start, EndTime: end },
        )) {
          for (const e of list('rds:DescribeEvents', 'Events', maybe(page)?.Events)) {
            events.push({
              identifier: e.SourceIdentifier ?? '',
              at: e.Date?.getTime() ?? 0,
              message: e.Message ?? '',
              categories: e.EventCategories ?? [],
            });
          }
        }
        return events;
      });
    } finally {
      client.destroy();
    }
  }

  async vpnConnections(): Promise<Read<VpnConnectionRecord[]>> {
    const client = ec2Client(this.aws);
    try {
      return await this.read('ec2:DescribeVpnConnections', async () => {
        const answer = await client.send(new DescribeVpnConnectionsCommand({}));
        return list('ec2:DescribeVpnConnections', 'VpnConnections', maybe(answer)?.VpnConnections)
          .filter((c) => c.State !== 'deleted')
          .map((c) => {
            const name = c.Tags?.find((t) => t.Key === 'Name')?.Value;
            return {
              vpnConnectionId: c.VpnConnectionId ?? '?',
              ...(name === undefined ? {} : { name }),
              ...(c.State === undefined ? {} : { state: c.State }),
              tunnels: (c.VgwTelemetry ?? []).map((t) => ({
                outsideIp: t.OutsideIpAddress ?? '?',
                ...(t.Status === undefined ? {} : { status: t.Status }),
              })),
            };
          });
      });
    } finally {
      client.destroy();
    }
  }

  async vpnAttachments(): Promise<Read<VpnAttachmentRecord[]>> {
    const client = ec2Client(this.aws);
    try {
      return await this.read('ec2:DescribeTransitGatewayAttachments', async () => {
        const out: VpnAttachmentRecord[] = [];
        for await (const page of paginateDescribeTransitGatewayAttachments(
          { client },
          { Filters: [{ Name: 'resource-type', Values: ['vpn'] }] },
        )) {
          for (const a of list(
            'ec2:DescribeTransitGatewayAttachments',
            'TransitGatewayAttachments',
            maybe(page)?.TransitGatewayAttachments,
          )) {
            if (a.ResourceId && a.TransitGatewayAttachmentId && a.TransitGatewayId && a.State !== 'deleted') {
              out.push({
                vpnConnectionId: a.ResourceId,
                attachmentId: a.TransitGatewayAttachmentId,
                transitGatewayId: a.TransitGatewayId,
              });
            }
          }
        }
        return out;
      });
    } finally {
      client.destroy();
    }
  }
}

/** An EventBridge "CloudWatch Alarm State Change" event as the archive keeps it; undefined when it is not one. */
export function parseStateChange(
  message: string | undefined,
  timestamp: number | undefined,
): AlarmStateChange | undefined {
  if (message === undefined) return undefined;
  try {
    const event = JSON.parse(message) as {
      time?: string;
      detail?: {
        alarmName?: string;
        state?: { value?: string; reason?: string; timestamp?: string };
        previousState?: { value?: string };
      };
    };
    const detail = event.detail;
    if (detail?.alarmName === undefined || detail.state?.value === undefined) return undefined;
    const at = Date.parse(detail.state.timestamp ?? event.time ?? '') || timestamp || 0;
    return {
      alarmName: detail.alarmName,
      at,
      state: stateOf(detail.state.value),
      previous: stateOf(detail.previousState?.value),
      ...(detail.state.reason === undefined ? {} : { reason: detail.state.reason }),
    };
  } catch {
    return undefined;
  }
}

/** Cost Explorer's date: the day of a UTC instant, YYYY-MM-DD. */
function ceDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Cost Explorer, in us-east-1 where its endpoint is, by a cost-allocation tag. */
export class AwsCostSource implements CostSource {
  /**
   * Cost Explorer answers for the organisation (or the account) from us-east-1.
   * @param account whose credentials ask (the --cost-account, or the caller's own), named in a failure
   */
  constructor(
    private readonly aws: AwsOptions,
    private readonly account = 'caller',
  ) {}

  async costByTag(tagKey: string, start: Date, end: Date): Promise<Read<CostRow[]>> {
    const client = costExplorerClient({ ...this.aws, region: 'us-east-1' });
    try {
      return await read(
        'ce:GetCostAndUsage',
        async () => {
          const totals = new Map<string, CostRow>();
          let token: string | undefined;
          do {
            const answer = await client.send(
              new GetCostAndUsageCommand({
                TimePeriod: { Start: ceDate(start), End: ceDate(end) },
                Granularity: 'MONTHLY',
                Metrics: ['UnblendedCost'],
                GroupBy: [{ Type: 'TAG', Key: tagKey }],
                ...(token === undefined ? {} : { NextPageToken: token }),
              }),
            );
            for (const bucket of list('ce:GetCostAndUsage', 'ResultsByTime', maybe(answer)?.ResultsByTime)) {
              for (const group of bucket.Groups ?? []) {
                const key = group.Keys?.[0] ?? '';
                const tagValue = key.startsWith(`${tagKey}$`) ? key.slice(tagKey.length + 1) : key;
                const metric = group.Metrics?.['UnblendedCost'];
                const amount = Number(metric?.Amount ?? 'NaN');
                if (!Number.isFinite(amount))
                  throw new NotAnAwsAnswer('ce:GetCostAndUsage', 'UnblendedCost amount');
                const previous = totals.get(tagValue);
                totals.set(tagValue, {
                  tagValue,
                  amount: (previous?.amount ?? 0) + amount,
                  unit: metric?.Unit ?? 'USD',
                });
              }
            }
            token = maybe(answer)?.NextPageToken;
          } while (token !== undefined);
          return [...totals.values()];
        },
        `${this.account} us-east-1`,
      );
    } finally {
      client.destroy();
    }
  }
}

/** Every account read through its own AWS options (a role per account, or the caller's credentials). */
export function awsEstateSource(
  accountOptions: (account: { name: string; id: string }) => AwsOptions,
  costOptions: AwsOptions,
  /** The account Cost Explorer is asked through, for messages. @default 'caller' (the caller's credentials) */
  costAccount?: string,
): EstateSource {
  return {
    account: (account) => {
      const options = accountOptions(account);
      return new AwsAccountSource(options, `${account.name} ${options.region ?? 'default region'}`);
    },
    cost: () => new AwsCostSource(costOptions, costAccount),
  };
}
