import { testApp } from '../../helpers/cdk-app';
import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { BackupNotificationTopic } from '../../../lib/backup/backup-notification-topic';
import { LockedBackupVault } from '../../../lib/backup/locked-backup-vault';
import { vaultLock } from '../../../stacks/backup-props';

function stack(): Stack {
  return new Stack(testApp(), 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
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
      lock: {
        minRetention: Duration.days(7),
        maxRetention: Duration.days(400),
        changeableFor: Duration.days(3),
      },
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
      lock: { minRetention: Duration.days(1), maxRetention: Duration.days(400) },
    });
    Template.fromStack(s).hasResourceProperties('AWS::Backup::BackupVault', {
      LockConfiguration: { MinRetentionDays: 1, MaxRetentionDays: 400 },
    });
  });

  test('rejects a lock whose minimum retention exceeds its maximum', () => {
    expect(
      () =>
        new LockedBackupVault(stack(), 'V', {
          vaultName: 'v',
          lock: { minRetention: Duration.days(500), maxRetention: Duration.days(400) },
        }),
    ).toThrow(/minimum retention exceeds its maximum/);
  });

  test('the stacks map a configured lock: compliance mode is the one with a cooling-off period', () => {
    expect(
      vaultLock({ mode: 'compliance', minRetentionDays: 7, maxRetentionDays: 400, changeableForDays: 3 }),
    ).toEqual({
      minRetention: Duration.days(7),
      maxRetention: Duration.days(400),
      changeableFor: Duration.days(3),
    });
    expect(
      vaultLock({ mode: 'governance', minRetentionDays: 1, maxRetentionDays: 400 }).changeableFor,
    ).toBeUndefined();
  });
});
