import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { eventPattern } from './security-alarm-bus';
import type { SecurityAlarm } from './security-alarms';

export interface SecurityEventForwardersProps {
  /** The alarms whose events arrive in this region. */
  readonly alarms: readonly SecurityAlarm[];
  /** The alarm bus in the security account's home region. */
  readonly alarmBusArn: string;
  /** The role EventBridge forwards with (created once per account; IAM is global). */
  readonly role: iam.IRole;
  readonly ruleNamePrefix: string;
}

/**
 * One rule per alarm on this account's default bus in this region, forwarding the matching
 * CloudTrail events to the alarm bus in the security account. The alarm bus applies the same
 * pattern again and notifies the rota, so what pages is decided in one place.
 */
export class SecurityEventForwarders extends Construct {
  constructor(scope: Construct, id: string, props: SecurityEventForwardersProps) {
    super(scope, id);
    const bus = events.EventBus.fromEventBusArn(this, 'AlarmBus', props.alarmBusArn);
    for (const alarm of props.alarms) {
      new events.Rule(this, `Forward-${alarm.id}`, {
        ruleName: `${props.ruleNamePrefix}forward-${alarm.id}`,
        description: `Forwards "${alarm.title}" events to the security alarm bus`,
        eventPattern: eventPattern(alarm),
        targets: [new targets.EventBus(bus, { role: props.role })],
      });
    }
  }
}
