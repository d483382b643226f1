import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { pascal } from '../names';
import type { RotaTransition } from './service-levels';

export interface OutOfHoursEscalationProps {
  /** The escalation composite alarms (of critical services) in this stack's account and region. */
  readonly alarmNames: readonly string[];
  /** When the rota comes on duty: escalation actions are switched off. */
  readonly onDuty: RotaTransition;
  /** When the rota goes off duty: escalation actions are switched back on. */
  readonly offDuty: RotaTransition;
}

/** CloudWatch's EnableAlarmActions and DisableAlarmActions take at most 100 alarm names. */
const MAX_NAMES_PER_CALL = 100;

/**
 * Out-of-hours escalation only when the rota is off duty: two EventBridge Scheduler schedules in the
 * rota's time zone (so 07:00 stays 07:00 across British Summer Time) call CloudWatch to disable the
 * escalation alarms' actions when the rota comes on duty and enable them when it goes off. During the
 * rota's hours the service alarm pages the rota; outside them the escalation alarm also calls the
 * out-of-hours topic. An alarm already in ALARM when escalation is enabled does not call again: the
 * rota saw it before going off duty.
 */
export class OutOfHoursEscalation extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: OutOfHoursEscalationProps) {
    super(scope, id);
    const names = [...props.alarmNames].sort();
    if (names.length === 0) {
      throw new Error('OutOfHoursEscalation needs at least one alarm');
    }
    const stack = Stack.of(this);
    this.role = new iam.Role(this, 'Role', {
      description: 'Lets EventBridge Scheduler switch the out-of-hours escalation alarms on and off',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    });
    const policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'Enable and disable the actions of the out-of-hours escalation alarms, and nothing else',
      statements: [
        new iam.PolicyStatement({
          actions: ['cloudwatch:EnableAlarmActions', 'cloudwatch:DisableAlarmActions'],
          resources: names.map((name) =>
            stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: name,
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          ),
        }),
      ],
    });
    this.role.addManagedPolicy(policy);

    for (let i = 0; i < names.length; i += MAX_NAMES_PER_CALL) {
      const chunk = names.slice(i, i + MAX_NAMES_PER_CALL);
      // Named after the first alarm of the chunk, not its position.
      const key = pascal(chunk[0] ?? 'escalation');
      for (const [when, transition, api] of [
        ['OnDuty', props.onDuty, 'disableAlarmActions'],
        ['OffDuty', props.offDuty, 'enableAlarmActions'],
      ] as const) {
        new scheduler.CfnSchedule(this, `${key}${when}`, {
          description: `${api === 'enableAlarmActions' ? 'Enable' : 'Disable'} out-of-hours escalation when the rota goes ${when === 'OnDuty' ? 'on' : 'off'} duty`,
          scheduleExpression: transition.cron,
          scheduleExpressionTimezone: transition.timeZone,
          flexibleTimeWindow: { mode: 'OFF' },
          state: 'ENABLED',
          target: {
            arn: `arn:${stack.partition}:scheduler:::aws-sdk:cloudwatch:${api}`,
            roleArn: this.role.roleArn,
            input: JSON.stringify({ AlarmNames: chunk }),
            retryPolicy: { maximumRetryAttempts: 10, maximumEventAgeInSeconds: 3600 },
          },
        });
      }
    }
  }
}
