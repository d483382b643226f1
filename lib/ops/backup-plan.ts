import { centralVaultName, drVaultName, workloadVaultName } from '../backup/vault-names';
import type { LandingZoneConfig } from '../config/schema';
import { maxIntervalMinutes } from '../dr/cron';
import { plannedRdsDatabases } from '../waves/migration-plan';
import type { WavePlan } from '../waves/load';

/** A vault the configuration says exists, where it lives and how it must be locked. */
export interface ExpectedVault {
  /** workload: a workload account's own vault; central: the backup account's air-gapped vault; dr: the backup account's vault in the DR region. */
  readonly kind: 'workload' | 'central' | 'dr';
  readonly accountName: string;
  readonly accountId: string;
  readonly region: string;
  readonly vaultName: string;
  readonly lock: {
    readonly mode: 'compliance' | 'governance';
    readonly minRetentionDays: number;
    readonly maxRetentionDays: number;
  };
}

/** A database the plan says AWS Backup protects, with what "fresh enough" means for it. */
export interface ProtectedResource {
  readonly workload: string;
  readonly name: string;
  readonly identifier: string;
  readonly accountName: string;
  readonly tier: string;
  readonly rpoMinutes: number;
  readonly rtoMinutes: number;
  /** The vault its own recovery points land in (the workload vault of its account). */
  readonly vaultName: string;
  /** Copies the tier makes; absent when the tier makes none there. */
  readonly centralCopy?: CopyExpectation;
  readonly drCopy?: CopyExpectation;
}

export interface CopyExpectation {
  readonly vaultName: string;
  readonly region: string;
  /**
   * The newest copy may be this old before it counts as stale: the longest gap between two scheduled
   * backups plus the start and completion windows, since a copy starts only when its backup ends.
   */
  readonly maxAgeMinutes: number;
}

/** Every vault the configuration defines, in the account and region the CDK app deploys it to. */
export function expectedVaults(config: LandingZoneConfig): ExpectedVault[] {
  const dp = config.dataProtection;
  const backupAccount = config.accounts.find((a) => a.role === 'backup');
  if (dp === undefined || backupAccount === undefined) return [];
  const prefix = config.organisation.shortName;
  const home = config.organisation.homeRegion;
  const vaults: ExpectedVault[] = [];
  for (const account of config.accounts) {
    if (account.role !== 'production' && account.role !== 'non-production') continue;
    const lock = account.role === 'production' ? dp.vaults.production : dp.vaults.nonProduction;
    vaults.push({
      kind: 'workload',
      accountName: account.name,
      accountId: account.id,
      region: home,
      vaultName: workloadVaultName(prefix, account.name),
      lock: {
        mode: lock.mode,
        minRetentionDays: lock.minRetentionDays,
        maxRetentionDays: lock.maxRetentionDays,
      },
    });
  }
  vaults.push({
    kind: 'central',
    accountName: backupAccount.name,
    accountId: backupAccount.id,
    region: home,
    vaultName: centralVaultName(prefix),
    // A logically air-gapped vault is always in compliance mode.
    lock: { mode: 'compliance', ...dp.vaults.central },
  });
  const drRegion = config.organisation.drRegion;
  const drLock = dp.vaults.drRegion;
  if (drRegion !== undefined && drLock !== undefined && dp.tiers.some((t) => t.copyToDrRegion)) {
    vaults.push({
      kind: 'dr',
      accountName: backupAccount.name,
      accountId: backupAccount.id,
      region: drRegion,
      vaultName: drVaultName(prefix),
      lock: {
        mode: drLock.mode,
        minRetentionDays: drLock.minRetentionDays,
        maxRetentionDays: drLock.maxRetentionDays,
      },
    });
  }
  return vaults;
}

/**
 * Every planned database (the list the CDK app builds: dataProtection.databases plus, given the
 * plan, every migrating workload's RDS databases) with its tier's copies.
 */
export function protectedResources(config: LandingZoneConfig, plan?: WavePlan): ProtectedResource[] {
  const dp = config.dataProtection;
  if (dp === undefined) return [];
  const prefix = config.organisation.shortName;
  const vaults = expectedVaults(config);
  const central = vaults.find((v) => v.kind === 'central');
  const dr = vaults.find((v) => v.kind === 'dr');
  const tiers = new Map(dp.tiers.map((t) => [t.name, t]));
  return plannedRdsDatabases(config, plan).flatMap((planned): ProtectedResource[] => {
    const tier = tiers.get(planned.tier);
    if (tier === undefined) return [];
    const maxAgeMinutes =
      maxIntervalMinutes(tier.schedule) + tier.startWindowMinutes + tier.completionWindowMinutes;
    return [
      {
        workload: planned.workload,
        name: planned.name,
        identifier: planned.identifier,
        accountName: planned.account,
        tier: tier.name,
        rpoMinutes: planned.rpoMinutes,
        rtoMinutes: planned.rtoMinutes,
        vaultName: workloadVaultName(prefix, planned.account),
        ...(central === undefined
          ? {}
          : { centralCopy: { vaultName: central.vaultName, region: central.region, maxAgeMinutes } }),
        ...(dr === undefined || tier.copyToDrRegion === undefined
          ? {}
          : { drCopy: { vaultName: dr.vaultName, region: dr.region, maxAgeMinutes } }),
      },
    ];
  });
}
