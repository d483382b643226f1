import type { DataProtectionConfig } from '../config/schema-data-protection';
import { maxIntervalMinutes } from '../dr/cron';
import { RESTORE_TEST_SCHEDULES } from './restore-testing';

function gap(minutes: number): string {
  return minutes % 1440 === 0 ? `${minutes / 1440} d` : `${minutes / 60} h`;
}

/**
 * The tier table of docs/data-protection.md, rendered from configuration so the documentation
 * cannot drift from what is deployed (a test compares the two).
 */
export function tierTableRows(dp: DataProtectionConfig): string[][] {
  const header = [
    'Tier',
    'Snapshot schedule (Europe/London)',
    'Longest gap',
    'Start / completion window',
    'Kept in account',
    'Point-in-time recovery',
    'Copy to backup account',
    'Copy to DR region',
    'Restore test',
  ];
  const rows = dp.tiers.map((t) => [
    t.name,
    `\`${t.schedule}\``,
    gap(maxIntervalMinutes(t.schedule)),
    `${t.startWindowMinutes} / ${t.completionWindowMinutes} min`,
    `${t.retentionDays} days`,
    `${t.pointInTimeRecoveryDays} days, ${t.continuousBackup ? 'AWS Backup continuous backup' : 'RDS automated backups only'}`,
    `${t.copyToBackupAccount.retentionDays} days`,
    t.copyToDrRegion ? `${t.copyToDrRegion.retentionDays} days` : 'none',
    RESTORE_TEST_SCHEDULES[t.restoreTest.frequency].description,
  ]);
  return [header, ...rows];
}

export function tierTableMarkdown(dp: DataProtectionConfig): string {
  const [header = [], ...rows] = tierTableRows(dp);
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
