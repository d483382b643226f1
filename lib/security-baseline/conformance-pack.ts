/**
 * The controls AWS Config checks in every account and region, as AWS managed rules, each with the
 * NCSC Cyber Assessment Framework principle it gives evidence for. Rules on IAM and the account
 * (global resources) run in the home region only, where global resources are recorded.
 */
export interface ManagedConfigRule {
  /** The rule name in the pack (AWS's name for the managed rule). */
  readonly name: string;
  /** The managed rule identifier (SourceIdentifier). */
  readonly identifier: string;
  /** NCSC CAF principle, e.g. B2 (identity and access control). */
  readonly caf: string;
  readonly homeRegionOnly?: boolean;
  readonly parameters?: Readonly<Record<string, string>>;
}

export const CONFORMANCE_RULES: readonly ManagedConfigRule[] = [
  {
    name: 'root-account-mfa-enabled',
    identifier: 'ROOT_ACCOUNT_MFA_ENABLED',
    caf: 'B2',
    homeRegionOnly: true,
  },
  {
    name: 'iam-root-access-key-check',
    identifier: 'IAM_ROOT_ACCESS_KEY_CHECK',
    caf: 'B2',
    homeRegionOnly: true,
  },
  {
    name: 'iam-password-policy',
    identifier: 'IAM_PASSWORD_POLICY',
    caf: 'B2',
    homeRegionOnly: true,
    parameters: { MinimumPasswordLength: '14', PasswordReusePrevention: '24' },
  },
  {
    name: 'iam-user-mfa-enabled',
    identifier: 'IAM_USER_MFA_ENABLED',
    caf: 'B2',
    homeRegionOnly: true,
  },
  {
    name: 'access-keys-rotated',
    identifier: 'ACCESS_KEYS_ROTATED',
    caf: 'B2',
    homeRegionOnly: true,
    parameters: { maxAccessKeyAge: '90' },
  },
  {
    name: 'multi-region-cloudtrail-enabled',
    identifier: 'MULTI_REGION_CLOUD_TRAIL_ENABLED',
    caf: 'C1',
  },
  {
    name: 'cloud-trail-log-file-validation-enabled',
    identifier: 'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED',
    caf: 'C1',
  },
  {
    name: 'guardduty-enabled-centralized',
    identifier: 'GUARDDUTY_ENABLED_CENTRALIZED',
    caf: 'C2',
  },
  { name: 'securityhub-enabled', identifier: 'SECURITYHUB_ENABLED', caf: 'C2' },
  { name: 'vpc-flow-logs-enabled', identifier: 'VPC_FLOW_LOGS_ENABLED', caf: 'C1' },
  {
    name: 'ec2-ebs-encryption-by-default',
    identifier: 'EC2_EBS_ENCRYPTION_BY_DEFAULT',
    caf: 'B3',
  },
  { name: 'encrypted-volumes', identifier: 'ENCRYPTED_VOLUMES', caf: 'B3' },
  { name: 'ec2-imdsv2-check', identifier: 'EC2_IMDSV2_CHECK', caf: 'B4' },
  {
    name: 's3-account-level-public-access-blocks-periodic',
    identifier: 'S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC',
    caf: 'B3',
    homeRegionOnly: true,
  },
  { name: 's3-bucket-ssl-requests-only', identifier: 'S3_BUCKET_SSL_REQUESTS_ONLY', caf: 'B3' },
  { name: 'vpc-default-security-group-closed', identifier: 'VPC_DEFAULT_SECURITY_GROUP_CLOSED', caf: 'B4' },
  { name: 'restricted-ssh', identifier: 'INCOMING_SSH_DISABLED', caf: 'B4' },
  { name: 'rds-storage-encrypted', identifier: 'RDS_STORAGE_ENCRYPTED', caf: 'B3' },
  { name: 'rds-instance-public-access-check', identifier: 'RDS_INSTANCE_PUBLIC_ACCESS_CHECK', caf: 'B4' },
  { name: 'rds-snapshots-public-prohibited', identifier: 'RDS_SNAPSHOTS_PUBLIC_PROHIBITED', caf: 'B3' },
  { name: 'kms-cmk-not-scheduled-for-deletion', identifier: 'KMS_CMK_NOT_SCHEDULED_FOR_DELETION', caf: 'B3' },
  { name: 'backup-recovery-point-encrypted', identifier: 'BACKUP_RECOVERY_POINT_ENCRYPTED', caf: 'B5' },
  {
    name: 'backup-recovery-point-manual-deletion-disabled',
    identifier: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED',
    caf: 'B5',
  },
  { name: 'cloudwatch-log-group-encrypted', identifier: 'CLOUDWATCH_LOG_GROUP_ENCRYPTED', caf: 'B3' },
];

/** The conformance pack template (CloudFormation syntax, as AWS Config expects) for one region. */
export function conformancePackTemplate(homeRegion: boolean): string {
  const resources = Object.fromEntries(
    CONFORMANCE_RULES.filter((rule) => homeRegion || rule.homeRegionOnly !== true).map((rule) => [
      rule.name
        .split('-')
        .map((part) => (part[0] ?? '').toUpperCase() + part.slice(1))
        .join(''),
      {
        Type: 'AWS::Config::ConfigRule',
        Properties: {
          ConfigRuleName: rule.name,
          Source: { Owner: 'AWS', SourceIdentifier: rule.identifier },
          ...(rule.parameters ? { InputParameters: rule.parameters } : {}),
        },
      },
    ]),
  );
  return JSON.stringify({ Resources: resources });
}
