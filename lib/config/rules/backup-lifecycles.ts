import type { PathSegment } from '../diagnostics';
import type { BackupTierConfig, VaultLockConfig } from '../schema-data-protection';
import type { ConfigRule, Report } from './rule';

const COLD_STORAGE_MINIMUM_DAYS = 90;
const CONTINUOUS_MAXIMUM_DAYS = 35;

interface Lifecycle {
  readonly what: string;
  readonly days: number;
  readonly path: PathSegment[];
}

function checkRange(
  range: { minRetentionDays: number; maxRetentionDays: number },
  rangePath: PathSegment[],
  vaultLabel: string,
  lifecycles: readonly Lifecycle[],
  report: Report,
): void {
  if (range.minRetentionDays > range.maxRetentionDays) {
    report(
      [...rangePath, 'minRetentionDays'],
      `must not exceed maxRetentionDays (${range.maxRetentionDays})`,
    );
    return;
  }
  for (const lifecycle of lifecycles) {
    if (lifecycle.days < range.minRetentionDays || lifecycle.days > range.maxRetentionDays) {
      report(
        lifecycle.path,
        `${lifecycle.what} keeps recovery points ${lifecycle.days} days, outside the ${vaultLabel} vault lock range ` +
          `${range.minRetentionDays}-${range.maxRetentionDays} days: AWS Backup would fail every job of this rule`,
      );
    }
  }
}

function checkLock(lock: VaultLockConfig, path: PathSegment[], report: Report): void {
  if (lock.mode === 'compliance' && lock.changeableForDays === undefined) {
    report(
      [...path, 'changeableForDays'],
      'compliance mode needs a cooling-off period of at least 3 days before the lock is immutable',
    );
  }
  if (lock.mode === 'governance' && lock.changeableForDays !== undefined) {
    report(
      [...path, 'changeableForDays'],
      'only compliance mode has a cooling-off period; remove it or use mode compliance',
    );
  }
}

function coldStorage(
  retention: number,
  moveAfter: number | undefined,
  path: PathSegment[],
  report: Report,
): void {
  if (moveAfter !== undefined && retention < moveAfter + COLD_STORAGE_MINIMUM_DAYS) {
    report(
      path,
      `cold storage needs at least ${COLD_STORAGE_MINIMUM_DAYS} days: retention must be at least ${moveAfter + COLD_STORAGE_MINIMUM_DAYS} days`,
    );
  }
}

/** Lifecycles that land in the workload account's own vault. */
function workloadLifecycles(tier: BackupTierConfig, index: number): Lifecycle[] {
  const base = ['dataProtection', 'tiers', index];
  const out: Lifecycle[] = [
    { what: `tier ${tier.name} snapshots`, days: tier.retentionDays, path: [...base, 'retentionDays'] },
  ];
  if (tier.continuousBackup) {
    out.push({
      what: `tier ${tier.name} continuous backup`,
      days: tier.pointInTimeRecoveryDays,
      path: [...base, 'pointInTimeRecoveryDays'],
    });
  }
  return out;
}

/**
 * Every recovery point must fit the lock range of the vault it lands in, cold storage needs 90 days,
 * and production vaults are locked in compliance mode so that nobody can shorten their retention.
 */
export const backupLifecycles: ConfigRule = (view, report) => {
  for (const { index, value: tier } of view.tiers) {
    const base = ['dataProtection', 'tiers', index];
    coldStorage(tier.retentionDays, tier.moveToColdStorageAfterDays, [...base, 'retentionDays'], report);
    coldStorage(
      tier.copyToBackupAccount.retentionDays,
      tier.copyToBackupAccount.moveToColdStorageAfterDays,
      [...base, 'copyToBackupAccount', 'retentionDays'],
      report,
    );
    if (tier.copyToDrRegion) {
      coldStorage(
        tier.copyToDrRegion.retentionDays,
        tier.copyToDrRegion.moveToColdStorageAfterDays,
        [...base, 'copyToDrRegion', 'retentionDays'],
        report,
      );
    }
    if (tier.continuousBackup && tier.pointInTimeRecoveryDays > CONTINUOUS_MAXIMUM_DAYS) {
      report(
        [...base, 'pointInTimeRecoveryDays'],
        `continuous backup keeps at most ${CONTINUOUS_MAXIMUM_DAYS} days`,
      );
    }
    if (tier.completionWindowMinutes < tier.startWindowMinutes + 60) {
      report(
        [...base, 'completionWindowMinutes'],
        `must be at least 60 minutes longer than startWindowMinutes (${tier.startWindowMinutes}) so a late start can still finish`,
      );
    }
  }

  const vaults = view.vaults;
  if (!vaults) {
    return;
  }
  const vaultsPath = ['dataProtection', 'vaults'];
  checkLock(vaults.production, [...vaultsPath, 'production'], report);
  checkLock(vaults.nonProduction, [...vaultsPath, 'nonProduction'], report);
  if (vaults.production.mode !== 'compliance') {
    report(
      [...vaultsPath, 'production', 'mode'],
      'the production vault must use compliance mode: a governance lock can be removed by anyone with enough IAM rights, including ransomware with stolen credentials',
    );
  }
  if (vaults.drRegion) {
    checkLock(vaults.drRegion, [...vaultsPath, 'drRegion'], report);
  }

  // Every workload account runs a plan for every tier, so each workload vault must accept every tier.
  const inWorkload = view.tiers.flatMap((t) => workloadLifecycles(t.value, t.index));
  checkRange(vaults.production, [...vaultsPath, 'production'], 'production', inWorkload, report);
  checkRange(vaults.nonProduction, [...vaultsPath, 'nonProduction'], 'non-production', inWorkload, report);

  checkRange(
    vaults.central,
    [...vaultsPath, 'central'],
    'central (backup account)',
    view.tiers.map(({ index, value: t }) => ({
      what: `tier ${t.name} copy to the backup account`,
      days: t.copyToBackupAccount.retentionDays,
      path: ['dataProtection', 'tiers', index, 'copyToBackupAccount', 'retentionDays'],
    })),
    report,
  );

  const drCopies = view.tiers.flatMap(({ index, value: t }) =>
    t.copyToDrRegion
      ? [
          {
            what: `tier ${t.name} copy to the DR region`,
            days: t.copyToDrRegion.retentionDays,
            path: ['dataProtection', 'tiers', index, 'copyToDrRegion', 'retentionDays'],
          },
        ]
      : [],
  );
  if (vaults.drRegion) {
    checkRange(vaults.drRegion, [...vaultsPath, 'drRegion'], 'DR-region', drCopies, report);
  } else {
    for (const copy of drCopies) {
      report(
        copy.path,
        `${copy.what} needs dataProtection.vaults.drRegion to describe the destination vault`,
      );
    }
  }
};
