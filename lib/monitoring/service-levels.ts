import { CRITICALITIES } from '../waves/schema';

/*
 * What a workload's criticality means for monitoring: its availability target, how quickly and at
 * what level each alarm fires, and whether trouble outside the rota's hours escalates. The one
 * place these figures live: the alarms, the service report's targets and the table in
 * docs/operations.md (checked by test/docs/operations-doc.test.ts) all read SERVICE_LEVELS.
 */

export type Criticality = (typeof CRITICALITIES)[number];

export interface ServiceLevel {
  /** Share of the month the service must be up, percent. */
  readonly availabilityTargetPercent: number;
  /** Length of one alarm period, seconds (60 for the services the rota must hear about first). */
  readonly periodSeconds: number;
  /** Periods evaluated, and how many of them must breach: N of N, so a single spike does not page. */
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly database: {
    /** CPUUtilization above this, percent. */
    readonly cpuPercent: number;
    /** FreeableMemory below this share of the instance class's memory, percent. */
    readonly freeMemoryPercent: number;
    /** FreeStorageSpace below this share of the allocated storage, percent: headroom for growth. */
    readonly freeStoragePercent: number;
    /** DatabaseConnections above this share of the class's default connection limit, percent. */
    readonly connectionsPercent: number;
    /** ReadLatency / WriteLatency above this, milliseconds. */
    readonly latencyMs: number;
    /** ReplicaLag above this, seconds (read replicas only). */
    readonly replicaLagSeconds: number;
  };
  readonly server: {
    /** Memory in use above this, percent (CloudWatch agent). */
    readonly memoryPercent: number;
    /** The fullest disk above this, percent used (CloudWatch agent). */
    readonly diskPercent: number;
  };
  readonly network: {
    /** Packets dropped by a NAT gateway or a Transit Gateway attachment in one period. */
    readonly droppedPackets: number;
  };
  /** Whether trouble outside the rota's hours escalates to the out-of-hours topic. */
  readonly outOfHoursEscalation: boolean;
}

export const SERVICE_LEVELS: Readonly<Record<Criticality, ServiceLevel>> = {
  critical: {
    availabilityTargetPercent: 99.9,
    periodSeconds: 60,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    database: {
      cpuPercent: 80,
      freeMemoryPercent: 15,
      freeStoragePercent: 25,
      connectionsPercent: 80,
      latencyMs: 20,
      replicaLagSeconds: 60,
    },
    server: { memoryPercent: 85, diskPercent: 80 },
    network: { droppedPackets: 100 },
    outOfHoursEscalation: true,
  },
  high: {
    availabilityTargetPercent: 99.5,
    periodSeconds: 60,
    evaluationPeriods: 5,
    datapointsToAlarm: 5,
    database: {
      cpuPercent: 85,
      freeMemoryPercent: 10,
      freeStoragePercent: 20,
      connectionsPercent: 85,
      latencyMs: 50,
      replicaLagSeconds: 300,
    },
    server: { memoryPercent: 90, diskPercent: 85 },
    network: { droppedPackets: 500 },
    outOfHoursEscalation: false,
  },
  medium: {
    availabilityTargetPercent: 99.0,
    periodSeconds: 300,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    database: {
      cpuPercent: 90,
      freeMemoryPercent: 10,
      freeStoragePercent: 15,
      connectionsPercent: 90,
      latencyMs: 100,
      replicaLagSeconds: 600,
    },
    server: { memoryPercent: 90, diskPercent: 90 },
    network: { droppedPackets: 1000 },
    outOfHoursEscalation: false,
  },
  low: {
    availabilityTargetPercent: 98.0,
    periodSeconds: 300,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    database: {
      cpuPercent: 95,
      freeMemoryPercent: 5,
      freeStoragePercent: 10,
      connectionsPercent: 95,
      latencyMs: 200,
      replicaLagSeconds: 900,
    },
    server: { memoryPercent: 95, diskPercent: 95 },
    network: { droppedPackets: 5000 },
    outOfHoursEscalation: false,
  },
};

/** The most critical of some criticalities (the shared network serves them all); `high` when none. */
export function highestCriticality(values: Iterable<Criticality>): Criticality {
  let best = -1;
  for (const value of values) {
    best = Math.max(best, CRITICALITIES.indexOf(value));
  }
  return CRITICALITIES[best] ?? 'high';
}

/** How long an alarm must breach before it fires, in minutes. */
export function minutesToAlarm(level: ServiceLevel): number {
  return (level.periodSeconds * level.datapointsToAlarm) / 60;
}

/** The support rota as the programme file states it (programme.yaml supportHours and timeZone). */
export interface Rota {
  /** HH:MM, local time. */
  readonly start: string;
  /** HH:MM, local time; 00:00 means midnight at the end of the day. */
  readonly end: string;
  readonly days: readonly string[];
  /** IANA time zone, e.g. Europe/London. */
  readonly timeZone: string;
}

const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** One EventBridge Scheduler cron expression and the time zone it runs in. */
export interface RotaTransition {
  readonly cron: string;
  readonly timeZone: string;
}

function cronAt(time: string, days: readonly string[]): string {
  const [hour = '0', minute = '0'] = time.split(':');
  const names = WEEK.filter((d) => days.includes(d)).map((d) => d.toUpperCase());
  return `cron(${Number(minute)} ${Number(hour)} ? * ${names.join(',')} *)`;
}

/**
 * When the rota comes on and goes off duty, as scheduler expressions: escalation is switched off when
 * the rota starts and back on when it ends (the end falls on the next day when it is not after the
 * start, as 00:00 is). Undefined when the rota never goes off duty (every day, start equal to end).
 */
export function rotaTransitions(rota: Rota): { onDuty: RotaTransition; offDuty: RotaTransition } | undefined {
  const days = WEEK.filter((d) => rota.days.includes(d));
  if (days.length === WEEK.length && rota.start === rota.end) {
    return undefined;
  }
  const endsNextDay = rota.end <= rota.start;
  const endDays = endsNextDay ? days.map((d) => WEEK[(WEEK.indexOf(d) + 1) % WEEK.length] ?? d) : days;
  return {
    onDuty: { cron: cronAt(rota.start, days), timeZone: rota.timeZone },
    offDuty: { cron: cronAt(rota.end, endDays), timeZone: rota.timeZone },
  };
}
