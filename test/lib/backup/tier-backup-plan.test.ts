import { testApp } from '../../helpers/cdk-app';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as backup from 'aws-cdk-lib/aws-backup';
import { TierBackupPlan } from '../../../lib/backup/tier-backup-plan';
import { copyTo, tierPlanProps } from '../../../stacks/backup-props';
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

describe('TierBackupPlan', () => {
  function plan(tier: BackupTierConfig): Template {
    const s = stack();
    const vault = new backup.BackupVault(s, 'Vault', { backupVaultName: 'local' });
    const central = backup.BackupVault.fromBackupVaultArn(
      s,
      'Central',
      'arn:aws:backup:eu-west-2:444444444444:backup-vault:kvdc-central',
    );
    const dr = backup.BackupVault.fromBackupVaultArn(
      s,
      'Dr',
      'arn:aws:backup:eu-west-1:444444444444:backup-vault:kvdc-dr',
    );
    new TierBackupPlan(s, 'GoldBackupPlan', {
      planName: 'kvdc-gold',
      ...tierPlanProps(tier),
      vault,
      backupAccountCopy: copyTo(central, tier.copyToBackupAccount),
      drRegionCopy: tier.copyToDrRegion ? copyTo(dr, tier.copyToDrRegion) : undefined,
    });
    return Template.fromStack(s);
  }

  test('snapshot rule in London time with windows, retention and both copies; continuous rule for PITR', () => {
    plan(GOLD).hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanName: 'kvdc-gold',
        BackupPlanRule: [
          Match.objectLike({
            RuleName: 'gold-snapshots',
            ScheduleExpression: 'cron(0 0/6 * * ? *)',
            ScheduleExpressionTimezone: 'Europe/London',
            StartWindowMinutes: 60,
            CompletionWindowMinutes: 180,
            Lifecycle: { DeleteAfterDays: 35 },
            CopyActions: [
              {
                DestinationBackupVaultArn: 'arn:aws:backup:eu-west-2:444444444444:backup-vault:kvdc-central',
                Lifecycle: { DeleteAfterDays: 90 },
              },
              {
                DestinationBackupVaultArn: 'arn:aws:backup:eu-west-1:444444444444:backup-vault:kvdc-dr',
                Lifecycle: { DeleteAfterDays: 35 },
              },
            ],
          }),
          Match.objectLike({
            RuleName: 'gold-continuous',
            EnableContinuousBackup: true,
            Lifecycle: { DeleteAfterDays: 35 },
          }),
        ],
      },
    });
  });

  test('selects by the backup-tier tag', () => {
    plan(GOLD).hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({
        SelectionName: 'gold-tagged',
        ListOfTags: [{ ConditionKey: 'backup-tier', ConditionType: 'STRINGEQUALS', ConditionValue: 'gold' }],
      }),
    });
  });

  test('no DR copy and no continuous rule when the tier has neither', () => {
    const t = plan({ ...GOLD, copyToDrRegion: undefined, continuousBackup: false });
    const rules = (
      Object.values(t.findResources('AWS::Backup::BackupPlan'))[0]?.['Properties'] as {
        BackupPlan: { BackupPlanRule: { CopyActions?: unknown[] }[] };
      }
    ).BackupPlan.BackupPlanRule;
    expect(rules).toHaveLength(1);
    expect(rules[0]?.CopyActions).toHaveLength(1);
  });
});
