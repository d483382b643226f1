import { Fn } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { EncryptedLogGroup } from '../logging/encrypted-log-group';

export interface AlarmHistoryArchiveProps {
  /** Alarms whose names start with `<namePrefix>-` are archived. */
  readonly namePrefix: string;
  /** The log group, e.g. `/<prefix>/alarm-history`. */
  readonly logGroupName: string;
  /** @default logs.RetentionDays.THIRTEEN_MONTHS */
  readonly retention?: logs.RetentionDays;
}

/**
 * Every state change of the landing zone's alarms, kept for thirteen months. CloudWatch keeps alarm
 * history for 30 days only, so a monthly service report could not count a month's incidents from it;
 * an EventBridge rule copies each "CloudWatch Alarm State Change" event into an encrypted log group,
 * which `lz ops service-report` reads. Its creation time tells the report from when it is complete.
 */
export class AlarmHistoryArchive extends Construct {
  readonly logGroup: EncryptedLogGroup;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: AlarmHistoryArchiveProps) {
    super(scope, id);
    this.logGroup = new EncryptedLogGroup(this, 'Logs', {
      logGroupName: props.logGroupName,
      retentionDays: props.retention ?? logs.RetentionDays.THIRTEEN_MONTHS,
      purpose: 'the state changes of the landing zone alarms',
    });
    const logGroupArn = this.logGroup.logGroup.logGroupArn;
    // A resource policy of CloudWatch Logs itself (not the custom resource the L2 target adds).
    const policy = new logs.CfnResourcePolicy(this, 'EventsMayWrite', {
      policyName: `${props.namePrefix}-alarm-history-events`,
      policyDocument: Fn.sub(
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'EventBridgeWritesAlarmStateChanges',
              Effect: 'Allow',
              Principal: { Service: ['events.amazonaws.com', 'delivery.logs.amazonaws.com'] },
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              Resource: '${LogGroupArn}',
            },
          ],
        }),
        { LogGroupArn: logGroupArn },
      ),
    });
    this.rule = new events.Rule(this, 'StateChanges', {
      description: `Copies every state change of the ${props.namePrefix} alarms into ${props.logGroupName}`,
      eventPattern: {
        source: ['aws.cloudwatch'],
        detailType: ['CloudWatch Alarm State Change'],
        detail: { alarmName: [{ prefix: `${props.namePrefix}-` }] },
      },
    });
    this.rule.addTarget({
      bind: () => ({ arn: this.logGroup.logGroupArn }),
    });
    this.rule.node.addDependency(policy);
  }
}
