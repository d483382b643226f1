import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { cloudWatchAgentParameterName, TAGS, workloadAlarmName } from '../names';
import {
  AGENT_DISK_FREE_METRIC,
  AGENT_DISK_USED_METRIC,
  AGENT_MEMORY_METRIC,
  AGENT_NAMESPACE,
  cloudWatchAgentConfig,
  type ServerPlatform,
} from './cloudwatch-agent-config';
import { alarmDescription, type AlarmOwnership } from './runbooks';
import type { ServiceLevel } from './service-levels';
import { insightsQuery, signalAlarm } from './signal-alarm';

export interface ServerAlarmsProps {
  readonly namePrefix: string;
  /** The on-premises host name: the `server` tag and agent dimension, alarm names and construct IDs. */
  readonly hostname: string;
  readonly platform: ServerPlatform;
  readonly ownership: AlarmOwnership;
  readonly level: ServiceLevel;
  /** The composite alarm that notifies for these signals. */
  readonly notifiedBy: string;
  /**
   * Whether the server already runs the live service, so a silent agent is an outage. Before cutover
   * the instance may not exist, and only data-driven signals are alarmed. @default false
   */
  readonly live?: boolean;
}

/** Metrics Insights string literals are single-quoted; host names and workload ids have no quotes. */
function literal(value: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(value)) {
    throw new Error(`"${value}" cannot be used in a Metrics Insights query`);
  }
  return `'${value}'`;
}

/**
 * The alarms of one server that MGN launches, and the CloudWatch agent configuration it runs. The
 * instance id exists only after launch, so every alarm finds the instance by what is known now:
 * EC2 status checks by the instance's `server` tag (Metrics Insights on resource tags, which the
 * account must have switched on: docs/operations.md), memory and the fullest disk by the agent's
 * `server` dimension. Once the service is live, a silent agent (no memory sample) is an alarm too.
 */
export class ServerAlarms extends Construct {
  readonly alarms: Readonly<Record<string, cloudwatch.Alarm>>;
  readonly agentConfig: ssm.StringParameter;

  constructor(scope: Construct, id: string, props: ServerAlarmsProps) {
    super(scope, id);
    const { level, hostname, ownership } = props;
    const host = literal(hostname);
    const period = level.periodSeconds;
    this.agentConfig = new ssm.StringParameter(this, 'AgentConfig', {
      parameterName: cloudWatchAgentParameterName(props.namePrefix, hostname),
      description: `CloudWatch agent configuration of ${hostname} (${ownership.workload}), loaded by the MGN post-launch action`,
      stringValue: JSON.stringify(cloudWatchAgentConfig(props.platform, ownership.workload, hostname)),
      tier: ssm.ParameterTier.STANDARD,
    });
    const name = (signal: string): string =>
      workloadAlarmName(props.namePrefix, ownership.workload, `server-${hostname}`, signal);
    const common = { evaluation: level, notifiedBy: props.notifiedBy };
    const windows = props.platform === 'windows';
    const alarms: Record<string, cloudwatch.Alarm> = {
      status: signalAlarm(this, 'StatusCheck', {
        ...common,
        alarmName: name('status'),
        description: alarmDescription(
          `Server ${hostname}: an EC2 status check (instance or system) is failing.`,
          ownership,
          'server-status',
        ),
        metric: insightsQuery(
          `SELECT MAX(StatusCheckFailed) FROM "AWS/EC2" WHERE tag.${TAGS.server} = ${host}`,
          period,
        ),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      memory: signalAlarm(this, 'Memory', {
        ...common,
        alarmName: name('memory'),
        description: alarmDescription(
          `Server ${hostname}: memory in use above ${level.server.memoryPercent}%.`,
          ownership,
          'server-memory',
        ),
        metric: insightsQuery(
          `SELECT MAX(${AGENT_MEMORY_METRIC}) FROM "${AGENT_NAMESPACE}" WHERE server = ${host}`,
          period,
        ),
        threshold: level.server.memoryPercent,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      disk: signalAlarm(this, 'Disk', {
        ...common,
        alarmName: name('disk'),
        description: alarmDescription(
          `Server ${hostname}: its fullest disk is more than ${level.server.diskPercent}% used.`,
          ownership,
          'server-disk',
        ),
        metric: insightsQuery(
          windows
            ? `SELECT MIN(${AGENT_DISK_FREE_METRIC}) FROM "${AGENT_NAMESPACE}" WHERE server = ${host}`
            : `SELECT MAX(${AGENT_DISK_USED_METRIC}) FROM "${AGENT_NAMESPACE}" WHERE server = ${host}`,
          period,
        ),
        threshold: windows ? 100 - level.server.diskPercent : level.server.diskPercent,
        comparisonOperator: windows
          ? cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD
          : cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    };
    if (props.live === true) {
      alarms['agent-silent'] = signalAlarm(this, 'AgentSilent', {
        ...common,
        alarmName: name('agent-silent'),
        description: alarmDescription(
          `Server ${hostname}: no metrics from its CloudWatch agent; the server is stopped, hung or unreachable.`,
          ownership,
          'server-agent-silent',
        ),
        metric: insightsQuery(
          `SELECT COUNT(${AGENT_MEMORY_METRIC}) FROM "${AGENT_NAMESPACE}" WHERE server = ${host}`,
          period,
        ),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      });
    }
    this.alarms = alarms;
  }
}
