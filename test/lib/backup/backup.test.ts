import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as backup from 'aws-cdk-lib/aws-backup';
import { BackupAuditFramework } from '../../../lib/backup/audit-framework';
import { CentralAirGappedVault } from '../../../lib/backup/central-vault';
import { BackupNotificationTopic } from '../../../lib/backup/backup-notification-topic';
import { TierRestoreTesting } from '../../../lib/backup/restore-testing';
import { TierBackupPlan } from '../../../lib/backup/tier-backup-plan';
import { LockedBackupVault } from '../../../lib/backup/locked-backup-vault';
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
  return new Stack(new App(), 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
}

describe('LockedBackupVault', () => {
  test('compliance lock, CMK, deny-delete policy and failure notifications', () => {
    const s = stack();
    const topic = new BackupNotificationTopic(s, 'Notifications', {
      topicName: 'kvdc-backup-failures',
      email: 'team@example.org',
    });
    new LockedBackupVault(s, 'BackupVault', {
      vaultName: 'kvdc-production',
      lock: { mode: 'compliance', minRetentionDays: 7, maxRetentionDays: 400, changeableForDays: 3 },
      notificationTopic: topic.topic,
    });
    const t = Template.fromStack(s);
    t.hasResource('AWS::Backup::BackupVault', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BackupVaultName: 'kvdc-production',
        EncryptionKeyArn: Match.anyValue(),
        LockConfiguration: { ChangeableForDays: 3, MinRetentionDays: 7, MaxRetentionDays: 400 },
        AccessPolicy: Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'],
            }),
          ]),
        }),
        Notifications: {
          BackupVaultEvents: Match.arrayWith(['BACKUP_JOB_FAILED', 'COPY_JOB_FAILED']),
          SNSTopicArn: Match.anyValue(),
        },
      }),
    });
    t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    expect(Object.keys(t.findResources('AWS::Backup::BackupVault'))).toEqual(['BackupVault68B95C06']);
  });

  test('governance lock has no cooling-off period', () => {
    const s = stack();
    new LockedBackupVault(s, 'BackupVault', {
      vaultName: 'kvdc-non-production',
      lock: { mode: 'governance', minRetentionDays: 1, maxRetentionDays: 400 },
    });
    Template.fromStack(s).hasResourceProperties('AWS::Backup::BackupVault', {
      LockConfiguration: { MinRetentionDays: 1, MaxRetentionDays: 400 },
    });
  });

  test('rejects a compliance lock without a cooling-off period', () => {
    expect(
      () =>
        new LockedBackupVault(stack(), 'V', {
          vaultName: 'v',
          lock: { mode: 'compliance', minRetentionDays: 7, maxRetentionDays: 400 },
        }),
    ).toThrow(/compliance mode needs changeableForDays/);
  });
});

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
      tier,
      vault,
      backupAccountCopy: { vault: central, ...tier.copyToBackupAccount },
      drRegionCopy: tier.copyToDrRegion ? { vault: dr, ...tier.copyToDrRegion } : undefined,
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

describe('TierRestoreTesting, CentralAirGappedVault and BackupAuditFramework', () => {
  test('restore tests select recent snapshots of RDS instances of the tier', () => {
    const s = stack();
    const vault = new backup.BackupVault(s, 'Vault', { backupVaultName: 'local' });
    new TierRestoreTesting(s, 'GoldRestoreTesting', {
      planName: 'kvdc-gold-restore-tests',
      tier: GOLD,
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

  test('the central vault is logically air-gapped, CMK-encrypted and accepts copies only', () => {
    const s = stack();
    new CentralAirGappedVault(s, 'CentralVault', {
      vaultName: 'kvdc-central',
      minRetentionDays: 7,
      maxRetentionDays: 400,
      copySourceAccounts: ['555555555555', '666666666666'],
    });
    Template.fromStack(s).hasResource('AWS::Backup::LogicallyAirGappedBackupVault', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BackupVaultName: 'kvdc-central',
        EncryptionKeyArn: Match.anyValue(),
        MinRetentionDays: 7,
        MaxRetentionDays: 400,
        AccessPolicy: Match.objectLike({
          Statement: [Match.objectLike({ Action: 'backup:CopyIntoBackupVault', Effect: 'Allow' })],
        }),
      }),
    });
  });

  test('the audit framework checks cross-account and cross-region copies', () => {
    const s = stack();
    new BackupAuditFramework(s, 'Audit', {
      frameworkName: 'kvdc_data_protection',
      minimumRetentionDays: 14,
      maximumRecoveryPointAgeHours: 48,
      backupAccountId: '444444444444',
      drRegion: 'eu-west-1',
    });
    const t = Template.fromStack(s);
    const controls = (
      Object.values(t.findResources('AWS::Backup::Framework'))[0]?.['Properties'] as {
        FrameworkControls: { ControlName: string }[];
      }
    ).FrameworkControls.map((c) => c.ControlName);
    expect(controls).toEqual(
      expect.arrayContaining([
        'BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT',
        'BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION',
        'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK',
      ]),
    );
  });
});
