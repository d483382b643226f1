import { readFileSync } from 'node:fs';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { validateConfigText } from '../../../lib/config/load';
import { OperationsRoles } from '../../../lib/iam/operations-roles';
import {
  allReadActions,
  readActionsOf,
  RESTORE_DRILL_ACTIONS,
  type OpsCommandName,
} from '../../../lib/ops/iam-actions';
import { testApp } from '../../helpers/cdk-app';

interface Statement {
  Sid: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, string>>;
}
interface RoleProps {
  RoleName: string;
  AssumeRolePolicyDocument: { Statement: { Principal: unknown; Condition?: unknown }[] };
  Policies: { PolicyName: string; PolicyDocument: { Statement: Statement[] } }[];
}

const OPERATORS =
  'arn:aws:iam::999999999999:role/aws-reserved/sso.amazonaws.com/eu-west-2/AWSReservedSSO_LandingZoneOperations_*';

function roles(withDrill: boolean, commands?: readonly OpsCommandName[]): Record<string, RoleProps> {
  const app = testApp();
  const stack = new Stack(app, 'Ops', { env: { account: '555555555555', region: 'eu-west-2' } });
  new OperationsRoles(stack, 'Roles', {
    trustedAccount: '999999999999',
    trustedPrincipalArns: [OPERATORS],
    roleName: 'lz-operations-read-only',
    prefix: 'kvdc',
    ...(commands === undefined ? {} : { commands }),
    ...(withDrill
      ? { drillRoleName: 'lz-operations-restore-drill', drillRestoreRoleName: 'lz-operations-drill-restore' }
      : {}),
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
  it('the read-only role holds exactly the lz ops read actions, trusted by the named principals of the delivery account only', () => {
    const role = roles(false)['lz-operations-read-only'];
    expect(Object.keys(roles(false))).toEqual(['lz-operations-read-only']);
    expect(role?.Policies.map((p) => p.PolicyName)).toEqual(['LzOpsRead']);
    const statements = role?.Policies[0]?.PolicyDocument.Statement ?? [];
    expect(actions(statements)).toEqual(allReadActions());
    expect(actions(statements)).toEqual(
      expect.arrayContaining(['cloudwatch:GetMetricData', 'ce:GetCostAndUsage']),
    );
    // Reads only; SearchTransitGatewayRoutes is how vpn-status reads what each site announced.
    expect(
      actions(statements).every((a) =>
        /^[a-z0-9]+:(Describe|List|Get|FilterLogEvents$|SearchTransitGatewayRoutes$)/.test(a),
      ),
    ).toBe(true);
    expect(role?.AssumeRolePolicyDocument.Statement.map((s) => JSON.stringify(s.Principal))).toEqual([
      expect.stringContaining(':iam::999999999999:root'),
    ]);
    // The account root alone would hand the decision to every IAM policy in that account.
    expect(role?.AssumeRolePolicyDocument.Statement.map((s) => s.Condition)).toEqual([
      { ArnLike: { 'aws:PrincipalArn': [OPERATORS] } },
    ]);
  });

  it('an account without VPNs gets no VPN reads: ec2:DescribeVpnConnections only where the VPNs are', () => {
    const backupOnly = roles(false, ['backup-compliance'])['lz-operations-read-only'];
    const backupActions = actions(backupOnly?.Policies[0]?.PolicyDocument.Statement ?? []);
    expect(backupActions).toEqual(readActionsOf(['backup-compliance']));
    expect(backupActions).not.toContain('ec2:DescribeVpnConnections');
    const network = roles(false, ['vpn-status'])['lz-operations-read-only'];
    expect(actions(network?.Policies[0]?.PolicyDocument.Statement ?? [])).toContain(
      'ec2:DescribeVpnConnections',
    );
  });

  it('refuses to build roles trusted by nobody named', () => {
    const app = testApp();
    const stack = new Stack(app, 'Ops', { env: { account: '555555555555', region: 'eu-west-2' } });
    expect(
      () =>
        new OperationsRoles(stack, 'Roles', {
          trustedAccount: '999999999999',
          trustedPrincipalArns: [],
          roleName: 'lz-operations-read-only',
          prefix: 'kvdc',
        }),
    ).toThrow(/trustedPrincipalArns/);
  });

  it('the drill restores only AWS Backup RDS snapshots, with its own restore role limited to drill-named instances', () => {
    const all = roles(true);
    const drill = all['lz-operations-restore-drill']?.Policies[0]?.PolicyDocument.Statement ?? [];
    const bySid = new Map(drill.map((s) => [s.Sid, s]));
    // RDS recovery points are RDS snapshots, not backup recovery-point ARNs: IAM matches the snapshot.
    expect(JSON.stringify(bySid.get('DrillRestore')?.Resource)).toMatch(
      /:rds:eu-west-2:555555555555:snapshot:awsbackup:\*/,
    );
    expect(JSON.stringify(bySid.get('DrillRestore')?.Resource)).not.toContain('recovery-point');
    expect(JSON.stringify(bySid.get('DrillPassRestoreRole')?.Resource)).toContain('DrillRestore');
    expect(JSON.stringify(bySid.get('DrillPassRestoreRole')?.Resource)).not.toContain(
      'AWSBackupDefaultServiceRole',
    );
    const restore = all['lz-operations-drill-restore'];
    expect(restore?.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: 'backup.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': '555555555555' } },
      }),
    ]);
    const restoreStatements = restore?.Policies[0]?.PolicyDocument.Statement ?? [];
    const create = restoreStatements.find((s) => s.Sid === 'RestoreBackupSnapshotAsDrillCopy');
    expect(JSON.stringify(create?.Resource)).toMatch(/:db:kvdc-drill-\*/);
    expect(JSON.stringify(create?.Resource)).not.toMatch(/:db:\*/);
    expect(restoreStatements.find((s) => s.Sid === 'UseSnapshotKeyThroughRds')?.Condition).toEqual({
      StringEquals: { 'kms:ViaService': 'rds.eu-west-2.amazonaws.com' },
    });
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
      trustedAccount: '999999999999',
      trustedPrincipalArns: [OPERATORS],
      roleName: 'lz-operations-read-only',
      drillRoleName: 'lz-operations-restore-drill',
      drillRestoreRoleName: 'lz-operations-drill-restore',
    });
  });

  it('rejects a malformed account id, a bad role name and unknown keys, all at once, with their lines', () => {
    const bad = example
      .replace("trustedAccount: '999999999999'", "trustedAccount: '2222'")
      .replace('  roleName: lz-operations-read-only\n', "  roleName: 'not a role'\n  rolename: x\n");
    const errors = validateConfigText('x.yaml', bad).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.path).sort()).toEqual([
      'operations.roleName',
      'operations.rolename',
      'operations.trustedAccount',
    ]);
    expect(errors.every((d) => d.file === 'x.yaml' && d.line > 1)).toBe(true);
  });

  it('requires named principals: an operations section without trustedPrincipalArns is an error', () => {
    const bad = example.replace(/ {2}trustedPrincipalArns:\n {4}- [^\n]+\n/, '');
    const errors = validateConfigText('x.yaml', bad).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.path)).toEqual(['operations.trustedPrincipalArns']);
  });

  it('refuses trust from an account that runs servers, and principals outside the trusted account, all at once', () => {
    const bad = example
      .replace("trustedAccount: '999999999999'", "trustedAccount: '222222222222'")
      .replace(OPERATORS, OPERATORS.replace('999999999999', '111111111111'));
    const errors = validateConfigText('x.yaml', bad).diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        path: 'operations.trustedAccount',
        message: expect.stringContaining('shared-services has role shared-services') as string,
      }),
      expect.objectContaining({
        path: 'operations.trustedPrincipalArns[0]',
        message: expect.stringContaining('account 111111111111') as string,
      }),
    ]);
    expect(errors.every((d) => d.file === 'x.yaml' && d.line > 1)).toBe(true);
  });

  it('the delivery account must be a dedicated one (role delivery)', () => {
    const bad = example.replace('  account: delivery\n', '  account: shared-services\n');
    const errors = validateConfigText('x.yaml', bad).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.path)).toContain('delivery.account');
    expect(errors.find((d) => d.path === 'delivery.account')?.message).toMatch(
      /dedicated account with role delivery/,
    );
  });
});
