import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import {
  CONTROL_TOWER_RULES_DIR,
  ControlTowerGuardValidator,
  planGuardRuns,
  readGuardRules,
} from '../../../lib/compliance/control-tower-guard';
import { DISABLED_CONTROL_TOWER_RULES } from '../../../lib/compliance/register-checks';
import { testApp } from '../../helpers/cdk-app';

const dir = mkdtempSync(join(tmpdir(), 'lz-guard-'));

function template(name: string, resources: Record<string, unknown>): string {
  const path = join(dir, `${name}.template.json`);
  writeFileSync(path, JSON.stringify({ Resources: resources }));
  return path;
}

// A single-AZ database on its default port and an unencrypted bucket: controls of two services fail.
const database = template('database', {
  Db: {
    Type: 'AWS::RDS::DBInstance',
    Properties: { Engine: 'postgres', DBInstanceClass: 'db.t4g.micro', MultiAZ: false, Port: '5432' },
  },
});
const bucket = template('bucket', { Bucket: { Type: 'AWS::S3::Bucket', Properties: {} } });
const both = template('both', {
  Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'mysql', MultiAZ: false } },
  Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
});
const nothingChecked = template('parameter-only', {
  Topic: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'x' } },
});
const unreadable = join(dir, 'broken.template.json');
writeFileSync(unreadable, '{ not json');

const rules = readGuardRules(CONTROL_TOWER_RULES_DIR, DISABLED_CONTROL_TOWER_RULES);
const ruleNames = (paths: readonly string[]) => paths.map((p) => basename(p, '.guard'));

describe('Control Tower controls per resource type', () => {
  test('every control file is read, less the disabled ones, with the resource types it selects', () => {
    const all = readGuardRules(CONTROL_TOWER_RULES_DIR, []);
    expect(all.length).toBeGreaterThan(200);
    expect(rules).toHaveLength(all.length - DISABLED_CONTROL_TOWER_RULES.length);
    expect(rules.map((r) => basename(r.path, '.guard'))).not.toContain('ct-rds-pr-14');
    const multiAz = rules.find((r) => basename(r.path) === 'ct-rds-pr-1.guard');
    expect([...(multiAz?.resourceTypes ?? [])]).toEqual(['AWS::RDS::DBInstance']);
    // A control naming its type in single quotes is still typed, not run everywhere.
    const launchConfig = rules.find((r) => basename(r.path) === 'ct-autoscaling-pr-5.guard');
    expect([...(launchConfig?.resourceTypes ?? [])]).toEqual(['AWS::AutoScaling::LaunchConfiguration']);
  });

  test('each control runs only over the resources of the types it inspects', () => {
    const runs = planGuardRuns([database, bucket, both, nothingChecked], rules);
    const runOf = (rule: string) => runs.find((r) => ruleNames(r.rules).includes(rule));
    const multiAz = runOf('ct-rds-pr-1');
    expect(multiAz?.views).toEqual([
      { template: database, types: new Set(['AWS::RDS::DBInstance']) },
      { template: both, types: new Set(['AWS::RDS::DBInstance']) },
    ]);
    expect(runOf('ct-s3-pr-1')?.views.map((v) => v.template)).toEqual([bucket, both]);
    // Controls that select the same types share one cfn-guard run.
    expect(ruleNames(multiAz?.rules ?? [])).toEqual(expect.arrayContaining(['ct-rds-pr-1', 'ct-rds-pr-20']));
    // No control inspects SSM parameters, and controls for types no template has do not run.
    expect(runs.flatMap((r) => r.views.map((v) => v.template))).not.toContain(nothingChecked);
    expect(runOf('ct-redshift-pr-1')).toBeUndefined();
    expect(runs.every((r) => r.views.length > 0)).toBe(true);
  });

  test('a template that cannot be read is run whole against every control', () => {
    const runs = planGuardRuns([unreadable], rules);
    expect(runs).toEqual([
      { rules: rules.map((r) => r.path), views: [{ template: unreadable, types: 'all' }] },
    ]);
  });

  test("reports exactly the package plugin's findings, under the same plugin name", () => {
    const templatePaths = [database, bucket, both, nothingChecked];
    const context = { templatePaths, appConstruct: testApp() };
    const full = new CfnGuardValidator({ disabledRules: [...DISABLED_CONTROL_TOWER_RULES] });
    const perTemplate = new ControlTowerGuardValidator({ disabledRules: DISABLED_CONTROL_TOWER_RULES });
    const expected = full.validate(context);
    const actual = perTemplate.validate(context);
    const sorted = (violations: readonly unknown[]) => violations.map((v) => JSON.stringify(v)).sort();
    expect(expected.success).toBe(false);
    expect(expected.violations.map((v) => v.ruleName)).toEqual(
      expect.arrayContaining(['rds_instance_multi_az_support_check']),
    );
    expect(actual.success).toBe(expected.success);
    expect(sorted(actual.violations)).toEqual(sorted(expected.violations));
    expect(perTemplate.name).toBe(full.name);
    expect(perTemplate.ruleIds).toEqual(full.ruleIds);
  });

  test('a run with nothing to check succeeds', () => {
    const report = new ControlTowerGuardValidator().validate({
      templatePaths: [nothingChecked],
      appConstruct: testApp(),
    });
    expect(report).toEqual({ success: true, violations: [] });
  });
});
