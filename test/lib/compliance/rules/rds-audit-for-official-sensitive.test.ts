import { testApp } from '../../../helpers/cdk-app';
import { App, Stack, Tags } from 'aws-cdk-lib';
import * as rds from 'aws-cdk-lib/aws-rds';
import { NagRuleCompliance } from 'cdk-nag';
import { rdsAuditForOfficialSensitive } from '../../../../lib/compliance/rules/rds-audit-for-official-sensitive';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;

function stack(): Stack {
  return new Stack(testApp(), 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
}

/** Tags the instance and synthesises its app, so the tag aspects have run. */
function classified(db: rds.CfnDBInstance, classification: string): rds.CfnDBInstance {
  Tags.of(db).add('classification', classification);
  const app = db.node.root;
  if (app instanceof App) {
    app.synth();
  }
  return db;
}

const PGAUDIT = {
  'rds.force_ssl': '1',
  shared_preload_libraries: 'pg_stat_statements,pgaudit',
  'pgaudit.log': 'ddl,role,write',
};

function postgres(
  parameters: Record<string, string>,
  options: { classification?: string; exports?: readonly string[] } = {},
): rds.CfnDBInstance {
  const s = stack();
  const group = new rds.CfnDBParameterGroup(s, 'Pg', { family: 'postgres17', description: 'd', parameters });
  const db = new rds.CfnDBInstance(s, 'Db', {
    dbInstanceClass: 'db.m6g.large',
    engine: 'postgres',
    dbParameterGroupName: group.ref,
    enableCloudwatchLogsExports: [...(options.exports ?? ['postgresql', 'upgrade'])],
  });
  return classified(db, options.classification ?? 'OFFICIAL-SENSITIVE');
}

function sqlServer(
  settings: { name: string; value: string }[] | undefined,
  classification = 'OFFICIAL-SENSITIVE',
) {
  const s = stack();
  const group = new rds.CfnOptionGroup(s, 'Og', {
    engineName: 'sqlserver-se',
    majorEngineVersion: '16.00',
    optionGroupDescription: 'd',
    optionConfigurations:
      settings === undefined ? [] : [{ optionName: 'SQLSERVER_AUDIT', optionSettings: settings }],
  });
  const db = new rds.CfnDBInstance(s, 'Db', {
    dbInstanceClass: 'db.m6i.large',
    engine: 'sqlserver-se',
    optionGroupName: group.ref,
  });
  return classified(db, classification);
}

describe('rdsAuditForOfficialSensitive', () => {
  test.each([
    ['pgaudit preloaded, classes audited, postgresql exported', PGAUDIT, {}, COMPLIANT],
    ['pgaudit alone in the preload list', { ...PGAUDIT, shared_preload_libraries: 'pgaudit' }, {}, COMPLIANT],
    [
      'no pgaudit in the preload list',
      { ...PGAUDIT, shared_preload_libraries: 'pg_stat_statements' },
      {},
      NON_COMPLIANT,
    ],
    ['pgaudit.log none', { ...PGAUDIT, 'pgaudit.log': 'none' }, {}, NON_COMPLIANT],
    ['no pgaudit.log', { 'rds.force_ssl': '1', shared_preload_libraries: 'pgaudit' }, {}, NON_COMPLIANT],
    ['the postgresql log not exported', PGAUDIT, { exports: ['upgrade'] }, NON_COMPLIANT],
    ['OFFICIAL data', { 'rds.force_ssl': '1' }, { classification: 'OFFICIAL' }, NOT_APPLICABLE],
  ] as const)('PostgreSQL: %s -> %s', (_name, parameters, options, expected) => {
    expect(rdsAuditForOfficialSensitive(postgres(parameters, { ...options }))).toBe(expected);
  });

  const role = { name: 'IAM_ROLE_ARN', value: 'arn:aws:iam::555555555555:role/audit' };
  const bucket = { name: 'S3_BUCKET_ARN', value: 'arn:aws:s3:::audit/database-audit/555555555555' };
  test.each([
    ['SQLSERVER_AUDIT with its role and bucket', [role, bucket], COMPLIANT],
    ['no bucket', [role], NON_COMPLIANT],
    ['an empty role', [{ ...role, value: '' }, bucket], NON_COMPLIANT],
    ['no SQLSERVER_AUDIT option', undefined, NON_COMPLIANT],
  ] as const)('SQL Server: %s -> %s', (_name, settings, expected) => {
    expect(rdsAuditForOfficialSensitive(sqlServer(settings && [...settings]))).toBe(expected);
  });

  test('SQL Server without an option group at all fails; OFFICIAL SQL Server is not checked', () => {
    const s = stack();
    const bare = classified(
      new rds.CfnDBInstance(s, 'Db', { dbInstanceClass: 'db.m6i.large', engine: 'sqlserver-ee' }),
      'OFFICIAL-SENSITIVE',
    );
    expect(rdsAuditForOfficialSensitive(bare)).toBe(NON_COMPLIANT);
    expect(rdsAuditForOfficialSensitive(sqlServer(undefined, 'OFFICIAL'))).toBe(NOT_APPLICABLE);
  });

  test('engines that audit every database, and untagged instances, are not checked', () => {
    const s = stack();
    const untagged = new rds.CfnDBInstance(s, 'Pg', { dbInstanceClass: 'db.m6g.large', engine: 'postgres' });
    const mysql = classified(
      new rds.CfnDBInstance(s, 'MySql', { dbInstanceClass: 'db.m6g.large', engine: 'mysql' }),
      'OFFICIAL-SENSITIVE',
    );
    expect(rdsAuditForOfficialSensitive(mysql)).toBe(NOT_APPLICABLE);
    expect(rdsAuditForOfficialSensitive(untagged)).toBe(NOT_APPLICABLE);
  });
});
