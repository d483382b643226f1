import { testApp } from '../../helpers/cdk-app';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BackupAuditFramework } from '../../../lib/backup/audit-framework';

function stack(): Stack {
  return new Stack(testApp(), 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
}

describe('BackupAuditFramework', () => {
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
