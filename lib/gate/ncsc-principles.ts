/**
 * The NCSC Cloud Security Principles and the checks in this repository that give evidence for
 * each, as data. A rule is named as it appears in the validation report (pack prefix and rule), or
 * as one of the gate's own checks. Principles about people and process are listed with no rules:
 * templates cannot evidence them, and the summary says so rather than implying coverage.
 */
export interface Principle {
  readonly number: number;
  readonly title: string;
  readonly rules: readonly string[];
  /** What the templates show, or why they cannot show anything. */
  readonly evidence: string;
}

export const GATE_CHECK_RULES = {
  changeGuard: 'gate:change-guard',
  drPosture: 'gate:dr-posture',
  cfnLint: 'gate:cfn-lint',
  cloudFormationValidate: 'gate:cloudformation-validate',
  deployment: 'gate:deployment',
  segmentation: 'gate:segmentation',
} as const;

export const NCSC_PRINCIPLES: readonly Principle[] = [
  {
    number: 1,
    title: 'Data in transit protection',
    evidence:
      'VPN tunnels use IKEv2 with AES-256, SHA-2 and DH 14+; databases force TLS; buckets and topics refuse plain HTTP.',
    rules: [
      'Council-VPNTunnelStrongCrypto',
      'Council-VPNPreSharedKeyDynamicReference',
      'DataProtection-RDSTlsEnforced',
      'Council-BucketTLSOnly',
      'AwsSolutions-S10',
      'AwsSolutions-SNS3',
      'NIST.800.53.R5-S3BucketSSLRequestsOnly',
    ],
  },
  {
    number: 2,
    title: 'Asset protection and resilience',
    evidence:
      'Data stays in allowed regions, is encrypted with customer-managed keys, backed up to locked vaults and copied out of the account; stateful resources are retained; the DR check proves recovery targets.',
    rules: [
      'Council-ResourceInAllowedRegion',
      'Council-CMKForOfficialSensitive',
      'AwsSolutions-RDS2',
      'AwsSolutions-RDS10',
      'AwsSolutions-KMS5',
      'NIST.800.53.R5-RDSStorageEncrypted',
      'NIST.800.53.R5-RDSInstanceDeletionProtectionEnabled',
      'NIST.800.53.R5-RDSMultiAZSupport',
      'NIST.800.53.R5-CloudWatchLogGroupEncrypted',
      'NIST.800.53.R5-RDSInBackupPlan',
      'kms_create_grant_aws_service_check',
      'rds_instance_multi_az_support_check',
      'DataProtection-BackupVaultCmkAndLock',
      'DataProtection-BackupPlanCopiesOutsideAccount',
      'DataProtection-StatefulResourceRetained',
      'DataProtection-RDSInTaggedBackupPlan',
      GATE_CHECK_RULES.changeGuard,
      GATE_CHECK_RULES.drPosture,
    ],
  },
  {
    number: 3,
    title: 'Separation between customers',
    evidence:
      'Production and non-production are separate accounts and Transit Gateway segments with no route between them; default security groups are closed.',
    rules: [
      'Council-TransitGatewayExplicitRouting',
      'NIST.800.53.R5-VPCDefaultSecurityGroupClosed',
      GATE_CHECK_RULES.segmentation,
    ],
  },
  {
    number: 4,
    title: 'Governance framework',
    evidence: 'Organisational: not evidenced by templates.',
    rules: [],
  },
  {
    number: 5,
    title: 'Operational security',
    evidence:
      'Changes that would replace or delete stateful resources are blocked; VPC flow logs are on; stateful resources are retained.',
    rules: [
      GATE_CHECK_RULES.changeGuard,
      'AwsSolutions-VPC7',
      'NIST.800.53.R5-VPCFlowLogsEnabled',
      'DataProtection-StatefulResourceRetained',
    ],
  },
  {
    number: 6,
    title: 'Personnel security',
    evidence: 'Organisational: not evidenced by templates.',
    rules: [],
  },
  {
    number: 7,
    title: 'Secure development',
    evidence: 'Every template passes the CloudFormation schemas, cfn-lint and the rule packs before merge.',
    rules: [GATE_CHECK_RULES.cloudFormationValidate, GATE_CHECK_RULES.cfnLint, GATE_CHECK_RULES.deployment],
  },
  {
    number: 8,
    title: 'Supply chain security',
    evidence:
      'Supplier facts live in the migration wave files (vendor, contract end, AWS support); not evidenced by templates.',
    rules: [],
  },
  {
    number: 9,
    title: 'Secure user management',
    evidence:
      'IAM policies are least-privilege, customer-managed where the project writes them, with every wildcard acknowledged.',
    rules: [
      'AwsSolutions-IAM4',
      'AwsSolutions-IAM5',
      'NIST.800.53.R5-IAMNoInlinePolicy',
      'NIST.800.53.R5-IAMPolicyNoStatementsWithAdminAccess',
      'NIST.800.53.R5-IAMPolicyNoStatementsWithFullAccess',
    ],
  },
  {
    number: 10,
    title: 'Identity and authentication',
    evidence:
      'Database credentials are managed by Secrets Manager with CMKs; IAM database authentication where the engine supports it.',
    rules: [
      'AwsSolutions-SMG4',
      'AwsSolutions-RDS6',
      'NIST.800.53.R5-SecretsManagerRotationEnabled',
      'NIST.800.53.R5-SecretsManagerUsingKMSKey',
    ],
  },
  {
    number: 11,
    title: 'External interface protection',
    evidence:
      'No security group is open to the internet except declared entry points; only the egress VPC routes to an internet gateway; databases are not public.',
    rules: [
      'Council-SecurityGroupInternetIngress',
      'AwsSolutions-EC23',
      'NIST.800.53.R5-EC2RestrictedCommonPorts',
      'NIST.800.53.R5-EC2RestrictedSSH',
      'NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW',
      'NIST.800.53.R5-RDSInstancePublicAccess',
    ],
  },
  {
    number: 12,
    title: 'Secure service administration',
    evidence:
      'Administration goes through Systems Manager endpoints inside the VPCs; deploy-time functions are reviewed.',
    rules: ['lambda_inside_vpc_check', 'NIST.800.53.R5-LambdaInsideVPC'],
  },
  {
    number: 13,
    title: 'Audit information and alerting for customers',
    evidence:
      'Flow, VPN tunnel, resolver and database logs are kept at least the council minimum; OFFICIAL-SENSITIVE databases are audited into the log archive; tunnel alarms alert the network team.',
    rules: [
      'AwsSolutions-VPC7',
      'DataProtection-RDSAuditForOfficialSensitive',
      'Council-VPNTunnelLogging',
      'Council-LogRetentionMinimum',
      'DataProtection-LogGroupRetention',
      'NIST.800.53.R5-RDSLoggingEnabled',
      'NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod',
    ],
  },
  {
    number: 14,
    title: 'Secure use of the service',
    evidence:
      'Every resource carries owner, classification, wave and cost-centre tags and sits in an allowed region.',
    rules: ['Council-RequiredTags', 'Council-ResourceInAllowedRegion'],
  },
];
