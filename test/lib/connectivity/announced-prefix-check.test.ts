import { readFileSync } from 'node:fs';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AnnouncedPrefixCheck } from '../../../lib/connectivity/announced-prefix-check';
import { testApp } from '../../helpers/cdk-app';

type Resource = { Properties: Record<string, unknown> };

describe('AnnouncedPrefixCheck', () => {
  const stack = new Stack(testApp(), 'Net', { env: { account: '111111111111', region: 'eu-west-2' } });
  const topic = new sns.Topic(stack, 'Alerts');
  const check = new AnnouncedPrefixCheck(stack, 'Check', {
    namePrefix: 'kvdc',
    transitGatewayId: 'tgw-0123',
    sites: [
      { site: 'civic-centre-dc', connectionIds: ['vpn-aaa', 'vpn-bbb'], lanRanges: ['10.0.0.0/16'] },
      { site: 'northgate-depot', connectionIds: ['vpn-ccc'], lanRanges: ['10.20.0.0/20'] },
    ],
    topics: [topic],
  });
  const template = Template.fromStack(stack);
  const all = (type: string): Resource[] => Object.values(template.findResources(type)) as Resource[];

  it('runs every 15 minutes, one run at a time, with the sites and their ranges', () => {
    expect(all('AWS::Scheduler::Schedule').map((r) => r.Properties['ScheduleExpression'])).toEqual([
      'rate(15 minutes)',
    ]);
    // Invoked through the scheduler's role: the function has no resource policy to open.
    expect(all('AWS::Lambda::Permission')).toEqual([]);
    const fn = all('AWS::Lambda::Function')[0];
    expect(fn?.Properties['ReservedConcurrentExecutions']).toBe(1);
    const env = (fn?.Properties['Environment'] as { Variables: Record<string, string> }).Variables;
    expect(env['TRANSIT_GATEWAY_ID']).toBe('tgw-0123');
    expect(JSON.parse(env['SITES'] ?? '[]')).toEqual([
      { site: 'civic-centre-dc', connectionIds: ['vpn-aaa', 'vpn-bbb'], lanRanges: ['10.0.0.0/16'] },
      { site: 'northgate-depot', connectionIds: ['vpn-ccc'], lanRanges: ['10.20.0.0/20'] },
    ]);
  });

  it('pages per site on a foreign prefix and on silence, without paging before the first run', () => {
    const alarms = all('AWS::CloudWatch::Alarm').filter((a) =>
      String(a.Properties['AlarmName']).endsWith('-foreign-prefixes'),
    );
    expect(alarms.map((a) => a.Properties['AlarmName'])).toEqual([
      'kvdc-vpn-civic-centre-dc-foreign-prefixes',
      'kvdc-vpn-northgate-depot-foreign-prefixes',
    ]);
    for (const alarm of alarms) {
      expect(alarm.Properties).toMatchObject({
        MetricName: 'ForeignPrefixes',
        Namespace: 'kvdc/vpn-announcements',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'missing',
      });
      expect(alarm.Properties['InsufficientDataActions']).toHaveLength(1);
      expect(alarm.Properties['AlarmActions']).toHaveLength(1);
    }
    expect(Object.keys(check.alarms)).toEqual(['civic-centre-dc', 'northgate-depot']);
    expect(check.errors).toBeDefined();
  });

  it('may read routes and publish only its own metric', () => {
    const statements = all('AWS::IAM::ManagedPolicy').flatMap(
      (p) =>
        (
          p.Properties['PolicyDocument'] as {
            Statement: { Action: string | string[]; Condition?: unknown }[];
          }
        ).Statement,
    );
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions.sort()).toEqual([
      'cloudwatch:PutMetricData',
      'ec2:DescribeTransitGatewayRouteTables',
      'ec2:SearchTransitGatewayRoutes',
      // The scheduler's role, on the function alone.
      'lambda:InvokeFunction',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
    ]);
    const put = statements.find((s) => s.Action === 'cloudwatch:PutMetricData');
    expect(put?.Condition).toEqual({ StringEquals: { 'cloudwatch:namespace': 'kvdc/vpn-announcements' } });
  });

  it('links its runbook, a section of docs/operations.md', () => {
    const doc = readFileSync('docs/operations.md', 'utf8');
    expect(doc).toContain('\n#### Runbook: VPN foreign prefixes\n');
    const description = String(all('AWS::CloudWatch::Alarm')[0]?.Properties['AlarmDescription']);
    expect(description).toContain('docs/operations.md#runbook-vpn-foreign-prefixes');
  });

  it('needs a site to check', () => {
    const other = new Stack(testApp(), 'Other', { env: { account: '111111111111', region: 'eu-west-2' } });
    expect(
      () =>
        new AnnouncedPrefixCheck(other, 'Check', {
          namePrefix: 'kvdc',
          transitGatewayId: 'tgw-0123',
          sites: [],
          topics: [],
        }),
    ).toThrow('needs at least one BGP site');
  });
});
