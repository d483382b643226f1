import { Stack, type CfnResource } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { asList, asRecord, resolved } from './resolve';

const VAULT_ARN = /^arn:[^:]+:backup:[^:]+:(\d{12}):backup-vault:.+$/;

/**
 * Every snapshot rule of a backup plan copies its recovery points to a vault in another account,
 * so that someone who controls this account cannot destroy every copy. Continuous-backup rules
 * are exempt: their snapshot rule carries the copy.
 */
export function backupPlanCopiesOutsideAccount(node: CfnResource): NagRuleResult {
  if (!(node instanceof backup.CfnBackupPlan)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const account = Stack.of(node).account;
  const plan = asRecord(resolved(node, node.backupPlan));
  const rules = asList(plan['backupPlanRule'] ?? plan['BackupPlanRule']).map(asRecord);
  const snapshotRules = rules.filter(
    (r) => (r['enableContinuousBackup'] ?? r['EnableContinuousBackup']) !== true,
  );
  if (snapshotRules.length === 0) {
    return NagRuleCompliance.NON_COMPLIANT;
  }
  const copiesOut = (rule: Record<string, unknown>): boolean =>
    asList(rule['copyActions'] ?? rule['CopyActions']).some((raw) => {
      const copy = asRecord(raw);
      const arn = copy['destinationBackupVaultArn'] ?? copy['DestinationBackupVaultArn'];
      const match = typeof arn === 'string' ? VAULT_ARN.exec(arn) : null;
      return match !== null && match[1] !== account;
    });
  return snapshotRules.every(copiesOut) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}
