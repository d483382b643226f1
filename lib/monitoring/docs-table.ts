import { CRITICALITIES } from '../waves/schema';
import { minutesToAlarm, SERVICE_LEVELS } from './service-levels';

/**
 * The thresholds table of docs/operations.md, one row per criticality, rendered from SERVICE_LEVELS
 * so the documentation cannot drift from the alarms (a test compares the two).
 */
export function serviceLevelTableRows(): string[][] {
  const header = [
    'Criticality',
    'Availability target',
    'Alarm after',
    'DB CPU above',
    'DB free memory below',
    'DB free storage below',
    'DB connections above',
    'DB latency above',
    'Server memory above',
    'Server disk above',
    'Packets dropped above',
    'Out of hours',
  ];
  const rows = [...CRITICALITIES].reverse().map((c) => {
    const l = SERVICE_LEVELS[c];
    return [
      c,
      `${l.availabilityTargetPercent}%`,
      `${l.datapointsToAlarm} of ${l.evaluationPeriods} × ${l.periodSeconds / 60} min (${minutesToAlarm(l)} min)`,
      `${l.database.cpuPercent}%`,
      `${l.database.freeMemoryPercent}% of the class`,
      `${l.database.freeStoragePercent}% of allocated`,
      `${l.database.connectionsPercent}% of the limit`,
      `${l.database.latencyMs} ms`,
      `${l.server.memoryPercent}%`,
      `${l.server.diskPercent}% used`,
      `${l.network.droppedPackets} per period`,
      l.outOfHoursEscalation ? 'escalates' : 'rota only',
    ];
  });
  return [header, ...rows];
}
