import { Duration } from 'aws-cdk-lib';
import type * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import type { CopyDestination, TierBackupPlanProps } from '../lib/backup/tier-backup-plan';
import type { TierRestoreTestingProps } from '../lib/backup/restore-testing';
import type { BackupTierConfig, VaultLockConfig } from '../lib/config/schema-data-protection';

/*
 * Configuration to the backup constructs' own props: days and cron strings become Durations,
 * Schedules and lock configurations. The constructs know nothing of the YAML.
 */

/** A vault lock: compliance mode is the one with a cooling-off period (changeableFor). */
export function vaultLock(lock: VaultLockConfig): backup.LockConfiguration {
  return {
    minRetention: Duration.days(lock.minRetentionDays),
    maxRetention: Duration.days(lock.maxRetentionDays),
    changeableFor:
      lock.mode === 'compliance' && lock.changeableForDays !== undefined
        ? Duration.days(lock.changeableForDays)
        : undefined,
  };
}

/** A copy rule of a tier, into a vault. */
export function copyTo(
  vault: backup.IBackupVault,
  copy: { readonly retentionDays: number; readonly moveToColdStorageAfterDays?: number },
): CopyDestination {
  return {
    vault,
    deleteAfter: Duration.days(copy.retentionDays),
    moveToColdStorageAfter:
      copy.moveToColdStorageAfterDays === undefined
        ? undefined
        : Duration.days(copy.moveToColdStorageAfterDays),
  };
}

/** The schedule, windows, retention and continuous backup of a tier's backup plan. */
export function tierPlanProps(
  tier: BackupTierConfig,
): Omit<TierBackupPlanProps, 'planName' | 'vault' | 'backupAccountCopy' | 'drRegionCopy'> {
  return {
    tierName: tier.name,
    schedule: events.Schedule.expression(tier.schedule),
    startWindow: Duration.minutes(tier.startWindowMinutes),
    completionWindow: Duration.minutes(tier.completionWindowMinutes),
    deleteAfter: Duration.days(tier.retentionDays),
    moveToColdStorageAfter:
      tier.moveToColdStorageAfterDays === undefined
        ? undefined
        : Duration.days(tier.moveToColdStorageAfterDays),
    continuousBackupRetention: tier.continuousBackup
      ? Duration.days(tier.pointInTimeRecoveryDays)
      : undefined,
  };
}

/** How often a tier's recovery points are test-restored, and how long each copy is kept. */
export function tierRestoreTestProps(
  tier: BackupTierConfig,
): Pick<TierRestoreTestingProps, 'tierName' | 'frequency' | 'validationWindowHours'> {
  return {
    tierName: tier.name,
    frequency: tier.restoreTest.frequency,
    validationWindowHours: tier.restoreTest.validationWindowHours,
  };
}
