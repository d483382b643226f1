/**
 * Resource types whose replacement or deletion loses data or connectivity that cannot simply be
 * recreated: databases, vaults and keys, buckets and log groups, networks and VPNs, and secrets.
 */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set([
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::Backup::BackupVault',
  'AWS::Backup::LogicallyAirGappedBackupVault',
  'AWS::KMS::Key',
  'AWS::S3::Bucket',
  'AWS::Logs::LogGroup',
  'AWS::EC2::VPC',
  'AWS::EC2::Subnet',
  'AWS::EC2::TransitGateway',
  'AWS::EC2::VPNConnection',
  'AWS::EC2::CustomerGateway',
  'AWS::SecretsManager::Secret',
  'AWS::DynamoDB::Table',
  'AWS::EFS::FileSystem',
]);

export function isStateful(type: string): boolean {
  return STATEFUL_TYPES.has(type);
}

/**
 * The stateful types that must also survive stack deletion and replacement (Retain or Snapshot):
 * everything that holds data or the keys to it, and the networks. VPN connections, customer
 * gateways and secrets are recreated by configuration, so the change guard watches them instead.
 */
export const RETAINED_TYPES: ReadonlySet<string> = new Set(
  [...STATEFUL_TYPES].filter(
    (t) =>
      !['AWS::EC2::VPNConnection', 'AWS::EC2::CustomerGateway', 'AWS::SecretsManager::Secret'].includes(t),
  ),
);
