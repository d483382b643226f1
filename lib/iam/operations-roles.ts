import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { allReadActions, RESTORE_DRILL_ACTIONS } from '../ops/iam-actions';
import { SERVICE_REPORT_READ_ACTIONS } from '../ops/service-report/iam-actions';
import { DRILL_TAG, drillNamePrefix } from '../ops/restore-drill-plan';

export interface OperationsRolesProps {
  /** The account whose principals may assume the roles. */
  readonly trustedAccount: string;
  /** The read-only role's name: what `lz ops --assume-role` is given. */
  readonly roleName: string;
  /** The restore-drill role's name. @default - no drill role (accounts that hold no databases) */
  readonly drillRoleName?: string;
  /** The configuration's short name: drill resources are named `<prefix>-drill-*`. */
  readonly prefix: string;
}

/** Every read action of every `lz ops` command, the service report's included, once and sorted. */
export function readOnlyActions(): string[] {
  return [...new Set([...allReadActions(), ...SERVICE_REPORT_READ_ACTIONS])].sort();
}

/** The statements of the read-only role: every action of every `lz ops` read, from one list. */
export function readOnlyStatements(): iam.PolicyStatement[] {
  return [new iam.PolicyStatement({ sid: 'LzOpsRead', actions: readOnlyActions(), resources: ['*'] })];
}

/**
 * The statements of the drill role. Reads are on `*`; every change is limited to resources the drill
 * created, by the drill tag (security groups) or the `<prefix>-drill-` name (RDS).
 */
export function drillStatements(stack: Stack, prefix: string): iam.PolicyStatement[] {
  const arn = (service: string, resource: string, account = stack.account): string =>
    `arn:${stack.partition}:${service}:${stack.region}:${account}:${resource}`;
  const drill = drillNamePrefix(prefix);
  const a = RESTORE_DRILL_ACTIONS;
  return [
    new iam.PolicyStatement({ sid: 'DrillRead', actions: [...a.read], resources: ['*'] }),
    new iam.PolicyStatement({
      sid: 'DrillCreateTaggedSecurityGroup',
      actions: [...a.createTaggedSecurityGroup],
      resources: [arn('ec2', 'security-group/*')],
      conditions: { StringLike: { [`aws:RequestTag/${DRILL_TAG}`]: `${drill}*` } },
    }),
    // Creating a group names its VPC too; the VPC is shared from the network account.
    new iam.PolicyStatement({
      sid: 'DrillSecurityGroupVpc',
      actions: [...a.createTaggedSecurityGroup],
      resources: [arn('ec2', 'vpc/*', '*')],
    }),
    new iam.PolicyStatement({
      sid: 'DrillTagOnCreate',
      actions: ['ec2:CreateTags'],
      resources: [arn('ec2', 'security-group/*')],
      conditions: { StringEquals: { 'ec2:CreateAction': 'CreateSecurityGroup' } },
    }),
    new iam.PolicyStatement({
      sid: 'DrillChangeTaggedSecurityGroup',
      actions: [...a.changeTaggedSecurityGroup],
      resources: [arn('ec2', 'security-group/*')],
      conditions: { StringLike: { [`aws:ResourceTag/${DRILL_TAG}`]: `${drill}*` } },
    }),
    new iam.PolicyStatement({
      sid: 'DrillNamedRds',
      actions: [...a.drillNamedRds],
      resources: [arn('rds', `subgrp:${drill}*`), arn('rds', `db:${drill}*`)],
    }),
    new iam.PolicyStatement({
      sid: 'DrillRestore',
      actions: [...a.restore],
      resources: [arn('backup', 'recovery-point:*')],
    }),
    new iam.PolicyStatement({
      sid: 'DrillPassRestoreRole',
      actions: [...a.passRestoreRole],
      resources: [
        `arn:${stack.partition}:iam::${stack.account}:role/service-role/AWSBackupDefaultServiceRole`,
      ],
      conditions: { StringEquals: { 'iam:PassedToService': 'backup.amazonaws.com' } },
    }),
  ];
}

/**
 * The roles the `lz ops` commands use in one account: a read-only role with exactly the commands'
 * read actions and, where databases live, a separate restore-drill role that can change only what
 * a drill creates. Both are trusted by one configured account and nothing else.
 */
export class OperationsRoles extends Construct {
  readonly readOnly: iam.Role;
  readonly drill?: iam.Role;

  constructor(scope: Construct, id: string, props: OperationsRolesProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const readStatements = readOnlyStatements();
    this.readOnly = new iam.Role(this, 'ReadOnly', {
      roleName: props.roleName,
      assumedBy: new iam.AccountPrincipal(props.trustedAccount),
      description: 'lz ops: read-only checks of VPNs, databases and backups, and the service report',
      inlinePolicies: { LzOpsRead: new iam.PolicyDocument({ statements: readStatements }) },
    });
    acknowledge(
      this.readOnly,
      readStatements,
      `Read-only Describe/List/Get actions (${readOnlyActions().join(', ')}) that the commands call across the account; ` +
        'the EC2, Backup, CloudWatch, RDS event and Cost Explorer read actions cannot be limited to a resource ARN.',
    );
    if (props.drillRoleName !== undefined) {
      const drillPolicy = drillStatements(stack, props.prefix);
      this.drill = new iam.Role(this, 'RestoreDrill', {
        roleName: props.drillRoleName,
        assumedBy: new iam.AccountPrincipal(props.trustedAccount),
        description: 'lz ops restore-drill: changes only resources the drill creates and tags',
        inlinePolicies: {
          LzOpsRestoreDrill: new iam.PolicyDocument({ statements: drillPolicy }),
        },
      });
      acknowledge(
        this.drill,
        drillPolicy,
        `Reads (${RESTORE_DRILL_ACTIONS.read.join(', ')}) cannot be limited to a resource; security-group, VPC, ` +
          'recovery-point and <prefix>-drill-* RDS wildcards are limited by the drill tag or name: the drill creates ' +
          'resources whose IDs are not known in advance.',
      );
    }
  }
}

/**
 * cdk-nag names each wildcard resource in its own IAM5 finding, so each is acknowledged by name, on
 * the CfnRole the findings are reported against; the inline policy is the brief's design (it lives
 * and dies with its role and cannot be attached to anything else).
 */
function acknowledge(role: iam.Role, statements: readonly iam.PolicyStatement[], reason: string): void {
  const resource = role.node.defaultChild;
  if (resource === undefined) return;
  const stack = Stack.of(role);
  const wildcards = new Set(
    statements
      .flatMap((s) => s.resources.map((r) => String(stack.resolve(r))))
      .filter((r) => r.includes('*')),
  );
  for (const wildcard of [...wildcards].sort()) {
    Validations.of(resource).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::${wildcard}]`,
      reason,
    });
  }
  Validations.of(resource).acknowledge({
    id: 'NIST.800.53.R5::NIST.800.53.R5-IAMNoInlinePolicy',
    reason:
      'The role policy is inline on purpose: it is built from lib/ops/iam-actions.ts, lives and dies with this one ' +
      'role and cannot be attached to any other principal.',
  });
}
