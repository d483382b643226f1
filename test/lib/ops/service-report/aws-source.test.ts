import {
  BackupClient,
  ListBackupJobsCommand,
  ListCopyJobsCommand,
  ListRecoveryPointsByBackupVaultCommand,
} from '@aws-sdk/client-backup';
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import {
  DescribeTransitGatewayAttachmentsCommand,
  DescribeVpnConnectionsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { DescribeEventsCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import {
  AwsAccountSource,
  AwsCostSource,
  METRIC_POINTS_PER_CALL,
  METRIC_QUERIES_PER_CALL,
  metricBatches,
} from '../../../../lib/ops/service-report/aws-source';
import type { MetricQuery } from '../../../../lib/ops/service-report/source';

const AWS = { region: 'eu-west-2', maxAttempts: 1, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } };
const START = new Date('2026-10-01T00:00:00Z');
const END = new Date('2026-12-01T00:00:00Z');

function error(name: string, message = name): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });
}

const hourly = (i: number): MetricQuery => ({
  key: `db|db-${i}|cpu`,
  namespace: 'AWS/RDS',
  metricName: 'CPUUtilization',
  dimensions: { DBInstanceIdentifier: `db-${i}` },
  stat: 'Maximum',
  periodSeconds: 3600,
});

describe('GetMetricData batching', () => {
  it('packs queries within both quotas: 500 queries and 100,800 datapoints per call', () => {
    const queries = Array.from({ length: 1200 }, (_, i) => hourly(i));
    const batches = metricBatches(queries, START, END);
    const points = 61 * 24; // hourly over two months
    for (const batch of batches) {
      expect(batch.length).toBeLessThanOrEqual(METRIC_QUERIES_PER_CALL);
      expect(batch.length * points).toBeLessThanOrEqual(METRIC_POINTS_PER_CALL);
    }
    expect(batches.flat()).toHaveLength(1200);
    expect(batches).toHaveLength(Math.ceil(1200 / Math.floor(METRIC_POINTS_PER_CALL / points)));
  });

  it('gives 5-minute series (a month of VPN load) a call of their own when they must', () => {
    const fine = { ...hourly(1), periodSeconds: 300 };
    const batches = metricBatches([fine, fine, fine, fine, fine, fine, fine], START, END);
    expect(batches.map((b) => b.length)).toEqual([5, 2]);
  });
});

