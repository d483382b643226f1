import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { BackupVaultAlarms } from '../../../lib/monitoring/backup-vault-alarms';
import { AttachmentAlarms, NatGatewayAlarms } from '../../../lib/monitoring/network-alarms';
import { SERVICE_LEVELS } from '../../../lib/monitoring/service-levels';
import { testApp } from '../../helpers/cdk-app';

const ownership = {
  workload: 'central-egress',
  workloadName: 'shared central egress',
  criticality: 'critical',
  owner: 'digital-infrastructure',
  technicalOwner: 'digital-infrastructure',
  runbookBaseUrl: 'docs/operations.md',
};

function stack(): { stack: Stack; topic: sns.ITopic } {
  const s = new Stack(testApp(), 'Net', { env: { account: '111111111111', region: 'eu-west-2' } });
  return { stack: s, topic: sns.Topic.fromTopicArn(s, 'Rota', 'arn:aws:sns:eu-west-2:111111111111:rota') };
}

describe('NatGatewayAlarms', () => {
  it('alarms on port allocation errors and dropped packets per zone, paged once by the egress composite', () => {
    const { stack: s, topic } = stack();
    new NatGatewayAlarms(s, 'Nat', {
      namePrefix: 'kvdc',
      natGateways: [
        { zone: 'eu-west-2a', natGatewayId: 'nat-a' },
        { zone: 'eu-west-2b', natGatewayId: 'nat-b' },
      ],
      ownership,
      level: SERVICE_LEVELS.critical,
      topic,
    });
    const t = Template.fromStack(s);
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'kvdc-nat-eu-west-2b-port-allocation',
      MetricName: 'ErrorPortAllocation',
      Dimensions: [{ Name: 'NatGatewayId', Value: 'nat-b' }],
      Threshold: 0,
    });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'kvdc-nat-eu-west-2a-packet-drops',
      Threshold: SERVICE_LEVELS.critical.network.droppedPackets,
    });
    t.hasResourceProperties('AWS::CloudWatch::CompositeAlarm', {
      AlarmName: 'kvdc-egress-service',
      AlarmActions: ['arn:aws:sns:eu-west-2:111111111111:rota'],
    });
    expect(Object.keys(t.findResources('AWS::CloudWatch::Alarm'))).toHaveLength(4);
  });

  it('refuses an egress without NAT gateways', () => {
    const { stack: s, topic } = stack();
    expect(
      () =>
        new NatGatewayAlarms(s, 'Nat', {
          namePrefix: 'kvdc',
          natGateways: [],
          ownership,
          level: SERVICE_LEVELS.high,
          topic,
        }),
    ).toThrow(/at least one NAT gateway/);
  });
});

describe('AttachmentAlarms', () => {
  it('sums blackhole and no-route drops of one attachment and notifies the rota directly', () => {
    const { stack: s, topic } = stack();
    new AttachmentAlarms(s, 'Prod', {
      alarmName: 'kvdc-tgw-production-drops',
      attachmentLabel: 'VPC production',
      transitGatewayId: 'tgw-1',
      attachmentId: 'tgw-attach-1',
      ownership,
      level: SERVICE_LEVELS.high,
      topic,
    });
    const t = Template.fromStack(s);
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'kvdc-tgw-production-drops',
      AlarmActions: ['arn:aws:sns:eu-west-2:111111111111:rota'],
      Threshold: 500,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'FILL(blackhole, 0) + FILL(noroute, 0)' }),
        Match.objectLike({
          MetricStat: Match.objectLike({
            Metric: Match.objectLike({
              MetricName: 'PacketDropCountNoRoute',
              Dimensions: [
                { Name: 'TransitGateway', Value: 'tgw-1' },
                { Name: 'TransitGatewayAttachment', Value: 'tgw-attach-1' },
              ],
            }),
          }),
        }),
      ]),
    });
  });
});

describe('BackupVaultAlarms', () => {
  it('watches failed and expired jobs and failed copies of the vault, naming every plan that writes to it', () => {
    const { stack: s, topic } = stack();
    new BackupVaultAlarms(s, 'Backup', {
      namePrefix: 'kvdc',
      vaultName: 'kvdc-production',
      planNames: ['kvdc-gold', 'kvdc-silver'],
      ownership,
      topic,
    });
    const t = Template.fromStack(s);
    for (const [signal, metric] of [
      ['jobs-failed', 'NumberOfBackupJobsFailed'],
      ['jobs-expired', 'NumberOfBackupJobsExpired'],
      ['copies-failed', 'NumberOfCopyJobsFailed'],
    ]) {
      t.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `kvdc-backup-kvdc-production-${signal}`,
        AlarmDescription: Match.stringLikeRegexp('plans kvdc-gold, kvdc-silver'),
        Metrics: [
          Match.objectLike({
            Expression: `SELECT SUM(${metric}) FROM "AWS/Backup" WHERE BackupVaultName = 'kvdc-production'`,
            Period: 3600,
          }),
        ],
      });
    }
    t.hasResourceProperties('AWS::CloudWatch::CompositeAlarm', {
      AlarmName: 'kvdc-backup-kvdc-production-service',
      AlarmActions: ['arn:aws:sns:eu-west-2:111111111111:rota'],
    });
  });
});
