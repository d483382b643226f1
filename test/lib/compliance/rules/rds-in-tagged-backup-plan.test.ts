import { testApp } from '../../../helpers/cdk-app';
import { Duration, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as rds from 'aws-cdk-lib/aws-rds';
import { NagRuleCompliance } from 'cdk-nag';
import { rdsInTaggedBackupPlan } from '../../../../lib/compliance/rules/rds-in-tagged-backup-plan';

const { COMPLIANT, NON_COMPLIANT } = NagRuleCompliance;

function stack(): Stack {
  return new Stack(testApp(), 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
}

describe('rdsInTaggedBackupPlan', () => {
  function setup(selectionTier: string): rds.CfnDBInstance {
    const s = stack();
    const db = new rds.CfnDBInstance(s, 'Db', {
      dbInstanceClass: 'db.t4g.micro',
      engine: 'postgres',
      tags: [{ key: 'backup-tier', value: 'gold' }],
    });
    const plan = new backup.BackupPlan(s, 'Plan', {
      backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'r', deleteAfter: Duration.days(7) })],
    });
    plan.addSelection('Selection', {
      resources: [backup.BackupResource.fromTag('backup-tier', selectionTier)],
    });
    return db;
  }
  test('compliant when a selection matches its backup-tier tag', () => {
    expect(rdsInTaggedBackupPlan(setup('gold'))).toBe(COMPLIANT);
  });
  test('non-compliant when no selection matches', () => {
    expect(rdsInTaggedBackupPlan(setup('silver'))).toBe(NON_COMPLIANT);
  });
  test('a selection added after one check is seen by the next synthesis', async () => {
    const s = stack();
    const db = new rds.CfnDBInstance(s, 'Db', {
      dbInstanceClass: 'db.t4g.micro',
      engine: 'postgres',
      tags: [{ key: 'backup-tier', value: 'gold' }],
    });
    expect(rdsInTaggedBackupPlan(db)).toBe(NON_COMPLIANT);
    const plan = new backup.BackupPlan(s, 'Plan', {
      backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'r', deleteAfter: Duration.days(7) })],
    });
    plan.addSelection('Selection', { resources: [backup.BackupResource.fromTag('backup-tier', 'gold')] });
    // Within one synchronous pass the app's selections are found once; the next pass looks again.
    expect(rdsInTaggedBackupPlan(db)).toBe(NON_COMPLIANT);
    await Promise.resolve();
    expect(rdsInTaggedBackupPlan(db)).toBe(COMPLIANT);
  });
});
