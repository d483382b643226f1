import { testApp } from '../../../helpers/cdk-app';
import { Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import { NagRuleCompliance } from 'cdk-nag';
import { backupPlanCopiesOutsideAccount } from '../../../../lib/compliance/rules/backup-plan-copies-outside-account';

const { COMPLIANT, NON_COMPLIANT } = NagRuleCompliance;

function stack(): Stack {
  return new Stack(testApp(), 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
}

describe('backupPlanCopiesOutsideAccount', () => {
  function plan(destination: string, continuousOnly = false): backup.CfnBackupPlan {
    return new backup.CfnBackupPlan(stack(), 'P', {
      backupPlan: {
        backupPlanName: 'p',
        backupPlanRule: [
          {
            ruleName: continuousOnly ? 'c' : 's',
            targetBackupVault: 'local',
            enableContinuousBackup: continuousOnly,
            copyActions: [{ destinationBackupVaultArn: destination }],
          },
        ],
      },
    });
  }
  test('compliant when the copy goes to another account', () => {
    expect(
      backupPlanCopiesOutsideAccount(plan('arn:aws:backup:eu-west-2:444444444444:backup-vault:central')),
    ).toBe(COMPLIANT);
  });
  test('non-compliant when the copy stays in the account', () => {
    expect(
      backupPlanCopiesOutsideAccount(plan('arn:aws:backup:eu-west-1:555555555555:backup-vault:dr')),
    ).toBe(NON_COMPLIANT);
  });
  test('non-compliant when the plan has only continuous rules', () => {
    expect(
      backupPlanCopiesOutsideAccount(
        plan('arn:aws:backup:eu-west-2:444444444444:backup-vault:central', true),
      ),
    ).toBe(NON_COMPLIANT);
  });
});
