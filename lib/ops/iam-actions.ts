import { SERVICE_REPORT_READ_ACTIONS } from './service-report/iam-actions';

/**
 * The IAM actions each `lz ops` command calls: the one list the documented minimum policies
 * (docs/operations.md, checked by a test) and the read-only operations role are built from. Add an
 * action here when a command starts calling a new API, or the role will deny it.
 */
export const OPS_READ_ACTIONS = {
  // The last three read what each BGP site announced: its routes in the Transit Gateway's tables.
  'vpn-status': [
    'ec2:DescribeVpnConnections',
    'ec2:DescribeCustomerGateways',
    'ec2:DescribeTransitGatewayRouteTables',
    'ec2:GetTransitGatewayRouteTablePropagations',
    'ec2:SearchTransitGatewayRoutes',
  ],
  'db-health': ['rds:DescribeDBInstances', 'rds:DescribePendingMaintenanceActions'],
  'backup-compliance': [
    'backup:DescribeBackupVault',
    'backup:ListRecoveryPointsByBackupVault',
    'backup:ListBackupJobs',
    'backup:ListCopyJobs',
  ],
  // It reuses the three checks above on the wave's workloads, so it needs exactly their actions.
  'cutover-readiness': [
    'ec2:DescribeVpnConnections',
    'ec2:DescribeCustomerGateways',
    'ec2:DescribeTransitGatewayRouteTables',
    'ec2:GetTransitGatewayRouteTablePropagations',
    'ec2:SearchTransitGatewayRoutes',
    'rds:DescribeDBInstances',
    'rds:DescribePendingMaintenanceActions',
    'backup:DescribeBackupVault',
    'backup:ListRecoveryPointsByBackupVault',
    'backup:ListBackupJobs',
    'backup:ListCopyJobs',
  ],
  'service-report': SERVICE_REPORT_READ_ACTIONS,
} as const satisfies Readonly<Record<string, readonly string[]>>;

export type OpsCommandName = keyof typeof OPS_READ_ACTIONS;

/**
 * Which commands read each kind of account, so each account's read-only role holds only the
 * actions of the commands that read it: the VPN reads (`ec2:DescribeVpnConnections` among them)
 * only where the VPNs are, the database reads only where the databases are. `cutover-readiness`
 * reads each account through the same roles, so its actions are covered account by account.
 */
export const OPS_COMMANDS_BY_ACCOUNT_ROLE = {
  // The service report reads metrics, events, jobs and costs in the network and workload accounts.
  network: ['vpn-status', 'service-report'],
  backup: ['backup-compliance'],
  production: ['db-health', 'backup-compliance', 'service-report'],
  'non-production': ['db-health', 'backup-compliance', 'service-report'],
} as const satisfies Readonly<Record<string, readonly OpsCommandName[]>>;

/** The read actions of the given commands, once, sorted. */
export function readActionsOf(commands: readonly OpsCommandName[]): string[] {
  return [...new Set(commands.flatMap((c) => OPS_READ_ACTIONS[c]))].sort();
}

/** The statement id a command's policy uses, e.g. LzOpsBackupCompliance. */
export function statementId(command: OpsCommandName): string {
  return `LzOps${command
    .split('-')
    .map((w) => `${w.charAt(0).toUpperCase()}${w.slice(1)}`)
    .join('')}`;
}

/** The minimum policy document of one command, as docs/operations.md shows it. */
export function minimumPolicy(command: OpsCommandName): {
  Version: string;
  Statement: { Sid: string; Effect: 'Allow'; Action: string[]; Resource: string }[];
} {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: statementId(command), Effect: 'Allow', Action: [...OPS_READ_ACTIONS[command]], Resource: '*' },
    ],
  };
}

/** Every read action of every command, once, sorted: the read-only role's policy. */
export function allReadActions(): string[] {
  return [...new Set(Object.values(OPS_READ_ACTIONS).flat())].sort();
}

/**
 * The restore drill's actions, grouped by how the drill role may use them (see
 * lib/iam/operations-roles.ts). Reads cannot be limited to drill resources; every change is
 * limited to resources the drill created: tagged `lz-restore-drill` or named `<prefix>-drill-*`.
 */
export const RESTORE_DRILL_ACTIONS = {
  /**
   * Reads: the source instance, its recovery points, the restore job and the restored instance; at
   * clean-up, the drill's security group and restore job looked up by name when AWS's answer to
   * creating them was lost.
   */
  read: [
    'rds:DescribeDBInstances',
    'backup:ListRecoveryPointsByBackupVault',
    'backup:GetRecoveryPointRestoreMetadata',
    'backup:DescribeRestoreJob',
    'backup:ListRestoreJobs',
    'ec2:DescribeSecurityGroups',
  ],
  /** Only when the request tags the new security group with the drill tag. */
  createTaggedSecurityGroup: ['ec2:CreateSecurityGroup'],
  /** Only on a security group that carries the drill tag. */
  changeTaggedSecurityGroup: [
    'ec2:AuthorizeSecurityGroupIngress',
    'ec2:RevokeSecurityGroupEgress',
    'ec2:DeleteSecurityGroup',
  ],
  /** Only on DB subnet groups and instances named `<prefix>-drill-*`. */
  drillNamedRds: [
    'rds:CreateDBSubnetGroup',
    'rds:DeleteDBSubnetGroup',
    'rds:AddTagsToResource',
    'rds:DeleteDBInstance',
  ],
  /**
   * Restores a recovery point, only one AWS Backup made of an RDS instance: such recovery points
   * are RDS snapshots (`arn:<partition>:rds:<region>:<account>:snapshot:awsbackup:*`), not
   * `arn:...:backup:...:recovery-point:*`, and IAM matches the restore against that ARN.
   */
  restore: ['backup:StartRestoreJob'],
  /** Hands the drill's own restore role to the restore job, and to no other service. */
  passRestoreRole: ['iam:PassRole'],
} as const satisfies Readonly<Record<string, readonly string[]>>;
