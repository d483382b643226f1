import { testApp } from '../../helpers/cdk-app';
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as logs from 'aws-cdk-lib/aws-logs';
import { DataProtectionChecks } from '../../../lib/compliance/data-protection-pack';

describe('DataProtectionChecks', () => {
  test('reports violations with DataProtection rule IDs', () => {
    const app = testApp();
    const stack = new Stack(app, 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
    new backup.CfnBackupVault(stack, 'Unlocked', { backupVaultName: 'unlocked' });
    new logs.LogGroup(stack, 'Forever', {
      retention: logs.RetentionDays.INFINITE,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const report = new DataProtectionChecks().validateScope(app);
    expect(report.success).toBe(false);
    const rules = report.violations.map((v) => v.ruleName).sort();
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.stringContaining('BackupVaultCmkAndLock'),
        expect.stringContaining('LogGroupRetention'),
        expect.stringContaining('StatefulResourceRetained'),
      ]),
    );
  });

  test('passes a compliant stack', () => {
    const app = testApp();
    const stack = new Stack(app, 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
    new logs.LogGroup(stack, 'Kept', {
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    expect(new DataProtectionChecks().validateScope(app).success).toBe(true);
  });
});
