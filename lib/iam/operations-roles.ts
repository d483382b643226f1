import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import {
  allReadActions,
  readActionsOf,
  RESTORE_DRILL_ACTIONS,
  type OpsCommandName,
} from '../ops/iam-actions';
import { DRILL_TAG, drillNamePrefix } from '../ops/restore-drill-plan';

/** The drill's restore role when none is named (operations.drillRestoreRoleName's default). */
const DEFAULT_DRILL_RESTORE_ROLE_NAME = 'lz-operations-drill-restore';

export interface OperationsRolesProps {
  /** The account whose principals may assume the roles: the dedicated delivery/tooling account. */
  readonly trustedAccount: string;
  /**
   * The principals of that account that may assume the roles (ArnLike patterns on
   * aws:PrincipalArn), never the whole account.
   */
  readonly trustedPrincipalArns: readonly string[];
  /** The read-only role's name: what `lz ops --assume-role` is given. */
  readonly roleName: string;
  /**
   * The `lz ops` commands that read this account: the read-only role holds their actions only.
   * @default - every command's read actions
   */
  readonly commands?: readonly OpsCommandName[];
  /** The restore-drill role's name. @default - no drill role (accounts that hold no databases) */
  readonly drillRoleName?: string;
  /**
   * The role AWS Backup restores a drill's copy with, able to create only drill-named instances.
   * @default 'lz-operations-drill-restore' (only with drillRoleName)
   */
  readonly drillRestoreRoleName?: string;
  /** The configuration's short name: drill resources are named `<prefix>-drill-*`. */
  readonly prefix: string;
}

/** The statements of the read-only role: the actions of the commands that read the account. */
export function readOnlyStatements(commands?: readonly OpsCommandName[]): iam.PolicyStatement[] {
  const actions = commands === undefined ? allReadActions() : readActionsOf(commands);
  return [new iam.PolicyStatement({ sid: 'LzOpsRead', actions, resources: ['*'] })];
}

/** Recovery points AWS Backup made of RDS instances: RDS snapshots named `awsbackup:job-...`. */
export function backupSnapshotArn(stack: Stack): string {
  return `arn:${stack.partition}:rds:${stack.region}:${stack.account}:snapshot:awsbackup:*`;
}

/**
 * What AWS Backup may do with the drill's restore role: restore an AWS Backup snapshot into an
 * instance and subnet group named `<prefix>-drill-*`, tag it, read what the restore needs, and use
 * the snapshot's key through RDS only. It cannot restore over or next to a live database name.
 */
export function drillRestoreStatements(stack: Stack, prefix: string): iam.PolicyStatement[] {
  const rds = (resource: string): string =>
    `arn:${stack.partition}:rds:${stack.region}:${stack.account}:${resource}`;
  const drill = drillNamePrefix(prefix);
  return [
    new iam.PolicyStatement({
      sid: 'RestoreBackupSnapshotAsDrillCopy',
      actions: ['rds:RestoreDBInstanceFromDBSnapshot'],
      resources: [
        rds(`db:${drill}*`),
        backupSnapshotArn(stack),
        rds(`subgrp:${drill}*`),
        rds('og:*'),
        rds('pg:*'),
      ],
    }),
    new iam.PolicyStatement({
      sid: 'TagDrillCopy',
      actions: ['rds:AddTagsToResource'],
      resources: [rds(`db:${drill}*`)],
    }),
    new iam.PolicyStatement({
      sid: 'ReadForRestore',
      actions: ['rds:DescribeDBInstances', 'rds:DescribeDBSnapshots'],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'UseSnapshotKeyThroughRds',
      // Named actions, not GenerateDataKey*/ReEncrypt*: what RDS needs to copy an encrypted snapshot.
      actions: [
        'kms:CreateGrant',
        'kms:DescribeKey',
        'kms:Decrypt',
        'kms:GenerateDataKey',
        'kms:GenerateDataKeyWithoutPlaintext',
        'kms:ReEncryptFrom',
        'kms:ReEncryptTo',
      ],
      resources: [`arn:${stack.partition}:kms:${stack.region}:${stack.account}:key/*`],
      conditions: { StringEquals: { 'kms:ViaService': `rds.${stack.region}.amazonaws.com` } },
    }),
  ];
}

