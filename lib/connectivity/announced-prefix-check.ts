import { Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { EncryptedLogGroup } from '../logging/encrypted-log-group';
import { pascal } from '../names';
import { ANNOUNCED_PREFIX_HANDLER } from './announced-prefix-handler';

/** One BGP site whose announcements are checked. */
export interface CheckedSite {
  readonly site: string;
  /** Its VPN connections (Refs): a propagated route names the connection it came from. */
  readonly connectionIds: readonly string[];
  /** What it may announce. */
  readonly lanRanges: readonly string[];
}

export interface AnnouncedPrefixCheckProps {
  readonly namePrefix: string;
  readonly transitGatewayId: string;
  readonly sites: readonly CheckedSite[];
  /** Where the alarms go (the network team's VPN alert topic). */
  readonly topics: readonly sns.ITopic[];
  /** Minutes between checks. @default 15 */
  readonly intervalMinutes?: number;
  /** @default logs.RetentionDays.THIRTEEN_MONTHS */
  readonly logRetention?: logs.RetentionDays;
  /** Address of docs/operations.md, for the alarms' runbook link. @default 'docs/operations.md' */
  readonly runbookUrl?: string;
}

/** The CloudWatch namespace of the ForeignPrefixes metric. */
export function announcedPrefixNamespace(namePrefix: string): string {
  return `${namePrefix}/vpn-announcements`;
}

/**
 * The deployed form of `lz ops vpn-status`'s announcement check: a function on a schedule reads
 * what each BGP site's attachment propagated into the Transit Gateway's route tables and publishes
 * the prefixes outside the site's lanRanges; one alarm per site pages on any. The alarm also pages
 * when the check stops reporting (INSUFFICIENT_DATA after two intervals: the function failing, a
 * search AWS cut short, the schedule disabled), and the function's errors alarm on their own, so a
 * silent checker is never taken for a quiet network.
 */
export class AnnouncedPrefixCheck extends Construct {
  readonly function: lambda.Function;
  readonly alarms: Readonly<Record<string, cloudwatch.Alarm>>;
  readonly errors: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: AnnouncedPrefixCheckProps) {
    super(scope, id);
    if (props.sites.length === 0) {
      throw new Error('AnnouncedPrefixCheck needs at least one BGP site');
    }
    const { namePrefix } = props;
    const interval = props.intervalMinutes ?? 15;
    const namespace = announcedPrefixNamespace(namePrefix);
    const stack = Stack.of(this);
    const logGroup = new EncryptedLogGroup(this, 'Logs', {
      logGroupName: `/${namePrefix}/vpn/announced-prefix-check`,
      retentionDays: props.logRetention,
      purpose: 'the foreign prefixes the announcement check finds, one JSON line each',
    });
    const policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'Lets the VPN announcement check read Transit Gateway routes and publish its one metric',
      statements: [
        new iam.PolicyStatement({
          actions: ['ec2:DescribeTransitGatewayRouteTables'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          actions: ['ec2:SearchTransitGatewayRoutes'],
          resources: [
            `arn:${stack.partition}:ec2:${stack.region}:${stack.account}:transit-gateway-route-table/*`,
          ],
        }),
        new iam.PolicyStatement({
          actions: ['cloudwatch:PutMetricData'],
          resources: ['*'],
          conditions: { StringEquals: { 'cloudwatch:namespace': namespace } },
        }),
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [logGroup.logGroup.logGroupArn],
        }),
      ],
    });
    acknowledgeReads(policy, stack);
    const role = new iam.Role(this, 'Role', {
      description: 'Runs the scheduled check of what the VPN sites announce',
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      managedPolicies: [policy],
    });
    this.function = new lambda.Function(this, 'Function', {
      description: 'Checks that every BGP site announces only its lanRanges into the Transit Gateway',
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(ANNOUNCED_PREFIX_HANDLER),
      timeout: Duration.minutes(2),
      // One run at a time: a slow run never overlaps the next.
      reservedConcurrentExecutions: 1,
      role,
      logGroup: logGroup.logGroup,
      environment: {
        TRANSIT_GATEWAY_ID: props.transitGatewayId,
        METRIC_NAMESPACE: namespace,
        SITES: stack.toJsonString(
          props.sites.map((s) => ({ site: s.site, connectionIds: s.connectionIds, lanRanges: s.lanRanges })),
        ),
      },
    });
    acknowledgeScheduledFunction(this.function);
    // EventBridge Scheduler invokes the function through a role of its own, so the function has no
    // resource policy at all (an events rule target would add a lambda:InvokeFunction permission).
    const schedulerRole = new iam.Role(this, 'SchedulerRole', {
      description: 'Lets EventBridge Scheduler run the VPN announcement check, and nothing else',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    });
    schedulerRole.addManagedPolicy(
      new iam.ManagedPolicy(this, 'SchedulerPolicy', {
        description: 'Invoke the VPN announcement check function only',
        statements: [
          new iam.PolicyStatement({
            actions: ['lambda:InvokeFunction'],
            resources: [this.function.functionArn],
          }),
        ],
      }),
    );
    new scheduler.CfnSchedule(this, 'Schedule', {
      description: `Runs the VPN announcement check every ${interval} minutes`,
      scheduleExpression: `rate(${interval} minutes)`,
      flexibleTimeWindow: { mode: 'OFF' },
      state: 'ENABLED',
      // No retry: the next run repeats the whole check, and a failure raises the errors alarm.
      target: {
        arn: this.function.functionArn,
        roleArn: schedulerRole.roleArn,
        retryPolicy: { maximumRetryAttempts: 0 },
      },
    });

    const notify = props.topics.map((topic) => new actions.SnsAction(topic));
    // Written out rather than built with lib/monitoring's runbookLink, which imports this folder;
    // test/synth/monitoring-example.test.ts checks that the anchor is a RUNBOOKS section.
    const runbook = `${props.runbookUrl ?? 'docs/operations.md'}#runbook-vpn-foreign-prefixes`;
    const alarms: Record<string, cloudwatch.Alarm> = {};
    for (const site of props.sites) {
      const alarm = new cloudwatch.Alarm(this, `${pascal(site.site)}ForeignPrefixes`, {
        alarmName: `${namePrefix}-vpn-${site.site}-foreign-prefixes`,
        alarmDescription:
          `ALARM: ${site.site}'s router announces a prefix outside its lanRanges (${site.lanRanges.join(', ')}), ` +
          'which the Transit Gateway propagates: it may attract traffic meant for elsewhere. ' +
          'INSUFFICIENT_DATA: the check has not reported for two intervals, so nobody is watching. ' +
          `Runbook: ${runbook}`,
        metric: new cloudwatch.Metric({
          namespace,
          metricName: 'ForeignPrefixes',
          dimensionsMap: { Site: site.site },
          statistic: 'Maximum',
          period: Duration.minutes(interval),
        }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 2,
        datapointsToAlarm: 1,
        // Missing data leaves the alarm INSUFFICIENT_DATA, which pages (below) without a false
        // alarm when the alarm is first created, before the check's first run.
        treatMissingData: cloudwatch.TreatMissingData.MISSING,
      });
      alarm.addAlarmAction(...notify);
      alarm.addInsufficientDataAction(...notify);
      alarm.addOkAction(...notify);
      alarms[site.site] = alarm;
    }
    this.alarms = alarms;
    this.errors = new cloudwatch.Alarm(this, 'Errors', {
      alarmName: `${namePrefix}-vpn-announced-prefix-check-errors`,
      alarmDescription: `The VPN announcement check failed: read its log (/${namePrefix}/vpn/announced-prefix-check) and run lz ops vpn-status. Runbook: ${runbook}`,
      metric: this.function.metricErrors({ period: Duration.minutes(interval), statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.errors.addAlarmAction(...notify);
  }
}

/** The partition as cdk-nag writes it in a finding: the literal, or its token's name. */
function partitionAsNagShowsIt(stack: Stack): string {
  return Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
}

function acknowledgeReads(policy: iam.ManagedPolicy, stack: Stack): void {
  Validations.of(policy).acknowledge({
    id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
    reason:
      'ec2:DescribeTransitGatewayRouteTables and cloudwatch:PutMetricData support no resource-level permissions; the ' +
      'first is a read, the second is limited to the check namespace by the cloudwatch:namespace condition.',
  });
  Validations.of(policy).acknowledge({
    id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:${partitionAsNagShowsIt(stack)}:ec2:${stack.region}:${stack.account}:transit-gateway-route-table/*]`,
    reason:
      "The check searches every route table of the account's Transit Gateway, whose IDs AWS generates; searching routes is read-only.",
  });
}

function acknowledgeScheduledFunction(fn: lambda.Function): void {
  const reasons: Record<string, string> = {
    'NIST.800.53.R5::NIST.800.53.R5-LambdaDLQ':
      'A failed run raises the errors alarm and leaves the site alarms without data, which pages too; the next run ' +
      'repeats the whole check, so a dead-letter queue would hold nothing worth replaying.',
    'NIST.800.53.R5::NIST.800.53.R5-LambdaInsideVPC':
      'The function calls only the regional EC2 and CloudWatch APIs and touches no data in any VPC; a VPC would add ' +
      'interface endpoints for no security benefit.',
    'cdk-validator-cfnguard::lambda_inside_vpc_check':
      'The VPN announcement check calls only the regional EC2 and CloudWatch APIs, so a VPC would add endpoints and no protection.',
  };
  for (const [id, reason] of Object.entries(reasons)) {
    Validations.of(fn).acknowledge({ id, reason });
  }
}
