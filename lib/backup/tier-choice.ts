import type { LandingZoneConfig } from '../config/schema';
import type { BackupTierConfig, VaultLockConfig } from '../config/schema-data-protection';
import { ASSUMPTIONS } from '../dr/assumptions';
import { maxIntervalMinutes } from '../dr/cron';

/*
 * Which backup tier a workload gets, decided from the tiers in configuration rather than from fixed
 * thresholds, with the same arithmetic the DR check applies to the synthesised templates: a tier is
 * only chosen if the DR check will find its recovery points good enough for the workload's RPO.
 */

/** Whether a tier's plans copy to the DR region: the tier asks for it and the landing zone has a DR vault. */
export function tierCopiesToDrRegion(config: LandingZoneConfig, tier: BackupTierConfig): boolean {
  return (
    tier.copyToDrRegion !== undefined &&
    config.organisation.drRegion !== undefined &&
    config.dataProtection?.vaults.drRegion !== undefined
  );
}

/** Worst-case age of the newest snapshot: longest gap, completion window, and the clock change (plans run in Europe/London). */
function snapshotAgeMinutes(tier: BackupTierConfig): number {
  return (
    maxIntervalMinutes(tier.schedule) +
    tier.completionWindowMinutes +
    ASSUMPTIONS.daylightSavingAllowanceMinutes
  );
}

/**
 * The RPO a tier achieves against logical corruption or ransomware, the disruption that decides it
 * (an AZ loss costs at most the 5-minute PITR gap). Only recovery points out of reach of the
 * workload account count: continuous backup or snapshots in a compliance-locked vault, and the copy
 * in the backup account.
 */
export function tierRpoMinutes(tier: BackupTierConfig, vaultLock: VaultLockConfig): number {
  const age = snapshotAgeMinutes(tier);
  const candidates = [age + ASSUMPTIONS.copyAllowanceMinutes];
  if (vaultLock.mode === 'compliance') {
    candidates.push(tier.continuousBackup ? ASSUMPTIONS.pointInTimeRpoMinutes : age);
  }
  return Math.min(...candidates);
}

/**
 * A cost index: recovery-point-days kept, i.e. snapshots a day times the days each is kept, in the
 * account and in every copy, plus the continuous-backup window. Storage is what a tier costs, and
 * this grows with it; it orders tiers, it is not a price.
 */
export function tierCostIndex(config: LandingZoneConfig, tier: BackupTierConfig): number {
  const perDay = 1440 / maxIntervalMinutes(tier.schedule);
  const copyDays =
    tier.copyToBackupAccount.retentionDays +
    (tierCopiesToDrRegion(config, tier) ? (tier.copyToDrRegion?.retentionDays ?? 0) : 0);
  return (
    perDay * (tier.retentionDays + copyDays) + (tier.continuousBackup ? tier.pointInTimeRecoveryDays : 0)
  );
}

export interface TierNeed {
  readonly rpoMinutes: number;
  /** Production accounts keep their recovery points in the production vault (its lock counts). */
  readonly production: boolean;
  /** The workload's recovery.drRegionCopy: the tier must copy to the DR region exactly when this is true. */
  readonly drRegionCopy: boolean;
}

export interface TierAssessment {
  readonly tier: BackupTierConfig;
  readonly rpoMinutes: number;
  readonly copiesToDrRegion: boolean;
  readonly costIndex: number;
}

export type TierChoice =
  | { readonly ok: true; readonly tier: BackupTierConfig; readonly assessed: readonly TierAssessment[] }
  | { readonly ok: false; readonly reason: string; readonly assessed: readonly TierAssessment[] };

/**
 * The cheapest tier (lowest cost index; first in configuration on a tie) whose achievable RPO in the
 * workload's account meets the workload's RPO and whose DR-region copy matches recovery.drRegionCopy,
 * so UK-only data is never copied abroad and a promised DR copy is never dropped.
 */
export function chooseBackupTier(config: LandingZoneConfig, need: TierNeed): TierChoice {
  const dp = config.dataProtection;
  if (dp === undefined) {
    return { ok: false, reason: 'the landing zone has no dataProtection tiers', assessed: [] };
  }
  const lock = need.production ? dp.vaults.production : dp.vaults.nonProduction;
  const assessed = dp.tiers.map((tier) => ({
    tier,
    rpoMinutes: tierRpoMinutes(tier, lock),
    copiesToDrRegion: tierCopiesToDrRegion(config, tier),
    costIndex: tierCostIndex(config, tier),
  }));
  const fitting = assessed
    .filter((a) => a.copiesToDrRegion === need.drRegionCopy && a.rpoMinutes <= need.rpoMinutes)
    .sort((a, b) => a.costIndex - b.costIndex);
  const best = fitting[0];
  if (best) {
    return { ok: true, tier: best.tier, assessed };
  }
  const kind = need.drRegionCopy ? 'that copies to the DR region' : 'that keeps copies out of the DR region';
  const options = assessed
    .filter((a) => a.copiesToDrRegion === need.drRegionCopy)
    .map((a) => `${a.tier.name} ${a.rpoMinutes} min`);
  const account = need.production ? 'production' : 'non-production';
  return {
    ok: false,
    reason:
      options.length === 0
        ? `no backup tier ${kind} (dataProtection.tiers)`
        : `no backup tier ${kind} meets an RPO of ${need.rpoMinutes} minutes in a ${account} account (achievable: ${options.join(', ')}); add or strengthen a tier in dataProtection.tiers, or agree a longer RPO`,
    assessed,
  };
}
