import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { AlertTopic } from '../connectivity/alert-topic';
import { councilKey } from '../kms/council-key';
import type { SecurityAlarm } from './security-alarms';

export interface SecurityAlarmBusProps {
  readonly prefix: string;
  readonly busName: string;
  readonly organisationId: string;
  readonly alarms: readonly SecurityAlarm[];
  /** Prefix of every rule name, e.g. kvdc-security-. */
  readonly ruleNamePrefix: string;
  /** docs/security-baseline.md as the rota reads it; each alarm links to `#<alarm id>`. */
  readonly runbookUrl: string;
  /** The on-call rota's mailboxes. */
  readonly emails: readonly string[];
}

/** The rota's message for one alarm: what happened, where, by whom, and the runbook link. */
export function alarmMessage(
  prefix: string,
  alarm: SecurityAlarm,
  runbookUrl: string,
): events.RuleTargetInput {
  const field = (path: string) => events.EventField.fromPath(path);
  const runbook = `Runbook: ${runbookUrl}#${alarm.id}`;
  if (alarm.describe === 'finding') {
    return events.RuleTargetInput.fromText(
      `[${prefix} security] ${alarm.title}: ${field('$.detail.findings[0].Title')} ` +
        `(${field('$.detail.findings[0].Severity.Label')}) in account ${field('$.detail.findings[0].AwsAccountId')} ` +
        `(${field('$.detail.findings[0].Region')}) at ${events.EventField.time}. ${runbook}`,
    );
  }
  return events.RuleTargetInput.fromText(
    `[${prefix} security] ${alarm.title}: ${field('$.detail.eventName')} in account ${events.EventField.account} ` +
      `(${events.EventField.region}) by ${field('$.detail.userIdentity.arn')} from ` +
      `${field('$.detail.sourceIPAddress')} at ${events.EventField.time}. ${runbook}`,
  );
}

/** An alarm's pattern in the shape the EventBridge L2 constructs take. */
export function eventPattern(alarm: SecurityAlarm): events.EventPattern {
  const {
    source,
    'detail-type': detailType,
    detail,
  } = alarm.pattern as {
    source?: string[];
    'detail-type'?: string[];
    detail?: Record<string, unknown>;
  };
  return {
    ...(source ? { source } : {}),
    ...(detailType ? { detailType } : {}),
    ...(detail ? { detail } : {}),
  };
}

/**
 * The alarm side of the security account: an event bus that every account of the organisation
 * may forward security events to, one rule per alarm on it (high-severity findings on the
 * default bus, where Security Hub delivers them), and the rota's topic, encrypted with a key
 * EventBridge may use for this account only.
 */
export class SecurityAlarmBus extends Construct {
  readonly bus: events.EventBus;
  readonly topic: sns.Topic;
  readonly rules: Readonly<Record<string, events.Rule>>;

  constructor(scope: Construct, id: string, props: SecurityAlarmBusProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const key = councilKey(this, 'TopicKey', {
      description: 'Encrypts the security alarm topic of the on-call rota',
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowEventBridgeToPublish',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    this.topic = new AlertTopic(this, 'Rota', {
      topicName: `${props.prefix}-security-alarms`,
      displayName: `${props.prefix} security alarms`,
      emails: props.emails,
      key,
    }).topic;

    this.bus = new events.EventBus(this, 'Bus', { eventBusName: props.busName });
    this.bus.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowForwardingFromTheOrganisation',
        principals: [new iam.AnyPrincipal()],
        actions: ['events:PutEvents'],
        resources: [this.bus.eventBusArn],
        conditions: { StringEquals: { 'aws:PrincipalOrgID': props.organisationId } },
      }),
    );
    const defaultBus = events.EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    const rules: Record<string, events.Rule> = {};
    for (const alarm of props.alarms) {
      rules[alarm.id] = new events.Rule(this, `Alarm-${alarm.id}`, {
        ruleName: `${props.ruleNamePrefix}${alarm.id}`,
        description: alarm.title,
        eventBus: alarm.scope === 'findings' ? defaultBus : this.bus,
        eventPattern: eventPattern(alarm),
        targets: [
          new targets.SnsTopic(this.topic, { message: alarmMessage(props.prefix, alarm, props.runbookUrl) }),
        ],
      });
    }
    this.rules = rules;
  }
}
