import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { OutOfHoursEscalation } from '../../../lib/monitoring/out-of-hours-escalation';
import { SERVICE_LEVELS, type Criticality } from '../../../lib/monitoring/service-levels';
import { WorkloadAlarms, type WorkloadAlarmsProps } from '../../../lib/monitoring/workload-alarms';
import { testApp } from '../../helpers/cdk-app';

const ownership = (criticality: Criticality) => ({
  workload: 'payroll',
  workloadName: 'Payroll',
  criticality,
  owner: 'Head of HR',
  technicalOwner: 'HR Systems Lead',
  runbookBaseUrl: 'https://example.gov.uk/docs/operations.md',
});

function build(criticality: Criticality, extra: Partial<WorkloadAlarmsProps> = {}) {
  const stack = new Stack(testApp(), 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
  const rotaTopic = sns.Topic.fromTopicArn(stack, 'Rota', 'arn:aws:sns:eu-west-2:555555555555:rota');
  const outOfHoursTopic = sns.Topic.fromTopicArn(stack, 'Ooh', 'arn:aws:sns:eu-west-2:555555555555:ooh');
  const alarms = new WorkloadAlarms(stack, 'Payroll', {
    namePrefix: 'kvdc',
    ownership: ownership(criticality),
    level: SERVICE_LEVELS[criticality],
    databases: [
      {
        name: 'main',
        instanceIdentifier: 'kvdc-payroll-main',
        classMemoryGiB: 16,
        connectionLimit: 1802,
        allocatedStorageGiB: 200,
      },
    ],
    servers: [
      { hostname: 'pay-app01', platform: 'linux', live: true },
      { hostname: 'pay-web01', platform: 'windows' },
    ],
    rotaTopic,
    outOfHoursTopic,
    tags: { workload: 'payroll' },
    ...extra,
  });
  return { stack, alarms, template: Template.fromStack(stack) };
}

describe('WorkloadAlarms', () => {
  it('database thresholds come from the service level and the class', () => {
    const { template } = build('critical');
    const level = SERVICE_LEVELS.critical;
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'kvdc-payroll-db-main-cpu',
      Threshold: level.database.cpuPercent,
      Period: 60,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      Dimensions: [{ Name: 'DBInstanceIdentifier', Value: 'kvdc-payroll-main' }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'kvdc-payroll-db-main-memory',
      Threshold: Math.round(0.15 * 16 * 1024 ** 3),
      ComparisonOperator: 'LessThanThreshold',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'kvdc-payroll-db-main-connections',
      Threshold: Math.floor(0.8 * 1802),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'kvdc-payroll-db-main-write-latency',
      Threshold: 0.02,
    });
    // No read replicas, no replica lag alarm.
    expect(JSON.stringify(template.toJSON())).not.toContain('replica-lag');
  });

  it('a low-criticality service alarms later and at higher thresholds', () => {
    const { template } = build('low');
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'kvdc-payroll-db-main-cpu',
      Threshold: 95,
      Period: 300,
    });
  });

  it('servers are found by tag and agent dimension; Windows disks alarm on free space', () => {
    const { template } = build('high');
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'kvdc-payroll-server-pay-app01-status',
      Metrics: [
        Match.objectLike({
          Expression: `SELECT MAX(StatusCheckFailed) FROM "AWS/EC2" WHERE tag.server = 'pay-app01'`,
          Period: 60,
        }),
      ],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'kvdc-payroll-server-pay-web01-disk',
      Threshold: 15,
      ComparisonOperator: 'LessThanThreshold',
      Metrics: [Match.objectLike({ Expression: Match.stringLikeRegexp('MIN\\(disk_free_percent\\)') })],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'kvdc-payroll-server-pay-app01-agent-silent',
      TreatMissingData: 'breaching',
    });
    // The server not yet live has no silent-agent alarm.
    expect(JSON.stringify(template.toJSON())).not.toContain('pay-web01-agent-silent');
  });

  it('publishes each server agent configuration under the name the managed policy can read', () => {
    const { template } = build('high');
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: 'AmazonCloudWatch-kvdc-pay-web01',
      Value: Match.stringLikeRegexp('"rename":"mem_used_percent"'),
    });
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: 'AmazonCloudWatch-kvdc-pay-app01',
      Value: Match.stringLikeRegexp('"append_dimensions":\\{"workload":"payroll","server":"pay-app01"\\}'),
    });
  });

  it('one composite pages the rota; only a critical service escalates out of hours', () => {
    const critical = build('critical').template;
    critical.hasResourceProperties('AWS::CloudWatch::CompositeAlarm', {
      AlarmName: 'kvdc-payroll-service',
      AlarmActions: ['arn:aws:sns:eu-west-2:555555555555:rota'],
      OKActions: ['arn:aws:sns:eu-west-2:555555555555:rota'],
    });
    critical.hasResourceProperties('AWS::CloudWatch::CompositeAlarm', {
      AlarmName: 'kvdc-payroll-out-of-hours',
      AlarmActions: ['arn:aws:sns:eu-west-2:555555555555:ooh'],
    });
    const signals = critical.findResources('AWS::CloudWatch::Alarm');
    for (const signal of Object.values(signals) as { Properties: Record<string, unknown> }[]) {
      expect(signal.Properties['AlarmActions']).toBeUndefined();
    }
    const high = build('high').template;
    expect(Object.keys(high.findResources('AWS::CloudWatch::CompositeAlarm'))).toHaveLength(1);
  });

  it('a workload with more signals than one rule holds gets a composite per database and server', () => {
    const servers = Array.from({ length: 20 }, (_, i) => ({
      hostname: `pay-app${String(i).padStart(2, '0')}`,
      platform: 'linux' as const,
    }));
    const { template } = build('high', { servers });
    template.hasResourceProperties('AWS::CloudWatch::CompositeAlarm', {
      AlarmName: 'kvdc-payroll-server-pay-app07-signals',
    });
    template.hasResourceProperties('AWS::CloudWatch::CompositeAlarm', {
      AlarmName: 'kvdc-payroll-db-main-signals',
    });
  });

  it('a workload with nothing to alarm on has no service alarm', () => {
    const { alarms } = build('high', { databases: [], servers: [] });
    expect(alarms.service).toBeUndefined();
  });

  it('rejects a database without memory, connection limit or storage', () => {
    expect(() =>
      build('high', {
        databases: [
          {
            name: 'x',
            instanceIdentifier: 'kvdc-payroll-x',
            classMemoryGiB: 0,
            connectionLimit: 1,
            allocatedStorageGiB: 1,
          },
        ],
      }),
    ).toThrow(/must be positive/);
  });
});

