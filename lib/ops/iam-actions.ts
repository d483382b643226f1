/**
 * The IAM actions each `lz ops` command calls: the one list the documented minimum policies
 * (docs/operations.md, checked by a test) and the read-only operations role are built from. Add an
 * action here when a command starts calling a new API, or the role will deny it.
 */
export const OPS_READ_ACTIONS = {
  'vpn-status': ['ec2:DescribeVpnConnections', 'ec2:DescribeCustomerGateways'],
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
    'rds:DescribeDBInstances',
    'rds:DescribePendingMaintenanceActions',
    'backup:DescribeBackupVault',
    'backup:ListRecoveryPointsByBackupVault',
    'backup:ListBackupJobs',
    'backup:ListCopyJobs',
  ],
} as const satisfies Readonly<Record<string, readonly string[]>>;

export type OpsCommandName = keyof typeof OPS_READ_ACTIONS;

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
