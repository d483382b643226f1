import { waveEnginePort } from '../../data/engines';
import type { WorkloadConfig } from '../schema';
import { TAGS } from '../../names';

/**
 * Ports the app tier uses to reach the workload's databases that move with their servers (target
 * ec2), in a stable order. RDS databases have their own security group (CouncilDatabase).
 */
export function databasePorts(workload: WorkloadConfig): number[] {
  const ports = workload.databases.filter((d) => d.target === 'ec2').map((d) => waveEnginePort(d.engine));
  return [...new Set(ports)].sort((a, b) => a - b);
}

/** AWS tag values allow letters, digits, spaces and _ . : / = + - @ only. */
export function tagValue(text: string): string {
  return text
    .replace(/[^\p{L}\p{N}\s_.:/=+\-@]/gu, '')
    .trim()
    .slice(0, 256);
}

/**
 * The tags every resource of a migrating workload carries. The backup tier comes from configuration
 * (chosen once per run in lib/waves/resolve.ts); AWS Backup selects on it.
 */
export function workloadTags(
  workload: WorkloadConfig,
  waveId: string,
  backupTier: string | undefined,
): Record<string, string> {
  return {
    [TAGS.wave]: waveId,
    [TAGS.workload]: workload.id,
    [TAGS.owner]: tagValue(workload.owners.business ?? 'unassigned'),
    [TAGS.technicalOwner]: tagValue(workload.owners.technical ?? 'unassigned'),
    [TAGS.serviceArea]: workload.serviceArea,
    [TAGS.classification]: workload.dataProtection.classification,
    [TAGS.costCentre]: tagValue(workload.costCentre),
    [TAGS.cmdbId]: workload.cmdbId,
    ...(backupTier === undefined ? {} : { [TAGS.backupTier]: backupTier }),
    [TAGS.environment]: workload.environment,
    [TAGS.migrationStrategy]: workload.strategy,
  };
}
