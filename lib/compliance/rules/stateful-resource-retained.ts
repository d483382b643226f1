import { CfnDeletionPolicy, type CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';

/** Resource types that hold data or the keys to it. */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set([
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::Backup::BackupVault',
  'AWS::Backup::LogicallyAirGappedBackupVault',
  'AWS::KMS::Key',
  'AWS::Logs::LogGroup',
  'AWS::S3::Bucket',
  'AWS::DynamoDB::Table',
  'AWS::EFS::FileSystem',
]);

const KEPT: readonly (CfnDeletionPolicy | undefined)[] = [
  CfnDeletionPolicy.RETAIN,
  CfnDeletionPolicy.SNAPSHOT,
  CfnDeletionPolicy.RETAIN_EXCEPT_ON_CREATE,
];

/** Stateful resources survive stack deletion and replacement: Retain or Snapshot on both policies. */
export function statefulResourceRetained(node: CfnResource): NagRuleResult {
  if (!STATEFUL_TYPES.has(node.cfnResourceType)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const { deletionPolicy, updateReplacePolicy } = node.cfnOptions;
  return KEPT.includes(deletionPolicy) && KEPT.includes(updateReplacePolicy)
    ? NagRuleCompliance.COMPLIANT
    : NagRuleCompliance.NON_COMPLIANT;
}
