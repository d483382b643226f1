import { testApp } from '../../../helpers/cdk-app';
import { Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as logs from 'aws-cdk-lib/aws-logs';
import { NagRuleCompliance } from 'cdk-nag';
import { backupVaultCmkAndLock } from '../../../../lib/compliance/rules/backup-vault-cmk-and-lock';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;

function stack(): Stack {
  return new Stack(testApp(), 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
}

describe('backupVaultCmkAndLock', () => {
  test('compliant with a CMK and a lock', () => {
    const vault = new backup.CfnBackupVault(stack(), 'V', {
      backupVaultName: 'v',
      encryptionKeyArn: 'arn:aws:kms:eu-west-2:555555555555:key/1',
      lockConfiguration: { minRetentionDays: 7 },
    });
    expect(backupVaultCmkAndLock(vault)).toBe(COMPLIANT);
  });
  test('non-compliant without a lock, or without a CMK', () => {
    const s = stack();
    expect(
      backupVaultCmkAndLock(
        new backup.CfnBackupVault(s, 'A', {
          backupVaultName: 'a',
          encryptionKeyArn: 'arn:aws:kms:eu-west-2:555555555555:key/1',
        }),
      ),
    ).toBe(NON_COMPLIANT);
    expect(
      backupVaultCmkAndLock(
        new backup.CfnBackupVault(s, 'B', {
          backupVaultName: 'b',
          lockConfiguration: { minRetentionDays: 7 },
        }),
      ),
    ).toBe(NON_COMPLIANT);
  });
  test('not applicable to other resources', () => {
    expect(backupVaultCmkAndLock(new logs.CfnLogGroup(stack(), 'L', {}))).toBe(NOT_APPLICABLE);
  });
});
