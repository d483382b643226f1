import { App, CfnDeletionPolicy, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import { NagRuleCompliance } from 'cdk-nag';
import { backupPlanCopiesOutsideAccount } from '../../../../lib/compliance/rules/backup-plan-copies-outside-account';
import { backupVaultCmkAndLock } from '../../../../lib/compliance/rules/backup-vault-cmk-and-lock';
import { logGroupRetention } from '../../../../lib/compliance/rules/log-group-retention';
import { rdsInTaggedBackupPlan } from '../../../../lib/compliance/rules/rds-in-tagged-backup-plan';
import { rdsTlsEnforced } from '../../../../lib/compliance/rules/rds-tls-enforced';
import { statefulResourceRetained } from '../../../../lib/compliance/rules/stateful-resource-retained';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;

function stack(): Stack {
  return new Stack(new App(), 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
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

describe('statefulResourceRetained', () => {
  test('compliant with Retain or Snapshot, non-compliant with Delete, not applicable to stateless resources', () => {
    const s = stack();
    const kept = new kms.CfnKey(s, 'Kept', {});
    kept.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const snap = new rds.CfnDBInstance(s, 'Snap', { dbInstanceClass: 'db.t4g.micro', engine: 'postgres' });
    snap.cfnOptions.deletionPolicy = CfnDeletionPolicy.SNAPSHOT;
    snap.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.SNAPSHOT;
    const lost = new logs.CfnLogGroup(s, 'Lost', {});
    lost.applyRemovalPolicy(RemovalPolicy.DESTROY);
    expect(statefulResourceRetained(kept)).toBe(COMPLIANT);
    expect(statefulResourceRetained(snap)).toBe(COMPLIANT);
    expect(statefulResourceRetained(lost)).toBe(NON_COMPLIANT);
    expect(
      statefulResourceRetained(
        new rds.CfnDBParameterGroup(s, 'Pg', { family: 'postgres17', description: 'd' }),
      ),
    ).toBe(NOT_APPLICABLE);
  });
});

describe('logGroupRetention', () => {
  test('compliant with retention, non-compliant without', () => {
    const s = stack();
    expect(logGroupRetention(new logs.CfnLogGroup(s, 'A', { retentionInDays: 400 }))).toBe(COMPLIANT);
    expect(logGroupRetention(new logs.CfnLogGroup(s, 'B', {}))).toBe(NON_COMPLIANT);
  });
});

describe('rdsTlsEnforced', () => {
  function instance(
    engine: string,
    parameters: Record<string, string> | undefined,
    family = 'postgres17',
  ): rds.CfnDBInstance {
    const s = stack();
    const group = parameters
      ? new rds.CfnDBParameterGroup(s, 'Pg', { family, description: 'd', parameters })
      : undefined;
    return new rds.CfnDBInstance(s, 'Db', {
      dbInstanceClass: 'db.t4g.micro',
      engine,
      dbParameterGroupName: group?.ref,
    });
  }
  test.each([
    ['postgres', { 'rds.force_ssl': '1' }, COMPLIANT],
    ['postgres', { 'rds.force_ssl': '0' }, NON_COMPLIANT],
    ['sqlserver-se', { 'rds.force_ssl': '1' }, COMPLIANT],
    ['mysql', { require_secure_transport: 'ON' }, COMPLIANT],
    ['mysql', {}, NON_COMPLIANT],
    ['mysql', undefined, NON_COMPLIANT],
  ] as const)('%s %o -> %s', (engine, parameters, expected) => {
    expect(rdsTlsEnforced(instance(engine, parameters))).toBe(expected);
  });
  test('Oracle needs the SSL option', () => {
    const s = stack();
    const withSsl = new rds.CfnOptionGroup(s, 'Og', {
      engineName: 'oracle-se2',
      majorEngineVersion: '19',
      optionGroupDescription: 'd',
      optionConfigurations: [{ optionName: 'SSL', port: 2484 }],
    });
    const withoutSsl = new rds.CfnOptionGroup(s, 'Og2', {
      engineName: 'oracle-se2',
      majorEngineVersion: '19',
      optionGroupDescription: 'd',
    });
    const good = new rds.CfnDBInstance(s, 'Good', {
      dbInstanceClass: 'db.m6i.large',
      engine: 'oracle-se2',
      optionGroupName: withSsl.ref,
    });
    const bad = new rds.CfnDBInstance(s, 'Bad', {
      dbInstanceClass: 'db.m6i.large',
      engine: 'oracle-se2',
      optionGroupName: withoutSsl.ref,
    });
    expect(rdsTlsEnforced(good)).toBe(COMPLIANT);
    expect(rdsTlsEnforced(bad)).toBe(NON_COMPLIANT);
  });
});

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
});
