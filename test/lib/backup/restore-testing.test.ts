import { testApp } from '../../helpers/cdk-app';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as backup from 'aws-cdk-lib/aws-backup';
import { TierRestoreTesting } from '../../../lib/backup/restore-testing';
import { tierRestoreTestProps } from '../../../stacks/backup-props';
import type { BackupTierConfig } from '../../../lib/config/schema-data-protection';

const GOLD: BackupTierConfig = {
  name: 'gold',
  schedule: 'cron(0 0/6 * * ? *)',
  startWindowMinutes: 60,
  completionWindowMinutes: 180,
  retentionDays: 35,
  pointInTimeRecoveryDays: 35,
  continuousBackup: true,
  copyToBackupAccount: { retentionDays: 90 },
  copyToDrRegion: { retentionDays: 35 },
  restoreTest: { frequency: 'weekly', validationWindowHours: 4 },
};

function stack(): Stack {
  return new Stack(testApp(), 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
}

describe('TierRestoreTesting', () => {
  test('restore tests select recent snapshots of RDS instances of the tier', () => {
    const s = stack();
    const vault = new backup.BackupVault(s, 'Vault', { backupVaultName: 'local' });
    new TierRestoreTesting(s, 'GoldRestoreTesting', {
      planName: 'kvdc-gold-restore-tests',
      ...tierRestoreTestProps(GOLD),
      vault,
    });
    const t = Template.fromStack(s);
    t.hasResourceProperties('AWS::Backup::RestoreTestingPlan', {
      RestoreTestingPlanName: 'kvdc_gold_restore_tests',
      ScheduleExpression: 'cron(0 5 ? * TUE *)',
      ScheduleExpressionTimezone: 'Europe/London',
      RecoveryPointSelection: Match.objectLike({
        Algorithm: 'LATEST_WITHIN_WINDOW',
        RecoveryPointTypes: ['SNAPSHOT'],
      }),
    });
    t.hasResourceProperties('AWS::Backup::RestoreTestingSelection', {
      ProtectedResourceType: 'RDS',
      ProtectedResourceConditions: { StringEquals: [{ Key: 'aws:ResourceTag/backup-tier', Value: 'gold' }] },
      ValidationWindowHours: 4,
    });
  });
});
