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