/**
 * The statements of the drill role. Reads are on `*`; every change is limited to resources the drill
 * created, by the drill tag (security groups) or the `<prefix>-drill-` name (RDS).
 */
export function drillStatements(stack: Stack, prefix: string, restoreRoleArn: string): iam.PolicyStatement[] {
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
      resources: [backupSnapshotArn(stack)],
    }),
    new iam.PolicyStatement({
      sid: 'DrillPassRestoreRole',
      actions: [...a.passRestoreRole],
      resources: [restoreRoleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'backup.amazonaws.com' } },
    }),
  ];
}

/**
 * The roles the `lz ops` commands use in one account: a read-only role with exactly the read
 * actions of the commands that read this account and, where databases live, a separate
 * restore-drill role that can change only what a drill creates, with its own restore role for
 * AWS Backup. The first two are trusted by the named principals of the delivery account only.
 */
export class OperationsRoles extends Construct {
  readonly readOnly: iam.Role;
  readonly drill?: iam.Role;
  readonly drillRestore?: iam.Role;

  constructor(scope: Construct, id: string, props: OperationsRolesProps) {
    super(scope, id);
    if (props.trustedPrincipalArns.length === 0) {
      throw new Error('OperationsRoles: trustedPrincipalArns must name at least one principal');
    }
    const stack = Stack.of(this);
    // The named principals of the trusted account, never the whole account (its root).
    const trusted = (): iam.IPrincipal =>
      new iam.AccountPrincipal(props.trustedAccount).withConditions({
        ArnLike: { 'aws:PrincipalArn': [...props.trustedPrincipalArns] },
      });
    const readStatements = readOnlyStatements(props.commands);
    const readActions = props.commands === undefined ? allReadActions() : readActionsOf(props.commands);
    this.readOnly = new iam.Role(this, 'ReadOnly', {
      roleName: props.roleName,
      assumedBy: trusted(),
      description: `lz ops: read-only checks (${(props.commands ?? ['every command']).join(', ')})`,
      inlinePolicies: { LzOpsRead: new iam.PolicyDocument({ statements: readStatements }) },
    });
    acknowledge(
      this.readOnly,
      readStatements,
      `Read-only Describe/List actions (${readActions.join(', ')}) that the commands call across the account; ` +
        'the EC2, Backup, CloudWatch, RDS event and Cost Explorer read actions cannot be limited to a resource ARN.',
    );
    if (props.drillRoleName !== undefined) {
      const restorePolicy = drillRestoreStatements(stack, props.prefix);
      this.drillRestore = new iam.Role(this, 'DrillRestore', {
        roleName: props.drillRestoreRoleName ?? DEFAULT_DRILL_RESTORE_ROLE_NAME,
        assumedBy: new iam.ServicePrincipal('backup.amazonaws.com', {
          conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
        }),
        description: 'AWS Backup restores a drill copy with it: only into <prefix>-drill-* instances',
        inlinePolicies: { DrillRestore: new iam.PolicyDocument({ statements: restorePolicy }) },
      });
      acknowledge(
        this.drillRestore,
        restorePolicy,
        'AWS Backup snapshot ARNs (snapshot:awsbackup:*), option and parameter groups and keys are not known in ' +
          'advance; the instance and subnet group are limited to <prefix>-drill-* names, the key to use through RDS, ' +
          'and the Describe reads cannot be limited to a resource.',
      );
      const drillPolicy = drillStatements(stack, props.prefix, this.drillRestore.roleArn);
      this.drill = new iam.Role(this, 'RestoreDrill', {
        roleName: props.drillRoleName,
        assumedBy: trusted(),
        description: 'lz ops restore-drill: changes only resources the drill creates and tags',
        inlinePolicies: {
          LzOpsRestoreDrill: new iam.PolicyDocument({ statements: drillPolicy }),
        },
      });
      acknowledge(
        this.drill,
        drillPolicy,
        `Reads (${RESTORE_DRILL_ACTIONS.read.join(', ')}) cannot be limited to a resource; security-group, VPC, ` +
          'AWS Backup snapshot (snapshot:awsbackup:*) and <prefix>-drill-* RDS wildcards are limited by the drill tag ' +
          'or name: the drill creates resources whose IDs are not known in advance.',
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