describe('AwsAccountSource.metrics', () => {
  const cw = mockClient(CloudWatchClient);
  afterEach(() => {
    cw.reset();
  });
  afterAll(() => {
    cw.restore();
  });

  it('follows NextToken and merges each series in time order', async () => {
    cw.on(GetMetricDataCommand)
      .resolvesOnce({
        MetricDataResults: [
          { Id: 'm0', Timestamps: [new Date(3_600_000)], Values: [2], StatusCode: 'PartialData' },
        ],
        NextToken: 'more',
      })
      .resolvesOnce({
        MetricDataResults: [{ Id: 'm0', Timestamps: [new Date(0)], Values: [1], StatusCode: 'Complete' }],
      });
    const result = await new AwsAccountSource(AWS).metrics([hourly(0)], START, END);
    expect(result.failures).toEqual([]);
    expect(result.series.get('db|db-0|cpu')).toEqual({ timestamps: [0, 3_600_000], values: [1, 2] });
    expect(cw.commandCalls(GetMetricDataCommand)[1]?.args[0].input.NextToken).toBe('more');
    expect(cw.commandCalls(GetMetricDataCommand)[0]?.args[0].input.ScanBy).toBe('TimestampAscending');
  });

  it('a throttled batch leaves only its own series not read, naming the action', async () => {
    const queries = Array.from({ length: 140 }, (_, i) => hourly(i)); // two batches of hourly series
    cw.on(GetMetricDataCommand).callsFake((input: { MetricDataQueries: MetricDataQuery[] }) => {
      if (input.MetricDataQueries.some((q) => q.MetricStat?.Metric?.Dimensions?.[0]?.Value === 'db-0')) {
        throw error('ThrottlingException', 'Rate exceeded');
      }
      return {
        MetricDataResults: input.MetricDataQueries.map((q) => ({
          Id: q.Id,
          Timestamps: [],
          Values: [],
          StatusCode: 'Complete',
        })),
      };
    });
    const result = await new AwsAccountSource(AWS).metrics(queries, START, END);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]?.failure.message).toContain(
      'cloudwatch:GetMetricData: still throttled (ThrottlingException); try again later or raise --max-attempts.',
    );
    expect(result.failures[0]?.keys).toContain('db|db-0|cpu');
    expect(result.series.size + (result.failures[0]?.keys.length ?? 0)).toBe(140);
  });

  it('a series CloudWatch answers Forbidden is not read; an answer without results is not an AWS answer', async () => {
    cw.on(GetMetricDataCommand).resolvesOnce({
      MetricDataResults: [{ Id: 'm0', StatusCode: 'Forbidden', Timestamps: [], Values: [] }],
    });
    const forbidden = await new AwsAccountSource(AWS).metrics([hourly(0)], START, END);
    expect(forbidden.series.has('db|db-0|cpu')).toBe(false);
    expect(forbidden.failures[0]?.failure.message).toContain('db|db-0|cpu: Forbidden');
    cw.on(GetMetricDataCommand).resolvesOnce({});
    const empty = await new AwsAccountSource(AWS).metrics([hourly(0)], START, END);
    expect(empty.series.size).toBe(0);
    expect(empty.failures[0]?.failure.message).toContain('not an AWS response');
  });

  it('access denied names the IAM action', async () => {
    cw.on(GetMetricDataCommand).rejects(error('AccessDeniedException'));
    const result = await new AwsAccountSource(AWS).metrics([hourly(0)], START, END);
    expect(result.failures[0]?.failure.message).toContain(
      'The role needs the IAM action cloudwatch:GetMetricData',
    );
  });
});

describe('AwsAccountSource.alarmHistory', () => {
  const logs = mockClient(CloudWatchLogsClient);
  afterEach(() => {
    logs.reset();
  });
  afterAll(() => {
    logs.restore();
  });
  const event = (name: string, state: string, previous: string, at: string) => ({
    timestamp: Date.parse(at),
    message: JSON.stringify({
      time: at,
      detail: { alarmName: name, state: { value: state, timestamp: at }, previousState: { value: previous } },
    }),
  });

  it('reads every page of the archive and parses the state changes, with the archive start', async () => {
    logs
      .on(DescribeLogGroupsCommand)
      .resolves({ logGroups: [{ logGroupName: '/kvdc/alarm-history', creationTime: 1000 }] });
    logs
      .on(FilterLogEventsCommand)
      .resolvesOnce({
        events: [event('kvdc-a-service', 'ALARM', 'OK', '2026-11-02T10:00:00Z')],
        nextToken: 't',
      })
      .resolvesOnce({
        events: [
          event('kvdc-a-service', 'OK', 'ALARM', '2026-11-02T10:30:00Z'),
          { timestamp: 5, message: 'not json' },
        ],
      });
    const result = await new AwsAccountSource(AWS).alarmHistory('/kvdc/alarm-history', START, END);
    expect(result.ok && result.value.since).toBe(1000);
    expect(result.ok && result.value.changes.map((c) => `${c.previous}>${c.state}`)).toEqual([
      'OK>ALARM',
      'ALARM>OK',
    ]);
  });

  it('a missing archive is not read, and says how to create it', async () => {
    logs.on(DescribeLogGroupsCommand).resolves({ logGroups: [] });
    const result = await new AwsAccountSource(AWS).alarmHistory('/kvdc/alarm-history', START, END);
    expect(!result.ok && result.failure.message).toContain(
      "the alarm history archive /kvdc/alarm-history does not exist: deploy the account's alerting stack",
    );
  });

  it('a denied read names logs:FilterLogEvents', async () => {
    logs
      .on(DescribeLogGroupsCommand)
      .resolves({ logGroups: [{ logGroupName: '/kvdc/alarm-history', creationTime: 1 }] });
    logs.on(FilterLogEventsCommand).rejects(error('AccessDeniedException'));
    const result = await new AwsAccountSource(AWS).alarmHistory('/kvdc/alarm-history', START, END);
    expect(!result.ok && result.failure.action).toBe('logs:FilterLogEvents');
  });
});

