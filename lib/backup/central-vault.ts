import { RemovalPolicy } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { councilKey } from '../kms/council-key';

export interface CentralAirGappedVaultProps {
  readonly vaultName: string;
  readonly minRetentionDays: number;
  readonly maxRetentionDays: number;
  /** Workload accounts that copy into the vault. */
  readonly copySourceAccounts: readonly string[];
}

/**
 * The backup account's logically air-gapped vault: always in compliance-mode lock, encrypted with
 * a customer-managed key, out of reach of anyone who compromises a workload account. Workload
 * accounts may only copy into it.
 */
export class CentralAirGappedVault extends Construct {
  readonly vault: backup.CfnLogicallyAirGappedBackupVault;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: CentralAirGappedVaultProps) {
    super(scope, id);
    if (props.minRetentionDays > props.maxRetentionDays) {
      throw new Error(`vault ${props.vaultName}: minRetentionDays exceeds maxRetentionDays`);
    }
    this.key = councilKey(this, 'Key', {
      description: `Encrypts recovery points in the ${props.vaultName} logically air-gapped vault`,
    });
    const policy = new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          sid: 'AllowCopiesFromWorkloadAccounts',
          principals: props.copySourceAccounts.map((account) => new iam.AccountPrincipal(account)),
          actions: ['backup:CopyIntoBackupVault'],
          resources: ['*'],
        }),
      ],
    });
    this.vault = new backup.CfnLogicallyAirGappedBackupVault(this, 'Vault', {
      backupVaultName: props.vaultName,
      encryptionKeyArn: this.key.keyArn,
      minRetentionDays: props.minRetentionDays,
      maxRetentionDays: props.maxRetentionDays,
      accessPolicy: policy,
    });
    this.vault.applyRemovalPolicy(RemovalPolicy.RETAIN);
  }
}
