import type { LandingZoneConfig } from '../config/schema';
import type { DataProtectionConfig, VaultLockConfig } from '../config/schema-data-protection';
import { maxIntervalMinutes } from '../dr/cron';
import { RESTORE_TEST_SCHEDULES } from './restore-testing';
import { centralVaultName, drVaultName, workloadVaultName } from './vault-names';

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

function lockText(lock: VaultLockConfig): string {
  return lock.mode === 'compliance'
    ? `compliance, immutable ${lock.changeableForDays ?? 0} days after deployment`
    : 'governance (privileged IAM principals can lift it)';
}

/** The vault table of docs/data-protection.md, rendered from configuration like the tier table. */
export function vaultTableRows(config: LandingZoneConfig): string[][] {
  const dp = config.dataProtection;
  if (!dp) {
    return [];
  }
  const prefix = config.organisation.shortName;
  const rows: string[][] = [['Vault', 'Account', 'Region', 'Lock', 'Retention range']];
  for (const account of config.accounts.filter(
    (a) => a.role === 'production' || a.role === 'non-production',
  )) {
    const lock = account.role === 'production' ? dp.vaults.production : dp.vaults.nonProduction;
    rows.push([
      `\`${workloadVaultName(prefix, account.name)}\``,
      account.name,
      config.organisation.homeRegion,
      lockText(lock),
      `${lock.minRetentionDays}–${lock.maxRetentionDays} days`,
    ]);
  }
  const backupAccount = config.accounts.find((a) => a.role === 'backup')?.name ?? 'backup';
  rows.push([
    `\`${centralVaultName(prefix)}\``,
    backupAccount,
    config.organisation.homeRegion,
    'logically air-gapped (always compliance)',
    `${dp.vaults.central.minRetentionDays}–${dp.vaults.central.maxRetentionDays} days`,
  ]);
  const drRegion = config.organisation.drRegion;
  if (dp.vaults.drRegion && drRegion !== undefined && dp.tiers.some((t) => t.copyToDrRegion)) {
    rows.push([
      `\`${drVaultName(prefix)}\``,
      backupAccount,
      drRegion,
      lockText(dp.vaults.drRegion),
      `${dp.vaults.drRegion.minRetentionDays}–${dp.vaults.drRegion.maxRetentionDays} days`,
    ]);
  }
  return rows;
}

export function markdownTable(rowsWithHeader: readonly (readonly string[])[]): string {
  const [header = [], ...rows] = rowsWithHeader;
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
