import type { AssemblyStack as StackTemplate } from '../../../lib/assembly/read';
import { assessAssembly, type Assessment } from '../../../lib/dr/assess';
import { extractFacts } from '../../../lib/dr/model';
import { protectedPolicy, ROOT } from '../compliance/rules/key-policy-fixtures';

// The hand-written template of model.test.ts, with a compliance-locked vault and its own key.
function stackWith(vault: unknown, key: unknown): StackTemplate {
  const stack: StackTemplate = {
    stackId: 'S',
    stackName: 's',
    account: '555555555555',
    region: 'eu-west-2',
    templateFile: 'S.template.json',
    templateBytes: 0,
    raw: {},
    dependencies: [],
    uploadedTemplate: true,
    template: {
      Resources: {
        Db: {
          Type: 'AWS::RDS::DBInstance',
          Properties: {
            DBInstanceIdentifier: 'kvdc-gis-main',
            Engine: 'postgres',
            MultiAZ: false,
            BackupRetentionPeriod: 7,
            AllocatedStorage: '100',
            Tags: [
              { Key: 'workload', Value: 'gis' },
              { Key: 'backup-tier', Value: 'silver' },
              { Key: 'rpo-minutes', Value: '60' },
              { Key: 'rto-minutes', Value: '240' },
            ],
          },
        },
        Vault: {
          Type: 'AWS::Backup::BackupVault',
          Properties: { BackupVaultName: 'local', LockConfiguration: { MinRetentionDays: 1 } },
        },
        Plan: {
          Type: 'AWS::Backup::BackupPlan',
          Properties: {
            BackupPlan: {
              BackupPlanName: 'p',
              BackupPlanRule: [
                {
                  RuleName: 'daily',
                  ScheduleExpression: 'cron(0 1 * * ? *)',
                  ScheduleExpressionTimezone: 'Etc/UTC',
                  StartWindowMinutes: 60,
                  CompletionWindowMinutes: 120,
                  TargetBackupVault: { 'Fn::GetAtt': ['Vault', 'BackupVaultName'] },
                },
              ],
            },
          },
        },
        Selection: {
          Type: 'AWS::Backup::BackupSelection',
          Properties: {
            BackupPlanId: { 'Fn::GetAtt': ['Plan', 'BackupPlanId'] },
            BackupSelection: {
              SelectionName: 'silver',
              ListOfTags: [
                { ConditionKey: 'backup-tier', ConditionType: 'STRINGEQUALS', ConditionValue: 'silver' },
              ],
            },
          },
        },
      },
    },
  };
  const resources = stack.template.Resources as Record<string, unknown>;
  resources['Vault'] = vault;
  resources['VaultKey'] = key;
  return stack;
}

const lockedVault = {
  Type: 'AWS::Backup::BackupVault',
  Properties: {
    BackupVaultName: 'local',
    EncryptionKeyArn: { 'Fn::GetAtt': ['VaultKey', 'Arn'] },
    LockConfiguration: { MinRetentionDays: 1, ChangeableForDays: 3 },
  },
};

function keyWith(statements: Record<string, unknown>[]): unknown {
  return {
    Type: 'AWS::KMS::Key',
    Properties: { KeyPolicy: { Version: '2012-10-17', Statement: statements }, PendingWindowInDays: 30 },
  };
}

function logical(stack: StackTemplate): Assessment | undefined {
  return assessAssembly(extractFacts([stack])).workloads[0]?.assessments.find(
    (a) => a.disruption === 'logical-corruption',
  );
}

describe('a compliance-locked vault is out of reach only when its key cannot be destroyed', () => {
  test('its key denies destruction to all but break-glass and waits 30 days: the snapshots are credited', () => {
    const result = logical(stackWith(lockedVault, keyWith(protectedPolicy())));
    // Credited: the daily snapshot bounds the RPO (which misses its 60-minute target, a separate finding).
    expect(result?.rpoMinutes).toBe(1560);
    expect(result?.reasoning.join('\n')).not.toContain('key not protected');
  });

  test('its key gives kms:* to the account root with no deny: not credited, and the report says why', () => {
    const result = logical(
      stackWith(
        lockedVault,
        keyWith([{ Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' }]),
      ),
    );
    expect(result?.rpoMinutes).toBeNull();
    expect(result?.reasoning.join('\n')).toContain('key not protected from deletion');
  });
});
