import type { AssemblyStack as StackTemplate } from '../../../lib/assembly/read';
import { assessAssembly } from '../../../lib/dr/assess';
import { extractFacts, selects, type DatabaseFacts, type SelectionFacts } from '../../../lib/dr/model';

const DB: DatabaseFacts = {
  stackId: 'S',
  logicalId: 'Db',
  account: '555555555555',
  region: 'eu-west-2',
  identifier: 'kvdc-gis-main',
  engine: 'postgres',
  tags: { 'backup-tier': 'silver', workload: 'gis' },
  multiAz: false,
  backupRetentionDays: 7,
  allocatedStorageGiB: 100,
};

function selection(overrides: Partial<SelectionFacts>): SelectionFacts {
  return {
    stackId: 'S',
    account: '555555555555',
    region: 'eu-west-2',
    selectionName: 's',
    planLogicalId: 'P',
    anyOfTags: [],
    allOfTags: [],
    resources: [],
    ...overrides,
  };
}

describe('selects', () => {
  test('by any one of ListOfTags', () => {
    expect(selects(selection({ anyOfTags: [{ key: 'backup-tier', value: 'silver' }] }), DB)).toBe(true);
    expect(selects(selection({ anyOfTags: [{ key: 'backup-tier', value: 'gold' }] }), DB)).toBe(false);
  });
  test("by '*' or by the instance, narrowed by Conditions", () => {
    expect(selects(selection({ resources: ['*'] }), DB)).toBe(true);
    expect(selects(selection({ resources: ['Db'] }), DB)).toBe(true);
    expect(selects(selection({ resources: ['*'], allOfTags: [{ key: 'workload', value: 'crm' }] }), DB)).toBe(
      false,
    );
  });
});

describe('assessment from a hand-written template', () => {
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

  test('a governance-locked vault in the same account does not protect against ransomware', () => {
    const report = assessAssembly(extractFacts([stack]));
    const logical = report.workloads[0]?.assessments.find((a) => a.disruption === 'logical-corruption');
    expect(logical?.status).toBe('breach');
    expect(logical?.rpoMinutes).toBeNull();
    expect(logical?.reasoning.join('\n')).toContain('governance lock');
  });

  test('a single-AZ database recovers from AZ loss by point-in-time restore', () => {
    const report = assessAssembly(extractFacts([stack]));
    const az = report.workloads[0]?.assessments.find((a) => a.disruption === 'az-loss');
    expect(az).toMatchObject({ rpoMinutes: 5, rtoMinutes: 45, status: 'met' });
  });
});