describe('OutOfHoursEscalation', () => {
  it('switches the escalation alarms off when the rota starts and on when it ends, in its time zone', () => {
    const stack = new Stack(testApp(), 'Esc', { env: { account: '555555555555', region: 'eu-west-2' } });
    new OutOfHoursEscalation(stack, 'Escalation', {
      alarmNames: ['kvdc-b-out-of-hours', 'kvdc-a-out-of-hours'],
      onDuty: { cron: 'cron(0 7 ? * MON *)', timeZone: 'Europe/London' },
      offDuty: { cron: 'cron(0 0 ? * TUE *)', timeZone: 'Europe/London' },
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 7 ? * MON *)',
      ScheduleExpressionTimezone: 'Europe/London',
      Target: Match.objectLike({
        Arn: 'arn:aws:scheduler:::aws-sdk:cloudwatch:disableAlarmActions',
        Input: JSON.stringify({ AlarmNames: ['kvdc-a-out-of-hours', 'kvdc-b-out-of-hours'] }),
      }),
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: Match.objectLike({ Arn: 'arn:aws:scheduler:::aws-sdk:cloudwatch:enableAlarmActions' }),
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: Match.objectLike({
        Statement: [
          Match.objectLike({
            Action: ['cloudwatch:DisableAlarmActions', 'cloudwatch:EnableAlarmActions'],
            Resource: [
              'arn:aws:cloudwatch:eu-west-2:555555555555:alarm:kvdc-a-out-of-hours',
              'arn:aws:cloudwatch:eu-west-2:555555555555:alarm:kvdc-b-out-of-hours',
            ],
          }),
        ],
      }),
    });
  });
});
