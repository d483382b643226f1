import { RemovalPolicy } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { councilKey } from '../kms/council-key';

export interface LockedVaultProps {
  readonly vaultName: string;
  /**
   * Vault Lock: with `changeableFor` in compliance mode (immutable after that cooling-off period,
   * even for the root user), without it in governance mode.
   */
  readonly lock: backup.LockConfiguration;
  /** Topic for failed backup, copy and restore jobs. @default - no notifications */
  readonly notificationTopic?: sns.ITopic;
  /** Accounts allowed to copy recovery points into this vault. @default - none */
  readonly copySourceAccounts?: readonly string[];
}

/** Vault events that need a person: everything that failed or expired. */
export const FAILURE_EVENTS: readonly backup.BackupVaultEvents[] = [
  backup.BackupVaultEvents.BACKUP_JOB_FAILED,
  backup.BackupVaultEvents.BACKUP_JOB_EXPIRED,
  backup.BackupVaultEvents.COPY_JOB_FAILED,
  backup.BackupVaultEvents.RESTORE_JOB_FAILED,
];

/**
 * A backup vault with its own customer-managed key, Vault Lock and an access policy that denies
 * deleting recovery points or shortening their lifecycle. Compliance mode (the production choice)
 * becomes immutable after the cooling-off period; governance mode can be lifted by privileged IAM
 * principals, which is why non-production copies are also locked in the backup account.
 */
export class LockedBackupVault extends Construct {
  readonly vault: backup.BackupVault;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: LockedVaultProps) {
    super(scope, id);
    const { lock } = props;
    if (lock.maxRetention !== undefined && lock.minRetention.toDays() > lock.maxRetention.toDays()) {
      throw new Error(`vault ${props.vaultName}: the lock's minimum retention exceeds its maximum`);
    }
    this.key = councilKey(this, 'Key', {
      description: `Encrypts recovery points in the ${props.vaultName} backup vault`,
    });
    this.vault = new backup.BackupVault(this, 'Vault', {
      backupVaultName: props.vaultName,
      encryptionKey: this.key,
      removalPolicy: RemovalPolicy.RETAIN,
      blockRecoveryPointDeletion: true,
      notificationTopic: props.notificationTopic,
      notificationEvents: props.notificationTopic ? [...FAILURE_EVENTS] : undefined,
      lockConfiguration: lock,
    });
    const sources = props.copySourceAccounts ?? [];
    if (sources.length > 0) {
      this.vault.addToAccessPolicy(copyIntoVaultStatement(sources));
    }
  }
}

/** Lets the named accounts copy recovery points into a vault (and nothing else). */
export function copyIntoVaultStatement(accounts: readonly string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'AllowCopiesFromWorkloadAccounts',
    effect: iam.Effect.ALLOW,
    principals: accounts.map((account) => new iam.AccountPrincipal(account)),
    actions: ['backup:CopyIntoBackupVault'],
    resources: ['*'],
  });
}
