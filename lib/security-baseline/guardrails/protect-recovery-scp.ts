import type { GuardrailPrincipals } from './principals';
import type { ServiceControlPolicy } from './service-control-policy';

/**
 * Destroying keys or recovery points: only the break-glass role may. Deleting or disabling a key
 * makes everything it encrypts (databases, recovery points, logs) unreadable, and a key policy
 * change can lock the account out of it, so even a key-policy change made by a deployment goes
 * through break-glass (docs/security-baseline.md, "Break glass"). Shortening a recovery point's
 * lifecycle is deletion by another name.
 */
export const DESTROY_RECOVERY_ACTIONS: readonly string[] = [
  'backup:DeleteBackupVaultLockConfiguration',
  'backup:DeleteRecoveryPoint',
  'backup:UpdateRecoveryPointLifecycle',
  'kms:DisableKey',
  'kms:PutKeyPolicy',
  'kms:ScheduleKeyDeletion',
];

/**
 * Changing vault locks, vault access policies and backup plans: deployments do this as the
 * CloudFormation execution role (a new locked vault sets its lock), so that role is exempt as
 * well as the break-glass role. An AWS Organizations backup policy would add little here: the
 * plans are already deployed by CloudFormation and guarded by this statement and an alarm.
 */
export const CHANGE_RECOVERY_ACTIONS: readonly string[] = [
  'backup:DeleteBackupPlan',
  'backup:DeleteBackupSelection',
  'backup:DeleteBackupVaultAccessPolicy',
  'backup:PutBackupVaultAccessPolicy',
  'backup:PutBackupVaultLockConfiguration',
  'backup:UpdateBackupPlan',
];

/** Keep keys and recovery points: the guardrail that makes the locked vaults and the archive hold. */
export function protectRecoveryScp(principals: GuardrailPrincipals): ServiceControlPolicy {
  return {
    name: 'protect-recovery',
    description:
      'Deny key deletion, key disabling, key-policy changes and recovery-point deletion except by the break-glass role',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyDestroyingKeysAndRecoveryPoints',
          Effect: 'Deny',
          Action: DESTROY_RECOVERY_ACTIONS,
          Resource: '*',
          Condition: { ArnNotLike: { 'aws:PrincipalArn': [principals.breakGlass] } },
        },
        {
          Sid: 'DenyChangingBackupProtection',
          Effect: 'Deny',
          Action: CHANGE_RECOVERY_ACTIONS,
          Resource: '*',
          Condition: { ArnNotLike: { 'aws:PrincipalArn': [principals.breakGlass, principals.cfnExecRole] } },
        },
      ],
    },
  };
}
