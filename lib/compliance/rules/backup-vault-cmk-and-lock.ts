import type { CfnResource } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { resolved } from './resolve';

/** A backup vault is encrypted with a customer-managed key and has Vault Lock (air-gapped vaults always do). */
export function backupVaultCmkAndLock(node: CfnResource): NagRuleResult {
  if (node instanceof backup.CfnBackupVault) {
    const key = resolved(node, node.encryptionKeyArn);
    const lock = resolved(node, node.lockConfiguration);
    return key !== undefined && lock !== undefined
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  }
  if (node instanceof backup.CfnLogicallyAirGappedBackupVault) {
    return resolved(node, node.encryptionKeyArn) !== undefined
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  }
  return NagRuleCompliance.NOT_APPLICABLE;
}
