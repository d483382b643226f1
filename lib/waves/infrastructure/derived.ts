import type { DbEngine, WorkloadConfig } from '../schema';

export type BackupTier = 'gold' | 'silver' | 'bronze';

/**
 * The backup tier a workload's recovery point objective needs. The AWS Backup plans select
 * resources by the `backup-tier` tag: gold runs hourly with continuous backup, silver every four
 * hours, bronze daily.
 */
export function backupTier(rpoMinutes: number): BackupTier {
  if (rpoMinutes <= 60) {
    return 'gold';
  }
  if (rpoMinutes <= 720) {
    return 'silver';
  }
  return 'bronze';
}

export const DB_ENGINE_PORTS: Record<DbEngine, number> = {
  'sqlserver-se': 1433,
  'sqlserver-ee': 1433,
  'sqlserver-web': 1433,
  postgres: 5432,
  mysql: 3306,
  'oracle-se2': 1521,
  'oracle-ee': 1521,
};

/** Ports the app tier uses to reach the workload's own databases, in a stable order. */
export function databasePorts(workload: WorkloadConfig): number[] {
  const ports = workload.databases
    .filter((d) => d.target === 'rds' || d.target === 'ec2')
    .map((d) => DB_ENGINE_PORTS[d.engine]);
  return [...new Set(ports)].sort((a, b) => a - b);
}

/** AWS tag values allow letters, digits, spaces and _ . : / = + - @ only. */
export function tagValue(text: string): string {
  return text
    .replace(/[^\p{L}\p{N}\s_.:/=+\-@]/gu, '')
    .trim()
    .slice(0, 256);
}

/** The tags every resource of a migrating workload carries. */
export function workloadTags(workload: WorkloadConfig, waveId: string): Record<string, string> {
  return {
    wave: waveId,
    workload: workload.id,
    owner: tagValue(workload.owners.business ?? 'unassigned'),
    'technical-owner': tagValue(workload.owners.technical ?? 'unassigned'),
    'service-area': workload.serviceArea,
    classification: workload.dataProtection.classification,
    'cost-centre': tagValue(workload.costCentre),
    'cmdb-id': workload.cmdbId,
    'backup-tier': backupTier(workload.recovery.rpoMinutes),
    environment: workload.environment,
    'migration-strategy': workload.strategy,
  };
}