describe('AwsAccountSource: AWS Backup, RDS and EC2', () => {
  const backup = mockClient(BackupClient);
  const rds = mockClient(RDSClient);
  const ec2 = mockClient(EC2Client);
  afterEach(() => {
    backup.reset();
    rds.reset();
    ec2.reset();
  });
  afterAll(() => {
    backup.restore();
    rds.restore();
    ec2.restore();
  });

  it('lists failed, expired and aborted backup jobs and failed copies, over every page', async () => {
    backup
      .on(ListBackupJobsCommand, { ByState: 'FAILED' })
      .resolvesOnce({
        BackupJobs: [{ BackupJobId: 'j1', State: 'FAILED', ResourceArn: 'arn:x:db:a', BackupVaultName: 'v' }],
        NextToken: 'n',
      })
      .resolvesOnce({
        BackupJobs: [
          {
            BackupJobId: 'j2',
            State: 'FAILED',
            ResourceArn: 'arn:x:db:b',
            BackupVaultName: 'v',
            StatusMessage: 'quota',
          },
        ],
      });
    backup.on(ListBackupJobsCommand, { ByState: 'EXPIRED' }).resolves({ BackupJobs: [] });
    backup.on(ListBackupJobsCommand, { ByState: 'ABORTED' }).resolves({ BackupJobs: [] });
    backup
      .on(ListCopyJobsCommand)
      .resolves({ CopyJobs: [{ CopyJobId: 'c1', State: 'FAILED', ResourceArn: 'arn:x:db:a' }] });
    const result = await new AwsAccountSource(AWS).failedJobs(START, END);
    expect(result.ok && result.value.map((j) => `${j.kind}:${j.id}`)).toEqual([
      'backup:j1',
      'backup:j2',
      'copy:c1',
      'copy:c1',
    ]);
  });

  it('a throttled job list is not read (never an empty list)', async () => {
    backup.on(ListBackupJobsCommand).rejects(error('ThrottlingException'));
    const result = await new AwsAccountSource(AWS).failedJobs(START, END);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.failure.message).toContain('backup:ListBackupJobs: still throttled');
  });

  it('reads recovery points in the window over every page', async () => {
    backup
      .on(ListRecoveryPointsByBackupVaultCommand)
      .resolvesOnce({
        RecoveryPoints: [
          { ResourceArn: 'a', RecoveryPointArn: 'p1', CreationDate: new Date(1), Status: 'COMPLETED' },
        ],
        NextToken: 'n',
      })
      .resolvesOnce({
        RecoveryPoints: [
          { ResourceArn: 'a', RecoveryPointArn: 'p2', CreationDate: new Date(2), Status: 'COMPLETED' },
        ],
      });
    const result = await new AwsAccountSource(AWS).recoveryPoints('kvdc-production', START, END);
    expect(result.ok && result.value.map((p) => p.recoveryPointArn)).toEqual(['p1', 'p2']);
    expect(backup.commandCalls(ListRecoveryPointsByBackupVaultCommand)[0]?.args[0].input).toMatchObject({
      BackupVaultName: 'kvdc-production',
      ByCreatedAfter: START,
      ByCreatedBefore: END,
    });
  });

  it('reads RDS events over every page', async () => {
    rds
      .on(DescribeEventsCommand)
      .resolvesOnce({
        Events: [
          { SourceIdentifier: 'db', Message: 'failover', Date: new Date(1), EventCategories: ['failover'] },
        ],
        Marker: 'm',
      })
      .resolvesOnce({ Events: [{ SourceIdentifier: 'db', Message: 'done', Date: new Date(2) }] });
    const result = await new AwsAccountSource(AWS).rdsEvents(START, END);
    expect(result.ok && result.value.map((e) => e.message)).toEqual(['failover', 'done']);
  });

  it('reads VPN connections with their Name tag and tunnels, and their attachments over every page', async () => {
    ec2.on(DescribeVpnConnectionsCommand).resolves({
      VpnConnections: [
        {
          VpnConnectionId: 'vpn-1',
          State: 'available',
          Tags: [{ Key: 'Name', Value: 'kvdc-site-edge' }],
          VgwTelemetry: [{ OutsideIpAddress: '1.2.3.4', Status: 'UP' }],
        },
        { VpnConnectionId: 'vpn-old', State: 'deleted' },
      ],
    });
    ec2
      .on(DescribeTransitGatewayAttachmentsCommand)
      .resolvesOnce({
        TransitGatewayAttachments: [
          {
            TransitGatewayAttachmentId: 'a1',
            TransitGatewayId: 't',
            ResourceId: 'vpn-1',
            State: 'available',
          },
        ],
        NextToken: 'n',
      })
      .resolvesOnce({ TransitGatewayAttachments: [] });
    const source = new AwsAccountSource(AWS);
    const connections = await source.vpnConnections();
    expect(connections.ok && connections.value).toEqual([
      {
        vpnConnectionId: 'vpn-1',
        name: 'kvdc-site-edge',
        state: 'available',
        tunnels: [{ outsideIp: '1.2.3.4', status: 'UP' }],
      },
    ]);
    const attachments = await source.vpnAttachments();
    expect(attachments.ok && attachments.value).toEqual([
      { vpnConnectionId: 'vpn-1', attachmentId: 'a1', transitGatewayId: 't' },
    ]);
  });
});

