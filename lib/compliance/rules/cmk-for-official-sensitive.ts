import type { CfnResource } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { asList, asRecord, findInStack, refTarget, resolved } from './resolve';
import { OFFICIAL_SENSITIVE, TAGS } from '../../names';
import { resourceTags } from './resource-tags';

/** The key property of each resource type the rule covers, or undefined for any other type. */
function encryptionKey(node: CfnResource): { key: unknown } | undefined {
  if (node instanceof rds.CfnDBInstance || node instanceof rds.CfnDBCluster) {
    return { key: node.kmsKeyId };
  }
  if (node instanceof s3.CfnBucket) {
    const config = asRecord(resolved(node, node.bucketEncryption));
    const rules = asList(config['serverSideEncryptionConfiguration']);
    const byDefault = asRecord(asRecord(rules[0])['serverSideEncryptionByDefault']);
    return { key: byDefault['kmsMasterKeyId'] };
  }
  if (node instanceof logs.CfnLogGroup || node instanceof secretsmanager.CfnSecret) {
    return { key: node.kmsKeyId };
  }
  if (node instanceof sns.CfnTopic) {
    return { key: node.kmsMasterKeyId };
  }
  if (node instanceof backup.CfnBackupVault) {
    return { key: node.encryptionKeyArn };
  }
  if (node instanceof ec2.CfnVolume) {
    return { key: node.kmsKeyId };
  }
  return undefined;
}

/**
 * Resources tagged `classification: OFFICIAL-SENSITIVE` that can be encrypted (RDS instances and
 * clusters, S3 buckets, log groups, SNS topics, Secrets Manager secrets, backup vaults, EBS volumes)
 * use a customer-managed KMS key: a Ref or Fn::GetAtt to an AWS::KMS::Key in the same stack. An AWS
 * managed key (`alias/aws/...`), any alias, or no key at all is non-compliant, because only a
 * customer-managed key lets the council control, audit and revoke access to the data.
 */
export function cmkForOfficialSensitive(node: CfnResource): NagRuleResult {
  const tags = resourceTags(node);
  if (tags?.[TAGS.classification] !== OFFICIAL_SENSITIVE) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const encryption = encryptionKey(node);
  if (encryption === undefined) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const target = refTarget(resolved(node, encryption.key));
  return target !== undefined && findInStack(node, target, kms.CfnKey) !== undefined
    ? NagRuleCompliance.COMPLIANT
    : NagRuleCompliance.NON_COMPLIANT;
}
