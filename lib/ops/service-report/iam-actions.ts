/**
 * The IAM actions `lz ops service-report` calls, in each account it reads (Cost Explorer in the
 * account it reads costs from). The read-only operations role includes them (lib/iam/operations-roles.ts)
 * and docs/operations.md shows them as the command's minimum policy (checked by a test).
 */
export const SERVICE_REPORT_READ_ACTIONS = [
  'cloudwatch:GetMetricData',
  'logs:DescribeLogGroups',
  'logs:FilterLogEvents',
  'backup:ListBackupJobs',
  'backup:ListCopyJobs',
  'backup:ListRecoveryPointsByBackupVault',
  'rds:DescribeEvents',
  'ec2:DescribeVpnConnections',
  'ec2:DescribeTransitGatewayAttachments',
  'ce:GetCostAndUsage',
] as const;

/** The command's minimum policy document, as docs/operations.md shows it. */
export function serviceReportPolicy(): {
  Version: string;
  Statement: { Sid: string; Effect: 'Allow'; Action: string[]; Resource: string }[];
} {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'LzOpsServiceReport', Effect: 'Allow', Action: [...SERVICE_REPORT_READ_ACTIONS], Resource: '*' },
    ],
  };
}
