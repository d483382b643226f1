import type { StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { CentralAirGappedVault } from '../lib/backup/central-vault';
import { centralVaultName, drVaultName } from '../lib/backup/vault-names';
import { LockedBackupVault } from '../lib/backup/locked-backup-vault';
import type { DataProtectionConfig } from '../lib/config/schema-data-protection';
import type { LandingZoneContext } from './landing-zone-context';
import { vaultLock } from './backup-props';
import { LandingZoneStack } from './landing-zone-stack';

export interface BackupAccountStackProps extends StackProps {
  readonly lz: LandingZoneContext;
  readonly dataProtection: DataProtectionConfig;
  /** Workload accounts that copy recovery points into this stack's vault. */
  readonly copySourceAccounts: readonly string[];
  /** home: the logically air-gapped vault; dr: the locked vault in organisation.drRegion. */
  readonly placement: 'home' | 'dr';
  readonly availabilityZones: readonly string[];
}

/** The backup account's vault in one region: where copies live, out of reach of the workload accounts. */
export class BackupAccountStack extends LandingZoneStack {
  constructor(scope: Construct, id: string, props: BackupAccountStackProps) {
    super(scope, id, props);
    const { lz, dataProtection: dp } = props;
    if (props.placement === 'home') {
      new CentralAirGappedVault(this, 'CentralVault', {
        vaultName: centralVaultName(lz.prefix),
        minRetentionDays: dp.vaults.central.minRetentionDays,
        maxRetentionDays: dp.vaults.central.maxRetentionDays,
        copySourceAccounts: props.copySourceAccounts,
      });
      return;
    }
    const lock = dp.vaults.drRegion;
    if (!lock) {
      throw new Error(
        'the DR-region vault needs dataProtection.vaults.drRegion (the configuration should have been validated)',
      );
    }
    new LockedBackupVault(this, 'DrRegionVault', {
      vaultName: drVaultName(lz.prefix),
      lock: vaultLock(lock),
      copySourceAccounts: props.copySourceAccounts,
    });
  }
}
