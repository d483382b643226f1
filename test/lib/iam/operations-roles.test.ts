import { readFileSync } from 'node:fs';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { validateConfigText } from '../../../lib/config/load';
import { RESTORE_DRILL_ACTIONS } from '../../../lib/ops/iam-actions';
import { OperationsRoles, readOnlyActions } from '../../../lib/iam/operations-roles';
import { testApp } from '../../helpers/cdk-app';

interface Statement {
  Sid: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, string>>;
}
interface RoleProps {
  RoleName: string;
  AssumeRolePolicyDocument: { Statement: { Principal: unknown }[] };
  Policies: { PolicyName: string; PolicyDocument: { Statement: Statement[] } }[];
}

function roles(withDrill: boolean): Record<string, RoleProps> {
  const app = testApp();
  const stack = new Stack(app, 'Ops', { env: { account: '555555555555', region: 'eu-west-2' } });
  new OperationsRoles(stack, 'Roles', {
    trustedAccount: '222222222222',
    roleName: 'lz-operations-read-only',
    prefix: 'kvdc',
    ...(withDrill ? { drillRoleName: 'lz-operations-restore-drill' } : {}),
  });
  const found = Template.fromStack(stack).findResources('AWS::IAM::Role');
  return Object.fromEntries(
    Object.values(found).map((r) => {
      const props = (r as { Properties: RoleProps }).Properties;
      return [props.RoleName, props];
    }),
  );
}

function actions(statements: readonly Statement[]): string[] {
  return statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])).sort();
}

describe('OperationsRoles', () => {
  it('the read-only role holds exactly the lz ops read actions, trusted by the configured account only', () => {
    const role = roles(false)['lz-operations-read-only'];
    expect(Object.keys(roles(false))).toEqual(['lz-operations-read-only']);
    expect(role?.Policies.map((p) => p.PolicyName)).toEqual(['LzOpsRead']);
    const statements = role?.Policies[0]?.PolicyDocument.Statement ?? [];
    expect(actions(statements)).toEqual(readOnlyActions());
    expect(actions(statements)).toEqual(
      expect.arrayContaining(['cloudwatch:GetMetricData', 'ce:GetCostAndUsage']),
    );
    expect(actions(statements).every((a) => /^[a-z0-9]+:(Describe|List|Get|FilterLogEvents$)/.test(a))).toBe(
      true,
    );
    expect(role?.AssumeRolePolicyDocument.Statement.map((s) => JSON.stringify(s.Principal))).toEqual([
      expect.stringContaining(':iam::222222222222:root'),
    ]);
  });

  it('the drill role holds exactly the drill actions, every change limited to drill-tagged or drill-named resources', () => {
    const drill = roles(true)['lz-operations-restore-drill'];
    const statements = drill?.Policies[0]?.PolicyDocument.Statement ?? [];
    const expected = [...Object.values(RESTORE_DRILL_ACTIONS).flat(), 'ec2:CreateTags'];
    expect([...new Set(actions(statements))]).toEqual([...new Set(expected)].sort());
    const bySid = new Map(statements.map((s) => [s.Sid, s]));
    expect(bySid.get('DrillCreateTaggedSecurityGroup')?.Condition).toEqual({
      StringLike: { 'aws:RequestTag/lz-restore-drill': 'kvdc-drill-*' },
    });
    expect(bySid.get('DrillChangeTaggedSecurityGroup')?.Condition).toEqual({
      StringLike: { 'aws:ResourceTag/lz-restore-drill': 'kvdc-drill-*' },
    });
    expect(JSON.stringify(bySid.get('DrillNamedRds')?.Resource)).toMatch(
      /:db:kvdc-drill-\*.*:subgrp:kvdc-drill-\*/,
    );
    expect(bySid.get('DrillPassRestoreRole')?.Condition).toEqual({
      StringEquals: { 'iam:PassedToService': 'backup.amazonaws.com' },
    });
    // Resource "*" only for the reads.
    const star = statements.filter((s) => s.Resource === '*').map((s) => s.Sid);
    expect(star).toEqual(['DrillRead']);
  });
});

describe('operations configuration', () => {
  const example = readFileSync('config/landing-zone.yaml', 'utf8');

  it('the example configures the roles', () => {
    expect(validateConfigText('x.yaml', example).config?.operations).toEqual({
      trustedAccount: '222222222222',
      roleName: 'lz-operations-read-only',
      drillRoleName: 'lz-operations-restore-drill',
    });
  });

  it('rejects a malformed account id, a bad role name and unknown keys, all at once, with their lines', () => {
    const bad = example.replace(
      "trustedAccount: '222222222222'\n  roleName: lz-operations-read-only",
      "trustedAccount: '2222'\n  roleName: 'not a role'\n  rolename: x",
    );
    const errors = validateConfigText('x.yaml', bad).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.path).sort()).toEqual([
      'operations.roleName',
      'operations.rolename',
      'operations.trustedAccount',
    ]);
    expect(errors.every((d) => d.file === 'x.yaml' && d.line > 1)).toBe(true);
  });
});
