import { Tags } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { escalationAlarmName, pascal, serviceAlarmName, workloadAlarmName } from '../names';
import type { ServerPlatform } from './cloudwatch-agent-config';
import { DatabaseAlarms } from './database-alarms';
import { alarmDescription, type AlarmOwnership } from './runbooks';
import { ServerAlarms } from './server-alarms';
import type { ServiceLevel } from './service-levels';

export interface MonitoredDatabaseProps {
  readonly name: string;
  readonly instanceIdentifier: string;
  readonly classMemoryGiB: number;
  readonly connectionLimit: number;
  readonly allocatedStorageGiB: number;
  /** @default false */
  readonly readReplicas?: boolean;
}

export interface MonitoredServerProps {
  readonly hostname: string;
  readonly platform: ServerPlatform;
  /** @default false */
  readonly live?: boolean;
}

export interface WorkloadAlarmsProps {
  readonly namePrefix: string;
  readonly ownership: AlarmOwnership;
  readonly level: ServiceLevel;
  /** @default - none */
  readonly databases?: readonly MonitoredDatabaseProps[];
  /** @default - none */
  readonly servers?: readonly MonitoredServerProps[];
  /** The account's rota topic: the service alarm pages it (and says when the trouble is over). */
  readonly rotaTopic: sns.ITopic;
  /** Tags of every alarm, so their cost and ownership follow the workload (workload, service area, wave). @default - none */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * The account's out-of-hours topic. A service whose level escalates gets a second composite alarm
   * notifying it, whose actions the rota schedule turns on only outside the rota's hours. @default - no escalation
   */
  readonly outOfHoursTopic?: sns.ITopic;
}

/** A composite alarm's rule lists at most this many alarms here (CloudWatch allows 100 children and 10,240 characters). */
const MAX_CHILDREN = 60;

/**
 * Every alarm of one workload and the composite alarm that pages the rota once for any of them: one
 * outage is one page, and its OK says the service has recovered. A workload with too many signals
 * for one rule gets a composite per database and server under the service alarm. A critical service
 * also gets an escalation composite for the out-of-hours topic.
 */
export class WorkloadAlarms extends Construct {
  readonly databases: Readonly<Record<string, DatabaseAlarms>>;
  readonly servers: Readonly<Record<string, ServerAlarms>>;
  /** Undefined when the workload has nothing to alarm on (no database, no server). */
  readonly service?: cloudwatch.CompositeAlarm;
  readonly escalation?: cloudwatch.CompositeAlarm;

  constructor(scope: Construct, id: string, props: WorkloadAlarmsProps) {
    super(scope, id);
    const { namePrefix, ownership, level } = props;
    for (const [key, value] of Object.entries(props.tags ?? {})) {
      Tags.of(this).add(key, value);
    }
    const serviceName = serviceAlarmName(namePrefix, ownership.workload);

    const databases: Record<string, DatabaseAlarms> = {};
    for (const db of props.databases ?? []) {
      databases[db.name] = new DatabaseAlarms(this, `${pascal(db.name)}Database`, {
        namePrefix,
        databaseName: db.name,
        instanceIdentifier: db.instanceIdentifier,
        ownership,
        level,
        classMemoryGiB: db.classMemoryGiB,
        connectionLimit: db.connectionLimit,
        allocatedStorageGiB: db.allocatedStorageGiB,
        notifiedBy: serviceName,
        ...(db.readReplicas === undefined ? {} : { readReplicas: db.readReplicas }),
      });
    }
    const servers: Record<string, ServerAlarms> = {};
    for (const server of props.servers ?? []) {
      servers[server.hostname] = new ServerAlarms(this, `${pascal(server.hostname)}Server`, {
        namePrefix,
        hostname: server.hostname,
        platform: server.platform,
        ownership,
        level,
        notifiedBy: serviceName,
        ...(server.live === undefined ? {} : { live: server.live }),
      });
    }
    this.databases = databases;
    this.servers = servers;

    const groups = [
      ...Object.entries(databases).map(([name, d]) => ({
        key: `db-${name}`,
        alarms: Object.values(d.alarms),
      })),
      ...Object.entries(servers).map(([name, s]) => ({
        key: `server-${name}`,
        alarms: Object.values(s.alarms),
      })),
    ];
    const all = groups.flatMap((g) => g.alarms);
    if (all.length === 0) {
      return;
    }
    const rule = (alarms: readonly cloudwatch.IAlarm[]): cloudwatch.IAlarmRule =>
      cloudwatch.AlarmRule.anyOf(
        ...alarms.map((a) => cloudwatch.AlarmRule.fromAlarm(a, cloudwatch.AlarmState.ALARM)),
      );
    const children =
      all.length <= MAX_CHILDREN
        ? all
        : groups.map(
            (g) =>
              new cloudwatch.CompositeAlarm(this, `${pascal(g.key)}Signals`, {
                compositeAlarmName: workloadAlarmName(namePrefix, ownership.workload, g.key, 'signals'),
                alarmDescription: alarmDescription(
                  `Any signal of ${g.key} of ${ownership.workload}.`,
                  ownership,
                  'service',
                ),
                alarmRule: rule(g.alarms),
              }),
          );
    const rota = new actions.SnsAction(props.rotaTopic);
    this.service = new cloudwatch.CompositeAlarm(this, 'Service', {
      compositeAlarmName: serviceName,
      alarmDescription: alarmDescription(
        `Service ${ownership.workloadName} is in trouble: one or more of its ${all.length} signals are in alarm.`,
        ownership,
        'service',
      ),
      alarmRule: rule(children),
    });
    this.service.addAlarmAction(rota);
    this.service.addOkAction(rota);

    if (level.outOfHoursEscalation && props.outOfHoursTopic !== undefined) {
      const call = new actions.SnsAction(props.outOfHoursTopic);
      this.escalation = new cloudwatch.CompositeAlarm(this, 'OutOfHours', {
        compositeAlarmName: escalationAlarmName(namePrefix, ownership.workload),
        alarmDescription: alarmDescription(
          `Critical service ${ownership.workloadName} is in trouble outside the rota hours.`,
          ownership,
          'out-of-hours',
        ),
        alarmRule: cloudwatch.AlarmRule.fromAlarm(this.service, cloudwatch.AlarmState.ALARM),
      });
      this.escalation.addAlarmAction(call);
      this.escalation.addOkAction(call);
    }
  }
}
