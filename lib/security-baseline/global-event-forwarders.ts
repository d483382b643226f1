import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { DeployTimeCall } from './deploy-time-call';
import { GLOBAL_EVENTS_REGION } from './model';
import type { SecurityAlarm } from './security-alarms';

export interface GlobalEventForwardersProps {
  /** The alarms whose events arrive only in us-east-1 (IAM, sign-in, the global STS endpoint). */
  readonly alarms: readonly SecurityAlarm[];
  readonly alarmBusArn: string;
  /** The role EventBridge forwards with. */
  readonly forwarderRoleArn: string;
  readonly ruleNamePrefix: string;
  readonly logGroup: logs.ILogGroup;
  /** The named role of the stack's deploy-time calls, the one the residency guardrail lets into us-east-1. */
  readonly role: iam.IRole;
}

/** The id of the one target of each forwarding rule. */
const TARGET_ID = 'security-alarm-bus';

/**
 * Forwarding rules in us-east-1, where AWS delivers the EventBridge events of global services, to
 * the alarm bus in the home region: created by deploy-time API calls from the home-region stack
 * (EventBridge rules named in the call, removed with the stack) rather than by a stack in
 * us-east-1, so that region is never bootstrapped, holds no staging bucket, and needs no
 * CodePipeline artifact store. The patterns are the alarms' own, rendered as EventBridge JSON.
 */
export class GlobalEventForwarders extends Construct {
  constructor(scope: Construct, id: string, props: GlobalEventForwardersProps) {
    super(scope, id);
    const stack = Stack.of(this);
    for (const alarm of props.alarms) {
      const name = `${props.ruleNamePrefix}forward-${alarm.id}`;
      const ruleArn = `arn:${stack.partition}:events:${GLOBAL_EVENTS_REGION}:${stack.account}:rule/${name}`;
      const rule = new DeployTimeCall(this, `Rule-${alarm.id}`, {
        resourceType: 'Custom::GlobalEventsForwardingRule',
        call: {
          service: 'EventBridge',
          action: 'putRule',
          region: GLOBAL_EVENTS_REGION,
          parameters: {
            Name: name,
            Description: `Forwards "${alarm.title}" events to the security alarm bus`,
            EventPattern: stack.toJsonString(alarm.pattern),
            State: 'ENABLED',
          },
          physicalResourceId: cr.PhysicalResourceId.of(name),
        },
        onDelete: {
          service: 'EventBridge',
          action: 'deleteRule',
          region: GLOBAL_EVENTS_REGION,
          parameters: { Name: name },
        },
        statements: [
          new iam.PolicyStatement({ actions: ['events:PutRule', 'events:DeleteRule'], resources: [ruleArn] }),
        ],
        logGroup: props.logGroup,
        role: props.role,
      });
      const targets = new DeployTimeCall(this, `Targets-${alarm.id}`, {
        resourceType: 'Custom::GlobalEventsForwardingTarget',
        call: {
          service: 'EventBridge',
          action: 'putTargets',
          region: GLOBAL_EVENTS_REGION,
          parameters: {
            Rule: name,
            Targets: [{ Id: TARGET_ID, Arn: props.alarmBusArn, RoleArn: props.forwarderRoleArn }],
          },
          physicalResourceId: cr.PhysicalResourceId.of(`${name}/${TARGET_ID}`),
        },
        onDelete: {
          service: 'EventBridge',
          action: 'removeTargets',
          region: GLOBAL_EVENTS_REGION,
          parameters: { Rule: name, Ids: [TARGET_ID] },
        },
        statements: [
          new iam.PolicyStatement({
            actions: ['events:PutTargets', 'events:RemoveTargets'],
            resources: [ruleArn],
          }),
          new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [props.forwarderRoleArn] }),
        ],
        logGroup: props.logGroup,
        role: props.role,
      });
      targets.node.addDependency(rule);
    }
  }
}