describe('AwsCostSource', () => {
  const ce = mockClient(CostExplorerClient);
  afterEach(() => {
    ce.reset();
  });
  afterAll(() => {
    ce.restore();
  });

  it('sums every page and month by the tag value, untagged as empty', async () => {
    ce.on(GetCostAndUsageCommand)
      .resolvesOnce({
        ResultsByTime: [
          {
            Groups: [
              { Keys: ['workload$payroll'], Metrics: { UnblendedCost: { Amount: '10.5', Unit: 'USD' } } },
            ],
          },
          {
            Groups: [
              { Keys: ['workload$payroll'], Metrics: { UnblendedCost: { Amount: '1.5', Unit: 'USD' } } },
            ],
          },
        ],
        NextPageToken: 'p',
      })
      .resolvesOnce({
        ResultsByTime: [
          { Groups: [{ Keys: ['workload$'], Metrics: { UnblendedCost: { Amount: '3', Unit: 'USD' } } }] },
        ],
      });
    const result = await new AwsCostSource(AWS).costByTag('workload', START, END);
    expect(result.ok && result.value).toEqual([
      { tagValue: 'payroll', amount: 12, unit: 'USD' },
      { tagValue: '', amount: 3, unit: 'USD' },
    ]);
    expect(ce.commandCalls(GetCostAndUsageCommand)[0]?.args[0].input).toMatchObject({
      TimePeriod: { Start: '2026-10-01', End: '2026-12-01' },
      GroupBy: [{ Type: 'TAG', Key: 'workload' }],
    });
  });

  it('an amount that is not a number is not an AWS answer; a denied call names ce:GetCostAndUsage', async () => {
    ce.on(GetCostAndUsageCommand).resolvesOnce({
      ResultsByTime: [
        { Groups: [{ Keys: ['workload$x'], Metrics: { UnblendedCost: { Amount: 'n/a', Unit: 'USD' } } }] },
      ],
    });
    const bad = await new AwsCostSource(AWS).costByTag('workload', START, END);
    expect(!bad.ok && bad.failure.message).toContain('not an AWS response');
    ce.on(GetCostAndUsageCommand).rejects(error('AccessDeniedException'));
    const denied = await new AwsCostSource(AWS, 'management').costByTag('workload', START, END);
    expect(!denied.ok && denied.failure.message).toContain(
      'The role needs the IAM action ce:GetCostAndUsage',
    );
    // Which account asked, and where: Cost Explorer's endpoint is in us-east-1 whatever the home region.
    expect(!denied.ok && denied.failure.message).toMatch(/^\[management us-east-1\] ce:GetCostAndUsage/);
  });
});
