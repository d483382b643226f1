import { Stack, type CfnResource } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { asList, asRecord, refTarget } from './resolve';

function deniesInsecureTransport(statement: Record<string, unknown>): boolean {
  if (statement['Effect'] !== 'Deny') {
    return false;
  }
  const bool = asRecord(asRecord(statement['Condition'])['Bool']);
  const secure = bool['aws:SecureTransport'];
  return secure === 'false' || secure === false;
}

/**
 * Every S3 bucket has a bucket policy (an AWS::S3::BucketPolicy in the same stack whose Bucket is a
 * Ref to it) with a Deny statement on `aws:SecureTransport: false`, so no request reaches the data
 * over plain HTTP. `enforceSSL: true` on the L2 Bucket writes exactly that.
 */
export function bucketTlsOnly(node: CfnResource): NagRuleResult {
  if (!(node instanceof s3.CfnBucket)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const stack = Stack.of(node);
  const logicalId: unknown = stack.resolve(node.logicalId);
  const bucketName: unknown = stack.resolve(node.bucketName);
  for (const child of stack.node.findAll()) {
    if (!(child instanceof s3.CfnBucketPolicy)) {
      continue;
    }
    const bucket: unknown = stack.resolve(child.bucket);
    const forThisBucket =
      refTarget(bucket) === logicalId || (typeof bucketName === 'string' && bucket === bucketName);
    if (!forThisBucket) {
      continue;
    }
    const statements = asList(asRecord(stack.resolve(child.policyDocument))['Statement']).map(asRecord);
    if (statements.some(deniesInsecureTransport)) {
      return NagRuleCompliance.COMPLIANT;
    }
  }
  return NagRuleCompliance.NON_COMPLIANT;
}
