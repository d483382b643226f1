import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { workloadAlarmName } from '../names';
import { alarmDescription, type AlarmOwnership, type RunbookKind } from './runbooks';
import type { ServiceLevel } from './service-levels';
import { signalAlarm } from './signal-alarm';

const GIB = 1024 ** 3;

export interface DatabaseAlarmsProps {
  readonly namePrefix: string;
  /** Name within the workload; alarm names and construct IDs derive from it. */
  readonly databaseName: string;
  /** The RDS instance identifier (the DBInstanceIdentifier dimension). */
  readonly instanceIdentifier: string;
  readonly ownership: AlarmOwnership;
  readonly level: ServiceLevel;
  /** Memory of the instance class, GiB. */
  readonly classMemoryGiB: number;
  /** The engine's default connection limit for the class. */
  readonly connectionLimit: number;
  readonly allocatedStorageGiB: number;
  /** The composite alarm that notifies for these signals. */
  readonly notifiedBy: string;
  /** Whether the database has read replicas, which then get a ReplicaLag alarm. @default false */
  readonly readReplicas?: boolean;
}

/**
 * The alarms of one RDS database, at the workload's service level: CPU, freeable memory (share of the
 * class's memory), free storage (share of the allocated storage: headroom to grow before it fills),
 * connections against the class's default limit, read and write latency, and replica lag where it has
 * replicas. Each is a signal of the workload's composite alarm; missing data does not alarm (a
 * database that stops reporting is caught by its events and the service report's availability).
 */
export class DatabaseAlarms extends Construct {
  readonly alarms: Readonly<Record<string, cloudwatch.Alarm>>;

  constructor(scope: Construct, id: string, props: DatabaseAlarmsProps) {
    super(scope, id);
    const { level } = props;
    const db = level.database;
    if (props.classMemoryGiB <= 0 || props.connectionLimit <= 0 || props.allocatedStorageGiB <= 0) {
      throw new Error(
        `DatabaseAlarms ${props.instanceIdentifier}: class memory, connection limit and storage must be positive`,
      );
    }
    const metric = (metricName: string, statistic: string): cloudwatch.Metric =>
      new cloudwatch.Metric({
        namespace: 'AWS/RDS',
        metricName,
        dimensionsMap: { DBInstanceIdentifier: props.instanceIdentifier },
        statistic,
      });
    const above = cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD;
    const below = cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD;
    const label = `Database ${props.instanceIdentifier}`;
    const signals: {
      id: string;
      signal: string;
      kind: RunbookKind;
      what: string;
      metric: cloudwatch.Metric;
      threshold: number;
      op: cloudwatch.ComparisonOperator;
    }[] = [
      {
        id: 'Cpu',
        signal: 'cpu',
        kind: 'database-cpu',
        what: `${label}: CPU above ${db.cpuPercent}%.`,
        metric: metric('CPUUtilization', 'Average'),
        threshold: db.cpuPercent,
        op: above,
      },
      {
        id: 'Memory',
        signal: 'memory',
        kind: 'database-memory',
        what: `${label}: freeable memory below ${db.freeMemoryPercent}% of the ${props.classMemoryGiB} GiB of its class.`,
        metric: metric('FreeableMemory', 'Minimum'),
        threshold: Math.round((db.freeMemoryPercent / 100) * props.classMemoryGiB * GIB),
        op: below,
      },
      {
        id: 'Storage',
        signal: 'storage',
        kind: 'database-storage',
        what: `${label}: free storage below ${db.freeStoragePercent}% of its ${props.allocatedStorageGiB} GiB.`,
        metric: metric('FreeStorageSpace', 'Minimum'),
        threshold: Math.round((db.freeStoragePercent / 100) * props.allocatedStorageGiB * GIB),
        op: below,
      },
      {
        id: 'Connections',
        signal: 'connections',
        kind: 'database-connections',
        what: `${label}: connections above ${db.connectionsPercent}% of the class's limit of ${props.connectionLimit}.`,
        metric: metric('DatabaseConnections', 'Maximum'),
        threshold: Math.floor((db.connectionsPercent / 100) * props.connectionLimit),
        op: above,
      },
      {
        id: 'ReadLatency',
        signal: 'read-latency',
        kind: 'database-latency',
        what: `${label}: read latency above ${db.latencyMs} ms.`,
        metric: metric('ReadLatency', 'Average'),
        threshold: db.latencyMs / 1000,
        op: above,
      },
      {
        id: 'WriteLatency',
        signal: 'write-latency',
        kind: 'database-latency',
        what: `${label}: write latency above ${db.latencyMs} ms.`,
        metric: metric('WriteLatency', 'Average'),
        threshold: db.latencyMs / 1000,
        op: above,
      },
      ...(props.readReplicas === true
        ? [
            {
              id: 'ReplicaLag',
              signal: 'replica-lag',
              kind: 'database-replica-lag' as const,
              what: `${label}: replica lag above ${db.replicaLagSeconds} s.`,
              metric: metric('ReplicaLag', 'Maximum'),
              threshold: db.replicaLagSeconds,
              op: above,
            },
          ]
        : []),
    ];
    const alarms: Record<string, cloudwatch.Alarm> = {};
    for (const s of signals) {
      alarms[s.signal] = signalAlarm(this, s.id, {
        alarmName: workloadAlarmName(
          props.namePrefix,
          props.ownership.workload,
          `db-${props.databaseName}`,
          s.signal,
        ),
        description: alarmDescription(s.what, props.ownership, s.kind),
        metric: s.metric,
        threshold: s.threshold,
        comparisonOperator: s.op,
        evaluation: level,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        notifiedBy: props.notifiedBy,
      });
    }
    this.alarms = alarms;
  }
}
